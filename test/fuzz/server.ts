/**
 * The language-server fuzzer: the bundled server over stdio, on a copy of the example, fed
 * seeded random edits (mutated documents), requests at random positions, malformed params,
 * unknown documents, cancellations, norma/check, and malformed frames. A crash is the server
 * exiting; an internal error is a -32603 answer; a swallowed exception is Langium's "An error
 * occurred during validation" on the server's stderr; every request must be answered.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RawClient, type Response } from './lsp-client.js';
import { int, mutate, pick, random, type Random } from './mutate.js';

export const REPO = path.resolve(__dirname, '../..');
const SERVER = path.join(REPO, 'extension/dist/server.cjs');
/** How long a request may wait for its answer before the fuzzer names it stalled. */
const STALL_MS = 60_000;

export interface ServerFigures {
    requests: number;
    edits: number;
    answered: number;
    unanswered: number;
    crashes: number;
    internalErrors: { method: string; message: string }[];
    invalidParams: number;
    cancelled: number;
    swallowed: number;
    slowestMs: number;
    slowestMethod: string;
    rssStartMb: number;
    rssEndMb: number;
    /** Requests with no answer after STALL_MS (they also count as unanswered). */
    stalled: { method: string; params: string; cancelled: boolean }[];
    /** The server's heap after garbage collection, once warm (a tenth of the requests, 500 at most) and at the end. */
    heapStartMb: number;
    heapEndMb: number;
}

const POSITION_METHODS = [
    'textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentHighlight',
    'textDocument/prepareRename', 'textDocument/signatureHelp', 'textDocument/declaration', 'textDocument/typeDefinition',
];
const DOCUMENT_METHODS = ['textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/documentLink'];

function rssMb(pid: number | undefined): number {
    try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        return Math.round(kb / 102.4) / 10;
    } catch {
        return NaN;
    }
}

/** Mutates params: a key dropped, a value of the wrong type, null, or a huge number. */
function breakParams(params: Record<string, unknown>, r: Random): unknown {
    const copy = JSON.parse(JSON.stringify(params)) as Record<string, any>;
    const keys = Object.keys(copy);
    switch (int(r, 6)) {
        case 0: delete copy[pick(r, keys)]; return copy;
        case 1: copy[pick(r, keys)] = pick(r, [null, 42, 'x', [], {}, true]); return copy;
        case 2: return pick(r, [null, [], 'params', 7]);
        case 3: if (copy.position) copy.position = { line: pick(r, [-1, 1e12, 0.5, '3']), character: 0 }; return copy;
        case 4: if (copy.textDocument) copy.textDocument = { uri: pick(r, ['', 'not a uri', 'file:///', 'file:///dev/zero', 42]) }; return copy;
        default: return undefined;
    }
}

/** `progress`: a file the figures so far are appended to every 1,000 requests. */
export async function fuzzServer(options: { requests: number; seed: number; example: string; progress?: string }): Promise<ServerFigures> {
    const r = random(options.seed);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-fuzz-lsp-'));
    fs.cpSync(options.example, folder, { recursive: true });
    const files = fs.readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(e => e.isFile() && e.name.endsWith('.norma')).map(e => path.join(e.parentPath, e.name));
    const docs = files.map(f => ({ uri: pathToFileURL(f).toString(), base: fs.readFileSync(f, 'utf8'), text: fs.readFileSync(f, 'utf8'), version: 1 }));
    const client = new RawClient(SERVER, folder, [path.join(__dirname, 'heap-report.cjs')]);
    const figures: ServerFigures = {
        requests: 0, edits: 0, answered: 0, unanswered: 0, crashes: 0, internalErrors: [], invalidParams: 0, cancelled: 0, swallowed: 0, stalled: [],
        slowestMs: 0, slowestMethod: '', rssStartMb: 0, rssEndMb: 0, heapStartMb: 0, heapEndMb: 0,
    };
    const record = (method: string, started: number, response: Response) => {
        const ms = performance.now() - started;
        if (ms > figures.slowestMs) { figures.slowestMs = Math.round(ms); figures.slowestMethod = method; }
        if (response.id === -1) return;
        figures.answered++;
        if (response.error?.code === -32603) figures.internalErrors.push({ method, message: response.error.message.slice(0, 300) });
        if (response.error?.code === -32602) figures.invalidParams++;
        if (response.error?.code === -32800) figures.cancelled++;
    };
    const send = (method: string, params: unknown, cancel = false): Promise<void> => {
        figures.requests++;
        const started = performance.now();
        let id = 0;
        const answer = client.request(method, params, i => { id = i; });
        if (cancel) client.notify('$/cancelRequest', { id });
        // A request left unanswered is named (and the run goes on) instead of waiting for ever.
        let timer: NodeJS.Timeout | undefined;
        const stalled = new Promise<undefined>(resolve => { timer = setTimeout(() => resolve(undefined), STALL_MS); });
        return Promise.race([answer, stalled]).then(response => {
            clearTimeout(timer);
            if (response) record(method, started, response);
            else figures.stalled.push({ method, params: JSON.stringify(params ?? null).slice(0, 500), cancelled: cancel });
        });
    };
    try {
        await client.initialize(pathToFileURL(folder).toString());
        for (const d of docs) client.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'norma', version: 1, text: d.text } });
        await send('textDocument/documentSymbol', { textDocument: { uri: docs[0].uri } });
        figures.rssStartMb = rssMb(client.process.pid);
        // The heap is first measured once the server is warm (its caches filled, the workspace built).
        const warm = Math.min(500, Math.floor(options.requests / 10));
        while (figures.requests < options.requests && client.exited === null) {
            const batch: Promise<void>[] = [];
            for (let k = 0; k < 8; k++) {
                const d = pick(r, docs);
                const lines = d.text.split('\n');
                const line = int(r, lines.length + 2);
                const position = { line, character: int(r, (lines[line]?.length ?? 3) + 2) };
                const textDocument = { uri: d.uri };
                const range = { start: position, end: { line: line + int(r, 5), character: int(r, 40) } };
                const choice = int(r, 20);
                if (choice < 4) {
                    // An edit: the whole document mutated (or back to its original now and then).
                    d.text = int(r, 10) === 0 ? d.base : mutate(d.base, r);
                    client.notify('textDocument/didChange', { textDocument: { uri: d.uri, version: ++d.version }, contentChanges: [{ text: d.text }] });
                    figures.edits++;
                } else if (choice < 9) {
                    batch.push(send(pick(r, POSITION_METHODS), { textDocument, position }, int(r, 6) === 0));
                } else if (choice < 11) {
                    batch.push(send(pick(r, DOCUMENT_METHODS), { textDocument }, int(r, 6) === 0));
                } else if (choice === 11) {
                    batch.push(send('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }));
                } else if (choice === 12) {
                    batch.push(send(pick(r, ['textDocument/inlayHint', 'textDocument/semanticTokens/range', 'textDocument/rangeFormatting']), { textDocument, range, options: { tabSize: 4, insertSpaces: true } }));
                } else if (choice === 13) {
                    batch.push(send('textDocument/codeAction', { textDocument, range, context: { diagnostics: (client.diagnostics.get(d.uri) ?? []).slice(0, 3) } }));
                } else if (choice === 14) {
                    batch.push(send(pick(r, ['textDocument/references', 'textDocument/rename', 'textDocument/selectionRange']), { textDocument, position, positions: [position], newName: pick(r, ['X', 'a b', '']), context: { includeDeclaration: true } }));
                } else if (choice === 15) {
                    batch.push(send(pick(r, [...POSITION_METHODS, ...DOCUMENT_METHODS, 'norma/check', 'workspace/symbol']), breakParams({ textDocument, position, folder, data: [] }, r)));
                } else if (choice === 16) {
                    batch.push(send(pick(r, POSITION_METHODS), { textDocument: { uri: pick(r, ['file:///nowhere/x.norma', 'file:///dev/zero', `${d.uri}.x`, 'untitled:1']) }, position }));
                } else if (choice === 17) {
                    if (int(r, 5) === 0) batch.push(send('norma/check', { folder, data: [path.join(folder, 'data')], actions: [path.join(folder, 'actions.csv')], asOf: '2026-10-31' }, int(r, 2) === 0));
                    else batch.push(send('workspace/symbol', { query: pick(r, ['', 'Acme', 'x'.repeat(1000)]) }));
                } else if (choice === 18) {
                    // Malformed frames: a body that is not JSON, JSON that is no message, an unknown method.
                    const body = pick(r, ['{not json', '[]', '42', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","method":5}', '\u0000\u0001']);
                    client.writeRaw(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
                    batch.push(send(pick(r, ['nothing/here', '$/unknown']), {}));
                } else {
                    batch.push(send('textDocument/hover', { textDocument, position }));
                }
            }
            await Promise.all(batch);
            if (!figures.heapStartMb && figures.requests >= warm) figures.heapStartMb = await client.heapMb();
            // A long run leaves its figures so far, in case it is stopped before the end.
            if (options.progress && Math.floor(figures.requests / 1000) > Math.floor((figures.requests - batch.length) / 1000)) {
                fs.appendFileSync(options.progress, `${new Date().toISOString()} ${JSON.stringify({ ...figures, internalErrors: figures.internalErrors.length, rssNowMb: rssMb(client.process.pid), heapNowMb: await client.heapMb() })}\n`);
            }
        }
        // Still serving after everything: an edit gets its diagnostics.
        await send('textDocument/documentSymbol', { textDocument: { uri: docs[0].uri } });
        figures.rssEndMb = rssMb(client.process.pid);
        figures.heapEndMb = await client.heapMb();
    } finally {
        figures.unanswered = client.outstanding;
        await client.stop().catch(() => undefined);
        figures.crashes = client.exited === 0 ? 0 : 1;
        figures.swallowed = (client.stderr.match(/An error occurred during validation/g) ?? []).length;
        fs.rmSync(folder, { recursive: true, force: true });
    }
    return figures;
}
