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

/** Writes a report given in pieces, batching them and waiting when the stream is full. */
export async function writeReport(report: string | Iterable<string>, file?: string): Promise<void> {
    if (typeof report === 'string') {
        writeOutput(report, file);
        return;
    }
    const toStdout = !file || file === '-';
    if (!toStdout) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const stream: NodeJS.WritableStream = toStdout ? process.stdout : fs.createWriteStream(file);
    const write = (chunk: string) => new Promise<void>((resolve, reject) => {
        const ok = stream.write(chunk, error => (error ? reject(error) : undefined));
        if (ok) resolve(); else stream.once('drain', resolve);
    });
    let batch = '';
    for (const piece of report) {
        batch += piece;
        if (batch.length >= 1 << 20) {
            await write(batch);
            batch = '';
        }
    }
    if (batch) await write(batch);
    if (!toStdout) await new Promise<void>((resolve, reject) => (stream as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export function printError(message: string): void {
    const c = colors(colorFor(process.stderr));
    process.stderr.write(`${c.red('error')} ${message}\n`);
}
