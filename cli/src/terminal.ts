/**
 * Where output goes and whether it may be coloured: colour only on a TTY and never with
 * NO_COLOR (https://no-color.org) or in CI logs unless FORCE_COLOR is set.
 */
import pc from 'picocolors';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function colorFor(stream: NodeJS.WriteStream): boolean {
    if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
    if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
    return Boolean(stream.isTTY);
}

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
    return pc.createColors(enabled);
}

/** Writes text to a file (creating folders) or to stdout for '-' or no file. */
export function writeOutput(text: string, file?: string): void {
    if (!file || file === '-') {
        process.stdout.write(text.endsWith('\n') ? text : text + '\n');
        return;
    }
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text.endsWith('\n') ? text : text + '\n');
}

export function printError(message: string): void {
    const c = colors(colorFor(process.stderr));
    process.stderr.write(`${c.red('error')} ${message}\n`);
}
