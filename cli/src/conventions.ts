/**
 * The conventions every `norma` command follows, applied in one place to every command that
 * main.ts registers, so a new command gets them without asking:
 *  - `--help` always ends with the exit codes (a command's own section wins);
 *  - an option with a fixed set of values takes them repeated or comma-separated (`--fail-on a,b`);
 *  - a closed stdout or stderr (`norma check --format json | head -c 1`) ends the run quietly;
 *  - a file that cannot be read or written is a plain error naming it (exit 2), never a stack.
 */
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { ExitCode } from './exit-codes.js';
import { colorFor } from './terminal.js';
export { explainFileError } from './file-errors.js';

export const DEFAULT_EXIT_CODES = `Exit codes: 0 done; 1 the gate fails (a breach, missing data, an unsatisfied requirement);
2 invalid input (language errors, bad data, bad arguments, a file that cannot be read or written).`;

/** Every command of the program, the program first. */
export function allCommands(program: Command): Command[] {
    return [program, ...program.commands.flatMap(allCommands)];
}

export function applyConventions(program: Command): void {
    for (const command of allCommands(program)) {
        addExitCodeHelp(command);
        for (const option of command.options) acceptCommaLists(option);
    }
}

/** Appends DEFAULT_EXIT_CODES to a command's help unless what it wrote already has an exit-code section. */
function addExitCodeHelp(command: Command): void {
    let written = '';
    const output = command.configureOutput();
    command.configureOutput({
        writeOut: text => { written += text; (output.writeOut ?? (s => process.stdout.write(s)))(text); },
        writeErr: text => { written += text; (output.writeErr ?? (s => process.stderr.write(s)))(text); },
        getOutHasColors: () => colorFor(process.stdout),
        getErrHasColors: () => colorFor(process.stderr),
    });
    command.on('beforeHelp', () => { written = ''; });
    command.addHelpText('afterAll', ({ command: shown }) => (shown === command && !/^Exit codes?\b/im.test(written) ? `\n${DEFAULT_EXIT_CODES}` : ''));
}

/** `--fail-on at-risk,no-data` as well as `--fail-on at-risk --fail-on no-data`, each value checked. */
function acceptCommaLists(option: Option): void {
    const choices = option.argChoices;
    if (!choices || !option.variadic) return;
    option.argParser((value: string, previous: string[] | undefined) => {
        const values = value.split(',').map(v => v.trim()).filter(v => v !== '');
        for (const v of values) {
            if (!choices.includes(v)) throw new InvalidArgumentError(`'${v}' is not one of ${choices.join(', ')}.`);
        }
        // Commander passes the default as `previous` on the first use; a list given replaces it.
        return [...(previous === option.defaultValue ? [] : previous ?? []), ...values];
    });
}

/** A closed pipe on stdout or stderr ends the run quietly, keeping the exit code decided so far. */
export function quietOnClosedPipes(): void {
    for (const stream of [process.stdout, process.stderr]) {
        stream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? ExitCode.Ok);
            throw error;
        });
    }
}
