// The editor honours `norma.asOf` for date-dependent warnings (SPEC: the same day as the
// lens and `norma validate --as-of`): over stdio, a client that answers workspace/configuration
// with a day sees the certification judged at that day, and a changed setting re-validates.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import {
    ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidOpenTextDocumentNotification, InitializedNotification,
    InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const SERVER = path.resolve(import.meta.dirname, '../../extension/dist/server.cjs');
const TEXT = 'metric M "m" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\nprogram P "p" {\n    certified 2024-06-15\n    norm M >= 80%\n}\n';
const lapsed = (d: Diagnostic[]) => d.some(x => /certification of 2024-06-15 is more than 24 months old/.test(String(x.message)));

let server: ChildProcess | undefined;
let connection: ProtocolConnection | undefined;
afterAll(() => { connection?.dispose(); if (server && server.exitCode === null) server.kill(); });

describe('norma.asOf in the editor', () => {
    it('judges the certification at the setting\'s day, and again when it changes', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-asof-'));
        fs.writeFileSync(path.join(folder, 'a.norma'), TEXT);
        const uri = pathToFileURL(path.join(folder, 'a.norma')).toString();
        server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
        const c = connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        let asOf = '2026-01-01';
        c.onRequest(ConfigurationRequest.type, params => params.items.map(item => (item.section === 'norma' ? { data: '', actions: '', asOf } : null)));
        c.onRequest(RegistrationRequest.type, () => undefined);
        const published: Diagnostic[][] = [];
        const waiters: { test: (d: Diagnostic[]) => boolean; resolve: () => void }[] = [];
        c.onNotification(PublishDiagnosticsNotification.type, p => {
            if (p.uri !== uri) return;
            published.push(p.diagnostics);
            for (const w of [...waiters]) if (w.test(p.diagnostics)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
        });
        const next = (test: (d: Diagnostic[]) => boolean) => new Promise<void>(resolve => waiters.push({ test, resolve }));
        c.listen();
        await c.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri: pathToFileURL(folder).toString(), workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }],
            capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
        });
        await c.sendNotification(InitializedNotification.type, {});
        await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'norma', version: 1, text: TEXT } });
        // At 2026-01-01 the certification of 2024-06-15 is 18 months old: no warning once the setting is read.
        await new Promise<void>(resolve => {
            const check = () => (published.length && !lapsed(published.at(-1)!) ? resolve() : setTimeout(check, 50));
            check();
        });
        // At 2026-12-01 it lapsed (June 2026).
        asOf = '2026-12-01';
        const warned = next(lapsed);
        await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { norma: { data: '', actions: '', asOf } } });
        await warned;
        asOf = '2026-02-01';
        const cleared = next(d => !lapsed(d));
        await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { norma: { data: '', actions: '', asOf } } });
        await cleared;
    }, 60_000);
});
