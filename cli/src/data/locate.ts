/**
 * Turns an engine `DataIssue` (a row index and a field) back into `file:line:col`.
 * The row table holds each row's file, line and start column; the field's own column is
 * found by reading that row again, so the file is re-read (once, then cached) only when
 * there is something to report.
 */
import * as fs from 'node:fs';
import type { DataIssue } from '../../../language/src/engine/types.js';
import type { Collector, FileInfo } from './collector.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import type { DataError } from './errors.js';
import { valueOffset } from './json-scan.js';
import { decode, SourceText } from './text.js';

export function makeLocate<T>(out: Collector<T>): (issue: DataIssue) => DataError {
    return (issue: DataIssue): DataError => {
        const i = issue.index;
        const table = out.table;
        const base = { field: issue.field, message: issue.message };
        if (!Number.isInteger(i) || i < 0 || i >= table.length) {
            return { file: out.files[0]?.name ?? '(data)', line: 0, column: 0, ...base, message: `${issue.message} (row ${i})` };
        }
        const info = out.files[table.file(i)];
        const line = table.line(i);
        const column = table.column(i);
        const at = fieldPosition(out, info, line, column, issue.field);
        return { file: info.name, line: at.line, column: at.column, ...base };
    };
}

function sourceOf(info: FileInfo): SourceText | undefined {
    if (!info.text && info.path !== undefined) {
        try {
            info.text = new SourceText(decode(fs.readFileSync(info.path)));
        } catch {
            return undefined;
        }
    }
    return info.text;
}

function fieldPosition<T>(out: Collector<T>, info: FileInfo, line: number, column: number, field: string): { line: number; column: number } {
    const fallback = { line, column };
    const source = sourceOf(info);
    if (!source) return fallback;
    const start = source.offsetOf(line, column);
    if (info.format === 'csv') {
        const s = out.schema.fields.findIndex(f => f.name === field);
        const k = s >= 0 ? info.columns[s] : -1;
        if (k < 0) return fallback;
        const record = CsvTokenizer.recordAt(source.text, start, line, start, info.delimiter);
        if (!record || k >= record.fields.length) return fallback;
        return { line: record.lines[k], column: record.columns[k] };
    }
    const off = valueOffset(source.text, start, field);
    return off >= 0 ? source.positionOf(off) : fallback;
}
