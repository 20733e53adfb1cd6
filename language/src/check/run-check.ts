/**
 * The one path from data to verdict. `norma check`, the editor's "Check Workspace Against
 * Data..." (`norma/check`) and the verdict code lens all call `runCheck`: a loaded workspace,
 * measurement sources, action files and options in; a result, or every problem located
 * (language errors at their `.norma` line, data problems at their file:line:column), out.
 * Nothing here prints, throws for bad input, or knows who asked.
 *
 * ```ts
 * const outcome = await runCheck({ workspace, measurements: [dataFiles(['data/'])], actions: ['actions.csv'], asOf: '2026-10-31' });
 * if (outcome.ok) render(outcome.result); else show(outcome.problems);
 * ```
 */
import { displayDataPath, formatDataErrors, readActions, type DataError, type DataRead, type DataSource } from '../data/index.js';
import type { Action, CheckResult, CheckWarning, DataIssue, Measurement, Verdict } from '../engine/types.js';
import type { NormaModel } from '../model/types.js';
import type { Diagnostic } from '../workspace/workspace.js';
import { dataIssuesOf, engineRuntime, modelAsData } from './engine-runtime.js';
import { lengthOf, mergeReads, type MeasurementSource, type ReadContext } from './sources.js';
import { computedRead, conflictsWithData, readRecords, recordsErrorSummary, recordsWarnings, type RecordsResult, type RecordsSpec } from '../data/records.js';
import { formatCount } from '../text/count.js';

/** A workspace as loaded (on this thread or another): its model when it has no language error. */
export interface CheckWorkspace {
    /** The workspace root; `.norma` files in diagnostics and the model are relative to it. */
    root: string;
    model: NormaModel | null;
    diagnostics: Diagnostic[];
}

export interface RunCheckInput {
    /** The workspace, or its loading: the data is read meanwhile. */
    workspace: CheckWorkspace | Promise<CheckWorkspace>;
    measurements: readonly MeasurementSource[];
    actions: readonly DataSource[];
    /** The evaluation day, YYYY-MM-DD. */
    asOf: string;
    /** Verdicts that fail the gate besides the defaults. */
    failOn?: readonly Verdict[];
    /**
     * Runs the reading of every source (the CLI draws its progress bar around it) and gives
     * the stdin for `-`. Default: read with process.stdin.
     */
    reading?: <T>(read: (context: ReadContext) => Promise<T>) => Promise<T>;
    /** Told when the rows are read and the evaluation starts. */
    evaluating?: (rows: number) => void;
    /**
     * Raw records (`--records Calls=exports/`, SPEC §6.4): computed into measurement rows once the
     * model is known, then judged with the rows of `measurements` as one list.
     */
    records?: readonly RecordsSpec[];
    /**
     * Computes the rows of formula metrics elsewhere instead (`--database <url>`: inside the
     * database that holds the source tables), with the embedded computation's outcome: its rows,
     * errors and warnings are judged exactly as those of `records`.
     */
    computeRecords?: (model: NormaModel, onPhase?: (text: string) => void) => Promise<RecordsResult>;
    /** Told what the records computation is doing (for a progress line). */
    computing?: (text: string) => void;
}

/** Why no verdict is given: every problem, located. */
export interface CheckProblems {
    /** Language errors of the `.norma` files. */
    language: Diagnostic[];
    /** Problems of the data and action files: reading (syntax) and meaning (the engine). */
    data: DataError[];
    /** The problems in the words `norma check` prints (without the language diagnostics themselves). */
    message: string;
}

interface Loaded {
    workspace: CheckWorkspace;
    measurements: DataRead<Measurement>;
    actions: DataRead<Action> | undefined;
}

export type CheckOutcome =
    | (Loaded & { ok: true; model: NormaModel; result: CheckResult })
    | (Loaded & { ok: false; model: NormaModel | null; problems: CheckProblems });

export async function runCheck(input: RunCheckInput): Promise<CheckOutcome> {
    const reading = input.reading ?? (read => read({}));
    // Both settle before either failure is passed on: no read is left running behind an error.
    const [loadedWorkspace, read] = await Promise.allSettled([
        input.workspace,
        reading(context => Promise.all([
            Promise.all(input.measurements.map(s => s.read(context))).then(mergeReads),
            input.actions.length ? readActions(input.actions, context.stdin ? { stdin: context.stdin } : {}) : Promise.resolve(undefined),
        ])),
    ]);
    if (loadedWorkspace.status === 'rejected') throw loadedWorkspace.reason;
    if (read.status === 'rejected') throw read.reason;
    const workspace = loadedWorkspace.value;
    const [fromData, actions] = read.value;
    let measurements = fromData;
    let loaded: Loaded = { workspace, measurements, actions };
    const model = workspace.model;
    const readErrors = [...measurements.errors, ...(actions?.errors ?? [])];
    if (!model) {
        const language = workspace.diagnostics.filter(d => d.severity === 'error');
        return { ...loaded, ok: false, model: null, problems: { language, data: readErrors, message: languageMessage(workspace.diagnostics, readErrors) } };
    }
    if (readErrors.length) return { ...loaded, ok: false, model, problems: dataProblems(readErrors) };
    const extraWarnings: CheckWarning[] = [];
    if (input.records?.length || input.computeRecords) {
        const computed = input.computeRecords
            ? await input.computeRecords(model, input.computing)
            : await readRecords(model, input.records!, { onPhase: input.computing });
        if (computed.errors.length) {
            const more = recordsErrorSummary(computed);
            const n = computed.errorCount;
            const message = `The records have ${formatCount(n)} problem${n === 1 ? '' : 's'}; no measurement is computed until they are fixed:\n${formatDataErrors(computed.errors)}${more ? `\n${more}` : ''}`;
            return { ...loaded, ok: false, model, problems: { language: [], data: computed.errors, message } };
        }
        const conflicts = conflictsWithData(model, computed, fromData);
        if (conflicts.length) return { ...loaded, ok: false, model, problems: dataProblems(conflicts) };
        measurements = mergeReads([fromData, computedRead(computed)]);
        loaded = { workspace, measurements, actions };
        extraWarnings.push(...recordsWarnings(computed));
    }
    input.evaluating?.(lengthOf(measurements));
    try {
        const result = engineRuntime().check(modelAsData(model), measurements.columns ?? measurements.rows, {
            asOf: input.asOf, actions: actions?.rows ?? [], failOn: [...(input.failOn ?? [])],
        });
        result.warnings = locateWarnings([...result.warnings, ...extraWarnings], measurements, actions);
        return { ...loaded, ok: true, model, result };
    } catch (error) {
        const issues = dataIssuesOf(error);
        if (!issues) throw error;
        return { ...loaded, ok: false, model, problems: locateIssues(issues, measurements, actions) };
    }
}

/** Engine issues at their file:line:column; a repeated row names the first one by file:line. */
function locateIssues(issues: DataIssue[], measurements: DataRead<Measurement>, actions: DataRead<Action> | undefined): CheckProblems {
    const locate = (issue: DataIssue) => (issue.kind === 'action' && actions ? actions.locate(issue) : measurements.locate(issue));
    const data = issues.map(issue => {
        if (issue.duplicateOf === undefined) return locate(issue);
        const first = locate({ ...issue, index: issue.duplicateOf });
        return { ...locate(issue), message: `The same program, metric and period already appear at ${displayDataPath(first.file)}:${first.line}.` };
    });
    return dataProblems(data);
}

/** Warnings about input rows name the row's file:line instead of its index (the index depends on row order). */
function locateWarnings(warnings: CheckWarning[], measurements: DataRead<Measurement>, actions: DataRead<Action> | undefined): CheckWarning[] {
    const located = warnings.map(w => {
        if (!w.row) return w;
        const { row, ...rest } = w;
        const from = row.kind === 'action' ? actions : measurements;
        if (!from) return rest;
        const at = from.locate({ kind: row.kind, index: row.index, field: row.kind === 'action' ? 'owner' : 'value', message: w.message });
        return { ...rest, source: `${displayDataPath(at.file)}:${at.line}` };
    });
    return located.sort((a, b) => order(a.code, b.code) || order(a.message, b.message) || order(a.source ?? '', b.source ?? ''));
}

function order(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function dataProblems(data: DataError[]): CheckProblems {
    const n = data.length;
    return { language: [], data, message: `The data has ${n} problem${n === 1 ? '' : 's'}; no verdict is given until they are fixed:\n${formatDataErrors(data)}` };
}

function languageMessage(diagnostics: Diagnostic[], data: DataError[]): string {
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.filter(d => d.severity === 'warning').length;
    const count = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const head = `The workspace has language errors (${count(errors, 'error')}, ${count(warnings, 'warning')}); fix them before checking data.`;
    return data.length ? `${head}\n${dataProblems(data).message}` : head;
}
