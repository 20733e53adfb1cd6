/**
 * The editor's `norma/check` and `norma/compile` requests: the VS Code commands
 * "Check Workspace Against Data..." and "Compile Checks" run here, in the language server,
 * through the same steps as `norma check` and `norma compile` (workspace loader, `runCheck`,
 * JS generator), so the editor and the CLI cannot disagree.
 * Must not evaluate rules itself, and must not write to stdout (the server may talk over stdio).
 * Registered by one line in the server entry: `registerNormaRequests(shared)`.
 */
import * as path from 'node:path';
import type { LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { dataFiles, runCheck } from '../check/index.js';
import { isDay, todayUtc } from '../engine/calendar.js';
import type { Action, CheckResult } from '../engine/types.js';
import { COMPILED_MODULE_NAME, generateJsModule } from '../generators/js.js';
import { generateModelJson } from '../generators/json.js';
import type { MetricModel, NormaModel } from '../model/types.js';
import { visibleLines } from '../text/visible.js';
import { writeTextFile } from '../workspace/files.js';
import { loadWorkspaceFromDisk, type Diagnostic } from '../workspace/workspace.js';

export const CHECK_REQUEST = 'norma/check';
export const COMPILE_REQUEST = 'norma/compile';

export interface CheckParams {
    /** The workspace folder (a file-system path): its `.norma` files are checked, relative paths start here. */
    folder: string;
    /** Measurement sources: files or folders, absolute or relative to `folder`. */
    data: string[];
    actions: string[];
    /** YYYY-MM-DD; today when absent. */
    asOf?: string;
}

export interface CompileParams {
    folder: string;
    /** Output folder, absolute or relative to `folder`. */
    out: string;
    target: 'js' | 'json';
}

/** Why no verdict or no file could be given, in the words the CLI would print. */
export type Failure =
    | { kind: 'language-errors'; root: string; diagnostics: Diagnostic[] }
    | { kind: 'data-errors'; message: string }
    | { kind: 'error'; message: string };

/**
 * The result, with the metrics so that the editor shows values in their units (`6min`, `EUR 3.10`),
 * and the model and action rows so that Open Report renders the full HTML report.
 */
export type CheckResponse = { kind: 'result'; root: string; result: CheckResult; metrics: MetricModel[]; model: NormaModel; actions: Action[] } | Failure;
export type CompileResponse = { kind: 'written'; file: string; norms: number; programs: number } | Failure;

export function registerNormaRequests(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(CHECK_REQUEST, (params: CheckParams, token: CancellationToken) => cancellable(token, () => answer(() => checkRequest(params))));
    connection.onRequest(COMPILE_REQUEST, (params: CompileParams, token: CancellationToken) => cancellable(token, () => answer(() => runCompile(params))));
}

/** The client is answered -32800 as soon as it cancels (the work then finishes unheard). */
async function cancellable<T>(token: CancellationToken, work: () => Promise<T>): Promise<T | ResponseError> {
    const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    if (token.isCancellationRequested) return cancelled();
    let stop: { dispose(): void } | undefined;
    const onCancel = new Promise<ResponseError>(resolve => { stop = token.onCancellationRequested(() => resolve(cancelled())); });
    try {
        return await Promise.race([work(), onCancel]);
    } finally {
        stop?.dispose();
    }
}

async function answer<T>(work: () => Promise<T>): Promise<T | Failure> {
    try {
        return await work();
    } catch (error) {
        return { kind: 'error', message: visibleLines((error as Error).message ?? String(error)) };
    }
}

const today = () => todayUtc();

async function loadModel(folder: string, asOf: string): Promise<{ root: string; model: NormaModel } | Failure> {
    const ws = await loadWorkspaceFromDisk([folder], { asOf });
    const root = path.resolve(ws.root);
    if (ws.files.length === 0) return { kind: 'error', message: `No .norma file found in ${folder}.` };
    if (!ws.model) return { kind: 'language-errors', root, diagnostics: ws.diagnostics.filter(d => d.severity === 'error') };
    return { root, model: ws.model };
}

/** `norma/check`: `runCheck` over the folder's workspace and the data the settings (or the user) named. */
export async function checkRequest(params: CheckParams): Promise<CheckResponse> {
    const asOf = params.asOf || today();
    if (!isDay(asOf)) return { kind: 'error', message: `norma.asOf '${asOf}' is not a day like 2026-10-31.` };
    if (params.data.length === 0) return { kind: 'error', message: 'No data to check: set norma.data or pick a file or folder.' };
    const ws = await loadWorkspaceFromDisk([params.folder], { asOf });
    if (ws.files.length === 0) return { kind: 'error', message: `No .norma file found in ${params.folder}.` };
    const resolve = (p: string) => path.resolve(params.folder, p);
    const outcome = await runCheck({
        workspace: { root: path.resolve(ws.root), model: ws.model, diagnostics: ws.diagnostics },
        measurements: [dataFiles(params.data.map(resolve))],
        actions: (params.actions ?? []).map(resolve),
        asOf,
    });
    if (outcome.ok) return { kind: 'result', root: outcome.workspace.root, result: outcome.result, metrics: outcome.model.metrics, model: outcome.model, actions: outcome.actions?.rows ?? [] };
    if (outcome.problems.language.length) return { kind: 'language-errors', root: outcome.workspace.root, diagnostics: outcome.problems.language };
    // The extension shows it in a notification and the output panel: the data's text escaped (text/visible.ts).
    return { kind: 'data-errors', message: visibleLines(outcome.problems.message) };
}

export async function runCompile(params: CompileParams): Promise<CompileResponse> {
    const loaded = await loadModel(params.folder, today());
    if ('kind' in loaded) return loaded;
    const out = path.resolve(params.folder, params.out);
    const [name, text] = params.target === 'json'
        ? ['norma-model.json', generateModelJson(loaded.model)]
        : [COMPILED_MODULE_NAME, generateJsModule(loaded.model)];
    const file = path.join(out, name);
    writeTextFile(file, text);
    return { kind: 'written', file, norms: loaded.model.norms.length, programs: loaded.model.programs.length };
}
