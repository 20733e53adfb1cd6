/**
 * Divides last, exactly (SPEC §3a, §6.2): the partial sums and counts of one program and
 * period (render.ts) are combined along the formula tree as exact rationals, and only the
 * final figure becomes a double, correctly rounded (100 x 4 / 5 is exactly 80). Also says what
 * `sample` is and why a period gives no row (a zero denominator, no values to average).
 */
import type { Expr } from '../model/formula.js';
import type { MetricModel } from '../model/types.js';
import type { Partial } from './sql/render.js';

/** An exact rational; `d` > 0. */
export interface Rational {
    n: bigint;
    d: bigint;
}

export type Finished =
    | { ok: true; value: number; sample: number }
    /** No row for this period, and why, in plain words. */
    | { ok: false; reason: string };

/** Partial values of one group, by column: integers, exact decimal text, or null. */
export type PartialValues = Record<string, bigint | number | string | null>;

/** The aggregates of one group, numbered as render.ts numbered them. */
interface AggregateValue {
    value: Rational | null;
    /** Records behind the aggregate (count, sum, distinct) or its non-null values (avg, min, max, percentile). */
    sample: bigint;
    what: string;
}

export function finish(metric: MetricModel, partials: readonly Partial[], row: PartialValues): Finished {
    const formula = metric.formula!;
    const aggregates = new Map<number, AggregateValue>();
    let index = 0;
    const result = evaluate(formula.value, () => index++, partials, row, aggregates);
    if (!result.ok) return result;
    let value = result.value;
    if (metric.unit.kind === 'percent' && formula.dimension === 'fraction') value = { n: value.n * 100n, d: value.d };
    return { ok: true, value: toDouble(value), sample: Number(result.sample) };
}

type Step = { ok: true; value: Rational; sample: bigint } | { ok: false; reason: string };

function evaluate(expr: Expr, next: () => number, partials: readonly Partial[], row: PartialValues, seen: Map<number, AggregateValue>): Step {
    switch (expr.kind) {
        case 'aggregate': {
            const a = aggregateValue(expr, next(), partials, row);
            if (a.value === null) return { ok: false, reason: `${a.what} has no values in this period` };
            return { ok: true, value: a.value, sample: a.sample };
        }
        case 'number': return { ok: true, value: parseDecimal(expr.value), sample: 0n };
        case 'arithmetic': {
            const left = evaluate(expr.left, next, partials, row, seen);
            const right = evaluate(expr.right, next, partials, row, seen);
            if (!left.ok) return left;
            if (!right.ok) return right;
            const l = left.value;
            const r = right.value;
            switch (expr.op) {
                case '+': return { ok: true, value: normalise({ n: l.n * r.d + r.n * l.d, d: l.d * r.d }), sample: left.sample };
                case '-': return { ok: true, value: normalise({ n: l.n * r.d - r.n * l.d, d: l.d * r.d }), sample: left.sample };
                case '*': return { ok: true, value: normalise({ n: l.n * r.n, d: l.d * r.d }), sample: left.sample || right.sample };
                case '/': {
                    if (r.n === 0n) return { ok: false, reason: `the denominator ${describe(expr.right)} is 0 in this period` };
                    const d = l.d * r.n;
                    const value = normalise(d < 0n ? { n: -l.n * r.d, d: -d } : { n: l.n * r.d, d });
                    // A ratio's sample is its denominator (a count), or what stands behind it.
                    const sample = isCount(expr.right) ? r.n / r.d : right.sample;
                    return { ok: true, value, sample };
                }
            }
        }
        // eslint-disable-next-line no-fallthrough
        default:
            return { ok: false, reason: `a formula computes numbers from aggregates` };
    }
}

function isCount(expr: Expr): boolean {
    return expr.kind === 'aggregate' && (expr.fn === 'count' || expr.fn === 'distinct');
}

function aggregateValue(expr: Extract<Expr, { kind: 'aggregate' }>, index: number, partials: readonly Partial[], row: PartialValues): AggregateValue {
    const mine = partials.filter(p => p.aggregate === index);
    const get = (kind: Partial['kind']) => {
        const p = mine.find(m => m.kind === kind);
        return p ? row[p.column] : null;
    };
    const integer = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(v as bigint | number | string));
    const what = describe(expr);
    switch (expr.fn) {
        case 'count': {
            const records = integer(get('records'));
            const n = expr.arg ? integer(get('countWhere')) : records;
            return { value: { n, d: 1n }, sample: records, what };
        }
        case 'distinct':
            return { value: { n: integer(get('distinct')), d: 1n }, sample: integer(get('records')), what };
        case 'sum': {
            const sum = get('sum');
            return { value: sum === null ? { n: 0n, d: 1n } : parseDecimal(String(sum)), sample: integer(get('records')), what };
        }
        case 'avg': {
            const count = integer(get('nonNull'));
            const sum = get('sum');
            if (count === 0n || sum === null) return { value: null, sample: 0n, what };
            const s = parseDecimal(String(sum));
            return { value: normalise({ n: s.n, d: s.d * count }), sample: count, what };
        }
        case 'min': case 'max': case 'percentile': {
            const count = integer(get('nonNull'));
            const v = get(expr.fn);
            return { value: v === null || count === 0n ? null : parseDecimal(String(v)), sample: count, what };
        }
    }
}

/** How a formula part reads in a reason: `count(offered)`, `avg(talk + hold)`. */
export function describe(expr: Expr): string {
    switch (expr.kind) {
        case 'field': return expr.name;
        case 'number': return expr.value;
        case 'text': return JSON.stringify(expr.value);
        case 'boolean': return String(expr.value);
        case 'not': return `not ${describe(expr.operand)}`;
        case 'logic': case 'compare': case 'arithmetic': return `${describe(expr.left)} ${expr.op} ${describe(expr.right)}`;
        case 'isNull': return `${describe(expr.operand)} is ${expr.negated ? 'not ' : ''}null`;
        case 'in': return `${describe(expr.operand)} in (${expr.values.map(describe).join(', ')})`;
        case 'coalesce': return `coalesce(${expr.args.map(describe).join(', ')})`;
        case 'aggregate': return `${expr.fn}(${expr.arg ? describe(expr.arg) : ''}${expr.fraction ? `, ${Number(expr.fraction) * 100}%` : ''})`;
    }
}

/** `-12.500` as 12500/1000, reduced. */
export function parseDecimal(text: string): Rational {
    const match = /^(-?)([0-9]*)(?:\.([0-9]*))?$/.exec(text.trim());
    if (!match) throw new Error(`not an exact decimal: ${text}`);
    const fraction = match[3] ?? '';
    const n = BigInt(`${match[1]}${match[2] || '0'}${fraction}`);
    return normalise({ n, d: 10n ** BigInt(fraction.length) });
}

function normalise(r: Rational): Rational {
    const g = gcd(r.n < 0n ? -r.n : r.n, r.d);
    return g > 1n ? { n: r.n / g, d: r.d / g } : r;
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a === 0n ? 1n : a;
}

/**
 * The double nearest to n/d (ties to even): the quotient is taken to 55 bits or more with a
 * sticky bit for the remainder, so Number(), which rounds a BigInt correctly, rounds it once.
 */
export function toDouble(r: Rational): number {
    if (r.n === 0n) return 0;
    const negative = r.n < 0n;
    const n = negative ? -r.n : r.n;
    const d = r.d;
    const shift = 55 - (n.toString(2).length - d.toString(2).length);
    const scaledN = shift >= 0 ? n << BigInt(shift) : n;
    const scaledD = shift >= 0 ? d : d << BigInt(-shift);
    const q = scaledN / scaledD;
    const sticky = scaledN % scaledD !== 0n ? 1n : 0n;
    const value = Number((q << 1n) | sticky) * 2 ** -(shift + 1);
    return negative ? -value : value;
}
