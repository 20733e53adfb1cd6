/**
 * `norma check [paths...] --data <src>...`: evaluates every norm over the data through the
 * compiled checks and renders the verdicts in one or more formats. One evaluation, many outputs.
 */
import { Option, type Command } from 'commander';
import type { CheckResult, CheckWarning, DataIssue, Verdict } from '../../../language/src/engine/types.js';
import { loadCompiledChecks, dataIssuesOf } from '../compiled-checks.js';
import { readActions, readMeasurements, formatDataErrors, displayDataPath, type DataError, type DataRead } from '../../../language/src/data/index.js';
import type { Action, Measurement } from '../../../language/src/engine/types.js';
import { parseAsOf } from '../dates.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { FORMATS } from '../formats/index.js';
import { loadWorkspaceWithData, type CheckWorkspace } from '../load-with-data.js';
import { colorFor, writeReport } from '../terminal.js';
import { createProgress, type Progress } from '../progress.js';

const FAIL_ON: Verdict[] = ['at-risk', 'action-planned', 'action-required', 'overdue', 'no-data'];

interface CheckOptionsCli {
    data: string[];
    actions?: string[];
    asOf?: string;
    format: string[];
    output?: string;
    failOn?: string[];
}

/** `--format name` or `--format name:file`. */
export function parseFormats(specs: string[], output: string | undefined): { name: string; file?: string }[] {
    const list = (specs.length ? specs : ['pretty']).map(spec => {
        const colon = spec.indexOf(':');
        const name = colon < 0 ? spec : spec.slice(0, colon);
        const file = colon < 0 ? undefined : spec.slice(colon + 1);
        if (!FORMATS[name]) throw new UsageError(`Unknown format '${name}': use ${Object.keys(FORMATS).join(', ')}.`);
        if (file === '') throw new UsageError(`--format ${name}: give a file after the colon, like ${name}:out/report.`);
        return { name, file };
    });
    const toStdout = list.filter(f => !f.file);
    if (output) {
        if (toStdout.length !== 1) throw new UsageError('--output needs exactly one --format without a file of its own.');
        toStdout[0].file = output;
    } else if (toStdout.length > 1) {
        throw new UsageError(`Only one format can go to the terminal; give the others a file, like --format ${toStdout[1].name}:out/report.`);
    }
    return list;
}

export function register(program: Command): void {
    program.command('check')
        .description('Check KPI data against the norms and gate on the verdicts.')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .requiredOption('--data <source...>', 'measurements: .csv, .json or .ndjson files, folders, or - for stdin')
        .option('--actions <source...>', 'improvement actions (program,metric,opened,owner,due,closed,result)')
        .option('--as-of <date>', 'evaluate as of this day (default: today)')
        .option('--format <format...>', `${Object.keys(FORMATS).join('|')}, optionally with a file: json:out/norma.json`, [])
        .option('--output <file>', 'write the (single) report to a file instead of stdout')
        .addOption(new Option('--fail-on <verdict...>', 'also fail the gate on these verdicts').choices(FAIL_ON))
        .addHelpText('after', `
Verdicts: met, at-risk, action-planned, action-required, overdue, no-data.
Exit codes: 0 the gate passes; 1 the gate fails (action-required, overdue, no-data,
an unsatisfied requirement, or a --fail-on verdict); 2 invalid input (language errors,
bad data, bad arguments).

Example:
  norma check examples/copc-cx --data examples/copc-cx/data --actions examples/copc-cx/actions.csv --as-of 2026-10-31
`)
        .action(async (paths: string[], opts: CheckOptionsCli) => {
            const asOf = parseAsOf(opts.asOf);
            const formats = parseFormats(opts.format, opts.output);
            const actionSources = opts.actions ?? [];
            const progress = createProgress();
            let result: CheckResult;
            let ws: CheckWorkspace;
            try {
                const loaded = await loadWorkspaceWithData(paths, asOf, [...opts.data, ...actionSources],
                    () => readAll(opts.data, actionSources, progress), progress);
                ws = loaded.workspace;
                result = await evaluateData(ws.model, loaded.data, asOf, (opts.failOn ?? []) as Verdict[], progress);
            } finally {
                progress.done();
            }
            for (const f of formats) {
                const color = !f.file && colorFor(process.stdout);
                await writeReport(FORMATS[f.name](result, { model: ws.model, diagnostics: ws.diagnostics, color, root: ws.rootPath }), f.file);
            }
            process.exitCode = result.summary.passed ? ExitCode.Ok : ExitCode.GateFailed;
        });
}

interface DataReads {
    measurements: DataRead<Measurement>;
    actions: DataRead<Action> | undefined;
}

/** Reads measurements and actions; bad rows become one located report (exit 2). */
async function readAll(data: string[], actionSources: string[], progress: Progress): Promise<DataReads> {
    if (data.filter(d => d === '-').length + actionSources.filter(a => a === '-').length > 1) {
        throw new UsageError('Only one source can read stdin (-).');
    }
    const [measurements, actions] = await progress.reading([...data, ...actionSources], stdin => Promise.all([
        readMeasurements(data, stdin ? { stdin } : {}),
        actionSources.length ? readActions(actionSources, stdin ? { stdin } : {}) : Promise.resolve(undefined),
    ]));
    const readErrors: DataError[] = [...measurements.errors, ...(actions?.errors ?? [])];
    if (readErrors.length) throw dataUsageError(readErrors);
    return { measurements, actions };
}

/** Runs the compiled checks, and turns rows the engine rejects into one located report (exit 2). */
async function evaluateData(
    model: Parameters<typeof loadCompiledChecks>[0], read: DataReads, asOf: string, failOn: Verdict[], progress: Progress,
): Promise<CheckResult> {
    const { measurements, actions } = read;
    progress.phase(`Evaluating ${measurements.rows.length.toLocaleString('en-US')} rows…`);
    const checks = await loadCompiledChecks(model);
    try {
        const result = checks.check(measurements.rows, { asOf, actions: actions?.rows ?? [], failOn });
        result.warnings = locateWarnings(result.warnings, read);
        return result;
    } catch (error) {
        const issues = dataIssuesOf(error);
        if (!issues) throw error;
        const locate = (issue: DataIssue) => (issue.kind === 'action' && actions ? actions.locate(issue) : measurements.locate(issue));
        const located = issues.map((issue: DataIssue) => {
            if (issue.duplicateOf === undefined) return locate(issue);
            // The engine counts rows from 0 across all files; people need the first row's file and line.
            const first = locate({ ...issue, index: issue.duplicateOf });
            return { ...locate(issue), message: `The same program, metric and period already appear at ${displayDataPath(first.file)}:${first.line}.` };
        });
        const expired = [...new Set(issues.map(i => i.exclusion).filter((x): x is string => x !== undefined))];
        if (expired.length) {
            // Not a data problem: the workspace applies an exclusion past its expiry.
            const where = expired.map(id => {
                const x = model.exclusions.find(e => e.id === id);
                return x ? `  ${id} is declared at ${x.source.file}:${x.source.line}` : `  ${id}`;
            });
            throw new UsageError(`${(error as Error).message}\n${where.join('\n')}\nPoints it would excuse:\n${formatDataErrors(located)}`);
        }
        throw dataUsageError(located);
    }
}

/** Warnings about input rows name the row's file:line instead of its index (the index depends on row order). */
function locateWarnings(warnings: CheckWarning[], read: DataReads): CheckWarning[] {
    const located = warnings.map(w => {
        if (!w.row) return w;
        const { row, ...rest } = w;
        const from = row.kind === 'action' ? read.actions : read.measurements;
        if (!from) return rest;
        const at = from.locate({ kind: row.kind, index: row.index, field: row.kind === 'action' ? 'owner' : 'value', message: w.message });
        return { ...rest, source: `${displayDataPath(at.file)}:${at.line}` };
    });
    return located.sort((a, b) => order(a.code, b.code) || order(a.message, b.message) || order(a.source ?? '', b.source ?? ''));
}

function order(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function dataUsageError(errors: DataError[]): UsageError {
    const n = errors.length;
    return new UsageError(`The data has ${n} problem${n === 1 ? '' : 's'}; no verdict is given until they are fixed:\n${formatDataErrors(errors)}`);
}
