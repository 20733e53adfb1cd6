/**
 * Comparing a data value with a threshold as the decimals they are written as (SPEC §3a).
 * A value arrives as the binary number nearest its text; a threshold as the number nearest its
 * exact decimal (`targetExact` in the model). Rounding to the nearest binary number never
 * reverses an order, so when the two numbers differ their order is the decimals' order; only
 * when they are the same number are the decimals compared digit by digit (the value's decimal
 * is the shortest text that reads back as it, which is its text as written up to 15 digits).
 */

/** -1, 0 or 1: `value` against the threshold `bound` whose exact decimal is `exact` (when known). */
export function compareExact(value: number, bound: number, exact: string | undefined): number {
    if (value < bound) return -1;
    if (value > bound) return 1;
    if (exact === undefined) return 0;
    return compareDecimalTexts(String(value), exact);
}

interface Digits {
    units: bigint;
    scale: number;
}

function digitsOf(text: string): Digits | undefined {
    const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
    if (!m) return undefined;
    const fraction = m[3] ?? '';
    let units = BigInt((m[2] || '0') + fraction);
    let scale = fraction.length - (m[4] ? Number(m[4]) : 0);
    if (scale < 0) {
        units *= 10n ** BigInt(-scale);
        scale = 0;
    }
    return { units: m[1] === '-' ? -units : units, scale };
}

/** -1, 0 or 1 for two decimal texts (`246`, `0.824`, `1e-7`); 0 when either does not read. */
export function compareDecimalTexts(a: string, b: string): number {
    const x = digitsOf(a);
    const y = digitsOf(b);
    if (!x || !y) return 0;
    const s = Math.max(x.scale, y.scale);
    const p = x.units * 10n ** BigInt(s - x.scale);
    const q = y.units * 10n ** BigInt(s - y.scale);
    return p < q ? -1 : p > q ? 1 : 0;
}
