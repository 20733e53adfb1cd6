/**
 * A progress bar on stderr for long `check` runs: reading the data is where the time goes
 * (a million rows is about 40 MB of CSV), then the evaluation. Shown only when stderr is a
 * terminal and `CI` is not set, and only once a run has lasted PROGRESS_DELAY_MS, so short
 * runs, piped output and CI logs never see it. The line is erased before any report or error.
 *
 * The data readers (language/src/data) take no progress callback, so the bytes read are observed
 * from outside: the sizes of the files named on the command line (folders expanded as the
 * readers do), and the `bytesRead` of the read streams the readers open on those files
 * (`fs.createReadStream`, wrapped while reading and restored after) plus whole-file reads
 * (`fs.promises.readFile`) as they complete; stdin is counted through the `stdin` option the
 * readers accept. When the readers gain an `onProgress(bytesRead, totalBytes)` hook, `track`
 * is the one place to switch to it.
 */
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { DATA_EXTENSIONS } from '../../language/src/data/index.js';
import { ownCodes, writeTerminal } from './terminal.js';

export const PROGRESS_DELAY_MS = 300;
const TICK_MS = 100;
const BAR = 28;

export interface Progress {
    /** Runs `read` while showing how many bytes of `sources` were read. `stdin` is given to the readers for `-`. */
    reading<T>(sources: string[], read: (stdin: NodeJS.ReadableStream | undefined) => Promise<T>): Promise<T>;
    /** A step without a measure (`Evaluating 1,000,000 rows`), shown until the next call or `done`. */
    phase(text: string): void;
    /** Erases the line. Safe to call twice. */
    done(): void;
}

/** True when a progress bar may be drawn: stderr is a terminal and this is not CI. */
export function progressAllowed(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
    const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
    return Boolean(stream.isTTY) && !ci && env.TERM !== 'dumb';
}

const QUIET: Progress = {
    reading: (_sources, read) => read(undefined),
    phase: () => undefined,
    done: () => undefined,
};

/** The delay before the bar shows: NORMA_PROGRESS_DELAY_MS when it is a number of milliseconds (0: at once), else PROGRESS_DELAY_MS. */
export function progressDelay(env: NodeJS.ProcessEnv = process.env): number {
    const ms = Number(env.NORMA_PROGRESS_DELAY_MS);
    return env.NORMA_PROGRESS_DELAY_MS?.trim() && Number.isFinite(ms) && ms >= 0 ? ms : PROGRESS_DELAY_MS;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env, delayMs = progressDelay(env)): Progress {
    if (!progressAllowed(stream, env)) return QUIET;
    const started = Date.now();
    let shown = false;
    const draw = (line: string) => {
        if (!shown && Date.now() - started < delayMs) return;
        shown = true;
        const width = Math.max(20, (stream.columns || 80) - 1);
        // The line may name files or sources: shown safe, with the bar's own codes kept.
        writeTerminal(stream, `${ownCodes('\r')}${line.length > width ? line.slice(0, width) : line}${ownCodes('\x1b[K')}`);
    };
    let timer: NodeJS.Timeout | undefined;
    return {
        async reading(sources, read) {
            const total = totalBytes(sources);
            const tracker = track(sources);
            const stdin = sources.includes('-') ? counted(process.stdin, n => { tracker.stdin += n; }) : undefined;
            const tick = () => draw(bar(tracker.bytes(), total, tracker.stdin > 0 || sources.includes('-')));
            timer = setInterval(tick, TICK_MS);
            timer.unref();
            try {
                return await read(stdin);
            } finally {
                clearInterval(timer);
                tracker.restore();
                tick();
            }
        },
        phase(line) {
            // A long synchronous step blocks the timer: drawn now (if the run is already slow), it stays until done().
            draw(line);
        },
        done() {
            if (timer) clearInterval(timer);
            if (shown) writeTerminal(stream, ownCodes('\r\x1b[K'));
            shown = false;
        },
    };
}

function bar(done: number, total: number, unknownTotal: boolean): string {
    if (total <= 0 || unknownTotal) return `Reading data  ${mb(done)}`;
    const share = Math.min(1, done / total);
    const full = Math.round(share * BAR);
    return `Reading data  ${'█'.repeat(full)}${'░'.repeat(BAR - full)} ${String(Math.floor(share * 100)).padStart(3)}%  ${mb(done)} of ${mb(total)}`;
}

function mb(bytes: number): string {
    return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

/** The data files a list of sources names, as the readers expand them (folders: their data files, not recursive). */
export function dataFiles(sources: string[]): string[] {
    const out: string[] = [];
    for (const source of sources) {
        if (source === '-') continue;
        try {
            const stat = fs.statSync(source);
            if (stat.isDirectory()) {
                for (const name of fs.readdirSync(source)) {
                    if (name.startsWith('.') || DATA_EXTENSIONS[path.extname(name).toLowerCase()] === undefined) continue;
                    const full = path.join(source, name);
                    if (fs.statSync(full).isFile()) out.push(path.resolve(full));
                }
            } else if (stat.isFile()) {
                out.push(path.resolve(source));
            }
        } catch {
            // A missing source is the readers' error to report.
        }
    }
    return [...new Set(out)];
}

function totalBytes(sources: string[]): number {
    let total = 0;
    for (const file of dataFiles(sources)) {
        try { total += fs.statSync(file).size; } catch { /* vanished */ }
    }
    return total;
}

interface Tracker { bytes(): number; stdin: number; restore(): void }

/** Observes reads of the data files through `fs` while the readers run; `restore` puts `fs` back. */
function track(sources: string[]): Tracker {
    const files = new Set(dataFiles(sources));
    const cjs = createRequire(import.meta.url)('node:fs') as typeof fs;
    const originalStream = cjs.createReadStream;
    const originalReadFile = cjs.promises.readFile;
    const streams: fs.ReadStream[] = [];
    let whole = 0;
    const tracker: Tracker = {
        stdin: 0,
        bytes: () => whole + tracker.stdin + streams.reduce((n, s) => n + s.bytesRead, 0),
        restore() {
            cjs.createReadStream = originalStream;
            cjs.promises.readFile = originalReadFile;
            syncBuiltinESMExports();
        },
    };
    const ours = (p: unknown) => typeof p === 'string' && files.has(path.resolve(p));
    cjs.createReadStream = function (this: unknown, ...args: Parameters<typeof fs.createReadStream>) {
        const stream = originalStream.apply(this, args);
        if (ours(args[0])) streams.push(stream);
        return stream;
    } as typeof fs.createReadStream;
    cjs.promises.readFile = async function (this: unknown, ...args: Parameters<typeof fs.promises.readFile>) {
        const data = await (originalReadFile as (...a: unknown[]) => Promise<Buffer | string>).apply(this, args);
        if (ours(args[0])) whole += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
        return data;
    } as typeof fs.promises.readFile;
    syncBuiltinESMExports();
    return tracker;
}

/** A pass-through copy of a stream that reports the bytes going through. */
function counted(source: NodeJS.ReadableStream, onBytes: (n: number) => void): NodeJS.ReadableStream {
    const through = new Transform({
        transform(chunk: Buffer | string, _encoding, callback) {
            onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
            callback(null, chunk);
        },
    });
    return source.pipe(through);
}
