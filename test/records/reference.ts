// A straightforward JavaScript evaluation of a formula tree over records, kept in the tests only:
// the property test holds DuckDB's result (render.ts + finish.ts) equal to it. It shares nothing
// with the product's code but the formula tree's JSON shape: its own rationals, its own SQL null
// logic, its own grouping.
import type { Expr, SourceModel } from '../../language/src/model/formula.js';
import type { MetricModel, ProgramModel } from '../../language/src/model/types.js';

type R = { n: bigint; d: bigint };
type V = string | boolean | R | null;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function rat(n: bigint, d: bigint): R {
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    return { n: n / g, d: d / g };
}
const dec = (text: string): R => {
    const [w, f = ''] = text.split('.');
    return rat(BigInt((w.startsWith('-') ? '-' : '') + (w.replace('-', '') || '0') + f), 10n ** BigInt(f.length));
};
const isR = (v: V): v is R => typeof v === 'object' && v !== null;
const cmp = (a: R, b: R) => { const x = a.n * b.d - b.n * a.d; return x < 0n ? -1 : x > 0n ? 1 : 0; };

/** The record's raw cells, by column: strings, or null for an empty cell. */
export type RawRecord = Record<string, string | null>;

/** A cell as its field's type, as the tests write them (numbers plain, booleans true/false, timestamps ISO). */
function cell(raw: string | null, type: string): V {
    if (raw === null || raw.trim() === '') return null;
    switch (type) {
        case 'text': return raw;
        case 'boolean': return raw === 'true';
        case 'integer': case 'number': case 'seconds': return dec(raw);
        default: return raw;
    }
}

function evaluate(e: Expr, rec: Record<string, V>, source: SourceModel): V {
    const ev = (x: Expr) => evaluate(x, rec, source);
    switch (e.kind) {
        case 'field': {
            const f = source.fields.find(x => x.name === e.name)!;
            return f.value ? ev(f.value) : rec[e.name];
        }
        case 'number': return dec(e.value);
        case 'text': return e.value;
        case 'boolean': return e.value;
        case 'not': { const v = ev(e.operand); return v === null ? null : !v; }
        case 'logic': {
            const l = ev(e.left) as boolean | null;
            const r = ev(e.right) as boolean | null;
            if (e.op === 'and') return l === false || r === false ? false : l === null || r === null ? null : true;
            return l === true || r === true ? true : l === null || r === null ? null : false;
        }
        case 'compare': {
            const l = ev(e.left);
            const r = ev(e.right);
            if (l === null || r === null) return null;
            const c = isR(l) && isR(r) ? cmp(l, r) : l < r ? -1 : l > r ? 1 : 0;
            switch (e.op) {
                case '=': return c === 0;
                case '!=': return c !== 0;
                case '<': return c < 0;
                case '<=': return c <= 0;
                case '>': return c > 0;
                case '>=': return c >= 0;
            }
        }
        // eslint-disable-next-line no-fallthrough
        case 'arithmetic': {
            const l = ev(e.left) as R | null;
            const r = ev(e.right) as R | null;
            if (l === null || r === null) return null;
            switch (e.op) {
                case '+': return rat(l.n * r.d + r.n * l.d, l.d * r.d);
                case '-': return rat(l.n * r.d - r.n * l.d, l.d * r.d);
                case '*': return rat(l.n * r.n, l.d * r.d);
                case '/': throw new Error('the property test writes no record-level division');
            }
        }
        // eslint-disable-next-line no-fallthrough
        case 'isNull': { const v = ev(e.operand); return e.negated ? v !== null : v === null; }
        case 'in': {
            const v = ev(e.operand);
            if (v === null) return null;
            return e.values.some(x => { const w = ev(x); return isR(v) && isR(w) ? cmp(v, w) === 0 : v === w; });
        }
        case 'coalesce': { for (const a of e.args) { const v = ev(a); if (v !== null) return v; } return null; }
        case 'aggregate': throw new Error('aggregate in a record expression');
    }
}

type Agg = { value: R | null; sample: bigint };

function aggregate(e: Extract<Expr, { kind: 'aggregate' }>, group: Record<string, V>[], source: SourceModel): Agg {
    const values = e.arg ? group.map(r => evaluate(e.arg!, r, source)) : [];
    const nonNull = values.filter(v => v !== null);
    const records = BigInt(group.length);
    switch (e.fn) {
        case 'count': return { value: rat(e.arg ? BigInt(values.filter(v => v === true).length) : records, 1n), sample: records };
        case 'distinct': return { value: rat(BigInt(new Set(nonNull.map(v => (isR(v) ? `${v.n}/${v.d}` : String(v)))).size), 1n), sample: records };
        case 'sum': return { value: (nonNull as R[]).reduce((a, b) => rat(a.n * b.d + b.n * a.d, a.d * b.d), rat(0n, 1n)), sample: records };
        case 'avg': {
            if (nonNull.length === 0) return { value: null, sample: 0n };
            const s = (nonNull as R[]).reduce((a, b) => rat(a.n * b.d + b.n * a.d, a.d * b.d), rat(0n, 1n));
            return { value: rat(s.n, s.d * BigInt(nonNull.length)), sample: BigInt(nonNull.length) };
        }
        case 'min': case 'max': {
            if (nonNull.length === 0) return { value: null, sample: 0n };
            const sorted = (nonNull as R[]).slice().sort(cmp);
            return { value: e.fn === 'min' ? sorted[0] : sorted[sorted.length - 1], sample: BigInt(nonNull.length) };
        }
        case 'percentile': throw new Error('the property test writes no percentile');
    }
}

type Out = { ok: true; value: R; sample: bigint } | { ok: false };

function formula(e: Expr, group: Record<string, V>[], source: SourceModel): Out {
    switch (e.kind) {
        case 'aggregate': {
            const a = aggregate(e, group, source);
            return a.value === null ? { ok: false } : { ok: true, value: a.value, sample: a.sample };
        }
        case 'number': return { ok: true, value: dec(e.value), sample: 0n };
        case 'arithmetic': {
            const l = formula(e.left, group, source);
            const r = formula(e.right, group, source);
            if (!l.ok || !r.ok) return { ok: false };
            const a = l.value;
            const b = r.value;
            switch (e.op) {
                case '+': return { ok: true, value: rat(a.n * b.d + b.n * a.d, a.d * b.d), sample: l.sample };
                case '-': return { ok: true, value: rat(a.n * b.d - b.n * a.d, a.d * b.d), sample: l.sample };
                case '*': return { ok: true, value: rat(a.n * b.n, a.d * b.d), sample: l.sample || r.sample };
                case '/': {
                    if (b.n === 0n) return { ok: false };
                    const countLike = e.right.kind === 'aggregate' && (e.right.fn === 'count' || e.right.fn === 'distinct');
                    return { ok: true, value: rat(a.n * b.d, a.d * b.n), sample: countLike ? b.n / b.d : r.sample };
                }
            }
        }
        // eslint-disable-next-line no-fallthrough
        default: throw new Error(`not a formula: ${e.kind}`);
    }
}

/** The nearest double to n/d (ties to even), by a different road than finish.ts: scale into [2^52, 2^53) and round by hand. */
function nearestDouble(r: R): number {
    if (r.n === 0n) return 0;
    const negative = r.n < 0n;
    let num = negative ? -r.n : r.n;
    let den = r.d;
    let e = 0;
    while (num >= den * (1n << 53n)) { den <<= 1n; e++; }
    while (num < den * (1n << 52n)) { num <<= 1n; e--; }
    const m = num / den;
    const rem = num - m * den;
    const mantissa = rem * 2n > den || (rem * 2n === den && (m & 1n) === 1n) ? m + 1n : m;
    const value = Number(mantissa) * 2 ** e;
    return negative ? -value : value;
}

export interface ReferenceRow { program: string; metric: string; period: string; value: number; sample: number }

/** Every row the formula gives, by the book: keep, records clauses, where, periods, aggregates, division last. */
export function referenceRows(source: SourceModel, metric: MetricModel, programs: ProgramModel[], raw: RawRecord[]): ReferenceRow[] {
    const f = metric.formula!;
    const typed = raw.map(r => Object.fromEntries(source.fields.filter(x => !x.value).map(x => [x.name, cell(r[x.column!] ?? null, x.type)])));
    const kept = typed.filter(r => source.keep.every(k => evaluate(k, r, source) === true));
    const rows: ReferenceRow[] = [];
    for (const p of programs) {
        for (const clause of (p.records ?? []).filter(c => c.source === source.id)) {
            const taken = kept.filter(r => clause.where === null || evaluate(clause.where, r, source) === true);
            const groups = new Map<string, Record<string, V>[]>();
            for (const r of taken) {
                const at = evaluate({ kind: 'field', name: f.at }, r, source) as string | null;
                if (at === null) continue;
                if (f.where && evaluate(f.where, r, source) !== true) continue;
                const period = metric.period === 'daily' ? at.slice(0, 10) : `${at.slice(0, 14)}${Number(at.slice(14, 16)) < 30 ? '00' : '30'}`;
                groups.set(period, [...(groups.get(period) ?? []), r]);
            }
            for (const [period, group] of groups) {
                const out = formula(f.value, group, source);
                if (!out.ok) continue;
                const value = metric.unit.kind === 'percent' && f.dimension === 'fraction' ? rat(out.value.n * 100n, out.value.d) : out.value;
                rows.push({ program: p.id, metric: metric.id, period, value: nearestDouble(value), sample: Number(out.sample) });
            }
        }
    }
    return rows.sort((a, b) => (a.program + a.period < b.program + b.period ? -1 : a.program + a.period > b.program + b.period ? 1 : 0));
}
