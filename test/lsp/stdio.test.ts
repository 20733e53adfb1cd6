// End to end over stdio: the bundled server (extension/dist/server.cjs, built by `npm run build`),
// spawned as any editor would, driven by a real LSP client connection. Waits for messages, never sleeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
    CodeLensRequest, CompletionRequest, DefinitionRequest, DidOpenTextDocumentNotification, DocumentFormattingRequest, ExitNotification,
    HoverRequest, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, ShutdownRequest,
    type CompletionItem, type CompletionList, type Diagnostic, type Location, type LocationLink, type MarkupContent, type TextEdit,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = process.env.NORMA_LSP_SERVER ?? path.join(ROOT, 'extension/dist/server.cjs');

const METRICS = `metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
    better higher
    period daily
}
`;
const PROGRAM = `program Acme {
    norm ServiceLevl >= 80%
    norm ServiceLevel >= 85% from 2026-07-01
}
`;

let server: ChildProcess;
let connection: ProtocolConnection;
let folder: string;
let stderr = '';
const diagnostics = new Map<string, Diagnostic[]>();
const waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];

/** Resolves with the first diagnostics published for `uri` (already or later) that pass `test`. */
function diagnosticsFor(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const known = diagnostics.get(uri);
    if (known && test(known)) return Promise.resolve(known);
    return new Promise(resolve => waiters.push({ uri, test, resolve }));
}

const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).toString();

beforeAll(async () => {
    if (!fs.existsSync(SERVER)) {
        throw new Error(`The bundled language server ${path.relative(ROOT, SERVER)} is missing: run 'npm run build' first.`);
    }
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-stdio-'));
    fs.mkdirSync(path.join(folder, 'programs'));
    fs.writeFileSync(path.join(folder, 'metrics.norma'), METRICS);
    fs.writeFileSync(path.join(folder, 'programs/acme.norma'), PROGRAM);
    server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr!.on('data', chunk => { stderr += chunk; });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        diagnostics.set(params.uri, params.diagnostics);
        for (const w of [...waiters]) {
            if (w.uri === params.uri && w.test(params.diagnostics)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(params.diagnostics);
            }
        }
    });
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(folder).toString(),
        workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }],
        capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } } },
    });
    expect(init.capabilities.completionProvider).toBeDefined();
    await connection.sendNotification(InitializedNotification.type, {});
    for (const [name, text] of [['metrics.norma', METRICS], ['programs/acme.norma', PROGRAM]]) {
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: uriOf(name), languageId: 'norma', version: 1, text },
        });
    }
}, 30_000);

afterAll(async () => {
    if (server && server.exitCode === null) server.kill();
    connection?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the bundled server over stdio', () => {
    it('publishes diagnostics for the opened files', async () => {
        const program = await diagnosticsFor(uriOf('programs/acme.norma'), d => d.length > 0);
        expect(program.map(d => [d.range.start.line, d.range.start.character, d.severity, d.message, d.code])).toEqual([
            [1, 9, 1, "Unknown metric 'ServiceLevl'. Did you mean 'ServiceLevel'?", 'unknown-name'],
        ]);
        expect(await diagnosticsFor(uriOf('metrics.norma'))).toEqual([]);
    });

    it('completes metric names after `norm`', async () => {
        const result = await connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri: uriOf('programs/acme.norma') }, position: { line: 1, character: 9 },
        }) as CompletionList;
        const items: CompletionItem[] = result.items;
        expect(items.map(i => [i.label, i.detail])).toEqual([['ServiceLevel', 'percent, higher is better']]);
    });

    it('shows the metric on hover', async () => {
        const hover = await connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uriOf('programs/acme.norma') }, position: { line: 2, character: 12 },
        });
        expect((hover?.contents as MarkupContent).value).toBe('**Calls answered within 20 seconds** (`ServiceLevel`)\n\npercent · higher is better · daily · service');
    });

    it('goes to the definition in the other file', async () => {
        const result = await connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: uriOf('programs/acme.norma') }, position: { line: 2, character: 12 },
        }) as (Location | LocationLink)[];
        expect(result.map(l => 'targetUri' in l ? [l.targetUri, l.targetSelectionRange.start] : [l.uri, l.range.start])).toEqual([
            [uriOf('metrics.norma'), { line: 0, character: 7 }],
        ]);
    });

    it('formats a document', async () => {
        const edits = await connection.sendRequest(DocumentFormattingRequest.type, {
            textDocument: { uri: uriOf('metrics.norma') }, options: { tabSize: 4, insertSpaces: true },
        }) as TextEdit[];
        expect(edits).toEqual([]);
        const messy = 'metric M { family service\n  unit percent }';
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: uriOf('messy.norma'), languageId: 'norma', version: 1, text: messy },
        });
        const formatted = await connection.sendRequest(DocumentFormattingRequest.type, {
            textDocument: { uri: uriOf('messy.norma') }, options: { tabSize: 4, insertSpaces: true },
        }) as TextEdit[];
        expect(formatted.map(e => e.newText)).toEqual(['metric M {\n    family service\n    unit percent\n}\n']);
    });

    it('shuts down and exits cleanly, having written only protocol to stdout', async () => {
        const exited = new Promise<number | null>(resolve => server.on('exit', code => resolve(code)));
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        expect(await exited).toBe(0);
        expect(stderr).not.toMatch(/Error/);
    });
});

describe('the bundled server with norma.data in initializationOptions', () => {
    it('shows the evaluate code lens on a norm', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-stdio-lens-'));
        const program = 'program Acme {\n    norm ServiceLevel >= 80%\n}\n';
        fs.writeFileSync(path.join(dir, 'metrics.norma'), METRICS);
        fs.writeFileSync(path.join(dir, 'acme.norma'), program);
        fs.writeFileSync(path.join(dir, 'data.csv'), 'program,metric,period,value\nAcme,ServiceLevel,2026-01-01,82\nAcme,ServiceLevel,2026-01-02,75\n');
        const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
        const client = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        try {
            const uri = pathToFileURL(path.join(dir, 'acme.norma')).toString();
            const published = new Promise<void>(resolve => client.onNotification(PublishDiagnosticsNotification.type, p => { if (p.uri === uri) resolve(); }));
            client.listen();
            await client.sendRequest(InitializeRequest.type, {
                processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {},
                initializationOptions: { norma: { data: 'data.csv', asOf: '2026-01-03' } },
            });
            await client.sendNotification(InitializedNotification.type, {});
            await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'norma', version: 1, text: program } });
            await published;
            const lenses = await client.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
            expect(lenses?.map(l => [l.range.start.line, l.command?.title])).toEqual([[1, 'met 1 of 2 days; at risk (missed 2026-01-02)']]);
            await client.sendRequest(ShutdownRequest.type);
            await client.sendNotification(ExitNotification.type);
        } finally {
            client.dispose();
            if (child.exitCode === null) child.kill();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
