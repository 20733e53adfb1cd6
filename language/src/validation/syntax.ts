/**
 * Syntax errors in plain words. The parser (chevrotain, through Langium) reports what token
 * it expected (`Expecting token of type 'PERIOD' but found '01'`, `unexpected character:
 * ->=<- at offset: 784`); this table recognises the usual slips of people writing `.norma`
 * files by hand and says what to write instead. A slip often derails what follows on its
 * line, so only the first syntax error of a line is kept, and no other check reports on a
 * line that does not parse (SPEC: no second error caused by the first).
 */
import { AstUtils, GrammarAST, type Grammar } from 'langium';
import { closest } from '../engine/suggest.js';

/** `norm ServiceLevel => 80%`: an arrow or `=` where a comparison goes. */
export const CODE_SYNTAX_COMPARISON = 'syntax-comparison';
/** `from 2026-1-4` or `from 04.01.2026`: a date not written YYYY-MM-DD. */
export const CODE_SYNTAX_DATE = 'syntax-date';
/** `>= 80,5%`: a decimal comma. */
export const CODE_SYNTAX_DECIMAL_COMMA = 'syntax-decimal-comma';
/** A `{` never closed before the end of the file. */
export const CODE_SYNTAX_UNCLOSED_BLOCK = 'syntax-unclosed-block';
/** `famly service`: a word where a property keyword goes. */
export const CODE_SYNTAX_UNKNOWN_PROPERTY = 'syntax-unknown-property';
/** Any other syntax error, reworded. */
export const CODE_SYNTAX = 'norma-syntax';

export interface SyntaxMessage {
    code: string;
    message: string;
}

const COMPARISONS: Record<string, string> = { '=>': '>=', '=<': '<=', '≥': '>=', '≤': '<=', '==': '>=', '=': '>=' };

const TOKEN_WORDS: Record<string, string> = {
    PERIOD: 'a date or period like 2026-01-04', NUMBER: 'a number', ID: 'a name', STRING: 'a text in double quotes',
};

/** The words the grammar uses as keywords (`family`, `unit`, `norm`...), for did-you-mean. */
export function grammarWords(grammar: Grammar): string[] {
    const words = new Set<string>();
    for (const node of AstUtils.streamAst(grammar)) {
        if (GrammarAST.isKeyword(node) && /^[a-z]+$/.test(node.value)) words.add(node.value);
    }
    return [...words].sort();
}

/**
 * The plain-words message of a syntax error at `offset` of `text`, from the parser's own
 * message. `keywords` are the grammar's words, for a misspelt property.
 */
export function plainSyntaxError(text: string, offset: number, raw: string, keywords: readonly string[]): SyntaxMessage {
    const rest = text.slice(offset);
    const word = /^\S+/.exec(rest)?.[0] ?? '';

    // Comparisons: `=>`, `=<`, `≥`, `==`.
    const op = /^(=>|=<|==|≥|≤|=)/.exec(rest)?.[1];
    if (op && (/comparison|>=|Token sequences/.test(raw) || /unexpected character/.test(raw) || op !== '=')) {
        const instead = COMPARISONS[op];
        const message = op === '=' || op === '=='
            ? `\`${op}\` is not a comparison: a norm compares with >=, >, <=, < or between; did you mean \`${instead}\`?`
            : `\`${op}\` is not a comparison; did you mean \`${instead}\`?`;
        return { code: CODE_SYNTAX_COMPARISON, message };
    }

    // A decimal comma: `80,5%` (the error is at the comma, after the number).
    const before = /(\d+)$/.exec(text.slice(Math.max(0, offset - 24), offset))?.[1];
    const after = /^,(\d+)([%A-Za-z]*)/.exec(rest);
    if (before !== undefined && after) {
        return { code: CODE_SYNTAX_DECIMAL_COMMA, message: `a decimal is written ${before}.${after[1]}${after[2]}, with a point` };
    }
    const comma = /^(\d+),(\d+)([%A-Za-z]*)/.exec(rest);
    if (comma) return { code: CODE_SYNTAX_DECIMAL_COMMA, message: `a decimal is written ${comma[1]}.${comma[2]}${comma[3]}, with a point` };

    // Dates: `2026-1-4`, `04.01.2026`, `2026/01/04`.
    const date = /^(\d{1,4})[-./](\d{1,2})(?:[-./](\d{1,4}))?/.exec(rest);
    if (date && (/PERIOD/.test(raw) || /[./]/.test(date[0]) || date[1].length === 4)) {
        const [, a, b, c] = date;
        let example = '2026-01-04';
        if (a.length === 4 && c !== undefined && c.length <= 2) example = `${a}-${b.padStart(2, '0')}-${c.padStart(2, '0')}`;
        else if (a.length === 4 && c === undefined) example = `${a}-${b.padStart(2, '0')}`;
        const shown = date[0];
        return { code: CODE_SYNTAX_DATE, message: `a date is written ${example} (year-month-day, two digits for month and day), not ${shown}` };
    }

    // The end of the file inside a block.
    if (/found\s*(``|'')/.test(raw) || (/'}'/.test(raw) && rest.trim() === '')) {
        const open = unclosedBlock(text);
        if (open) return { code: CODE_SYNTAX_UNCLOSED_BLOCK, message: `the block of \`${open.header}\` opened on line ${open.line} is not closed: add a \`}\` after its last line` };
    }

    // A word where a keyword goes: a misspelt property.
    if (/^[A-Za-z_]\w*$/.test(word) && /Expecting/.test(raw) && !keywords.includes(word)) {
        const near = closest(word, keywords);
        if (near) return { code: CODE_SYNTAX_UNKNOWN_PROPERTY, message: `\`${word}\` is not a word Norma knows here; did you mean \`${near}\`?` };
        if (/'}'/.test(raw)) return { code: CODE_SYNTAX_UNKNOWN_PROPERTY, message: `\`${word}\` is not a word Norma knows here: a property of the block, or the \`}\` that ends it, was expected` };
    }

    return { code: CODE_SYNTAX, message: reword(raw, word) };
}

/** The parser's message, without its token names and offsets. */
function reword(raw: string, word: string): string {
    const unexpected = /unexpected character: ->(.+?)<-/s.exec(raw);
    if (unexpected) return `\`${unexpected[1]}\` is not a character Norma reads here`;
    const found = word ? `\`${word}\`` : 'the end of the file';
    const single = /Expecting token of type '([^']+)'/.exec(raw);
    if (single) {
        const wanted = TOKEN_WORDS[single[1]] ?? `\`${single[1]}\``;
        return `expected ${wanted} here, but found ${found}`;
    }
    const options = [...raw.matchAll(/\[([^\]]+)\]/g)].map(m => m[1].trim());
    if (/one of these possible Token sequences/.test(raw) && options.length) {
        const words = [...new Set(options.map(o => TOKEN_WORDS[o] ?? o))];
        return `expected ${words.slice(0, 8).join(', ')}${words.length > 8 ? ', ...' : ''} here, but found ${found}`;
    }
    return raw.replace(/\s+/g, ' ').trim();
}

/** The innermost `{` still open at the end of the text (strings and comments skipped), with the words before it. */
export function unclosedBlock(text: string): { header: string; line: number } | undefined {
    const open: number[] = [];
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        } else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        } else if (c === '{') {
            open.push(i);
        } else if (c === '}') {
            open.pop();
        }
    }
    const at = open[open.length - 1];
    if (at === undefined) return undefined;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const words = text.slice(lineStart, at).replace(/"(\\.|[^"\\])*"/g, '').trim().split(/\s+/).slice(0, 2).join(' ');
    return { header: words || '{', line: text.slice(0, at).split('\n').length };
}
