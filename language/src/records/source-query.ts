/**
 * Push-down (SPEC §6.4): ONE query per source, in any dialect, that reads the source's table once
 * per time field its metrics are measured at (and once more per metric with a percentile or a
 * distinct count, which cannot be rolled up). Every metric of every program is a set of
 * conditional aggregates of the same GROUP BY: the records a program takes and a formula's
 * `where` are conditions inside each aggregate, not joins or unions, so the database scans and
 * parses the records once, and a single-table aggregate is what postgres_fdw can run on a shard.
 *
 * The groups are the finest periods of the branch (a half hour holds its day, week and month),
 * and their rows carry partial sums and counts only: `measurementsOf` adds the partials of each
 * metric's own period up (counts and sums add, minimums and maximums combine), then divides last,
 * exactly (finish.ts). The same scan counts the cells that do not parse, the records no program
 * takes and the records without an instant. No record comes back.
 */
import type { SourceModel } from '../model/formula.js';
import type { Grain, MetricModel, NormaModel, ProgramModel } from '../model/types.js';
import { truth, typedNull, type Dialect, type TableCatalog } from './sql/dialect.js';
import { finish, parseDecimal, type PartialValues } from './finish.js';
import { parsedFields, presentColumn, renderExpr, renderKept, renderRecords, renderTyped, renderUntaken, walkAggregates, type Partial } from './sql/render.js';
import { labelWithOffset } from './zones.js';

/** One program's partials of one metric: column names of the query's rows by partial. */
interface ProgramColumns {
    program: string;
    /** The records the metric counts for the program in a group (a group without any gives no period). */
    records: string;
    partials: { partial: Partial; column: string }[];
}

interface BranchMetric {
    metric: string;
    /** Key columns holding the metric's period label and, for sub-day grains in a zone, its UTC offset. */
    label: string;
    offset?: string;
    programs: ProgramColumns[];
}

/** One SELECT of the query: a GROUP BY over the source's records. */
interface Branch {
    id: string;
    keys: number;
    metrics: BranchMetric[];
}

export interface SourceQuery {
    source: string;
    sql: string;
    branches: Branch[];
    /** Fields whose cells are parsed (and counted when they do not parse), with their count columns. */
    bad: { field: string; column: string }[];
    /** The column counting kept records that no program takes. */
    untaken: string;
    /** Per time field a metric is measured at: columns counting taken records without one (one per program). */
    noInstant: { at: string; columns: string[] }[];
    /** Columns of the widest branch: `__branch`, k0..kN, c0..cM (all text). */
    width: { keys: number; values: number };
}

/** The column naming the branch of a row. */
export const BRANCH = '__branch';

/** Aggregates that cannot be added up from finer periods: their metric gets a GROUP BY of its own. */
const NOT_ADDITIVE = new Set(['percentile', 'distinct']);

const conjunction = (parts: (string | undefined)[]) => {
    const present = parts.filter((p): p is string => p !== undefined);
    return present.length === 0 ? undefined : present.length === 1 ? present[0] : `(${present.join(' AND ')})`;
};

/** The programs that take records of the source, each with the condition that says which. */
export function takers(source: SourceModel, programs: readonly ProgramModel[], dialect: Dialect): { program: string; condition: string }[] {
    const out: { program: string; condition: string }[] = [];
    for (const p of programs) {
        const clauses = (p.records ?? []).filter(r => r.source === source.id);
        if (!clauses.length) continue;
        const conditions = clauses.map(r => (r.where ? truth(dialect, renderExpr(r.where, source, dialect)) : dialect.boolean(true)));
        out.push({ program: p.id, condition: conditions.length === 1 ? conditions[0] : `(${conditions.join(' OR ')})` });
    }
    return out;
}

/** How a partial of one group adds up with the same partial of other groups in an outer query. */
type Combine = 'sum' | 'min' | 'max';

/** The finest grain first: a bucket of a grain lies inside one period of every coarser grain. */
const GRAINS: Grain[] = ['interval15', 'interval30', 'hourly', 'daily', 'weekly', 'monthly'];

/**
 * The one query of a source over its table. `catalog` is what the database says of the table
 * (read before the query by `--database`): fields whose columns already hold their type are used
 * as they are, and a partitioned table's key joins the GROUP BY of the additive metrics.
 *
 * In a dialect with two-stage periods (PostgreSQL), each additive branch is an inner GROUP BY on
 * the records' period buckets (and the partition key) with plain aggregates, which postgres_fdw
 * can run whole on each shard when every expression is shippable (typed columns), and an outer
 * query that names the periods and adds the buckets' partials up (sums of counts and sums, min
 * of minimums, max of maximums: exact, the division still comes last in finish.ts).
 */
export function sourceQuery(model: NormaModel, source: SourceModel, dialect: Dialect, catalog?: TableCatalog): SourceQuery {
    const id = dialect.identifier;
    const relation = dialect.table(source.table);
    // Per record, once: the typed fields, then the derived fields, whether `keep` keeps it and
    // which programs take it. The aggregates read these as columns (`flat`: derived fields are
    // columns there), so no expression is repeated in each aggregate that needs it.
    const keepSql = conjunction(source.keep.map(k => truth(dialect, renderExpr(k, source, dialect))));
    const taking = takers(source, model.programs, dialect);
    const kept = id('__kept');
    const flags = [
        ...source.fields.filter(f => f.value).map(f => `${renderExpr({ kind: 'field', name: f.name }, source, dialect)} AS ${id(f.name)}`),
        `${keepSql ?? dialect.boolean(true)} AS ${kept}`,
        ...taking.map((p, i) => `${conjunction([keepSql, p.condition])} AS ${id(`__taken_${i}`)}`),
    ];
    const parsed = parsedFields(source, dialect, catalog);
    const fence = parsed.some(f => f.type !== 'text') ? dialect.fence ?? '' : '';
    const partition = dialect.bucket ? (catalog?.partitionKey ?? []).map((column, i) => ({ column, as: `__part_${i}` })) : [];
    const records = `SELECT *, ${flags.join(', ')} FROM (${renderTyped(source, relation, dialect, catalog, partition)}) AS ${id('typed')}${fence}`;
    const flat: SourceModel = { ...source, fields: source.fields.map(f => ({ ...f, value: undefined })) };
    const keep = kept;
    const programs = taking.map((p, i) => ({ program: p.program, condition: id(`__taken_${i}`) }));
    const metrics = model.metrics.filter(m => m.formula?.source === source.id);

    // Additive metrics share one branch per time field (in the order the fields first appear); the others have one each.
    const additive = new Map<string, MetricModel[]>();
    const alone: MetricModel[][] = [];
    for (const m of metrics) {
        let adds = true;
        walkAggregates(m.formula!.value, a => { if (NOT_ADDITIVE.has(a.fn)) adds = false; });
        if (!adds) alone.push([m]);
        else additive.set(m.formula!.at, [...(additive.get(m.formula!.at) ?? []), m]);
    }
    const groups = [...additive.values(), ...alone];
    if (!groups.length) groups.push([]);

    const query: SourceQuery = { source: source.id, sql: '', branches: [], bad: [], untaken: '', noInstant: [], width: { keys: 0, values: 0 } };
    const selects: { keys: string[]; values: string[]; sql: (select: string) => string }[] = [];
    groups.forEach((group, b) => {
        // Two stages for additive branches where the dialect has buckets; percentiles and distinct counts cannot be added up from buckets.
        const twoStage = dialect.bucket !== undefined && (b < additive.size || (b === 0 && !metrics.length));
        const bucketAt = group[0]?.formula!.at;
        const bucketColumn = id('__bucket');
        let bucket: string | undefined;
        if (twoStage && bucketAt !== undefined) {
            const finest = GRAINS.find(g => group.some(m => m.period === g))!;
            const type = source.fields.find(f => f.name === bucketAt)?.type === 'date' ? 'date' : 'timestamp';
            bucket = dialect.bucket!(renderExpr({ kind: 'field', name: bucketAt }, flat, dialect), type, source.timezone !== null, finest);
        }
        const keys: string[] = [];
        const groupBy: string[] = [];
        const values: string[] = [];
        const inner: { sql: string; combine: Combine }[] = [];
        const key = (sql: string) => {
            let i = groupBy.indexOf(sql);
            if (i < 0) { i = groupBy.length; groupBy.push(sql); keys.push(dialect.exactText(sql)); }
            return `k${i}`;
        };
        const value = (sql: string, combine: Combine = 'sum') => {
            if (twoStage) {
                let i = inner.findIndex(v => v.sql === sql);
                if (i < 0) { i = inner.length; inner.push({ sql, combine }); values.push(dialect.exactText(`${combine}(${id(`v${i}`)})`)); }
                return `c${i}`;
            }
            const text = dialect.exactText(sql);
            let i = values.indexOf(text);
            if (i < 0) { i = values.length; values.push(text); }
            return `c${i}`;
        };
        const branch: Branch = { id: `b${b}`, keys: 0, metrics: [] };
        if (b === 0) {
            // Counted once, in the first scan: cells that do not parse, records no program takes, records without an instant.
            for (const f of parsed) query.bad.push({ field: f.name, column: value(dialect.countWhere(`(${id(presentColumn(f.name))} AND ${id(f.name)} IS NULL)`)) });
            const taken = programs.length ? `(${programs.map(p => p.condition).join(' OR ')})` : undefined;
            query.untaken = value(dialect.countWhere(conjunction([keep, taken ? `(NOT ${taken})` : undefined])!));
            for (const at of [...new Set(metrics.map(m => m.formula!.at))]) {
                const instant = renderExpr({ kind: 'field', name: at }, flat, dialect);
                query.noInstant.push({ at, columns: programs.map(p => value(dialect.countWhere(`(${p.condition} AND ${instant} IS NULL)`))) });
            }
        }
        for (const m of group) {
            const formula = m.formula!;
            const at = renderExpr({ kind: 'field', name: formula.at }, flat, dialect);
            const period = dialect.periodKey(bucket === undefined ? at : bucketColumn, m.period, m.weekStart ?? 'monday', source.timezone);
            const bm: BranchMetric = { metric: m.id, label: key(period.label), offset: period.offsetMinutes === undefined ? undefined : key(period.offsetMinutes), programs: [] };
            const where = formula.where ? truth(dialect, renderExpr(formula.where, flat, dialect)) : undefined;
            for (const p of programs) {
                const counted = conjunction([p.condition, `${at} IS NOT NULL`, where])!;
                const only = (sql: string) => `CASE WHEN ${counted} THEN ${sql} END`;
                const pc: ProgramColumns = { program: p.program, records: value(dialect.countWhere(counted)), partials: [] };
                let aggregate = 0;
                const add = (kind: Partial['kind'], sql: string, combine?: Combine) => pc.partials.push({ partial: { column: `p${pc.partials.length}`, aggregate, kind }, column: value(sql, combine) });
                walkAggregates(formula.value, a => {
                    const arg = a.arg ? renderExpr(a.arg, flat, dialect) : undefined;
                    switch (a.fn) {
                        case 'count':
                            add('records', dialect.countWhere(counted));
                            if (arg !== undefined) add('countWhere', dialect.countWhere(conjunction([counted, arg])!));
                            break;
                        case 'sum':
                            add('records', dialect.countWhere(counted));
                            add('sum', `sum(${only(arg!)})`);
                            break;
                        case 'avg':
                            add('nonNull', `count(${only(arg!)})`);
                            add('sum', `sum(${only(arg!)})`);
                            break;
                        case 'min': case 'max':
                            add('nonNull', `count(${only(arg!)})`);
                            add(a.fn, `${a.fn}(${only(arg!)})`, a.fn);
                            break;
                        case 'percentile':
                            add('nonNull', `count(${only(arg!)})`);
                            add('percentile', dialect.percentile(only(arg!), dialect.decimal(a.fraction!)));
                            break;
                        case 'distinct':
                            add('records', dialect.countWhere(counted));
                            add('distinct', dialect.countDistinct(only(arg!)));
                            break;
                    }
                    aggregate++;
                });
                bm.programs.push(pc);
            }
            branch.metrics.push(bm);
        }
        branch.keys = keys.length;
        query.branches.push(branch);
        const grouped = (by: string[]) => (by.length ? ` GROUP BY ${by.join(', ')}` : '');
        if (twoStage) {
            // Inner: the buckets (and the partition key: a shard runs its whole aggregate only when the GROUP BY holds it).
            const innerKeys = [...(bucket === undefined ? [] : [bucket]), ...partition.map(p => id(p.as))];
            const innerColumns = [...(bucket === undefined ? [] : [`${bucket} AS ${bucketColumn}`]), ...inner.map((v, i) => `${v.sql} AS ${id(`v${i}`)}`)];
            const innerSql = `SELECT ${innerColumns.join(', ')} FROM (${records}) AS ${id('records')}${grouped(innerKeys)}`;
            selects.push({ keys, values, sql: select => `${select} FROM (${innerSql}) AS ${id('buckets')}${grouped(groupBy)}` });
        } else {
            selects.push({ keys, values, sql: select => `${select} FROM (${records}) AS ${id('records')}${grouped(groupBy)}` });
        }
    });
    query.width = { keys: Math.max(0, ...selects.map(s => s.keys.length)), values: Math.max(1, ...selects.map(s => s.values.length)) };
    const nullText = typedNull(dialect, 'text');
    const pad = (list: string[], n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${list[i] ?? nullText} AS ${id(`${prefix}${i}`)}`);
    query.sql = selects.map((s, b) => s.sql(`SELECT ${[`${dialect.text(`b${b}`)} AS ${id(BRANCH)}`, ...pad(s.keys, query.width.keys, 'k'), ...pad(s.values, query.width.values, 'c')].join(', ')}`))
        .join('\nUNION ALL\n');
    return query;
}

/** A few records that no program takes (for the warning that counts them), over the source's table. */
export function untakenExamplesQuery(model: NormaModel, source: SourceModel, dialect: Dialect, catalog?: TableCatalog, limit = 3): { sql: string; fields: string[] } {
    const fields = source.fields.filter(f => !f.value).slice(0, 4).map(f => f.name);
    const programs = model.programs.filter(p => (p.records ?? []).some(r => r.source === source.id));
    const kept = renderKept(source, renderRecords(source, dialect.table(source.table), dialect, catalog), dialect);
    return {
        sql: `SELECT ${fields.map(f => `${dialect.exactText(dialect.identifier(f))} AS ${dialect.identifier(f)}`).join(', ')} FROM (${renderUntaken(source, programs, kept, dialect)}) AS ${dialect.identifier('untaken')} LIMIT ${limit}`,
        fields,
    };
}

export interface SourceMeasurements {
    measurements: { program: string; metric: string; period: string; value: number; sample: number }[];
    /** Periods that give no row (a zero denominator, no values), and why, as the embedded computation says it. */
    skipped: { program: string; metric: string; period: string; reason: string }[];
    /** Fields with cells that do not parse, and how many. */
    badCells: { field: string; count: number }[];
    /** Kept records that no program takes. */
    untaken: number;
    /** Per time field, taken records (per program) that have none. */
    noInstant: { at: string; count: number }[];
}

type Partials = Map<string, bigint | string | null>;

/** The measurement rows of one source from its query's rows (row order does not matter). */
export function measurementsOf(model: NormaModel, query: SourceQuery, rows: readonly Record<string, unknown>[]): SourceMeasurements {
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const source = model.sources?.find(s => s.id === query.source);
    const zone = source?.timezone ?? null;
    const branches = new Map(query.branches.map(b => [b.id, b]));
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const count = (v: unknown) => (v === null || v === undefined ? 0n : BigInt(String(v)));
    const totals = new Map<string, bigint>();
    const total = (column: string, r: Record<string, unknown>) => totals.set(column, (totals.get(column) ?? 0n) + count(r[column]));
    // Per metric, program and period (label and offset): the partials added up over the groups.
    const periods = new Map<string, { metric: MetricModel; program: string; label: string; offset: number | null; records: bigint; partials: Partials; kinds: Partial[] }>();
    for (const r of rows) {
        const branch = branches.get(String(r[BRANCH]));
        if (!branch) continue;
        if (branch === query.branches[0]) {
            for (const c of [...query.bad.map(b => b.column), query.untaken, ...query.noInstant.flatMap(n => n.columns)]) total(c, r);
        }
        for (const bm of branch.metrics) {
            const metric = metrics.get(bm.metric);
            const label = text(r[bm.label]);
            if (!metric || label === null) continue;
            const offset = bm.offset === undefined || r[bm.offset] === null || r[bm.offset] === undefined ? null : Number(r[bm.offset]);
            for (const pc of bm.programs) {
                const records = count(r[pc.records]);
                if (records === 0n) continue;
                const k = `${bm.metric}\u0000${pc.program}\u0000${label}\u0000${offset}`;
                let p = periods.get(k);
                if (!p) {
                    p = { metric, program: pc.program, label, offset, records: 0n, partials: new Map(), kinds: pc.partials.map(x => x.partial) };
                    periods.set(k, p);
                }
                p.records += records;
                for (const { partial, column } of pc.partials) p.partials.set(partial.column, combine(partial.kind, p.partials.get(partial.column), r[column]));
            }
        }
    }
    const out: SourceMeasurements = {
        measurements: [], skipped: [],
        badCells: query.bad.map(b => ({ field: b.field, count: Number(totals.get(b.column) ?? 0n) })).filter(b => b.count > 0),
        untaken: Number(totals.get(query.untaken) ?? 0n),
        noInstant: query.noInstant.map(n => ({ at: n.at, count: Number(n.columns.reduce((s, c) => s + (totals.get(c) ?? 0n), 0n)) })),
    };
    for (const p of periods.values()) {
        const values: PartialValues = Object.fromEntries(p.partials);
        const period = p.offset === null || zone === null ? p.label : labelWithOffset(p.label, p.offset, zone);
        const done = finish(p.metric, p.kinds, values);
        if (done.ok) out.measurements.push({ program: p.program, metric: p.metric.id, period, value: done.value, sample: done.sample });
        else out.skipped.push({ program: p.program, metric: p.metric.id, period, reason: `no ${p.metric.id} row for ${p.program} in ${period}: ${done.reason}` });
    }
    const order = (a: { program: string; metric: string; period: string }, b: typeof a) => compare(a.program, b.program) || compare(a.metric, b.metric) || compare(a.period, b.period);
    out.measurements.sort(order);
    out.skipped.sort(order);
    return out;
}

/** Adds one group's partial to the periods' so far: counts and sums add, minimums and maximums combine. */
function combine(kind: Partial['kind'], so: bigint | string | null | undefined, next: unknown): bigint | string | null {
    const value = next === null || next === undefined ? null : String(next);
    switch (kind) {
        case 'records': case 'countWhere': case 'nonNull':
            return (typeof so === 'bigint' ? so : 0n) + (value === null ? 0n : BigInt(value));
        case 'sum':
            return value === null ? (so as string | null | undefined) ?? null : so === null || so === undefined ? value : addDecimals(so as string, value);
        case 'min': case 'max': {
            if (value === null) return (so as string | null | undefined) ?? null;
            if (so === null || so === undefined) return value;
            const a = parseDecimal(so as string);
            const b = parseDecimal(value);
            const less = b.n * a.d < a.n * b.d;
            return (kind === 'min') === less ? value : (so as string);
        }
        case 'percentile': case 'distinct':
            // Their metrics are grouped by their own period: one group per period.
            if (so !== undefined) throw new Error(`a ${kind} partial cannot be added up`);
            return kind === 'distinct' ? (value === null ? 0n : BigInt(value)) : value;
    }
}

/** The exact sum of two decimal texts (`12.50` + `-3.125` = `9.375`). */
export function addDecimals(a: string, b: string): string {
    const scale = (t: string) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0);
    const s = Math.max(scale(a), scale(b));
    const scaled = (t: string) => {
        const negative = t.trim().startsWith('-');
        const [whole, fraction = ''] = t.trim().replace(/^[-+]/, '').split('.');
        const n = BigInt(`${whole || '0'}${fraction.padEnd(s, '0')}`);
        return negative ? -n : n;
    };
    const n = scaled(a) + scaled(b);
    const digits = (n < 0n ? -n : n).toString().padStart(s + 1, '0');
    const body = s ? `${digits.slice(0, -s)}.${digits.slice(-s)}` : digits;
    return n < 0n ? `-${body}` : body;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
