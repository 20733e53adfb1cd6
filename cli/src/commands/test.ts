/** `norma test [paths...]`: the command's options and help; the norm tests run in run/test.ts. */
import { Option, type Command } from 'commander';
import { runFrom } from './lazy.js';

export function register(program: Command): void {
    program.command('test')
        .description('Run the norm tests (*.normtest.csv): small tables of points with the verdicts the norms must give.')
        .argument('[paths...]', 'folders holding the workspace and its *.normtest.csv cases, or case files (default: the current folder)')
        .addOption(new Option('--format <format>', 'pretty, json, or junit (a JUnit XML report for CI, one test case per case file)').choices(['pretty', 'json', 'junit']).default('pretty'))
        .option('--output <file>', 'write the report to a file instead of stdout')
        .addHelpText('after', `
A case is one CSV file, <name>.normtest.csv, that a spreadsheet can write:

  # Three misses in a row need an action plan
  as-of,2026-01-31
  program,metric,period,value,sample,expect
  AcmeBilling,ServiceLevel,2026-01-05,82,,met
  AcmeBilling,ServiceLevel,2026-01-06,78,,missed
  AcmeBilling,ServiceLevel,2026-01-07,77,,missed
  AcmeBilling,ServiceLevel,2026-01-08,76,,missed trigger
  AcmeBilling,ServiceLevel,,,,action-required

Point statuses: met, missed, missed trigger, critical, unsampled, excluded [Exclusion].
Verdicts (rows without a value): met, at-risk, action-planned, stale, action-required, overdue, no-data.
Actions for a case: a sibling <name>.actions.csv (program,metric,opened,owner,due,closed,result).

Exit codes: 0 every case passes; 1 a case fails; 2 invalid input (a fixture that cannot be
read, language errors, no case found).
`)
        .action(runFrom(() => import('../run/test.js')));
}
