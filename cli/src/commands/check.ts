/**
 * `norma check [paths...] --data <src>...`: evaluates every norm over the data through
 * `runCheck` (the engine bundle a compiled module carries) and renders the verdicts in one or
 * more formats. One evaluation, many outputs.
 */
import { Option, type Command } from 'commander';
import type { Verdict } from '../../../language/src/engine/types.js';
import { parseAsOf } from '../dates.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { FORMATS } from '../formats/index.js';
import { PROBLEM_FORMATS } from '../formats/problems.js';
import { withPathsFromCwd } from '../formats/paths.js';
import { checkFromCli, DATABASE_HELP } from '../check-run.js';
import { parseFormats } from '../format-specs.js';
import { colorFor, writeReport } from '../terminal.js';
import { parseRecordsOptions, RECORDS_HELP } from '../records.js';

const FAIL_ON: Verdict[] = ['at-risk', 'action-planned', 'action-required', 'overdue', 'stale', 'no-data'];

interface CheckOptionsCli {
    data?: string[];
    records?: string[];
    database?: string;
    actions?: string[];
    asOf?: string;
    format: string[];
    output?: string;
    failOn?: string[];
}

export function register(program: Command): void {
    program.command('check')
        .description('Check KPI data against the norms and gate on the verdicts.')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--data <source...>', 'measurements: .csv, .json or .ndjson files, folders, or - for stdin')
        .option('--records <source=path...>', RECORDS_HELP)
        .option('--database <url>', DATABASE_HELP)
        .option('--actions <source...>', 'improvement actions (program,metric,opened,owner,due,closed,result)')
        .option('--as-of <date>', 'evaluate as of this day (default: today)')
        .option('--format <format...>', `${Object.keys(FORMATS).join('|')}, optionally with a file: json:out/norma.json`, [])
        .option('--output <file>', 'write the (single) report to a file instead of stdout')
        .addOption(new Option('--fail-on <verdict...>', 'also fail the gate on these verdicts (repeat the flag, or separate them by commas)').choices(FAIL_ON))
        .addHelpText('after', `
Verdicts: met, at-risk, action-planned, stale, action-required, overdue, no-data.
Exit codes: 0 the gate passes; 1 the gate fails (action-required, overdue, stale, no-data,
an unsatisfied requirement, or a --fail-on verdict); 2 invalid input (language errors,
bad data, bad arguments).

Examples:
  norma check examples/copc-cx --data examples/copc-cx/data --actions examples/copc-cx/actions.csv --as-of 2026-10-31
  norma check examples/contact-records --as-of 2026-11-01 --database "postgres://analyst@db.example.com:5432/cc"
    (the password from PGPASSWORD or ~/.pgpass, or in the URL; it never appears in any output)
`)
        .action(async (paths: string[], opts: CheckOptionsCli) => {
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
        });
}
