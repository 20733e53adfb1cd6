/** `norma validate [paths...]`: the command's options and help; the validation is run/validate.ts. */
import { Option, type Command } from 'commander';
import { runFrom } from './lazy.js';

export function register(program: Command): void {
    program.command('validate')
        .description('Check .norma files for errors and warnings (no data needed).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--format <format>', 'pretty, json, sarif (SARIF 2.1.0 for code hosts) or github (GitHub Actions annotations)', 'pretty')
        .option('--as-of <date>', 'judge date-dependent warnings (certification age) at this day', undefined)
        .option('--output <file>', 'write the report to a file instead of stdout')
        .option('--coverage', 'also list, per standard and category, the requirements backed by a norm in every applicable program, the metrics no norm uses and the norms no norm test exercises')
        .addOption(new Option('--fail-on <severity...>', 'exit 1 when there are warnings (errors always exit 2)').choices(['warning']))
        .addHelpText('after', `
Exit codes: 0 no error (warnings allowed unless --fail-on warning); 1 warnings with
--fail-on warning; 2 errors found. Coverage gaps do not change the exit code.
`)
        .action(runFrom(() => import('../run/validate.js')));
}
