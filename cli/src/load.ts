/**
 * Loads the workspace named on the command line and stops with exit 2 on language errors,
 * printing them (and any warnings) to stderr. Commands that need a model start here.
 */
import * as path from 'node:path';
import type { Diagnostic, LoadedWorkspace } from '../../language/src/workspace/workspace.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { countLine, formatDiagnostic } from './diagnostics.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { colorFor, colors } from './terminal.js';
import { loadAndCache } from './workspace-cache.js';

export interface CheckedWorkspace extends LoadedWorkspace {
    model: NormaModel;
    /** Absolute path of the workspace root. */
    rootPath: string;
}

/** What a loaded workspace tells the command line: plain data, so it can come from a worker thread too. */
export interface WorkspaceOutcome {
    root: string;
    fileCount: number;
    diagnostics: Diagnostic[];
    model: NormaModel | null;
}

export interface ExplainOptions {
    quietWarnings?: boolean;
    /** Save the outcome in .norma-cache/ (see workspace-cache.ts) when it has no error. */
    cache?: boolean;
}

export async function loadOrExplain(paths: string[], asOf: string, options: ExplainOptions = {}): Promise<CheckedWorkspace> {
    let ws: LoadedWorkspace;
    try {
        // Loaded on first use: commands that never parse .norma files start without Langium.
        const { loadWorkspaceFromDisk } = await import('../../language/src/workspace/workspace.js');
        const load = () => loadWorkspaceFromDisk(paths, { asOf });
        ws = options.cache ? await loadAndCache(paths, asOf, load) : await load();
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const { model, rootPath } = explainWorkspace(paths, { root: ws.root, fileCount: ws.files.length, diagnostics: ws.diagnostics, model: ws.model }, options);
    return { ...ws, model, rootPath };
}

/** Prints the diagnostics of a loaded workspace; throws (exit 2) when it has no file or has errors. */
export function explainWorkspace(paths: string[], ws: WorkspaceOutcome, options: ExplainOptions = {}): { model: NormaModel; rootPath: string } {
    const c = colors(colorFor(process.stderr));
    if (ws.fileCount === 0) {
        for (const d of ws.diagnostics) process.stderr.write(formatDiagnostic(d, ws.root, c) + '\n');
        throw new UsageError(`No .norma file found in ${paths.length ? paths.join(', ') : 'the current folder'}.`);
    }
    const shown = ws.model && options.quietWarnings ? [] : ws.diagnostics;
    for (const d of shown) process.stderr.write(formatDiagnostic(d, ws.root, c) + '\n');
    if (!ws.model) {
        throw new UsageError(`The workspace has language errors (${countLine(ws.diagnostics)}); fix them before checking data.`, ExitCode.InvalidInput);
    }
    return { model: ws.model, rootPath: path.resolve(ws.root) };
}
