/**
 * The worker thread behind `norma check` on large data (dist/workspace-worker.mjs): loads and
 * validates the workspace with Langium on a second core while the main thread reads the data,
 * then posts back plain data (diagnostics and the model), or the message of a load error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadWorkspaceFromDisk } from '../../language/src/workspace/workspace.js';
import type { WorkspaceOutcome } from './load.js';
import { loadAndCache } from './workspace-cache.js';

export type WorkerReply = { ok: true; outcome: WorkspaceOutcome } | { ok: false; message: string };

const { paths, asOf } = workerData as { paths: string[]; asOf: string };
let reply: WorkerReply;
try {
    const ws = await loadAndCache(paths, asOf, () => loadWorkspaceFromDisk(paths, { asOf }));
    reply = { ok: true, outcome: { root: ws.root, fileCount: ws.files.length, diagnostics: ws.diagnostics, model: ws.model } };
} catch (e) {
    reply = { ok: false, message: (e as Error).message };
}
parentPort!.postMessage(reply);
