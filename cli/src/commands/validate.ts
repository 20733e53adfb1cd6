/** `norma validate [paths...]`: language diagnostics, `file:line:col severity message`; exit 2 on an error. */
import type { Command } from 'commander';
import { loadWorkspaceFromDisk } from '../../../language/src/workspace/workspace.js';
import { parseAsOf } from '../dates.js';
import { countLine, displayPath, formatDiagnostic } from '../diagnostics.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { colorFor, colors, writeOutput } from '../terminal.js';

export function register(program: Command): void {
    program.command('validate')
        .description('Check .norma files for errors and warnings (no data needed).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--format <format>', 'pretty or json', 'pretty')
        .option('--as-of <date>', 'judge date-dependent warnings (certification age) at this day', undefined)
        .option('--output <file>', 'write the report to a file instead of stdout')
        .addHelpText('after', '\nExit codes: 0 no error (warnings allowed), 2 errors found.\n')
        .action(async (paths: string[], opts: { format: string; asOf?: string; output?: string }) => {
            const asOf = parseAsOf(opts.asOf);
            const ws = await loadWorkspaceFromDisk(paths, { asOf }).catch((e: Error) => { throw new UsageError(e.message); });
            if (ws.files.length === 0) throw new UsageError(`No .norma file found in ${paths.length ? paths.join(', ') : 'the current folder'}.`);
            const errors = ws.diagnostics.some(d => d.severity === 'error');
            if (opts.format === 'json') {
                writeOutput(JSON.stringify({
                    schema: 1,
                    files: ws.files.length,
                    diagnostics: ws.diagnostics.map(d => ({ ...d, file: displayPath(ws.root, d.file) })),
                }, null, 2), opts.output);
            } else if (opts.format === 'pretty') {
                const c = colors(!opts.output && colorFor(process.stdout));
                const lines = ws.diagnostics.map(d => formatDiagnostic(d, ws.root, c));
                lines.push(`${ws.files.length} file${ws.files.length === 1 ? '' : 's'} checked: ${countLine(ws.diagnostics)}.`);
                writeOutput(lines.join('\n'), opts.output);
            } else {
                throw new UsageError(`Unknown format '${opts.format}' for validate: use pretty or json.`);
            }
            process.exitCode = errors ? ExitCode.InvalidInput : ExitCode.Ok;
        });
}
