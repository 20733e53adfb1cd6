/**
 * Where output goes and whether it may be coloured: colour only on a TTY and never with
 * NO_COLOR (https://no-color.org); FORCE_COLOR=1 forces it, FORCE_COLOR=0 forbids it.
 * Files are written through here so that one that cannot be written is a plain error naming it.
 */
import pc from 'picocolors';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './exit-codes.js';
import { fileErrorReason } from './file-errors.js';

export function colorFor(stream: NodeJS.WriteStream): boolean {
    if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
    const force = process.env.FORCE_COLOR;
    if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
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
    writeFile(file, text.endsWith('\n') ? text : text + '\n');
}

/**
 * Creates a folder and its missing parents, one level at a time. (Node's recursive mkdir never
 * returns for a path under /proc; this fails at the first level that cannot be made.)
 */
export function makeFolder(dir: string): void {
    const missing: string[] = [];
    for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
        missing.unshift(d);
        if (path.dirname(d) === d) break;
    }
    for (const d of missing) {
        try {
            fs.mkdirSync(d);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
    }
}

/** Writes a file, creating its folder; a failure is a UsageError naming the file (exit 2). */
export function writeFile(file: string, text: string): void {
    try {
        makeFolder(path.dirname(path.resolve(file)));
        fs.writeFileSync(file, text);
    } catch (error) {
        throw cannotWrite(file, error);
    }
}

function cannotWrite(file: string, error: unknown): Error {
    const reason = fileErrorReason(error);
    return reason ? new UsageError(`Cannot write ${file}: ${reason}.`) : (error as Error);
}

/** Writes a report given in pieces, batching them and waiting when the stream is full. */
export async function writeReport(report: string | Iterable<string>, file?: string): Promise<void> {
    if (typeof report === 'string') {
        writeOutput(report, file);
        return;
    }
    const toStdout = !file || file === '-';
    let fd: number | undefined;
    if (!toStdout) {
        try {
            makeFolder(path.dirname(path.resolve(file)));
            fd = fs.openSync(file, 'w');
        } catch (error) {
            throw cannotWrite(file, error);
        }
    }
    const stream: NodeJS.WritableStream = toStdout ? process.stdout : fs.createWriteStream(file!, { fd });
    let failed: Error | undefined;
    if (!toStdout) stream.on('error', error => { failed ??= cannotWrite(file!, error); });
    const write = (chunk: string) => new Promise<void>((resolve, reject) => {
        const ok = stream.write(chunk, error => (error ? reject(toStdout ? error : cannotWrite(file!, error)) : undefined));
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
    if (!toStdout) await new Promise<void>((resolve, reject) => (stream as fs.WriteStream).end((error?: Error | null) => (error || failed ? reject(failed ?? cannotWrite(file!, error)) : resolve())));
}

export function printError(message: string): void {
    const c = colors(colorFor(process.stderr));
    process.stderr.write(`${c.red('error')} ${message}\n`);
}
