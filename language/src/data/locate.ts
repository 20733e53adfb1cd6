/**
 * Turns an engine `DataIssue` (a row index and a field) back into `file:line:col`.
 * The row table holds each row's file and start offset; the field's own position is found
 * by walking that row again, so the file is re-read (once, then cached) only when there is
 * something to report.
 */
import type { DataIssue } from '../engine/types.js';

/** What locating needs of an issue: the row's index and the field (an engine DataIssue, or an assessment's). */
export type RowIssue = Pick<DataIssue, 'index' | 'field' | 'message'> & Partial<Omit<DataIssue, 'index' | 'field' | 'message'>>;
import { sourceOf, type Collector, type FileInfo } from './collector.js';
import { scanRecord } from './csv-scan.js';
import type { DataError } from './errors.js';
import { valueOffset } from './json-scan.js';

export function makeLocate<T>(out: Collector<T>): (issue: RowIssue) => DataError {
    return (issue: RowIssue): DataError => {
        const i = issue.index;
        const table = out.table;
        const base = { field: issue.field, message: issue.message };
        if (!Number.isInteger(i) || i < 0 || i >= table.length) {
            return { file: out.files[0]?.name ?? '(data)', line: 0, column: 0, ...base, message: `${issue.message} (row ${i})` };
        }
        const info = out.files[table.file(i)];
        const at = fieldPosition(out, info, table.offset(i), issue.field);
        return { file: info.name, line: at.line, column: at.column, ...base };
    };
}

/** Where `field` of the row starting at `start` is: its value's start, else the row's start (line 0 if the file is gone). */
function fieldPosition<T>(out: Collector<T>, info: FileInfo, start: number, field: string): { line: number; column: number } {
    const source = sourceOf(info);
    if (!source) return { line: 0, column: 0 };
    let offset = start;
    if (info.format === 'csv') {
        const s = out.schema.fields.findIndex(f => f.name === field);
        const k = s >= 0 ? info.columns[s] : -1;
        if (k >= 0) {
            const starts = scanRecord(source.text, start, String.fromCharCode(info.delimiter), info.newline).starts;
            if (k < starts.length) offset = starts[k];
        }
    } else {
        const off = valueOffset(source.text, start, field);
        if (off >= 0) offset = off;
    }
    return source.positionOf(offset);
}
