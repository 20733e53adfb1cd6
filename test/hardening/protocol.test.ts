// Issue 15, language server protocol hygiene over stdio (the bundled server): malformed params
// answer -32602, unknown documents answer null without reading the disk, a cancelled norma/check
// answers -32800, selectionRange is served, file-watcher events outside the workspace are ignored.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../fuzz/lsp-client.js';
import { norma } from '../cli/run-norma.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'extension/dist/server.cjs');
const EXAMPLE = path.join(ROOT, 'examples/copc-cx');
const TEXT = 'metric M "Mean" {\n    family quality\n    unit percent\n    better higher\n    period daily\n}\n';

let folder: string;
let client: RawClient;
const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();

beforeAll(async () => {
    if (!fs.existsSync(SERVER)) throw new Error('extension/dist/server.cjs is missing: run `npm run build` first.');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-protocol-'));
    fs.cpSync(EXAMPLE, folder, { recursive: true });
    client = new RawClient(SERVER, folder);
    const init = await client.initialize(pathToFileURL(folder).toString());
    expect((init.result as { capabilities: Record<string, unknown> }).capabilities.selectionRangeProvider).toBe(true);
    client.notify('textDocument/didOpen', { textDocument: { uri: uri('m.norma'), languageId: 'norma', version: 1, text: TEXT } });
});

afterAll(async () => {
    await client?.stop();
    expect(client.exited).toBe(0);
});

describe('malformed params', () => {
    it.each([
        ['textDocument/hover', {}, /params\.textDocument must be an object/],
        ['textDocument/hover', { textDocument: { uri: 'file:///x.norma' } }, /params\.position must be an object/],
        ['textDocument/hover', { textDocument: { uri: 'file:///x.norma' }, position: { line: -1, character: 0 } }, /params\.position\.line must be a whole number/],
        ['textDocument/completion', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }, /params\.textDocument\.uri must be a string/],
        ['textDocument/formatting', { textDocument: { uri: 'file:///x.norma' } }, /params\.options must be an object/],
        ['textDocument/codeAction', { textDocument: { uri: 'file:///x.norma' }, range: { start: { line: 0, character: 0 } }, context: {} }, /params\.range\.end must be an object/],
        ['norma/check', { folder: '.' }, /params\.data must be an array/],
        ['norma/compile', { folder: '.', out: 'out', target: 'wasm' }, /params\.target must be one of "js", "json"/],
    ])('%s %j answers -32602 with what is wrong', async (method, params, message) => {
        const response = await client.request(method, params);
        expect(response.error?.code).toBe(-32602);
        expect(response.error?.message).toMatch(message);
    });

    it('a malformed notification is dropped and the server goes on', async () => {
        client.notify('textDocument/didChange', { textDocument: { uri: uri('m.norma') }, contentChanges: [{ range: 'all' }] });
        const response = await client.request('textDocument/documentSymbol', { textDocument: { uri: uri('m.norma') } });
        expect(response.error).toBeUndefined();
        expect(JSON.stringify(response.result)).toContain('"M"');
    });
});

describe('documents the server does not know', () => {
    it.each(['file:///nowhere/x.norma', 'file:///dev/zero', 'untitled:Untitled-1', 'file:///etc/passwd'])('%s answers null, no internal error', async target => {
        const response = await client.request('textDocument/hover', { textDocument: { uri: target }, position: { line: 0, character: 0 } });
        expect(response).toMatchObject({ result: null });
        expect(response.error).toBeUndefined();
    });
});

describe('selectionRange', () => {
    it('grows from the word under the cursor to the metric and the file', async () => {
        const response = await client.request('textDocument/selectionRange', { textDocument: { uri: uri('m.norma') }, positions: [{ line: 2, character: 10 }] });
        const ranges: string[] = [];
        for (let s = (response.result as any[])[0]; s; s = s.parent) ranges.push(`${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`);
        expect(ranges).toEqual(['2:9-2:16', '2:4-2:16', '0:0-5:1', '0:0-6:0']);
    });
});

describe('cancellation', () => {
    it('a norma/check cancelled at once answers -32800', async () => {
        let id = 0;
        const answer = client.request('norma/check', { folder, data: [path.join(folder, 'data')], actions: [], asOf: '2026-10-31' }, i => { id = i; });
        client.notify('$/cancelRequest', { id });
        expect((await answer).error?.code).toBe(-32800);
    });

    it('a norma/check not cancelled gives its result', async () => {
        const response = await client.request('norma/check', { folder, data: [path.join(folder, 'data')], actions: [path.join(folder, 'actions.csv')], asOf: '2026-10-31' });
        expect((response.result as { kind: string }).kind).toBe('result');
    });
});

describe('file-watcher events', () => {
    it('events for the whole file system or a pipe outside the workspace are ignored; edits still get diagnostics', async () => {
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-outside-'));
        execFileSync('mkfifo', [path.join(outside, 'pipe.norma')]);
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///', type: 2 }, { uri: pathToFileURL(path.join(outside, 'pipe.norma')).toString(), type: 1 }] });
        client.notify('textDocument/didChange', { textDocument: { uri: uri('m.norma'), version: 2 }, contentChanges: [{ text: TEXT.replace('daily', 'dayly') }] });
        for (;;) {
            const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uri('m.norma') } });
            expect(symbols.error).toBeUndefined();
            if ((client.diagnostics.get(uri('m.norma')) ?? []).some(d => /dayly/.test(d.message))) break;
        }
    });
});

describe('compile into a place that cannot be written', () => {
    it('norma compile --out /proc/x stops with a plain error, exit 2', () => {
        const run = norma(['compile', EXAMPLE, '--out', '/proc/norma-x']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/Cannot (create the folder|write) \/proc\/norma-x/);
        expect(run.stderr).not.toMatch(/    at /);
    });

    it('norma/compile to /proc/x answers an error message, and the server goes on', async () => {
        const response = await client.request('norma/compile', { folder, out: '/proc/norma-x', target: 'js' });
        expect(response.result).toMatchObject({ kind: 'error', message: expect.stringMatching(/Cannot create the folder \/proc\/norma-x/) });
    });
});
