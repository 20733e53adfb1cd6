/**
 * Push-down (SPEC §6.4): ONE query per source, in any dialect, whose rows are the measurement
 * rows' partial sums and counts (one row per metric, program and period) plus one row counting
 * the cells that do not parse, field by field. Nothing else crosses the wire: no record comes
 * back. `measurementsOf` then divides last, exactly (finish.ts), and names intervals whose
 * local start repeats on a daylight-saving day with their offset (`2026-10-25T01:30+01:00`).
 */
import type { SourceModel } from '../model/formula.js';
import type { NormaModel } from '../model/types.js';
import { typedNull, type Dialect } from './sql/dialect.js';
import { finish, type PartialValues } from './finish.js';
import { badColumn, COLUMN, renderKept, renderMetric, renderRecords, renderTaken, type MetricQuery } from './sql/render.js';

export interface SourceQuery {
    source: string;
    sql: string;
    metrics: MetricQuery[];
    /** Fields whose cells are parsed (and counted when they do not parse), in `bad` column order. */
    fields: string[];
}

/** Column names of the combined query. */
export const OUT = { metric: '__metric', program: COLUMN.program, period: COLUMN.period, offset: COLUMN.offset } as const;
const BAD_ROW = '__bad';

/** The one query of a source over `relation` (its table, or a file reader). */
export function sourceQuery(model: NormaModel, source: SourceModel, dialect: Dialect, relation = dialect.table(source.table)): SourceQuery {
    const records = renderRecords(source, relation, dialect);
    const kept = renderKept(source, records, dialect);
    const taken = renderTaken(source, model.programs, kept, dialect);
    const metrics = model.metrics.filter(m => m.formula?.source === source.id).map(m => renderMetric(m, source, taken, dialect));
    const fields = source.fields.filter(f => !f.value).map(f => f.name);
    const width = Math.max(fields.length, ...metrics.map(q => q.partials.length), 1);
    const id = dialect.identifier;
    const asText = (sql: string) => dialect.exactText(sql);
    const nullText = typedNull(dialect, 'text');
    const pad = (values: string[]) => Array.from({ length: width }, (_, i) => `${values[i] ?? nullText} AS ${id(`c${i}`)}`).join(', ');
    const branches = metrics.map(q => `SELECT ${dialect.text(q.metric)} AS ${id(OUT.metric)}, ${id(OUT.program)}, ${id(OUT.period)}, `
        + `${id(OUT.offset)}, ${pad(q.partials.map(p => asText(id(p.column))))} FROM (${q.sql}) AS ${id(`m_${q.metric}`)}`);
    // Cells that hold something that does not parse as the field's type, counted per field.
    branches.push(`SELECT ${dialect.text(BAD_ROW)}, ${nullText}, ${nullText}, ${typedNull(dialect, 'integer')}, `
        + `${pad(fields.map(f => asText(dialect.countWhere(id(badColumn(f))))))} FROM (${records}) AS ${id('bad_cells')}`);
    return { source: source.id, sql: branches.join('\nUNION ALL\n'), metrics, fields };
}

export interface SourceMeasurements {
    measurements: { program: string; metric: string; period: string; value: number; sample: number }[];
    /** Fields with cells that do not parse, and how many. */
    badCells: { field: string; count: number }[];
}

/** The measurement rows of one source from its query's rows (row order does not matter). */
export function measurementsOf(model: NormaModel, query: SourceQuery, rows: readonly Record<string, unknown>[]): SourceMeasurements {
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const byMetric = new Map(query.metrics.map(q => [q.metric, q]));
    const out: SourceMeasurements = { measurements: [], badCells: [] };
    // Local labels that occur with two offsets (a repeated hour) are named with their offset.
    const offsets = new Map<string, Set<number>>();
    const key = (r: Record<string, unknown>) => `${r[OUT.metric]}\u0000${r[OUT.program]}\u0000${r[OUT.period]}`;
    for (const r of rows) {
        if (r[OUT.metric] === BAD_ROW || r[OUT.offset] === null || r[OUT.offset] === undefined) continue;
        const k = key(r);
        if (!offsets.has(k)) offsets.set(k, new Set());
        offsets.get(k)!.add(Number(r[OUT.offset]));
    }
    for (const r of rows) {
        if (r[OUT.metric] === BAD_ROW) {
            query.fields.forEach((field, i) => {
                const count = Number(r[`c${i}`] ?? 0);
                if (count > 0) out.badCells.push({ field, count });
            });
            continue;
        }
        const q = byMetric.get(String(r[OUT.metric]));
        const metric = metrics.get(String(r[OUT.metric]));
        if (!q || !metric) continue;
        const values: PartialValues = {};
        q.partials.forEach((p, i) => { values[p.column] = (r[`c${i}`] ?? null) as string | null; });
        const done = finish(metric, q.partials, values);
        if (!done.ok) continue; // a zero denominator or no values: no row (no data), never 0 or 100
        let period = String(r[OUT.period]);
        const offset = r[OUT.offset];
        if (offset !== null && offset !== undefined && (offsets.get(key(r))?.size ?? 0) > 1) period += offsetText(Number(offset));
        out.measurements.push({ program: String(r[OUT.program]), metric: metric.id, period, value: done.value, sample: done.sample });
    }
    out.measurements.sort((a, b) => (a.program < b.program ? -1 : a.program > b.program ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    return out;
}

function offsetText(minutes: number): string {
    const sign = minutes < 0 ? '-' : '+';
    const m = Math.abs(minutes);
    return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
