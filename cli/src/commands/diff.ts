/** `norma diff <old> <new> [paths...]`: the command's options and help; the diff and replay are run/diff.ts. */
import { Option, type Command } from 'commander';
import { runFrom } from './lazy.js';

export function register(program: Command): void {
    program.command('diff')
        .description('What a change to the norms means: the semantic diff of two workspaces (folders or git revisions), optionally replayed over data.')
        .argument('<old>', 'the old workspace: a folder, or a git revision (main, HEAD~1, a tag, a commit)')
        .argument('<new>', 'the new workspace: a folder, or a git revision')
        .argument('[paths...]', 'for a git revision: only .norma files under these paths (default: the current folder)')
        .option('--data <source...>', 'replay both versions over these measurements and list each verdict that flips')
        .option('--actions <source...>', 'improvement actions for the replay')
        .option('--as-of <date>', 'replay as of this day (default: today)')
        .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'markdown', 'json']).default('pretty'))
        .option('--output <file>', 'write the report to a file instead of stdout')
        .addOption(new Option('--fail-on <what...>', 'exit 1 when a change loosens a norm, or when a verdict flips').choices(['loosened', 'flipped']))
        .addHelpText('after', `
Each side is a folder (or .norma file) when it exists on disk, else a git revision of the
repository around the current folder, read through git (no checkout). For a revision, the
workspace is every .norma file of its tree under [paths...] (or under the current folder),
plus the files they import.

Exit codes: 0 done (and no --fail-on condition); 1 a --fail-on condition holds;
2 invalid input (language errors on either side, bad data, bad arguments).

Examples:
  norma diff main HEAD                         # in a repository: what this branch changes
  norma diff main HEAD examples/copc-cx --data examples/copc-cx/data --as-of 2026-10-31
  norma diff old-norms/ new-norms/ --format markdown --fail-on loosened
`)
        .action(runFrom(() => import('../run/diff.js')));
}
