/**
 * The `norma` command line: parses arguments and hands each verb to its module in commands/,
 * which defines its options and help and loads its implementation (run/) only when it runs:
 * `norma --help` and `norma --version` load commander and no more.
 * Errors the user can fix print plainly (no stack) with exit 2; a failing gate exits 1.
 */
import '../../language/src/polyfill.js';
import { Command, CommanderError } from 'commander';
import { ExitCode, UsageError } from './exit-codes.js';
import { guardStderr, printError } from './terminal.js';
import { VERSION } from './version.js';
import { applyConventions, explainFileError, quietOnClosedPipes } from './conventions.js';
import * as check from './commands/check.js';
import * as compile from './commands/compile.js';
import * as init from './commands/init.js';
import * as lsp from './commands/lsp.js';
import * as validate from './commands/validate.js';
import * as diff from './commands/diff.js';
import * as fmt from './commands/fmt.js';
import * as normTest from './commands/test.js';
import * as assessCommand from './commands/assess.js';
import * as staff from './commands/staff.js';
import * as measure from './commands/measure.js';

const COMMANDS = [validate, check, measure, assessCommand, compile, init, lsp, diff, fmt, normTest, staff];

export function createProgram(): Command {
    const program = new Command('norma')
        .description('Norma: contact-center performance standards as code. Validate .norma files, check KPI data against norms, compile checks.')
        .version(VERSION)
        .showSuggestionAfterError(true)
        .exitOverride()
        .configureOutput({ outputError: (text, write) => write(text) });
    for (const command of COMMANDS) command.register(program);
    for (const command of program.commands) command.exitOverride();
    applyConventions(program);
    return program;
}

async function main(): Promise<void> {
    quietOnClosedPipes();
    guardStderr();
    try {
        await createProgram().parseAsync(process.argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            // --help and --version exit 0; argument mistakes are invalid input.
            process.exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.InvalidInput;
        } else if (error instanceof UsageError) {
            printError(error.message);
            process.exitCode = error.exitCode;
        } else if (explainFileError(error)) {
            printError(explainFileError(error)!);
            process.exitCode = ExitCode.InvalidInput;
        } else {
            printError(`Norma stopped on an unexpected problem; please report it.\n${(error as Error).stack ?? String(error)}`);
            process.exitCode = ExitCode.InvalidInput;
        }
    }
}

await main();
