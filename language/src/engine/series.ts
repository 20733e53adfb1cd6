/**
 * Measurement rows grouped by program and metric, each group in period order. Nested maps keyed
 * by the names as written (no per-row string building), period starts parsed once per distinct
 * period string.
 */
import type { Measurement } from './types.js';
import { parsePeriod, type Period } from './calendar.js';

export interface Series {
    /** Row indices, in period order once `sorted` is true. */
    rows: number[];
    sorted: boolean;
}

export interface MeasurementIndex {
    rows: readonly Measurement[];
    /** Parsed period of each row (undefined when it does not parse: only possible without data checks). */
    periods: (Period | undefined)[];
    groups: Map<string, Map<string, Series>>;
}

export function indexMeasurements(rows: readonly Measurement[]): MeasurementIndex {
    const periods: (Period | undefined)[] = new Array(rows.length);
    const groups = new Map<string, Map<string, Series>>();
    let lastProgram: string | undefined;
    let lastMetric: string | undefined;
    let lastSeries: Series | undefined;
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const p = parsePeriod(row.period);
        if (!p.ok) continue;
        periods[i] = p;
        // Data files usually hold runs of the same program and metric: skip the lookups then.
        if (row.program !== lastProgram || row.metric !== lastMetric || !lastSeries) {
            let byMetric = groups.get(row.program);
            if (!byMetric) groups.set(row.program, byMetric = new Map());
            let series = byMetric.get(row.metric);
            if (!series) byMetric.set(row.metric, series = { rows: [], sorted: true });
            lastProgram = row.program;
            lastMetric = row.metric;
            lastSeries = series;
        }
        const list = lastSeries.rows;
        if (list.length > 0 && lastSeries.sorted && periods[list[list.length - 1]]!.start > p.start) lastSeries.sorted = false;
        list.push(i);
    }
    return { rows, periods, groups };
}

/** The rows of one program and metric in period order (rows of equal periods keep input order). */
export function seriesOf(index: MeasurementIndex, program: string, metric: string): readonly number[] {
    const series = index.groups.get(program)?.get(metric);
    if (!series) return [];
    if (!series.sorted) {
        const periods = index.periods;
        series.rows.sort((a, b) => periods[a]!.start - periods[b]!.start || (periods[b]!.offset ?? 0) - (periods[a]!.offset ?? 0) || a - b);
        series.sorted = true;
    }
    return series.rows;
}
