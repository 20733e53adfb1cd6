/**
 * Units of the language: the vocabulary of enumerated words and the reading of quantity
 * literals (`80%`, `0.8`, `20s`, `6min`, `1.5h`, `42`, `EUR 3.10`) into normalised values.
 * Pure; shared by the validator (to explain what is wrong) and the model builder (to convert).
 */
import type { Better, Channel, Dimension, Family, Grain, MetricUnit, UnitKind } from './types.js';
import { compareDecimals, decimalText, parseDecimal, shiftLeft, timesWhole, type Decimal } from './decimal.js';

export const FAMILIES: readonly Family[] = ['service', 'quality', 'satisfaction', 'resolution', 'efficiency', 'cost', 'sales', 'compliance', 'people'];
export const UNIT_KINDS: readonly UnitKind[] = ['percent', 'ratio', 'seconds', 'minutes', 'hours', 'count', 'score', 'currency'];
export const GRAINS: readonly Grain[] = ['interval15', 'interval30', 'hourly', 'daily', 'weekly', 'monthly'];
export const CHANNELS: readonly Channel[] = ['voice', 'email', 'chat', 'messaging', 'social', 'backoffice'];
export const DIRECTIONS: readonly Better[] = ['higher', 'lower'];
export const EVIDENCE_KINDS: readonly string[] = ['document', 'record', 'data', 'observation', 'interview', 'system'];

/** Unit suffixes a number may carry, with what they measure and the factor to the normalised unit. */
export const SUFFIXES: Readonly<Record<string, { dimension: Dimension; factor: number; label: string }>> = {
    '%': { dimension: 'fraction', factor: 1, label: 'percent' },
    's': { dimension: 'duration', factor: 1, label: 'seconds' },
    'min': { dimension: 'duration', factor: 60, label: 'minutes' },
    'h': { dimension: 'duration', factor: 3600, label: 'hours' },
};

/** A quantity literal as written. */
export interface QuantityText {
    value: string;
    currency?: string;
}

export type ReadQuantity =
    | { ok: true; number: number; suffix: string; dimension: Dimension; currency?: string }
    | { ok: false; message: string; suffix: string };

/** Splits `6min` into 6 and `min` and tells what the literal measures; does not know the metric yet. */
export function readQuantity(q: QuantityText): ReadQuantity {
    const match = /^([0-9]+(?:\.[0-9]+)?)(.*)$/.exec(q.value);
    if (!match) return { ok: false, message: `'${q.value}' is not a number.`, suffix: '' };
    const number = Number(match[1]);
    const suffix = match[2];
    if (q.currency !== undefined) {
        if (suffix) return { ok: false, message: `A money amount takes no unit after the number: write '${q.currency} ${match[1]}'.`, suffix };
        return { ok: true, number, suffix, dimension: 'money', currency: q.currency };
    }
    if (suffix === '') return { ok: true, number, suffix, dimension: 'number' };
    const known = Object.hasOwn(SUFFIXES, suffix) ? SUFFIXES[suffix] : undefined;
    if (!known) {
        return { ok: false, suffix, message: `Unknown unit '${suffix}' after ${match[1]}. Use %, s, min or h (or no unit for counts, scores and ratios).` };
    }
    return { ok: true, number, suffix, dimension: known.dimension };
}

/** What a metric's values measure. */
export function dimensionOf(unit: MetricUnit): Dimension {
    switch (unit.kind) {
        case 'percent': case 'ratio': return 'fraction';
        case 'seconds': case 'minutes': case 'hours': return 'duration';
        case 'currency': return 'money';
        default: return 'number';
    }
}

/** How a metric's unit reads in messages: `percent`, `seconds`, `EUR`. */
export function unitLabel(unit: MetricUnit): string {
    return unit.kind === 'currency' ? unit.currency ?? 'currency' : unit.kind;
}

/** An example literal in the metric's unit, for messages and quick fixes. */
export function exampleLiteral(unit: MetricUnit): string {
    switch (unit.kind) {
        case 'percent': return '80%';
        case 'ratio': return '0.8';
        case 'seconds': return '20s';
        case 'minutes': return '6min';
        case 'hours': return '1.5h';
        case 'currency': return `${unit.currency ?? 'EUR'} 3.10`;
        default: return '42';
    }
}

/**
 * A converted literal: `exact` is the normalised value as decimal text computed on the digits
 * (`4.1min` -> '246', `82.4%` on a ratio -> '0.824'); `value` is the binary number nearest to it.
 */
export type Conversion = { ok: true; value: number; exact: string } | { ok: false; message: string };

/**
 * Converts a literal to the metric's normalised unit: seconds for durations, 0..100 for
 * percent, 0..1 for ratio. A plain number is accepted for ratio, count and score metrics;
 * a percent metric needs `%`, a duration metric needs s/min/h, a money metric its currency.
 */
export function toMetricUnit(q: QuantityText, unit: MetricUnit): Conversion {
    const read = readQuantity(q);
    if (!read.ok) return read;
    const hint = `write it like ${exampleLiteral(unit)}`;
    const wrong = (): Conversion => ({
        ok: false,
        message: `${q.currency ? q.currency + ' ' : ''}${q.value} is ${describe(read.dimension, read.currency)}, but the metric is measured in ${unitLabel(unit)}: ${hint}.`,
    });
    const d = parseDecimal(q.value.slice(0, q.value.length - read.suffix.length))!;
    switch (unit.kind) {
        case 'percent':
            if (read.dimension !== 'fraction') return wrong();
            return range(d, 0, 100, `${q.value} is outside 0..100%.`);
        case 'ratio':
            if (read.dimension === 'fraction') return range(shiftLeft(d, 2), 0, 1, `${q.value} is outside 0..100%.`);
            if (read.dimension !== 'number') return wrong();
            return range(d, 0, 1, `A ratio is between 0 and 1; ${q.value} is not (for a percentage write ${q.value}%).`);
        case 'seconds': case 'minutes': case 'hours':
            if (read.dimension !== 'duration') return wrong();
            return exactly(timesWhole(d, SUFFIXES[read.suffix].factor));
        case 'currency':
            if (read.dimension !== 'money') return wrong();
            if (read.currency !== unit.currency) {
                return { ok: false, message: `The amount is in ${read.currency}, but the metric is measured in ${unit.currency}.` };
            }
            return exactly(d);
        default:
            if (read.dimension !== 'number') return wrong();
            return exactly(d);
    }
}

function exactly(d: Decimal): Conversion {
    const exact = decimalText(d);
    return { ok: true, value: Number(exact), exact };
}

function range(d: Decimal, low: number, high: number, message: string): Conversion {
    const outside = compareDecimals(d, parseDecimal(String(low))!) < 0 || compareDecimals(d, parseDecimal(String(high))!) > 0;
    return outside ? { ok: false, message } : exactly(d);
}

function describe(dimension: Dimension, currency?: string): string {
    switch (dimension) {
        case 'fraction': return 'a percentage';
        case 'duration': return 'a duration';
        case 'money': return `an amount of ${currency}`;
        default: return 'a plain number';
    }
}

/** Duration unit factor to seconds of a metric declared in minutes or hours (data is always in seconds). */
export function isDurationUnit(kind: UnitKind): boolean {
    return kind === 'seconds' || kind === 'minutes' || kind === 'hours';
}
