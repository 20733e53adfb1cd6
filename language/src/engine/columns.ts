/**
 * Measurement rows as columns: what the data layer reads into and what the engine checks and
 * evaluates. Program, metric and period are ids into dictionaries of the names as written (a
 * data file repeats a thousand programs and a hundred days a million times); value, sample and
 * population are typed arrays. A million rows take about 36 bytes each and no object per row,
 * so there is little for the garbage collector to walk.
 *
 * Values are the very numbers a row object would hold (the binary number nearest the text), so
 * comparisons stay exact as in `exact.ts`. A missing sample or population is NaN.
 *
 * Row objects (a compiled module's `check(measurements)`) are turned into columns at the
 * engine's boundary (`columnsOf`). A field a typed column cannot hold as given (a value that is
 * not a number, a sample written as text) keeps its row object in `odd`, so the data checks
 * report it with the same words as ever; such a row always has an issue, so it is never judged.
 */
import type { Measurement } from './types.js';

export interface MeasurementColumns {
    readonly kind: 'measurement-columns';
    readonly length: number;
    /** Id -> the name as given (always a string from a data file; anything from a caller's row objects). */
    readonly programs: readonly unknown[];
    readonly metrics: readonly unknown[];
    readonly periods: readonly unknown[];
    readonly program: Int32Array;
    readonly metric: Int32Array;
    readonly period: Int32Array;
    readonly value: Float64Array;
    /** NaN: no sample. */
    readonly sample: Float64Array;
    /** NaN: no population; undefined when no row has one. */
    readonly population: Float64Array | undefined;
    /** Rows whose fields the typed columns cannot hold as given (row objects only): index -> the row. */
    readonly odd: ReadonlyMap<number, unknown> | undefined;
}

export function isColumns(data: unknown): data is MeasurementColumns {
    return typeof data === 'object' && data !== null && (data as MeasurementColumns).kind === 'measurement-columns';
}

/** Columns as they are, or row objects turned into columns. */
export function asColumns(data: readonly Measurement[] | MeasurementColumns): MeasurementColumns {
    return isColumns(data) ? data : columnsOf(data);
}

/** Builds columns row by row, growing its arrays by doubling. */
export class ColumnsBuilder {
    private readonly ids = [new Map<unknown, number>(), new Map<unknown, number>(), new Map<unknown, number>()];
    private readonly names: unknown[][] = [[], [], []];
    private readonly lastName: unknown[] = [{}, {}, {}];
    private readonly lastId = new Int32Array(3);
    private capacity: number;
    private program: Int32Array;
    private metric: Int32Array;
    private period: Int32Array;
    private value: Float64Array;
    private sample: Float64Array;
    private population: Float64Array | undefined;
    private odd: Map<number, unknown> | undefined;
    length = 0;

    constructor(capacity = 1024) {
        this.capacity = capacity;
        this.program = new Int32Array(capacity);
        this.metric = new Int32Array(capacity);
        this.period = new Int32Array(capacity);
        this.value = new Float64Array(capacity);
        this.sample = new Float64Array(capacity);
    }

    /** Appends a row; `sample` and `population` NaN when absent. */
    push(program: unknown, metric: unknown, period: unknown, value: number, sample: number, population: number): void {
        this.pushIds(this.id(0, program), this.id(1, metric), this.id(2, period), value, sample, population);
    }

    /** Appends a row whose names are ids already (`idOf`). */
    pushIds(program: number, metric: number, period: number, value: number, sample: number, population: number): void {
        if (this.length === this.capacity) this.grow();
        const i = this.length++;
        this.program[i] = program;
        this.metric[i] = metric;
        this.period[i] = period;
        this.value[i] = value;
        this.sample[i] = sample;
        if (population === population) {
            if (!this.population) this.population = new Float64Array(this.capacity).fill(NaN);
            this.population[i] = population;
        } else if (this.population) {
            this.population[i] = NaN;
        }
    }

    /** Appends a row object as given (validated later by the data checks). */
    pushRow(row: Measurement): void {
        if (row === null || typeof row !== 'object') {
            this.push(undefined, undefined, undefined, NaN, NaN, NaN);
            this.markOdd(row);
            return;
        }
        const { value, sample, population } = row;
        const numeric = typeof value === 'number' && Number.isFinite(value);
        const sampleOk = sample === undefined || sample === null || typeof sample === 'number';
        const populationOk = population === undefined || population === null || typeof population === 'number';
        this.push(row.program, row.metric, row.period, numeric ? value : NaN, typeof sample === 'number' ? sample : NaN, typeof population === 'number' ? population : NaN);
        if (!numeric || !sampleOk || !populationOk || Number.isNaN(sample) || Number.isNaN(population)) this.markOdd(row);
    }

    build(): MeasurementColumns {
        const n = this.length;
        return {
            kind: 'measurement-columns',
            length: n,
            programs: this.names[0],
            metrics: this.names[1],
            periods: this.names[2],
            program: this.program.subarray(0, n),
            metric: this.metric.subarray(0, n),
            period: this.period.subarray(0, n),
            value: this.value.subarray(0, n),
            sample: this.sample.subarray(0, n),
            population: this.population?.subarray(0, n),
            odd: this.odd,
        };
    }

    private markOdd(row: unknown): void {
        (this.odd ??= new Map()).set(this.length - 1, row);
    }

    /** The id of a name of column `k` (0 program, 1 metric, 2 period), made when new. */
    idOf(k: number, name: unknown): number {
        let id = this.ids[k].get(name);
        if (id === undefined) {
            // A name read from a file may be a slice of a whole chunk of its text: keep a copy, not the chunk.
            const own = typeof name === 'string' ? Array.from(name).join('') : name;
            id = this.names[k].length;
            this.names[k].push(own);
            this.ids[k].set(own, id);
        }
        return id;
    }

    /** The name of id `id` of column `k`. */
    nameOf(k: number, id: number): unknown {
        return this.names[k][id];
    }

    private id(k: number, name: unknown): number {
        // Data files hold runs of one program (and one period): the previous name first.
        if (name === this.lastName[k]) return this.lastId[k];
        const id = this.idOf(k, name);
        this.lastName[k] = name;
        this.lastId[k] = id;
        return id;
    }

    /** Room for `rows` rows, grown to at once (a reader that can estimate its rows copies its columns once, not log n times). */
    reserve(rows: number): void {
        if (rows > this.capacity) this.grow(rows);
    }

    private grow(size = this.capacity * 2): void {
        const wider = <A extends Int32Array | Float64Array>(a: A, fill?: number): A => {
            const b = new (a.constructor as new (n: number) => A)(size);
            b.set(a);
            if (fill !== undefined) b.fill(fill, this.capacity);
            return b;
        };
        this.program = wider(this.program);
        this.metric = wider(this.metric);
        this.period = wider(this.period);
        this.value = wider(this.value);
        this.sample = wider(this.sample);
        if (this.population) this.population = wider(this.population, NaN);
        this.capacity = size;
    }
}

/** Row objects as columns (the engine's boundary for callers that pass rows). */
export function columnsOf(rows: readonly Measurement[]): MeasurementColumns {
    const b = new ColumnsBuilder(Math.max(16, rows.length));
    for (let i = 0; i < rows.length; i++) b.pushRow(rows[i]);
    return b.build();
}

/** Several column sets as one, in order (rows of `--data` then computed rows). */
export function concatColumns(parts: readonly MeasurementColumns[]): MeasurementColumns {
    if (parts.length === 1) return parts[0];
    const total = parts.reduce((n, p) => n + p.length, 0);
    const b = new ColumnsBuilder(Math.max(16, total));
    for (const p of parts) {
        for (let i = 0; i < p.length; i++) copyRow(b, p, i);
    }
    return b.build();
}

/** The rows `keep` accepts, in order, as new columns (`norma diff` leaves out the rows one version cannot judge). */
export function filterColumns(c: MeasurementColumns, keep: (i: number) => boolean): MeasurementColumns {
    const b = new ColumnsBuilder(Math.max(16, c.length));
    for (let i = 0; i < c.length; i++) if (keep(i)) copyRow(b, c, i);
    return b.build();
}

function copyRow(b: ColumnsBuilder, p: MeasurementColumns, i: number): void {
    const odd = p.odd?.get(i);
    if (odd !== undefined || p.odd?.has(i)) b.pushRow(odd as Measurement);
    else b.push(p.programs[p.program[i]], p.metrics[p.metric[i]], p.periods[p.period[i]], p.value[i], p.sample[i], p.population ? p.population[i] : NaN);
}

/** Row `i` as an object (for the few paths that want one: messages, staffing, `rows` of a read). */
export function rowOf(c: MeasurementColumns, i: number): Measurement {
    if (c.odd?.has(i)) return c.odd.get(i) as Measurement;
    const row: Measurement = {
        program: c.programs[c.program[i]] as string,
        metric: c.metrics[c.metric[i]] as string,
        period: c.periods[c.period[i]] as string,
        value: c.value[i],
        sample: numberOrNull(c.sample[i]),
    };
    const population = c.population ? c.population[i] : NaN;
    if (population === population) row.population = population;
    return row;
}

/** Every row as an object. */
export function rowsOf(c: MeasurementColumns): Measurement[] {
    const rows = new Array<Measurement>(c.length);
    for (let i = 0; i < c.length; i++) rows[i] = rowOf(c, i);
    return rows;
}

export function numberOrNull(x: number): number | null {
    return x === x ? x : null;
}
