// The norma commands of a CI recipe (YAML), for the recipe tests here and in test/install.

/** The `norma ...` commands (run as `npx norma` or `norma`) of a YAML file, each returned as `npx norma ...`; continuation lines (`\`, folded `>` blocks) joined, cut before `||`, `&&`, `;`. */
export function normaCommands(text: string): string[] {
    const lines = text.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        const m = /(?:^|[\s-])(?:npx )?(norma\s+(?:validate|check|compile|test|fmt|diff|init|lsp|measure|staff)\b.*)/.exec(lines[i]);
        if (!m || lines[i].trim().startsWith('#')) continue;
        const indent = lines[i].search(/\S/);
        const folded = /:?\s*>-?\s*$/.test(lines[i - 1] ?? '') || /^\s*-\s*>-?\s*$/.test(lines[i - 1] ?? '');
        let cmd = `npx ${m[1]}`;
        let j = i;
        while (j + 1 < lines.length && (cmd.trimEnd().endsWith('\\') || (folded && lines[j + 1].trim() !== '' && lines[j + 1].search(/\S/) === indent))) {
            j++;
            cmd = `${cmd.trimEnd().replace(/\\$/, '').trimEnd()} ${lines[j].trim()}`;
        }
        out.push(cmd.split(/\s+(?:\|\||&&|;)\s+/)[0].replace(/\s+#.*$/, '').trim());
    }
    return out;
}

