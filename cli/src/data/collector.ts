/** What the readers fill in while reading: rows, their origins, errors, and per-file facts for `locate`. */
import type { DataError } from './errors.js';
import type { Schema } from './fields.js';
import { RowTable } from './table.js';
import type { SourceText } from './text.js';

export type Format = 'csv' | 'json' | 'ndjson';

export interface FileInfo {
    /** The path as given (joined with the name for a folder), or `<stdin>`. */
    name: string;
    /** Where to read it again; undefined for stdin (then `text` is kept). */
    path: string | undefined;
    format: Format;
    /** CSV: the delimiter's char code. */
    delimiter: number;
    /** CSV: for each schema field, the index of its column, or -1. */
    columns: Int32Array;
    /** The whole text, kept for stdin, loaded on demand otherwise (only when an error is located). */
    text?: SourceText;
}

export class Collector<T> {
    readonly rows: T[] = [];
    readonly table = new RowTable();
    readonly errors: DataError[] = [];
    readonly files: FileInfo[] = [];

    constructor(readonly schema: Schema<T>) {}

    error(file: string, line: number, column: number, message: string, field?: string): void {
        const e: DataError = { file, line, column, message };
        if (field !== undefined) e.field = field;
        this.errors.push(e);
    }

    add(row: T, file: number, line: number, column: number): void {
        this.rows.push(row);
        this.table.push(file, line, column);
    }
}
