/** `norma measure [paths...] --records S=path...`: the command's options and help; the computation is run/measure.ts. */
import type { Command } from 'commander';
import { DATABASE_HELP, RECORDS_HELP } from './data-options.js';
import { runFrom } from './lazy.js';

export function register(program: Command): void {
    program.command('measure')
        .description('Compute the measurements of formula metrics from raw records, without judging them.')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--records <source=path...>', RECORDS_HELP)
        .option('--database <url>', DATABASE_HELP)
        .option('--format <format>', 'csv | json', 'csv')
        .option('--output <file>', 'write the rows to a file instead of stdout')
        .addHelpText('after', `
The rows are program,metric,period,value,sample: the format --data reads.
Exit codes: 0 computed; 2 invalid input (language errors, bad records, bad arguments).

Examples:
  norma measure examples/contact-records --records Calls=examples/contact-records/records/calls.csv
  norma measure examples/contact-records --database "postgres://analyst@db.example.com:5432/cc"
    (each source's table, named by its table "..." line, is read where it is: one query per source;
    the password from PGPASSWORD or ~/.pgpass, or in the URL; it never appears in any output)
`)
        .action(runFrom(() => import('../run/measure.js')));
}
