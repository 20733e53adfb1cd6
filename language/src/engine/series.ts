/**
 * Measurement rows grouped by program and metric, each group in period order. The rows are
 * columns (`columns.ts`): a group is found by the row's program and metric ids (no per-row
 * string building or hashing of names), and a period is parsed once per distinct period.
 */
import type { Measurement } from './types.js';
import { comparePeriods, parsePeriod, type Period, type PeriodResult } from './calendar.js';
import { asColumns, type MeasurementColumns } from './columns.js';

export interface Series {
    /** Row indices, in period order once `sorted` is true. */
    rows: number[];
    sorted: boolean;
}

export interface MeasurementIndex {
    columns: MeasurementColumns;
    /** The parsed period of each period id of `columns`. */
    periodById: PeriodResult[];
    /** Program name -> metric name -> its series (names as given). */
    groups: Map<unknown, Map<unknown, Series>>;
}

/** The period of row `i`, or undefined when it does not parse (only possible without data checks). */
export function periodAt(index: MeasurementIndex, i: number): Period | undefined {
    const p = index.periodById[index.columns.period[i]];
    return p.ok ? p : undefined;
}

/** Every period id of the columns, parsed. */
export function parsePeriods(columns: MeasurementColumns): PeriodResult[] {
    return columns.periods.map(text => parsePeriod(text as string));
}

/**
 * Finds (or makes) the series of a program id and metric id: one lookup per change of pair,
 * since data files hold runs of one program and metric.
 */
export class SeriesFinder<S extends Series> {
    private readonly byPair = new Map<number, S>();
    private lastKey = -1;
    private last: S | undefined;
    private readonly width: number;

    constructor(private readonly columns: MeasurementColumns, readonly groups: Map<unknown, Map<unknown, Series>>, private readonly make: (program: unknown, metric: unknown) => S) {
        this.width = Math.max(1, columns.metrics.length);
    }

    of(i: number): S {
        const c = this.columns;
        const key = c.program[i] * this.width + c.metric[i];
        if (key === this.lastKey) return this.last!;
        let series = this.byPair.get(key);
        if (!series) {
            const program = c.programs[c.program[i]];
            const metric = c.metrics[c.metric[i]];
            series = this.make(program, metric);
            this.byPair.set(key, series);
            let byMetric = this.groups.get(program);
            if (!byMetric) this.groups.set(program, byMetric = new Map());
            byMetric.set(metric, series);
        }
        this.lastKey = key;
        this.last = series;
        return series;
    }
}

export function indexMeasurements(rows: readonly Measurement[] | MeasurementColumns): MeasurementIndex {
    const columns = asColumns(rows);
    const periodById = parsePeriods(columns);
    const groups = new Map<unknown, Map<unknown, Series>>();
    const finder = new SeriesFinder(columns, groups, () => ({ rows: [], sorted: true }));
    const period = columns.period;
    for (let i = 0; i < columns.length; i++) {
        if (columns.odd?.has(i) && (columns.odd.get(i) === null || typeof columns.odd.get(i) !== 'object')) continue;
        const p = periodById[period[i]];
        if (!p.ok) continue;
        addToSeries(finder.of(i), i, p, columns, periodById);
    }
    return { columns, periodById, groups };
}

/** Appends row `i` (of period `p`) to a series, noting when the series leaves period order. */
export function addToSeries(series: Series, i: number, p: Period, columns: MeasurementColumns, periodById: readonly PeriodResult[]): void {
    const list = series.rows;
    if (list.length > 0 && series.sorted && comparePeriods(periodById[columns.period[list[list.length - 1]]] as Period, p) > 0) series.sorted = false;
    list.push(i);
}

/** The rows of one program and metric in period order (rows of equal periods keep input order). */
export function seriesOf(index: MeasurementIndex, program: string, metric: string): readonly number[] {
    const series = index.groups.get(program)?.get(metric);
    if (!series) return [];
    if (!series.sorted) {
        const ids = index.columns.period;
        const byId = index.periodById as Period[];
        series.rows.sort((a, b) => comparePeriods(byId[ids[a]], byId[ids[b]]) || a - b);
        series.sorted = true;
    }
    return series.rows;
}
