/**
 * Computes measurement rows from raw records in embedded DuckDB (SPEC §6.4): `--records S=path`
 * files are read by DuckDB itself (records are never all held in JavaScript), typed by the
 * source's fields, filtered by `keep`, taken by programs, and aggregated per program and period
 * by the SQL of render.ts; finish.ts divides last, exactly. Cells that do not parse are errors
 * with file, line, column, field and value (no rows are given then); records no program takes,
 * and periods with no denominator, are reported in plain words.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldModel, SourceModel } from '../model/formula.js';
import type { MetricModel, NormaModel } from '../model/types.js';
import type { Measurement } from '../engine/types.js';
import { closest } from '../engine/suggest.js';
import type { DataError } from '../data/errors.js';
import { readerSql, recordFiles, type RecordFiles } from './files.js';
import { finish } from './finish.js';
import { duckdb } from './sql/duckdb.js';
import { badColumn, COLUMN, renderExpr, renderKept, renderMetric, renderRecords, renderTaken, renderUntaken, takenByAny } from './sql/render.js';
import { labelWithOffset } from './zones.js';
import { formatCount } from '../text/count.js';

/** `--records Calls=exports/calls-*.csv`: a source and where its records are. */
export interface RecordsSpec {
    source: string;
    path: string;
}

/** A period that gives no row, and why (SPEC §6.2: no data, never 0 or 100). */
export interface SkippedPeriod {
    program: string;
    metric: string;
    period: string;
    reason: string;
}

export interface RecordsWarning {
    source: string;
    message: string;
}

export interface RecordsResult {
    measurements: Measurement[];
    /** Bad input: no measurement is given when there is any (exit 2). */
    errors: DataError[];
    /** How many bad cells there are in all (errors holds at most `limit` of them). */
    errorCount: number;
    warnings: RecordsWarning[];
    skipped: SkippedPeriod[];
    /** Every program and metric pair that formulas computed rows for (`--data` may not give rows for them too). */
    computed: { program: string; metric: string; source: string }[];
}

export interface ComputeOptions {
    /** At most this many bad cells are listed (then a count). */
    limit?: number;
    /** Told what is being done, for a progress line on a terminal. */
    onPhase?: (text: string) => void;
}

/** Parses `S=path` (the value of one `--records`). */
export function parseRecordsSpec(text: string): RecordsSpec | undefined {
    const eq = text.indexOf('=');
    if (eq <= 0 || eq === text.length - 1) return undefined;
    return { source: text.slice(0, eq), path: text.slice(eq + 1) };
}

export async function computeMeasurements(model: NormaModel, specs: readonly RecordsSpec[], options: ComputeOptions = {}): Promise<RecordsResult> {
    const limit = options.limit ?? 50;
    const result: RecordsResult = { measurements: [], errors: [], errorCount: 0, warnings: [], skipped: [], computed: [] };
    const sources = model.sources ?? [];
    const bySource = new Map<SourceModel, RecordFiles[]>();
    for (const spec of specs) {
        const source = sources.find(s => s.id === spec.source);
        if (!source) {
            const names = sources.map(s => s.id);
            const hint = closest(spec.source, names);
            result.errors.push({
                file: spec.path, line: 0, column: 0,
                message: `--records ${spec.source}=...: the workspace declares no source '${spec.source}'.${hint ? ` Did you mean '${hint}'?` : names.length ? ` Its sources: ${names.join(', ')}.` : ' Declare one with `source Name { field ... }`.'}`,
            });
            continue;
        }
        const read = recordFiles(spec.path);
        if (read.problem) result.errors.push({ file: spec.path, line: 0, column: 0, message: read.problem });
        bySource.set(source, [...(bySource.get(source) ?? []), ...read.files]);
    }
    result.errorCount = result.errors.length;
    if (result.errors.length) return result;

    // Loaded only when records are computed: the editor's bundle and plain --data checks never load DuckDB.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        await connection.run(`SET TimeZone = 'UTC'`);
        let n = 0;
        for (const [source, files] of bySource) {
            const table = `__records_${n++}`;
            options.onPhase?.(`Reading the ${source.id} records…`);
            const loaded = await loadRecords(connection, source, files, table, limit);
            result.errors.push(...loaded.errors);
            result.errorCount += loaded.errorCount;
            if (loaded.errors.length) continue;
            options.onPhase?.(`Computing the ${source.id} metrics…`);
            await computeSource(connection, model, source, table, result);
        }
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
    if (result.errors.length) {
        result.measurements = [];
        return result;
    }
    result.measurements.sort((a, b) => compare(a.program, b.program) || compare(a.metric, b.metric) || compare(a.period, b.period));
    result.skipped.sort((a, b) => compare(a.program, b.program) || compare(a.metric, b.metric) || compare(a.period, b.period));
    return result;
}

/** Reads every file of a source into a temporary table of typed fields; bad cells become located errors. */
async function loadRecords(connection: DuckDBConnection, source: SourceModel, files: RecordFiles[], table: string, limit: number): Promise<{ errors: DataError[]; errorCount: number }> {
    const columnsOf: string[][] = [];
    const errors: DataError[] = [];
    for (const group of files) {
        let columns: string[];
        try {
            const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${readerSql(group, duckdb)}`);
            columns = described.getRowObjects().map(r => String(r.column_name));
        } catch (error) {
            errors.push({ file: group.paths.join(', '), line: 0, column: 0, message: `cannot be read as ${group.format.toUpperCase()} records: ${firstLine(error)}` });
            continue;
        }
        columnsOf.push(columns);
        for (const f of source.fields) {
            if (f.value || columns.includes(f.column!)) continue;
            const hint = closest(f.column!, columns.filter(c => !c.startsWith('__')));
            errors.push({
                file: group.paths.join(', '), line: 1, column: 0, field: f.name,
                message: `The column '${f.column}' of field ${f.name} (source ${source.id}) is missing.${hint ? ` Did you mean '${hint}'? (write column "${hint}" on the field)` : ` The columns are: ${columns.filter(c => !c.startsWith('__')).join(', ')}.`}`,
            });
        }
    }
    if (errors.length) return { errors, errorCount: errors.length };
    const parts = files.map(group => {
        const relation = `(SELECT * FROM ${readerSql(group, duckdb)}) AS input`;
        return renderRecords(source, relation, duckdb);
    });
    await connection.run(`CREATE TEMPORARY TABLE ${duckdb.identifier(table)} AS ${parts.join(' UNION ALL ')}`);
    const parsed = source.fields.filter(f => !f.value);
    if (parsed.length === 0) return { errors, errorCount: 0 };
    const anyBad = parsed.map(f => duckdb.identifier(badColumn(f.name))).join(' OR ');
    const count = await connection.runAndReadAll(`SELECT ${parsed.map(f => `count(*) FILTER (WHERE ${duckdb.identifier(badColumn(f.name))})`).join(', ')} FROM ${duckdb.identifier(table)} WHERE ${anyBad}`);
    const counts = count.getRows()[0].map(v => Number(v ?? 0));
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) return { errors, errorCount: 0 };
    for (const [i, group] of files.entries()) {
        if (errors.length >= limit) break;
        errors.push(...await locateBadCells(connection, source, group, columnsOf[i], limit - errors.length));
    }
    return { errors, errorCount: total };
}

/** The first bad cells of one group of files, with file, line and column (reads the files again, in order). */
async function locateBadCells(connection: DuckDBConnection, source: SourceModel, group: RecordFiles, columns: string[], limit: number): Promise<DataError[]> {
    const parsed = source.fields.filter(f => !f.value);
    const zoned = source.timezone !== null;
    const checks = parsed.map(f => {
        const cell = duckdb.identifier(f.column!);
        return `(${duckdb.present(cell)} AND ${duckdb.parseField(cell, f.type, f.format, zoned)} IS NULL)`;
    });
    const line = group.format === 'parquet' ? 'file_row_number + 1' : `row_number() OVER (PARTITION BY "__file")${group.format === 'csv' ? ' + 1' : ''}`;
    const cells = parsed.map((f, i) => `CASE WHEN ${checks[i]} THEN CAST(${duckdb.identifier(f.column!)} AS VARCHAR) END AS ${duckdb.identifier(`__cell_${i}`)}`);
    const sql = `SELECT "__file", "__line", ${parsed.map((_, i) => duckdb.identifier(`__cell_${i}`)).join(', ')} FROM (`
        + `SELECT "__file", ${line} AS "__line", ${cells.join(', ')} FROM ${readerSql(group, duckdb)}) AS located`
        + ` WHERE ${parsed.map((_, i) => `${duckdb.identifier(`__cell_${i}`)} IS NOT NULL`).join(' OR ')} ORDER BY "__file", "__line" LIMIT ${limit}`;
    // One thread reads the files in order, so row numbers are line numbers.
    await connection.run('SET threads = 1');
    try {
        const reader = await connection.runAndReadAll(sql);
        const errors: DataError[] = [];
        for (const row of reader.getRows()) {
            parsed.forEach((f, i) => {
                const value = row[2 + i];
                if (value === null || value === undefined || errors.length >= limit) return;
                errors.push({
                    file: String(row[0]), line: Number(row[1]), column: group.format === 'csv' ? columns.indexOf(f.column!) + 1 : 0, field: f.name,
                    message: `field ${f.name}: '${String(value)}' ${notA(f)}`,
                });
            });
        }
        return errors;
    } finally {
        await connection.run('RESET threads');
    }
}

/** `is not a timestamp; the field's format is %Y-%m-%d %H:%M` and the like. */
function notA(f: FieldModel): string {
    if (f.format !== undefined) return `is not a ${f.type === 'timestamp' ? 'timestamp' : f.type === 'date' ? 'date' : 'time'}; the field's format is ${f.format}`;
    switch (f.type) {
        case 'boolean': return 'is not yes or no; write true/false, yes/no, y/n or 1/0';
        case 'integer': return 'is not a whole number';
        case 'number': return 'is not a number; write it like 12.5';
        case 'seconds': return 'is not a duration; write seconds (75), M:SS (1:15) or H:MM:SS (0:01:15)';
        case 'date': return 'is not a date; write 2026-01-05, or give the field a format such as format "%d/%m/%Y"';
        case 'time': return 'is not a time of day; write 09:30:00, or give the field a format such as format "%H.%M"';
        case 'timestamp': return 'is not a timestamp; write ISO 8601 such as 2026-01-05T09:30:00, or give the field a format such as format "%d/%m/%Y %H:%M"';
        default: return 'does not read as text';
    }
}

async function computeSource(connection: DuckDBConnection, model: NormaModel, source: SourceModel, table: string, result: RecordsResult): Promise<void> {
    const kept = renderKept(source, `SELECT * FROM ${duckdb.identifier(table)}`, duckdb);
    const programs = model.programs.filter(p => (p.records ?? []).some(r => r.source === source.id));
    const untaken = await connection.runAndReadAll(`SELECT count(*) FROM (${renderUntaken(source, programs, kept, duckdb)}) AS untaken`);
    const untakenCount = Number(untaken.getRows()[0][0]);
    if (untakenCount > 0) {
        const shown = source.fields.filter(f => !f.value).slice(0, 4);
        const examples = await connection.runAndReadAll(`SELECT ${shown.map(f => duckdb.exactText(duckdb.identifier(f.name))).join(', ')} FROM (${renderUntaken(source, programs, kept, duckdb)}) AS untaken LIMIT 3`);
        const lines = examples.getRows().map(r => shown.map((f, i) => `${f.name}=${r[i] ?? '(empty)'}`).join(', '));
        result.warnings.push({ source: source.id, message: untakenMessage(source, programs.length, untakenCount, lines) });
    }
    const taken = renderTaken(source, programs, kept, duckdb);
    const metrics = model.metrics.filter((m): m is MetricModel & { formula: NonNullable<MetricModel['formula']> } => m.formula?.source === source.id);
    for (const metric of metrics) {
        const query = renderMetric(metric, source, taken, duckdb);
        const reader = await connection.runAndReadAll(query.sql);
        const pairs = new Set<string>();
        for (const row of reader.getRowObjects()) {
            const program = String(row[COLUMN.program]);
            const local = String(row[COLUMN.period]);
            const offset = row[COLUMN.offset] === null ? null : Number(row[COLUMN.offset]);
            const period = offset === null || source.timezone === null ? local : labelWithOffset(local, offset, source.timezone);
            pairs.add(program);
            const finished = finish(metric, query.partials, row as Record<string, bigint | string | null>);
            if (finished.ok) result.measurements.push({ program, metric: metric.id, period, value: finished.value, sample: finished.sample });
            else result.skipped.push({ program, metric: metric.id, period, reason: `no ${metric.id} row for ${program} in ${period}: ${finished.reason}` });
        }
        for (const p of programs) result.computed.push({ program: p.id, metric: metric.id, source: source.id });
    }
    const instants = [...new Set(metrics.map(m => m.formula.at))];
    const isNull = instants.map(at => `${renderExpr({ kind: 'field', name: at }, source, duckdb)} IS NULL`);
    // Each record once, however many programs take it (one scan of the kept records, no pairing with programs).
    const noInstant = await connection.runAndReadAll(metrics.length
        ? `SELECT ${isNull.map(n => `count(*) FILTER (WHERE ${n})`).join(', ')} FROM (${kept}) AS kept WHERE (${isNull.join(' OR ')}) AND ${takenByAny(source, programs, duckdb)}`
        : 'SELECT 0');
    const missing = noInstant.getRows()[0].map(Number);
    instants.forEach((at, i) => {
        if (missing[i] > 0) result.warnings.push({ source: source.id, message: noInstantMessage(source, at, missing[i]) });
    });
}

/** The warning for kept records that no program takes, with a few of them (`queue=OTHER, ...`). */
export function untakenMessage(source: SourceModel, programs: number, count: number, examples: string[]): string {
    return programs === 0
        ? `${formatCount(count)} ${source.id} records are taken by no program: no program says 'records ${source.id}'.`
        : `${formatCount(count)} ${source.id} record${count === 1 ? ' is' : 's are'} taken by no program (no 'records ${source.id} where ...' matches), for example: ${examples.join('; ')}.`;
}

/** The warning for taken records without the instant a metric is measured at. */
export function noInstantMessage(source: SourceModel, at: string, count: number): string {
    return `${formatCount(count)} ${source.id} record${count === 1 ? ' has' : 's have'} no ${at}, so no period: they count in no metric measured at ${at}.`;
}

/** What a cell must look like for a field of its type, after `'value' ` or `N cells `. */
export { notA as notAField };

function firstLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
