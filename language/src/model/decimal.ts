/**
 * Exact decimal arithmetic for literals (SPEC §3a): `4.1min` is 246 s and `82.4%` on a ratio
 * metric is 0.824 exactly, computed on the digits, never through binary floats (`4.1 * 60` is
 * 245.99999999999997). A decimal is an integer of digits and a count of places after the point.
 */

export interface Decimal {
    /** All digits, sign included: 4.1 is 41n. */
    units: bigint;
    /** Places after the point: 4.1 has 1. */
    scale: number;
}

/** Reads `4.1`, `-0.5`, `1e-7`, `12`; undefined when the text is not a plain decimal. */
export function parseDecimal(text: string): Decimal | undefined {
    const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const fraction = m[3] ?? '';
    let units = BigInt((m[2] || '0') + fraction);
    let scale = fraction.length - (m[4] ? Number(m[4]) : 0);
    if (scale < 0) {
        units *= 10n ** BigInt(-scale);
        scale = 0;
    }
    return { units: m[1] === '-' ? -units : units, scale };
}

/** `d * factor` for a whole factor (60 for minutes, 3600 for hours). */
export function timesWhole(d: Decimal, factor: number): Decimal {
    return { units: d.units * BigInt(factor), scale: d.scale };
}

/** `d / 10^places` (a percent as a ratio is `d / 100`). */
export function shiftLeft(d: Decimal, places: number): Decimal {
    return { units: d.units, scale: d.scale + places };
}

/** -1, 0 or 1. */
export function compareDecimals(a: Decimal, b: Decimal): number {
    const s = Math.max(a.scale, b.scale);
    const x = a.units * 10n ** BigInt(s - a.scale);
    const y = b.units * 10n ** BigInt(s - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

/** The shortest plain text: `246`, `0.824`, `-1.5` (no exponent, no trailing zeros). */
export function decimalText(d: Decimal): string {
    let units = d.units < 0n ? -d.units : d.units;
    let scale = d.scale;
    while (scale > 0 && units % 10n === 0n) {
        units /= 10n;
        scale--;
    }
    let digits = units.toString();
    if (scale > 0) {
        digits = digits.padStart(scale + 1, '0');
        digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    }
    return (d.units < 0n && units !== 0n ? '-' : '') + digits;
}
