/**
 * `norma check [paths...] --data <src>...`: evaluates every norm over the data through
 * `runCheck` (the engine bundle a compiled module carries) and renders the verdicts in one or
 * more formats. One evaluation, many outputs.
 */
import type { Verdict } from '../../../language/src/engine/types.js';
import { parseAsOf } from '../dates.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { FORMATS } from '../formats/index.js';
import { PROBLEM_FORMATS } from '../formats/problems.js';
import { withPathsFromCwd } from '../formats/paths.js';
import { checkFromCli } from '../check-run.js';
import { parseFormats } from '../format-specs.js';
import { colorFor, writeReport } from '../terminal.js';
import { parseRecordsOptions } from '../records.js';

export interface CheckOptionsCli {
    data?: string[];
    records?: string[];
    database?: string;
    actions?: string[];
    asOf?: string;
    format: string[];
    output?: string;
    failOn?: string[];
}

export async function run(paths: string[], opts: CheckOptionsCli): Promise<void> {
    const asOf = parseAsOf(opts.asOf);
    const formats = parseFormats(opts.format, opts.output, FORMATS, 'out/report');
    const data = opts.data ?? [];
    const records = parseRecordsOptions(opts.records);
    if (data.length === 0 && records.length === 0 && opts.database === undefined) {
        throw new UsageError('Give the measurements with --data <file|folder>, raw records with --records Source=<file|folder>, or the database that holds them with --database <url>.');
    }
    const outcome = await checkFromCli({
        paths, asOf, data, records, database: opts.database, actions: opts.actions ?? [], failOn: (opts.failOn ?? []) as Verdict[],
    });
    const ws = outcome.workspace;
    if (!outcome.ok) {
        // No verdict, but every report asked for is written and says why (CI annotates it).
        for (const f of formats) {
            const render = PROBLEM_FORMATS[f.name];
            if (render) await writeReport(render(outcome.problems, { asOf, root: ws.root }), f.file, f.name);
        }
        throw new UsageError(outcome.problems.message);
    }
    const result = outcome.result;
    const context = { model: outcome.model, diagnostics: ws.diagnostics, color: false, root: ws.root, failOn: opts.failOn ?? [] };
    // Reports people read give paths from the current folder; json stays the compiled module's result.
    const forPeople = formats.some(f => f.name !== 'json') ? withPathsFromCwd(result, context) : undefined;
    for (const f of formats) {
        const color = !f.file && colorFor(process.stdout);
        const [shown, shownContext] = f.name === 'json' ? [result, context] : forPeople!;
        await writeReport(FORMATS[f.name](shown, { ...shownContext, color }), f.file, f.name);
    }
    process.exitCode = outcome.result.summary.passed ? ExitCode.Ok : ExitCode.GateFailed;
}
