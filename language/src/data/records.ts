/**
 * Raw records in the data layer (SPEC §6.4): `--records S=path` becomes measurement rows that
 * flow into the same engine path as `--data` rows. The computation itself is records/compute.ts
 * (embedded DuckDB); this module turns its outcome into the data layer's terms: located
 * `DataError`s, and the rule that a program and metric get rows from a formula or from `--data`,
 * never from both.
 */
import type { CheckWarning, Measurement } from '../engine/types.js';
import type { NormaModel } from '../model/types.js';
import { computeMeasurements, parseRecordsSpec, type ComputeOptions, type RecordsResult, type RecordsSpec } from '../records/compute.js';
import { displayDataPath, type DataError } from './errors.js';
import type { DataRead } from './read.js';
import { columnsOf } from '../engine/columns.js';
import { formatCount } from '../text/count.js';

export { computeMeasurements, parseRecordsSpec, type RecordsResult, type RecordsSpec };

/** Reads every `--records` and computes the rows; errors are located (exit 2, no verdict). */
export async function readRecords(model: NormaModel, specs: readonly RecordsSpec[], options: ComputeOptions = {}): Promise<RecordsResult> {
    return computeMeasurements(model, specs, options);
}

/**
 * Rows from `--data` for a program and metric that a formula computes: one error per pair,
 * naming both sources (the formula's metric and the data file and line of the first such row).
 */
export function conflictsWithData(model: NormaModel, computed: RecordsResult, data: DataRead<Measurement>): DataError[] {
    const fromFormula = new Map(computed.computed.map(c => [`${c.program}\u0000${c.metric}`, c]));
    const reported = new Set<string>();
    const errors: DataError[] = [];
    const c = data.columns ?? columnsOf(data.rows);
    // The first row of each program and metric pair (by their ids: no row objects are made).
    const width = Math.max(1, c.metrics.length);
    const seen = new Set<number>();
    for (let index = 0; index < c.length; index++) {
        const pair = c.program[index] * width + c.metric[index];
        if (seen.has(pair)) continue;
        seen.add(pair);
        const row = { program: c.programs[c.program[index]] as string, metric: c.metrics[c.metric[index]] as string };
        const key = `${row.program}\u0000${row.metric}`;
        const formula = fromFormula.get(key);
        if (!formula || reported.has(key)) continue;
        reported.add(key);
        const at = data.locate({ kind: 'measurement', index, field: 'metric', message: '' });
        const metric = model.metrics.find(m => m.id === row.metric);
        const where = metric ? ` (${metric.source.file}:${metric.source.line})` : '';
        errors.push({
            ...at,
            message: `${row.program} ${row.metric} gets rows both from this data file and from the formula of ${row.metric}${where} over the ${formula.source} records; keep one of the two.`,
        });
    }
    return errors;
}

/** The computed rows as a read of the data layer: a row is located by what computed it. */
export function computedRead(result: RecordsResult): DataRead<Measurement> {
    const rows = result.measurements;
    return {
        rows,
        columns: columnsOf(rows),
        errors: [],
        files: [],
        locate: issue => {
            const row = rows[issue.index];
            const metric = row ? `${row.program} ${row.metric} ${row.period}` : 'a computed row';
            return { file: `records (${metric})`, line: 0, column: 0, field: issue.field, message: issue.message };
        },
    };
}

/** At most this many periods without a row are listed one by one; the rest are counted. */
export const SKIPPED_SHOWN = 20;

/** What the computation has to say besides the rows: records no program takes, periods without a row. */
export function recordsWarnings(result: RecordsResult): CheckWarning[] {
    const warnings: CheckWarning[] = result.warnings.map(w => ({ code: 'records-not-taken', message: w.message }));
    for (const s of result.skipped.slice(0, SKIPPED_SHOWN)) warnings.push({ code: 'records-no-row', message: `No ${s.metric} point for ${s.program} in ${s.period}: ${s.reason.replace(/^.*?: /, '')}.` });
    const rest = result.skipped.length - SKIPPED_SHOWN;
    if (rest > 0) warnings.push({ code: 'records-no-row', message: `... and ${rest} more periods without a point (their denominator is 0, or they hold no values).` });
    return warnings;
}

/** A records error as one line, as the other data errors read. */
export function recordsErrorSummary(result: RecordsResult): string {
    const shown = result.errors.length;
    const more = result.errorCount - shown;
    return more > 0 ? `... and ${formatCount(more)} more cells that do not parse` : '';
}

export { displayDataPath };
