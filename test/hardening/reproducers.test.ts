// Issue 15: the reproducers of its "Why" not covered elsewhere in test/hardening, over the
// bundled language server on stdio as an editor runs it, and on the command line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../fuzz/lsp-client.js';
import { FrameGuard } from '../../language/src/lsp/frames.js';
import { MAX_FILE_CHARS } from '../../language/src/parser/limits.js';
import { norma } from '../cli/run-norma.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'extension/dist/server.cjs');
const METRIC = 'metric M "Mean" { family quality unit percent better higher period daily }\n';

let client: RawClient | undefined;
afterEach(async () => {
    if (!client) return;
    await client.stop();
    expect(client.exited).toBe(0);
    client = undefined;
});

function folderWith(files: Record<string, string>): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-repro-'));
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        fs.writeFileSync(path.join(folder, file), text);
    }
    return folder;
}

async function serve(folder: string): Promise<{ init: Record<string, unknown>; uri: (f: string) => string }> {
    if (!fs.existsSync(SERVER)) throw new Error('extension/dist/server.cjs is missing: run `npm run build` first.');
    client = new RawClient(SERVER, folder);
    const init = await client.initialize(pathToFileURL(folder).toString());
    return { init: (init.result as { capabilities: Record<string, unknown> }).capabilities, uri: f => pathToFileURL(path.join(folder, f)).toString() };
}

/** Waits until the server has published diagnostics for a document (the client records them). */
async function diagnosticsOf(uri: string): Promise<{ message: string }[]> {
    for (let i = 0; i < 600 && !client!.diagnostics.has(uri) && client!.exited === null; i++) await new Promise(resolve => setTimeout(resolve, 50));
    return client!.diagnostics.get(uri) ?? [];
}

describe('the language server', () => {
    it('a 6,000,000-character title in one file: that file gets its limit error and the others their diagnostics', async () => {
        // Before: "Error in WorkspaceManager initialization" and no diagnostics for any file, ever.
        const folder = folderWith({ 'big.norma': `metric Big "${'x'.repeat(6_000_000)}" {}\n`, 'small.norma': 'program P { norm Missing >= 80% }\n' });
        const { uri } = await serve(folder);
        client!.notify('textDocument/didOpen', { textDocument: { uri: uri('small.norma'), languageId: 'norma', version: 1, text: fs.readFileSync(path.join(folder, 'small.norma'), 'utf8') } });
        expect((await diagnosticsOf(uri('small.norma'))).map(d => d.message).join('\n')).toMatch(/Missing/);
        expect((await diagnosticsOf(uri('big.norma'))).map(d => d.message).join('\n')).toMatch(/more than [\d,]+ characters/);
        expect(client!.stderr).not.toMatch(/WorkspaceManager initialization/);
    }, 60_000);

    it('norma/check on a workspace with a self-import through the parent folder answers, and the server goes on', async () => {
        // Before: the import loop never ended and the server stopped answering.
        const folder = folderWith({ 'a/m.norma': `import "../a/m.norma"\n${METRIC}program P { norm M >= 80% }\n`, 'm.csv': 'program,metric,period,value,sample\nP,M,2026-01-05,85,100\n' });
        const { uri } = await serve(folder);
        const check = await client!.request('norma/check', { folder, data: [path.join(folder, 'm.csv')], actions: [], asOf: '2026-01-06' });
        expect(check.error).toBeUndefined();
        expect((check.result as { kind: string }).kind).toBe('result');
        const symbols = await client!.request('textDocument/documentSymbol', { textDocument: { uri: uri('a/m.norma') } });
        expect(symbols.error).toBeUndefined();
    }, 60_000);

    it.each([
        ['no Content-Length', 'X-Note: hello\r\n\r\n{"jsonrpc":"2.0","id":9000,"method":"textDocument/hover"}'],
        ['a header line without a colon', 'garbage\r\n\r\n{"jsonrpc":"2.0","id":9001}'],
        ['a length that is not a number', 'Content-Length: many\r\n\r\n{}'],
        ['a length larger than any message', 'Content-Length: 99999999999\r\n\r\n{}'],
    ])('a frame with %s is dropped and later requests are answered', async (_, frame) => {
        // Before: vscode-jsonrpc read the dropped frame's body as the next frame's headers, and so on.
        const folder = folderWith({ 'm.norma': METRIC });
        const { uri } = await serve(folder);
        client!.notify('textDocument/didOpen', { textDocument: { uri: uri('m.norma'), languageId: 'norma', version: 1, text: METRIC } });
        client!.writeRaw(frame);
        for (let i = 0; i < 3; i++) {
            const symbols = await client!.request('textDocument/documentSymbol', { textDocument: { uri: uri('m.norma') } });
            expect(symbols.error).toBeUndefined();
            expect(JSON.stringify(symbols.result)).toContain('"M"');
        }
        expect(client!.stderr).toMatch(/dropped a malformed frame/);
    }, 60_000);

    it('advertises no resolve step and no pull diagnostics it does not serve; asking anyway is no internal error', async () => {
        const { init } = await serve(folderWith({ 'm.norma': METRIC }));
        expect((init.completionProvider as { resolveProvider?: boolean }).resolveProvider ?? false).toBe(false);
        expect((init.codeLensProvider as { resolveProvider?: boolean }).resolveProvider ?? false).toBe(false);
        expect(init.diagnosticProvider).toBeUndefined();
        for (const [method, params] of [
            ['completionItem/resolve', { label: 'metric' }],
            ['codeLens/resolve', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
            ['textDocument/diagnostic', { textDocument: { uri: 'file:///x.norma' } }],
        ] as const) {
            const response = await client!.request(method, params);
            expect(response.error?.code, method).not.toBe(-32603);
        }
    }, 60_000);
});

describe('the frame guard', () => {
    const through = async (chunks: (string | Buffer)[]): Promise<{ out: string; problems: string[] }> => {
        const problems: string[] = [];
        const guard = new FrameGuard(p => problems.push(p));
        const out: Buffer[] = [];
        guard.on('data', (b: Buffer) => out.push(b));
        for (const c of chunks) guard.write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
        guard.end();
        await new Promise(resolve => guard.on('end', resolve));
        return { out: Buffer.concat(out).toString('utf8'), problems };
    };
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

    it('passes well-formed frames byte for byte, however they are split', async () => {
        const text = frame('{"jsonrpc":"2.0","id":1,"method":"a","params":"é😀"}') + frame('{"id":2}');
        const bytes = Buffer.from(text, 'utf8');
        for (const size of [1, 3, 17, bytes.length]) {
            const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
            expect(await through(chunks)).toEqual({ out: text, problems: [] });
        }
    });

    it('drops a frame without Content-Length up to the next frame, and says so once', async () => {
        const { out, problems } = await through(['X: 1\r\n\r\n{"lost":true}', 'Content-Le', `ngth: 8\r\n\r\n{"id":3}${frame('{"id":4}')}`]);
        expect(out).toBe(frame('{"id":3}') + frame('{"id":4}'));
        expect(problems).toEqual(['Norma language server: dropped a malformed frame (no Content-Length header); reading on at the next Content-Length header.']);
    });
});

describe('the command line', () => {
    it('a 50 MB file of valid programs is one located error for its size, not a heap exhausted after minutes', () => {
        const program = 'program P "Program" {\n    norm M >= 80%\n}\n';
        const folder = folderWith({ 'metrics.norma': METRIC, 'big.norma': program.repeat(Math.ceil(50e6 / program.length)) });
        const run = norma(['validate', folder]);
        expect(run.code).toBe(2);
        expect(run.stdout).toMatch(/big\.norma:1:1 error This path has 50,\d{3},\d{3} bytes, more than the [\d,]+ characters Norma reads in one file/);
        expect(run.stdout).toContain(MAX_FILE_CHARS.toLocaleString('en-US'));
        expect(run.stdout).toMatch(/2 files checked: 1 error, 0 warnings/);
    }, 120_000);
});
