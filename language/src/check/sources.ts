/**
 * Where the measurement rows of a check come from. Today: data files read by the data layer
 * (`--data`, `norma.data`). The engine never asks: a source only has to hand over rows, the
 * problems it found, and where a row came from, so computed rows (raw records, SPEC §6) are
 * another kind of source, not another path to a verdict.
 */
import { readMeasurements, type DataError, type DataRead, type DataSource } from '../data/index.js';
import { withColumns } from '../data/read.js';
import { columnsOf, concatColumns } from '../engine/columns.js';
import type { DataIssue, Measurement } from '../engine/types.js';

export interface ReadContext {
    /** Where `-` reads from (the CLI counts its bytes for the progress bar). */
    stdin?: NodeJS.ReadableStream;
}

export interface MeasurementSource {
    /** The files or names it reads, for messages (`data/`, `-`). */
    readonly names: readonly string[];
    read(context: ReadContext): Promise<DataRead<Measurement>>;
}

/** Measurement files, folders, `-` or text in memory, read by the data layer. */
export function dataFiles(sources: readonly DataSource[]): MeasurementSource {
    return {
        names: sources.map(s => (typeof s === 'string' ? s : s.name)),
        read: context => readMeasurements(sources, context.stdin ? { stdin: context.stdin } : {}),
    };
}

/** The reads of several sources as one: rows in source order, each row located by its own source. */
export function mergeReads(reads: readonly DataRead<Measurement>[]): DataRead<Measurement> {
    if (reads.length === 1) return reads[0];
    if (reads.length === 0) return withColumns(columnsOf([]), { errors: [], locate: issue => ({ file: '(data)', line: 0, column: 0, message: issue.message }), files: [] });
    const starts: number[] = [];
    let n = 0;
    for (const r of reads) {
        starts.push(n);
        n += lengthOf(r);
    }
    const errors: DataError[] = reads.flatMap(r => r.errors);
    const locate = (issue: DataIssue): DataError => {
        let k = starts.length - 1;
        while (k > 0 && starts[k] > issue.index) k--;
        return reads[k].locate({ ...issue, index: issue.index - starts[k] });
    };
    const columns = concatColumns(reads.map(r => r.columns ?? columnsOf(r.rows)));
    return withColumns(columns, { errors, locate, files: reads.flatMap(r => r.files) });
}

/** How many rows a read holds (without making row objects of columns). */
export function lengthOf(read: DataRead<Measurement>): number {
    return read.columns ? read.columns.length : read.rows.length;
}
