/** `norma assess [paths...] --assessment <file>`: the command's options and help; the assessment is run/assess.ts. */
import type { Command } from 'commander';
import { DEFAULT_STALE_AFTER_DAYS } from '../../../language/src/audit/types.js';
import { READINESS_FORMAT_NAMES } from '../formats/names.js';
import { DATABASE_HELP, RECORDS_HELP } from './data-options.js';
import { runFrom } from './lazy.js';

export function register(program: Command): void {
    program.command('assess')
        .description('Audit readiness: points earned per program against the standard\'s pass mark, certification expiry and the COPC headline.')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .requiredOption('--assessment <source...>', 'the self-assessment: requirement,program,status,evidence,assessor,assessed (CSV, JSON or NDJSON)')
        .option('--data <source...>', 'measurements, as for norma check (for the headline and the needs requirements)')
        .option('--records <source=path...>', RECORDS_HELP)
        .option('--database <url>', DATABASE_HELP)
        .option('--actions <source...>', 'improvement actions (program,metric,opened,owner,due,closed,result)')
        .option('--as-of <date>', 'assess as of this day (default: today)')
        .option('--stale-after <days>', `an assessment older than this many days earns nothing (default ${DEFAULT_STALE_AFTER_DAYS})`)
        .option('--format <format...>', `${READINESS_FORMAT_NAMES.join('|')}, optionally with a file: json:out/readiness.json`, [])
        .option('--output <file>', 'write the (single) report to a file instead of stdout')
        .addHelpText('after', `
Statuses: compliant (all of a requirement's points), partial (half), not-compliant (none),
not-applicable (left out of the points possible). A requirement with a needs rule is assessed
by Norma from the norms; one with neither a needs rule nor a row earns nothing (unassessed).
Exit codes: 0 every program with a pass mark passes; 1 a program would fail its audit;
2 invalid input (language errors, bad data or assessment rows, bad arguments).

Example:
  norma assess examples/copc-cx --assessment examples/copc-cx/assessment.csv --data examples/copc-cx/data --actions examples/copc-cx/actions.csv --as-of 2026-10-31
`)
        .action(runFrom(() => import('../run/assess.js')));
}
