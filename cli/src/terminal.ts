/**
 * Where output goes and whether it may be coloured: colour only on a TTY and never with
 * NO_COLOR (https://no-color.org); FORCE_COLOR=1 forces it, FORCE_COLOR=0 forbids it.
 * Files are written through here so that one that cannot be written is a plain error naming it.
 *
 * Terminal safety: text for people (stderr, always; the text formats, on stdout or in a file)
 * passes through `terminalText`, which shows control characters, escape sequences, bidi
 * controls and invisible characters from the input escaped (language/src/text/visible.ts), with
 * or without colour. Norma's own codes (colours, the progress line) are written as a
 * per-process marker that no input can contain, and become real codes only there. Machine
 * formats (MACHINE_FORMATS) keep their own escaping and are written as rendered.
 */
import pc from 'picocolors';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './exit-codes.js';
import { fileErrorReason } from './file-errors.js';
import { visibleLines } from '../../language/src/text/visible.js';
import { ensureFolder } from '../../language/src/workspace/files.js';

export function colorFor(stream: NodeJS.WriteStream): boolean {
    if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
    const force = process.env.FORCE_COLOR;
    if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
    return Boolean(stream.isTTY);
}

export type Colors = ReturnType<typeof pc.createColors>;

const TOKEN = randomBytes(6).toString('hex');
const OWN_CODE = new RegExp(`\uE000${TOKEN}([0-9A-F]{2})\uE001`, 'g');

/** Norma's own control characters (a colour, the progress line's carriage return), kept by `terminalText`. */
export function ownCodes(codes: string): string {
    return codes.replace(/[\x00-\x1F]/g, ch => `\uE000${TOKEN}${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}\uE001`);
}

/** Text as a terminal may show it: unsafe characters of the input escaped, Norma's own codes kept. */
export function terminalText(text: string): string {
    return visibleLines(text).replace(OWN_CODE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function colors(enabled: boolean): Colors {
    const base = pc.createColors(enabled);
    if (!enabled) return base;
    // The input's codes are escaped first, so only the colour's own become marked; a colour
    // inside a colour is unmarked before painting, so picocolors still nests them.
    const marked: Record<string, unknown> = { ...base };
    for (const [name, paint] of Object.entries(base)) {
        if (typeof paint === 'function') marked[name] = (text: unknown) => ownCodes((paint as (s: string) => string)(terminalText(String(text))));
    }
    return marked as unknown as Colors;
}

/** Formats read by tools, with escaping of their own (JSON, SARIF, JUnit XML, HTML, CSV): written as rendered. */
export const MACHINE_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif', 'junit', 'html', 'csv']);

const forPeople = (format: string | undefined) => format === undefined || !MACHINE_FORMATS.has(format);

const RAW_WRITE = Symbol('norma raw write');
type Guarded = NodeJS.WritableStream & { [RAW_WRITE]?: (chunk: string) => boolean };

/** Every string written to stderr passes through `terminalText` from here on (main.ts calls this first). */
export function guardStderr(stream: NodeJS.WriteStream = process.stderr): void {
    const guarded = stream as NodeJS.WriteStream & Guarded;
    if (guarded[RAW_WRITE]) return;
    const raw = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    guarded[RAW_WRITE] = chunk => raw(chunk);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => raw(typeof chunk === 'string' ? terminalText(chunk) : chunk, ...rest)) as typeof stream.write;
}

/** Writes text for people to a stream, guarded or not, exactly once through `terminalText`. */
export function writeTerminal(stream: NodeJS.WritableStream, text: string): void {
    const raw = (stream as Guarded)[RAW_WRITE];
    if (raw) raw(terminalText(text)); else stream.write(terminalText(text));
}

/**
 * Writes text to a file (creating folders) or to stdout for '-' or no file. `format`: the
 * format's name; text for people (no format, pretty, markdown, github) is shown safe.
 */
export function writeOutput(text: string, file?: string, format?: string): void {
    if (forPeople(format)) text = terminalText(text);
    if (!file || file === '-') {
        process.stdout.write(text.endsWith('\n') ? text : text + '\n');
        return;
    }
    writeFile(file, text.endsWith('\n') ? text : text + '\n');
}

/** Writes a file, creating its folder; a failure is a UsageError naming the file (exit 2). */
export function writeFile(file: string, text: string): void {
    try {
        ensureFolder(path.dirname(path.resolve(file)));
        fs.writeFileSync(file, text);
    } catch (error) {
        throw cannotWrite(file, error);
    }
}

function cannotWrite(file: string, error: unknown): Error {
    const reason = fileErrorReason(error);
    return reason ? new UsageError(`Cannot write ${file}: ${reason}.`) : (error as Error);
}

/** Writes a report given in pieces, batching them and waiting when the stream is full; `format` as for writeOutput. */
export async function writeReport(report: string | Iterable<string>, file?: string, format?: string): Promise<void> {
    if (typeof report === 'string') {
        writeOutput(report, file, format);
        return;
    }
    const safe = forPeople(format);
    const toStdout = !file || file === '-';
    let fd: number | undefined;
    if (!toStdout) {
        try {
            ensureFolder(path.dirname(path.resolve(file)));
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
        batch += safe ? terminalText(piece) : piece;
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
