/**
 * Loads the workspace for `norma check` while the data is read. An unchanged workspace comes
 * from .norma-cache/ (no Langium at all); with large data files (and a built CLI), it is loaded
 * in a worker thread while this thread reads the data: two cores instead of one. Either way
 * `runCheck` receives the same loaded workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckWorkspace } from '../../language/src/check/index.js';
import { UsageError } from './exit-codes.js';
import type { WorkspaceOutcome } from './load.js';
import { dataFiles } from './progress.js';
import type { WorkerReply } from './workspace-worker.js';
import { loadAndCache, readWorkspaceCache } from './workspace-cache.js';

/**
 * From this much data on (all data files together), the workspace is loaded in a worker thread
 * while the main thread reads the data: two cores instead of one, for a thread's start-up cost
 * (about 0.1 s) that small runs would notice more than the overlap.
 */
export const PARALLEL_FROM_BYTES = 4 << 20;

/**
 * The workspace named on the command line: from the cache, a worker, or loaded here. Rejects
 * with a UsageError (exit 2) when it cannot be loaded or holds no `.norma` file; language
 * errors are not a rejection: they come back as diagnostics with a null model.
 */
export async function loadCheckWorkspace(paths: string[], asOf: string, sources: string[]): Promise<CheckWorkspace> {
    let outcome = readWorkspaceCache(paths, asOf);
    const pending = outcome ? undefined : startWorkspaceWorker(paths, asOf, sources);
    if (pending) {
        try {
            outcome = await pending;
        } catch (error) {
            if (error instanceof UsageError) throw error;
            // The worker itself failed (not the workspace): load it here instead.
        }
    }
    outcome ??= await loadHere(paths, asOf);
    if (outcome.fileCount === 0) {
        throw new UsageError(`No .norma file found in ${paths.length ? paths.join(', ') : 'the current folder'}.`);
    }
    return { root: path.resolve(outcome.root), model: outcome.model, diagnostics: outcome.diagnostics };
}

async function loadHere(paths: string[], asOf: string): Promise<WorkspaceOutcome> {
    try {
        // Loaded on first use: a check whose workspace comes from the cache starts without Langium.
        const { loadWorkspaceFromDisk } = await import('../../language/src/workspace/workspace.js');
        const ws = await loadAndCache(paths, asOf, () => loadWorkspaceFromDisk(paths, { asOf }));
        return { root: ws.root, fileCount: ws.files.length, diagnostics: ws.diagnostics, model: ws.model };
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
}

/**
 * Loads the workspace in a worker thread (dist/workspace-worker.mjs, next to the CLI bundle)
 * when the data is large enough and read from files; undefined to load it here. The promise
 * rejects with a UsageError for a load error, and with any other error when the worker itself fails.
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
