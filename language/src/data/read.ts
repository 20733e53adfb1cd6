/** Sources (files, folders, stdin) -> one collector; see `index.ts` for the rules. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Action, Measurement } from '../engine/types.js';
import { rowsOf, type MeasurementColumns } from '../engine/columns.js';
import type { Assessment } from '../audit/types.js';
import { Collector, type Format } from './collector.js';
import { readCsv } from './csv.js';
import { STDIN_NAME, type DataError } from './errors.js';
import { ACTION_SCHEMA, ASSESSMENT_SCHEMA, MEASUREMENT_SCHEMA, type Schema } from './fields.js';
import { readJson, readNdjson } from './json.js';
import { makeLocate, type RowIssue } from './locate.js';
import { decode, encodingOf, SourceText, stripBom } from './text.js';

export interface ReadOptions {
    /** Where `-` reads from (default: process.stdin). */
    stdin?: NodeJS.ReadableStream;
}

/**
 * A source: a path (file or folder), `-` for stdin, or text already in memory with the name
 * errors give it (a norm test's actions, an editor's unsaved buffer).
 */
export type DataSource = string | { name: string; text: string };

export interface DataRead<T> {
    /**
     * Every row that could be read, in file order then line order. Rows with errors are left out.
     * For measurements, made from `columns` when first asked for (the check itself uses the columns).
     */
    readonly rows: T[];
    /** Measurements: the rows as columns, what `check` takes (a row's index is the same in both). */
    readonly columns?: MeasurementColumns;
    /** Every problem found, in file then line order. When not empty, give no verdict. */
    errors: DataError[];
    /** Where an engine issue about `rows[issue.index]` stands: file, line and the field's column. */
    locate(issue: RowIssue): DataError;
    /** The files read, as named in errors. */
    files: string[];
}

/** The extensions a folder is scanned for, and the format each means. */
export const DATA_EXTENSIONS: Record<string, Format> = {
    '.csv': 'csv', '.tsv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson',
};

const CHUNK = 1 << 20;

export function readMeasurements(sources: readonly DataSource[], options: ReadOptions = {}): Promise<DataRead<Measurement>> {
    return readData(MEASUREMENT_SCHEMA, sources, options);
}

/** Self-assessment rows for `norma assess`: requirement, program, status, assessed (evidence, assessor optional). */
export function readAssessments(sources: readonly DataSource[], options: ReadOptions = {}): Promise<DataRead<Assessment>> {
    return readData(ASSESSMENT_SCHEMA, sources, options);
}

export function readActions(sources: readonly DataSource[], options: ReadOptions = {}): Promise<DataRead<Action>> {
    return readData(ACTION_SCHEMA, sources, options);
}

interface Entry {
    name: string;
    /** undefined for stdin and text in memory. */
    path: string | undefined;
    format: Format | undefined;
    /** Text given in memory. */
    text?: string;
    /** The file's size in bytes, when it is a file. */
    size?: number;
}

export async function readData<T>(schema: Schema<T>, sources: readonly DataSource[], options: ReadOptions = {}): Promise<DataRead<T>> {
    const out = new Collector(schema);
    const entries = await expand(sources, out);
    for (const entry of entries) if (entry.size !== undefined) out.expectedBytes += entry.size;
    for (const entry of entries) {
        const index = out.files.length;
        out.files.push({ name: entry.name, path: entry.path, format: entry.format ?? 'csv', delimiter: 44, newline: '\n', columns: new Int32Array(schema.fields.length).fill(-1) });
        try {
            await readEntry(out, index, entry, options);
        } catch (e) {
            out.error(entry.name, 0, 0, `cannot be read: ${describeFsError(e)}`);
        }
    }
    const base = { errors: out.errors, locate: makeLocate(out), files: out.files.map(f => f.name) };
    if (!out.columns) return { rows: out.rows, ...base };
    return withColumns(out.columns.build(), base) as DataRead<T>;
}

async function readEntry<T>(out: Collector<T>, index: number, entry: Entry, options: ReadOptions): Promise<void> {
    const info = out.files[index];
    // Stdin and files of unknown type are read whole, then sniffed; stdin's text is kept for locate().
    if (entry.text !== undefined || entry.path === undefined || entry.format === undefined) {
        const text = entry.text !== undefined ? stripBom(entry.text)
            : decode(entry.path === undefined ? await readStream(options.stdin ?? process.stdin) : await fs.promises.readFile(entry.path));
        const source = new SourceText(text);
        if (entry.path === undefined) info.text = source;
        info.format = sniff(text);
        if (info.format === 'json') readJson(out, index, source);
        else if (info.format === 'ndjson') await readNdjson(out, index, [text]);
        else await readCsv(out, index, [text]);
        return;
    }
    if (entry.format === 'json') {
        readJson(out, index, new SourceText(decode(await fs.promises.readFile(entry.path))));
        return;
    }
    const chunks = fileChunks(entry.path);
    if (entry.format === 'ndjson') await readNdjson(out, index, chunks);
    else await readCsv(out, index, chunks);
}

/** A file's text in chunks (UTF-8, or UTF-16 with its byte order mark), the first without its byte order mark. */
async function* fileChunks(file: string): AsyncGenerator<string> {
    let first = true;
    const head = Buffer.alloc(2);
    const handle = await fs.promises.open(file, 'r');
    try {
        await handle.read(head, 0, 2, 0);
    } finally {
        await handle.close();
    }
    for await (const chunk of fs.createReadStream(file, { encoding: encodingOf(head), highWaterMark: CHUNK })) {
        const s = chunk as string;
        if (first) {
            first = false;
            yield stripBom(s);
        } else {
            yield s;
        }
    }
}

/** A read of measurement columns whose `rows` are made the first time they are asked for. */
export function withColumns(columns: MeasurementColumns, rest: Omit<DataRead<Measurement>, 'rows' | 'columns'>): DataRead<Measurement> {
    let rows: Measurement[] | undefined;
    return {
        ...rest,
        columns,
        get rows() {
            return (rows ??= rowsOf(columns));
        },
    };
}

/** `[` -> JSON, `{` -> NDJSON, anything else -> CSV. */
export function sniff(text: string): Format {
    const m = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
    const c = m?.[0];
    return c === '[' ? 'json' : c === '{' ? 'ndjson' : 'csv';
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer | string>) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(parts);
}

/** Files, folders (their data files, sorted, not recursive) and `-`, each file once. */
async function expand<T>(sources: readonly DataSource[], out: Collector<T>): Promise<Entry[]> {
    const entries: Entry[] = [];
    const seen = new Set<string>();
    const add = (entry: Entry): void => {
        if (entry.text !== undefined) {
            entries.push(entry);
            return;
        }
        const key = entry.path === undefined ? '-' : path.resolve(entry.path);
        if (seen.has(key)) return;
        seen.add(key);
        entries.push(entry);
    };
    for (const source of sources) {
        if (typeof source !== 'string') {
            add({ name: source.name, path: undefined, format: undefined, text: source.text });
            continue;
        }
        if (source === '-') {
            add({ name: STDIN_NAME, path: undefined, format: undefined });
            continue;
        }
        let stat: fs.Stats;
        try {
            stat = await fs.promises.stat(source);
        } catch (e) {
            out.error(source, 0, 0, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot be read: ${describeFsError(e)}`);
            continue;
        }
        if (stat.isDirectory()) {
            let names: string[];
            try {
                names = await fs.promises.readdir(source);
            } catch (e) {
                out.error(source, 0, 0, `cannot be read: ${describeFsError(e)}`);
                continue;
            }
            const files = names
                .filter(n => !n.startsWith('.') && DATA_EXTENSIONS[path.extname(n).toLowerCase()] !== undefined)
                .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
            const found: [string, number][] = [];
            for (const n of files) {
                const full = path.join(source, n);
                try {
                    const info = await fs.promises.stat(full);
                    if (info.isFile()) found.push([full, info.size]);
                } catch {
                    // vanished or a broken link: not a data file
                }
            }
            if (found.length === 0) out.error(source, 0, 0, `no .csv, .json or .ndjson file in ${source}`);
            for (const [full, size] of found) add({ name: full, path: full, format: DATA_EXTENSIONS[path.extname(full).toLowerCase()], size });
            continue;
        }
        add({ name: source, path: source, format: DATA_EXTENSIONS[path.extname(source).toLowerCase()], size: stat.size });
    }
    return entries;
}

function describeFsError(e: unknown): string {
    const err = e as NodeJS.ErrnoException;
    switch (err.code) {
        case 'ENOENT': return 'no such file or folder';
        case 'EACCES':
        case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'it is a folder';
        default: return err.message ?? String(e);
    }
}
