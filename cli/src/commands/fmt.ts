/** `norma fmt [paths...] [--check] [--diff]`: the command's options and help; the formatting is run/fmt.ts. */
import type { Command } from 'commander';
import { runFrom } from './lazy.js';

export function register(program: Command): void {
    program.command('fmt')
        .description('Lay out .norma files the canonical way (the editor\'s formatter); --check only reports.')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--check', 'rewrite nothing; name each file that would change and exit 1 if any would')
        .option('--diff', 'with --check (implied), also print how each file would change, as a unified diff')
        .addHelpText('after', `
The layout: 4-space indentation, '{' on the declaration line, one property, requirement,
norm or option per line, blank lines between declarations kept (collapsed to one), every
comment kept where it was. Formatting twice changes nothing.

Exit codes: 0 done (or, with --check, every file already formatted); 1 --check found files
to format; 2 a file has syntax errors (it is left untouched) or a path does not exist.
--diff: the same exit codes as --check.
`)
        .action(runFrom(() => import('../run/fmt.js')));
}
