// One language-server session over stdio with a real LSP client, on a workspace written by
// bench/program-files.mjs: initialize -> diagnostics for every file; completion after `norm `
// in the large file (200 requests); edit -> diagnostics (100 edits alternately breaking and
// fixing a metric name in one program file); the server's peak memory (VmHWM) and CPU seconds
// (from /proc, Linux only).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ROOT } from './harness.mjs';
import { programFileName } from './program-files.mjs';

const require = createRequire(import.meta.url);
const proto = require('vscode-languageserver-protocol/node');

export const SERVER = process.env.NORMA_LSP_SERVER ?? path.join(ROOT, 'extension/dist/server.cjs');
// Node options for the server only, e.g. NORMA_LSP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
const SERVER_NODE_ARGS = (process.env.NORMA_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean);
const COMPLETIONS = 200;
const EDITS = 100;

export const percentile = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Runs the session; `workspace` is what writeProgramWorkspace returned for `folder`. */
export async function lspSession(folder, programs, workspace) {
    if (!fs.existsSync(SERVER)) throw new Error(`The bundled language server ${path.relative(ROOT, SERVER)} is missing: run 'npm run build' first.`);
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', c => { stderr += c; });
    const exited = new Promise(resolve => child.on('exit', resolve));
    child.on('exit', code => { if (code) { console.error(`The server exited with code ${code}:\n${stderr}`); process.exit(1); } });
    const connection = proto.createProtocolConnection(new proto.StreamMessageReader(child.stdout), new proto.StreamMessageWriter(child.stdin));
    const published = new Map();
    let onPublish = () => {};
    connection.onNotification(proto.PublishDiagnosticsNotification.type, params => {
        published.set(params.uri, params.diagnostics);
        onPublish(params);
    });
    connection.onRequest('workspace/configuration', params => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();

    const uri = p => pathToFileURL(path.join(folder, p)).toString();
    let peakKb = 0;
    let cpuMs = null;
    const sample = () => {
        try {
            const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
            peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
            // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
            const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
            cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
        } catch { /* not on Linux, or exited */ }
    };

    // 1. initialize -> diagnostics for every file (the server validates the whole workspace on start).
    const t0 = performance.now();
    const allPublished = new Promise(resolve => {
        onPublish = () => { if (published.size >= workspace.files) resolve(); };
    });
    await connection.sendRequest(proto.InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(folder).toString(),
        workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'bench' }],
        capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    await connection.sendNotification(proto.InitializedNotification.type, {});
    await allPublished;
    const initialMs = performance.now() - t0;
    sample();
    const initialCpuMs = cpuMs;
    const errors = [...published.values()].flat().filter(d => d.severity === 1).length;

    // 2. completion after `norm ` in the large file.
    const large = uri('large.norma');
    const largeLines = workspace.largeText.split('\n');
    const normLine = largeLines.findIndex((l, i) => i > largeLines.length / 2 && l.startsWith('    norm '));
    await connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: large, languageId: 'norma', version: 1, text: workspace.largeText },
    });
    const completion = [];
    let completionItems = 0;
    for (let i = 0; i < COMPLETIONS; i++) {
        const t = performance.now();
        const result = await connection.sendRequest(proto.CompletionRequest.type, {
            textDocument: { uri: large }, position: { line: normLine, character: 9 },
        });
        completion.push(performance.now() - t);
        completionItems = (Array.isArray(result) ? result : result.items).length;
    }
    sample();

    // 3. edit -> diagnostics.
    const editedName = `programs/${programFileName(Math.floor(programs / 2))}`;
    const edited = uri(editedName);
    const editedText = fs.readFileSync(path.join(folder, editedName), 'utf8');
    const brokenText = editedText.replace(/norm (Metric\d\d)/, 'norm $1x');
    await connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: edited, languageId: 'norma', version: 1, text: editedText },
    });
    const edits = [];
    sample();
    const cpuBeforeEdits = cpuMs;
    for (let i = 0; i < EDITS; i++) {
        const broken = i % 2 === 0;
        const done = new Promise(resolve => {
            onPublish = params => {
                if (params.uri === edited && params.diagnostics.some(d => d.severity === 1) === broken) resolve();
            };
        });
        const t = performance.now();
        await connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
            textDocument: { uri: edited, version: i + 2 },
            contentChanges: [{ text: broken ? brokenText : editedText }],
        });
        await done;
        edits.push(performance.now() - t);
    }
    sample();
    // The server's CPU per edit: what an edit costs whatever else the machine is doing.
    const editCpuMs = cpuMs !== null && cpuBeforeEdits !== null ? (cpuMs - cpuBeforeEdits) / EDITS : null;

    await connection.sendRequest(proto.ShutdownRequest.type);
    await connection.sendNotification(proto.ExitNotification.type);
    await exited;
    connection.dispose();
    return {
        files: workspace.files, lines: workspace.lines, largeLines: largeLines.length - 1, errors,
        initialMs, initialCpuMs, peakKb, cpuMs,
        completion: { requests: COMPLETIONS, items: completionItems, p50: percentile(completion, 50), p95: percentile(completion, 95) },
        edits: { count: EDITS, p50: percentile(edits, 50), p95: percentile(edits, 95), cpuMs: editCpuMs },
        stderr: /Error/.test(stderr) ? stderr : '',
    };
}
