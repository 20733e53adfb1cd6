// Issue 15, terminal safety: control characters, escape sequences, bidi controls and invisible
// characters from any .norma text or data value are shown escaped in every terminal output
// (pretty check, validate, fmt, diff, test, staff, assess, error messages on stderr, with or
// without colour) and in the editor's messages (diagnostics, hovers); one module does it
// (language/src/text/visible.ts). Machine formats keep their own escaping and are not escaped twice.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { visible, visibleLines } from '../../language/src/text/visible.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { colors, MACHINE_FORMATS, ownCodes, terminalText, writeOutput } from '../../cli/src/terminal.js';
import { escapeXml } from '../../cli/src/formats/escape.js';
import { norma, REPO, tempDir } from '../cli/run-norma.js';
import { buildDocuments, clearAll, lspServices, type Services } from '../lsp/fixtures.js';
import { checkRequest } from '../../language/src/lsp/norma-check-request.js';

/** One payload of each class, and how it must read once escaped. */
const PAYLOADS: [string, string, string][] = [
    ['colour (SGR)', '\u001b[31mRED', '\\x1B[31mRED'],
    ['window title (OSC)', '\u001b]0;owned\u0007', '\\x1B]0;owned\\x07'],
    ['clear screen', '\u001b[2J\u001b[H', '\\x1B[2J\\x1B[H'],
    ['cursor up (overwrite a line above)', '\u001b[1A', '\\x1B[1A'],
    ['C1 control sequence introducer', '\u009b31m', '\\x9B31m'],
    ['C1 next line', 'a\u0085b', 'a\\x85b'],
    ['bell and backspace', '\u0007\u0008', '\\x07\\x08'],
    ['carriage return (rewrite the line)', 'ok\rFAIL', 'ok\\x0DFAIL'],
    ['delete', '\u007f', '\\x7F'],
    ['right-to-left override', 'abc\u202Edef', 'abc\\u202Edef'],
    ['bidi isolates', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['bidi marks', '\u200F\u061C', '\\u200F\\u061C'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['zero-width space, word joiner and byte-order mark', 'a\u200Bb\u2060c\uFEFF', 'a\\u200Bb\\u2060c\\uFEFF'],
    ['soft hyphen', 'ad\u00ADmin', 'ad\\xADmin'],
    ['tag characters (hidden ASCII)', 'x\u{E0041}\u{E0042}', 'x\\u{E0041}\\u{E0042}'],
];
/** What no terminal output may hold once Norma's own colour codes are taken out. */
const UNSAFE = /(?![\t\n\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const withoutOwnColours = (text: string) => text.replace(/\u001b\[\d+m/g, '');

describe('visible: the one module', () => {
    it.each(PAYLOADS)('%s is shown escaped', (_, payload, shown) => {
        expect(visible(payload)).toBe(shown);
        expect(visibleLines(payload)).toBe(shown);
    });

    // (A NUL byte makes a file binary, an error of its own: test/hardening/workspace-files.test.ts.)
    it('shows NUL and lone surrogates escaped and keeps pairs', () => {
        expect(visible('a\u0000b')).toBe('a\\x00b');
        expect(visible('a\uD800b\uDC00c')).toBe('a\\uD800b\\uDC00c');
        expect(visible('😀')).toBe('😀');
    });

    it('keeps line breaks and tabs in whole messages, escapes them in single values', () => {
        expect(visibleLines('a\n\tb')).toBe('a\n\tb');
        expect(visible('a\n\tb')).toBe('a\\x0A\\x09b');
    });

    it('leaves ordinary Unicode alone (joiners too) and changes nothing when applied twice', () => {
        const text = 'Acme Telecom — faturação, Zürich, 中文, می‌خواهم, 👩‍💻';
        expect(visible(text)).toBe(text);
        for (const [, payload] of PAYLOADS) expect(visible(visible(payload))).toBe(visible(payload));
    });
});

describe('terminalText: Norma\'s own codes kept, the input\'s escaped', () => {
    it('colours survive, an escape code inside a coloured value does not', () => {
        const c = colors(true);
        const out = terminalText(`${c.red(`T \u001b]0;owned\u0007 T`)} plain \u001b[2J`);
        expect(out).toBe('\u001b[31mT \\x1B]0;owned\\x07 T\u001b[39m plain \\x1B[2J');
    });

    it('nested colours still nest', () => {
        const c = colors(true);
        expect(terminalText(c.bold(c.red('x')))).toBe(terminalText(ownCodes('\u001b[1m\u001b[31mx\u001b[39m\u001b[22m')));
    });

    it('without colour the colour functions add nothing', () => {
        expect(colors(false).red('x')).toBe('x');
    });
});

describe('the choke points', () => {
    const captured = (write: () => void): string => {
        const original = process.stdout.write;
        let out = '';
        process.stdout.write = ((chunk: string) => { out += chunk; return true; }) as typeof process.stdout.write;
        try { write(); } finally { process.stdout.write = original; }
        return out;
    };

    it.each(PAYLOADS)('%s: text for people is escaped (pretty, markdown, github, no format), machine formats are written as rendered', (_, payload, shown) => {
        for (const format of [undefined, 'pretty', 'markdown', 'github']) expect(captured(() => writeOutput(`a ${payload} b`, undefined, format))).toBe(`a ${shown} b\n`);
        for (const format of MACHINE_FORMATS) expect(captured(() => writeOutput(`a ${payload} b`, '-', format))).toBe(`a ${payload} b\n`);
    });

    it('no command writes to stdout or the console past them (stderr is guarded as a whole in main.ts)', () => {
        const offenders: string[] = [];
        const walk = (dir: string) => {
            for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, e.name);
                if (e.isDirectory()) walk(file);
                else if (file.endsWith('.ts') && !/cli\/src\/(terminal|conventions)\.ts$/.test(file)) {
                    if (/process\.stdout\.write\(|console\.(log|info|warn|error)\(/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(REPO, file));
                }
            }
        };
        walk(path.join(REPO, 'cli/src'));
        expect(offenders).toEqual([]);
        expect(fs.readFileSync(path.join(REPO, 'cli/src/main.ts'), 'utf8')).toMatch(/guardStderr\(\)/);
    });
});

const METRIC = 'metric SL "Service level" { family service unit percent better higher period daily }\n';
/** A .norma string holding the characters themselves (the payloads hold no quote or backslash). */
const program = (title: string) => `program P "${title}" {\n    norm SL >= 80%\n}\n`;
/** Payloads a UTF-8 file can hold as they are (a lone surrogate cannot be written). */
const IN_FILES = PAYLOADS;

function titled(payload: string): { dir: string; data: string } {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'w.norma'), METRIC + program(`T ${payload} T`));
    const data = path.join(dir, 'm.csv');
    fs.writeFileSync(data, 'program,metric,period,value,sample\nP,SL,2026-01-05,85,100\n');
    return { dir, data };
}

describe('the command line', () => {
    it.each(IN_FILES)('%s in a program title: check pretty and markdown show it escaped, with NO_COLOR, FORCE_COLOR=0 and colour', (_, payload, shown) => {
        const { dir, data } = titled(payload);
        for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }, { FORCE_COLOR: '1' }]) {
            for (const format of ['pretty', 'markdown']) {
                const run = norma(['check', dir, '--data', data, '--as-of', '2026-01-06', '--format', format], { env });
                expect(run.code, run.stderr).toBe(0);
                // (Markdown escapes its own punctuation too, so its text differs.)
                if (format === 'pretty') expect(run.stdout).toContain(`T ${shown} T`);
                expect(withoutOwnColours(run.stdout)).not.toMatch(UNSAFE);
                if (format === 'pretty' && env.FORCE_COLOR === '1') expect(run.stdout).toMatch(/\u001b\[\d+m/);
            }
        }
    });

    it.each(IN_FILES)('%s in a program title: JSON, JUnit and HTML keep their own escaping, not escaped twice', (_, payload, shown) => {
        const { dir, data } = titled(payload);
        const junit = path.join(dir, 'j.xml');
        const html = path.join(dir, 'r.html');
        const run = norma(['check', dir, '--data', data, '--as-of', '2026-01-06', '--format', 'json', '--format', `junit:${junit}`, '--format', `html:${html}`]);
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout).summary.met).toBe(1);
        for (const text of [fs.readFileSync(junit, 'utf8'), fs.readFileSync(html, 'utf8')]) {
            expect(text).toContain(escapeXml(`T ${payload} T`));
            expect(text).not.toContain(shown);
        }
    });

    it.each(IN_FILES)('%s in an import path: validate shows it escaped, in pretty on stdout and on stderr', (_, payload, shown) => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'w.norma'), `import "x${payload}.norma"\n`);
        const run = norma(['validate', dir], { env: { NO_COLOR: '1' } });
        expect(run.code).toBe(2);
        expect(run.stdout).toContain(`x${shown}.norma`);
        expect(run.stdout + run.stderr).not.toMatch(UNSAFE);
        // A diagnostic is a message for people wherever it goes: JSON carries it as shown.
        const json = norma(['validate', dir, '--format', 'json']);
        expect(JSON.parse(json.stdout).diagnostics.map((d: { message: string }) => d.message).join('\n')).toContain(`x${shown}.norma`);
        const check = norma(['check', dir, '--data', dir, '--as-of', '2026-01-06'], { env: { FORCE_COLOR: '1' } });
        expect(check.code).toBe(2);
        expect(check.stderr).toContain(`x${shown}.norma`);
        expect(withoutOwnColours(check.stderr)).not.toMatch(UNSAFE);
    });

    // (A byte-order mark or NUL in a value is an error of its own: test/hardening/data-edges.test.ts.)
    it.each(IN_FILES.filter(([, payload]) => !/\uFEFF/.test(payload)))('%s in a data value: the located data error shows it escaped on stderr', (_, payload, shown) => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'w.norma'), METRIC + program('T'));
        fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify([{ program: 'P', metric: 'SL', period: '2026-01-05', value: `9${payload}`, sample: 100 }]));
        const run = norma(['check', dir, '--data', path.join(dir, 'm.json'), '--as-of', '2026-01-06'], { env: { FORCE_COLOR: '0' } });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(shown);
        expect(run.stderr).not.toMatch(UNSAFE);
    });

    it.each(IN_FILES)('%s in a title: fmt --diff and diff show it escaped', (_, payload, shown) => {
        const dir = tempDir();
        const file = path.join(dir, 'w.norma');
        fs.writeFileSync(file, `${METRIC}program   P "T ${payload} T" { norm SL >= 80% }\n`);
        const fmt = norma(['fmt', '--check', '--diff', dir], { env: { FORCE_COLOR: '1' } });
        expect(fmt.code, fmt.stderr).toBe(1);
        expect(fmt.stdout).toContain(`T ${shown} T`);
        expect(withoutOwnColours(fmt.stdout)).not.toMatch(UNSAFE);
        const other = path.join(dir, 'new.norma');
        fs.writeFileSync(other, `${METRIC}program P "T ${payload} T" { norm SL >= 90% }\n`);
        const diff = norma(['diff', file, other]);
        expect(diff.stdout + diff.stderr).not.toMatch(UNSAFE);
    });

    it('an argument holding escape codes is echoed escaped in the usage error', () => {
        const run = norma(['check', '--format', 'x\u001b]0;owned\u0007']);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('x\\x1B]0;owned\\x07');
        expect(run.stderr).not.toMatch(UNSAFE);
    });
});

describe('the editor', () => {
    it.each(PAYLOADS.filter(([, payload]) => !/[\r\n\u2028\u2029\u0085\uFEFF]/.test(payload)))('%s where no token may stand: the lexer error quotes it escaped', async (_, payload) => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: `metric M { ${payload} }\n` }]);
        const text = ws.diagnostics.map(d => d.message).join('\n');
        expect(text).toMatch(/\\(x|u)/);
        expect(text).not.toMatch(UNSAFE);
    });

    it.each(PAYLOADS)('%s in an import path: the diagnostic is escaped', async (_, payload, shown) => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: `import "x${payload}.norma"\n` }]);
        expect(ws.diagnostics.map(d => d.message).join('\n')).toContain(`x${shown}.norma`);
        expect(ws.diagnostics.map(d => d.message).join('\n')).not.toMatch(UNSAFE);
    });

    describe('hover', () => {
        let services: Services;
        beforeAll(() => { services = lspServices(); });
        afterEach(() => clearAll(services));

        it.each(PAYLOADS)('%s in a program title: the hover shows it escaped', async (_, payload, shown) => {
            const [doc] = await buildDocuments(services, { 'w.norma': METRIC + program(`T ${payload} T`) });
            const at = doc.textDocument.getText().indexOf('program P') + 'program '.length;
            const hover = await services.Norma.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(at) });
            const value = (hover?.contents as { value: string }).value;
            expect(value).toContain(`T ${shown} T`);
            expect(value).not.toMatch(UNSAFE);
        });
    });
});

describe('the editor: lenses and norma/check', () => {
    let services: Services;
    let folder: string;
    beforeAll(async () => {
        services = lspServices();
        await services.shared.workspace.ConfigurationProvider.initialized({});
    });
    afterEach(async () => {
        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { norma: {} } });
        await clearAll(services);
    });
    const badData = (payload: string) => {
        folder = tempDir();
        fs.writeFileSync(path.join(folder, 'w.norma'), METRIC + program('T'));
        fs.writeFileSync(path.join(folder, 'm.json'), JSON.stringify([{ program: 'P', metric: 'SL', period: '2026-01-05', value: `9${payload}`, sample: 100 }]));
    };

    it.each(IN_FILES.filter(([, payload]) => !/\uFEFF/.test(payload)))('%s in a data value: the verdict lens and the norma/check message show it escaped', async (_, payload, shown) => {
        badData(payload);
        services.Norma.lsp.NormaEvaluation.setRoot(folder);
        services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { norma: { data: ['m.json'], asOf: '2026-01-06' } } });
        const [doc] = await buildDocuments(services, { 'w.norma': METRIC + program('T') });
        const list = await services.Norma.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
        const titles = (list ?? []).map(l => l.command?.title ?? '').join('\n');
        expect(titles).toContain(visible(`9${payload}`));
        expect(titles).not.toMatch(UNSAFE);
        const response = await checkRequest({ folder, data: ['m.json'], actions: [], asOf: '2026-01-06' });
        expect(response.kind).toBe('data-errors');
        const message = (response as { message: string }).message;
        expect(message).toContain(shown);
        expect(message).not.toMatch(UNSAFE);
    });
});

it('the example still reads as before (nothing to escape)', () => {
    const run = norma(['validate', path.join(REPO, 'examples/copc-cx')], { env: { NO_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/\\x|\\u/);
});
