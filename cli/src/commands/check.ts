/** `norma check [paths...] --data <src>...`: the command's options and help; the check itself is run/check.ts. */
import { Option, type Command } from 'commander';
import type { Verdict } from '../../../language/src/engine/types.js';
import { CHECK_FORMAT_NAMES } from '../formats/names.js';
import { DATABASE_HELP, RECORDS_HELP } from './data-options.js';
import { runFrom } from './lazy.js';

const FAIL_ON: Verdict[] = ['at-risk', 'action-planned', 'action-required', 'overdue', 'stale', 'no-data'];

export function register(program: Command): void {
    program.command('check')
        .description('Check KPI data against the norms and gate on the verdicts.')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--data <source...>', 'measurements: .csv, .json or .ndjson files, folders, or - for stdin')
        .option('--records <source=path...>', RECORDS_HELP)
        .option('--database <url>', DATABASE_HELP)
        .option('--actions <source...>', 'improvement actions (program,metric,opened,owner,due,closed,result)')
        .option('--as-of <date>', 'evaluate as of this day (default: today)')
        .option('--format <format...>', `${CHECK_FORMAT_NAMES.join('|')}, optionally with a file: json:out/norma.json`, [])
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
        .action(runFrom(() => import('../run/check.js')));
}
