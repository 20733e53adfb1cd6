/**
 * Loads the workspace and reads the data for `norma check`. With large data files (and a built
 * CLI), the workspace is loaded in a worker thread while this thread reads the data: two cores
 * instead of one. Either way the outcome is judged in the same order: the workspace first
 * (language errors stop the check and whatever the data read gave is discarded), then the data.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NormaModel } from '../../language/src/model/types.js';
import type { Diagnostic } from '../../language/src/workspace/workspace.js';
import { UsageError } from './exit-codes.js';
import { explainWorkspace, loadOrExplain, type WorkspaceOutcome } from './load.js';
import { dataFiles, type Progress } from './progress.js';
import type { WorkerReply } from './workspace-worker.js';
import { readWorkspaceCache } from './workspace-cache.js';

/**
 * From this much data on (all data files together), the workspace is loaded in a worker thread
 * while the main thread reads the data: two cores instead of one, for a thread's start-up cost
 * (about 0.1 s) that small runs would notice more than the overlap.
 */
export const PARALLEL_FROM_BYTES = 4 << 20;

export interface CheckWorkspace {
    model: NormaModel;
    diagnostics: Diagnostic[];
    rootPath: string;
}

export async function loadWorkspaceWithData<T>(
    paths: string[], asOf: string, sources: string[], readData: () => Promise<T>, progress: Progress,
): Promise<{ workspace: CheckWorkspace; data: T }> {
    // An unchanged workspace comes from .norma-cache/ in a few milliseconds: no worker, no Langium.
    const cached = readWorkspaceCache(paths, asOf);
    if (cached) return { workspace: { ...explainWorkspace(paths, cached), diagnostics: cached.diagnostics }, data: await readData() };
    const pending = startWorkspaceWorker(paths, asOf, sources);
    if (!pending) {
        // The workspace first: language errors stop before any data is read.
        const workspace = await loadOrExplain(paths, asOf, { cache: true });
        return { workspace, data: await readData() };
    }
    const [data, loaded] = await Promise.allSettled([readData(), pending]);
    let workspace: CheckWorkspace;
    if (loaded.status === 'rejected') {
        if (loaded.reason instanceof UsageError) throw loaded.reason;
        // The worker itself failed (not the workspace): load it here instead.
        progress.done();
        workspace = await loadOrExplain(paths, asOf, { cache: true });
    } else {
        const outcome = loaded.value;
        if (outcome.diagnostics.length || !outcome.model || outcome.fileCount === 0) progress.done();
        workspace = { ...explainWorkspace(paths, outcome), diagnostics: outcome.diagnostics };
    }
    if (data.status === 'rejected') throw data.reason;
    return { workspace, data: data.value };
}

/**
 * Loads the workspace in a worker thread (dist/workspace-worker.mjs, next to the CLI bundle)
 * when the data is large enough and read from files; undefined to load it here. The promise
 * rejects with a UsageError for a load error (as `loadOrExplain` throws it), and with any
 * other error when the worker itself fails.
 */
function startWorkspaceWorker(paths: string[], asOf: string, sources: string[]): Promise<WorkspaceOutcome> | undefined {
    if (process.env.NORMA_WORKSPACE_WORKER === '0' || sources.includes('-')) return undefined;
    const script = new URL('./workspace-worker.mjs', import.meta.url);
    if (script.protocol !== 'file:' || !fs.existsSync(fileURLToPath(script))) return undefined; // running from source (tests)
    let bytes = 0;
    for (const file of dataFiles(sources)) {
        try { bytes += fs.statSync(file).size; } catch { /* the readers report it */ }
    }
    if (bytes < PARALLEL_FROM_BYTES && process.env.NORMA_WORKSPACE_WORKER !== '1') return undefined;
    return new Promise<WorkspaceOutcome>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { paths, asOf } });
        worker.once('message', (reply: WorkerReply) => {
            if (reply.ok) resolve(reply.outcome);
            else reject(new UsageError(reply.message));
            void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', code => reject(new Error(`The workspace worker stopped (exit code ${code}).`)));
    });
}

