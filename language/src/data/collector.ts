/** What the readers fill in while reading: rows, their origins, errors, and per-file facts for `locate`. */
import * as fs from 'node:fs';
import type { DataError } from './errors.js';
import type { Schema } from './fields.js';
import { RowTable } from './table.js';
import { ColumnsBuilder } from '../engine/columns.js';
import { decode, SourceText } from './text.js';

export type Format = 'csv' | 'json' | 'ndjson';

export interface FileInfo {
    /** The path as given (joined with the name for a folder), or `<stdin>`. */
    name: string;
    /** Where to read it again; undefined for stdin (then `text` is kept). */
    path: string | undefined;
    format: Format;
    /** CSV: the delimiter's char code. */
    delimiter: number;
    /** CSV: the line break that ends a record (`\n`, which also ends `\r\n` lines, or `\r`). */
    newline: string;
    /** CSV: for each schema field, the index of its column, or -1. */
    columns: Int32Array;
    /** The whole text, kept for stdin, loaded on demand otherwise (only when an error is located). */
    text?: SourceText;
}

/** Rows read before the bytes per row are estimated from them. */
const ESTIMATE_AFTER = 4096;

export class Collector<T> {
    /** The rows read, as objects (actions, assessments). */
    readonly rows: T[] = [];
    /** The rows read, as columns (measurements: see `Schema.columns`). */
    readonly columns: ColumnsBuilder | undefined;
    readonly table = new RowTable();
    readonly errors: DataError[] = [];
    readonly files: FileInfo[] = [];

    constructor(readonly schema: Schema<T>) {
        if (schema.columns) this.columns = new ColumnsBuilder(1 << 14);
    }

    error(file: string, line: number, column: number, message: string, field?: string): DataError {
        const e: DataError = { file, line, column, message };
        if (field !== undefined) e.field = field;
        this.errors.push(e);
        return e;
    }

    /** The size of the files to read (bytes), when known: once some rows are read, room for all of them is made at once. */
    expectedBytes = 0;

    /** A row read from `file`, starting at `offset` of its text: its converted values, in `schema.fields` order. */
    add(values: unknown[], file: number, offset: number): void {
        if (this.columns) this.schema.columns!(this.columns, values);
        else this.rows.push(this.schema.build(values));
        this.added(file, offset);
    }

    /** Notes where the row just added came from (a reader that appends to `columns` itself calls this). */
    added(file: number, offset: number): void {
        if (this.columns && this.table.length === ESTIMATE_AFTER && this.expectedBytes > 0 && this.table.file(0) === file) this.estimate(offset);
        this.table.push(file, offset);
    }

    /** Makes room for the rows the files likely hold, from the bytes per row of the first ones (at most one row per 8 bytes). */
    private estimate(offset: number): void {
        const perRow = Math.max(8, offset / ESTIMATE_AFTER);
        const rows = Math.ceil((this.expectedBytes / perRow) * 1.02) + 1024;
        this.columns!.reserve(rows);
        this.table.reserve(rows);
    }
}

/** A file's whole text: kept for stdin, else read again (and cached) when a position is needed. */
export function sourceOf(info: FileInfo): SourceText | undefined {
    if (!info.text && info.path !== undefined) {
        try {
            info.text = new SourceText(decode(fs.readFileSync(info.path)));
        } catch {
            return undefined;
        }
    }
    return info.text;
}
