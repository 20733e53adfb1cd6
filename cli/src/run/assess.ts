/**
 * `norma assess [paths...] --assessment <file>`: audit readiness per program and applied
 * standard. The data (optional) is checked as `norma check` does; the self-assessment file
 * is read through the same data layer, its rows judged by language/src/audit, and the
 * result rendered in one or more formats. Exit 1 when a program would fail its audit.
 */
import { assess, checkAssessments, DEFAULT_STALE_AFTER_DAYS } from '../../../language/src/audit/index.js';
import { displayDataPath, formatDataErrors, readAssessments, type DataError } from '../../../language/src/data/index.js';
import { parseAsOf } from '../dates.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { READINESS_FORMATS } from '../formats/readiness/index.js';
import { checkFromCli } from '../check-run.js';
import { parseFormats } from '../format-specs.js';
import { parseRecordsOptions } from '../records.js';
import { colorFor, writeReport } from '../terminal.js';

export interface AssessOptionsCli {
    assessment: string[];
    data?: string[];
    records?: string[];
    database?: string;
    actions?: string[];
    asOf?: string;
    staleAfter?: string;
    format: string[];
    output?: string;
}

function assessmentError(errors: DataError[]): UsageError {
    const n = errors.length;
    return new UsageError(`The assessment file has ${n} problem${n === 1 ? '' : 's'}; no score is given until they are fixed:\n${formatDataErrors(errors)}`);
}

function parseStaleAfter(value: string | undefined): number {
    if (value === undefined) return DEFAULT_STALE_AFTER_DAYS;
    if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new UsageError(`--stale-after '${value}' is not a number of days: write it like 365.`);
    return Number(value);
}

export async function run(paths: string[], opts: AssessOptionsCli): Promise<void> {
    const asOf = parseAsOf(opts.asOf);
    const staleAfterDays = parseStaleAfter(opts.staleAfter);
    const formats = parseFormats(opts.format, opts.output, READINESS_FORMATS, 'out/readiness');
    if (opts.assessment.includes('-') && [...(opts.data ?? []), ...(opts.actions ?? [])].includes('-')) throw new UsageError('Only one source can read stdin (-).');
    // The same check as `norma check` (without data, every norm has no data): it decides the needs requirements and the headline.
    const outcome = await checkFromCli({
        paths, asOf, data: opts.data ?? [], records: parseRecordsOptions(opts.records), database: opts.database, actions: opts.actions ?? [],
    });
    if (!outcome.ok) throw new UsageError(outcome.problems.message);
    const ws = outcome.workspace;
    const model = outcome.model;
    const assessments = await readAssessments(opts.assessment, opts.assessment.includes('-') ? { stdin: process.stdin } : {});
    if (assessments.errors.length) throw assessmentError(assessments.errors);
    const checked = checkAssessments(model, assessments.rows, asOf);
    if (checked.issues.length) {
        throw assessmentError(checked.issues.map(issue => {
            const located = assessments.locate(issue);
            if (issue.duplicateOf === undefined) return located;
            const first = assessments.locate({ ...issue, index: issue.duplicateOf });
            return { ...located, message: `The same program and requirement are already assessed at ${displayDataPath(first.file)}:${first.line}; keep one row.` };
        }));
    }
    const result = assess(model, outcome.result, assessments.rows, { asOf, staleAfterDays });
    for (const w of result.warnings) {
        const at: DataError = assessments.locate({ index: w.index, field: 'requirement', message: w.message });
        process.stderr.write(`${displayDataPath(at.file)}:${at.line}:${Math.max(1, at.column)} warning ${w.message}\n`);
    }
    for (const f of formats) {
        const color = !f.file && colorFor(process.stdout);
        const context = { model, diagnostics: ws.diagnostics, color, root: ws.root, check: outcome.result, actions: outcome.actions?.rows ?? [] };
        await writeReport(READINESS_FORMATS[f.name](result, context), f.file, f.name);
    }
    process.exitCode = result.passed ? ExitCode.Ok : ExitCode.GateFailed;
}
