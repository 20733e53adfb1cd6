/**
 * `2,000,000`: a count as people read it, the same text as `toLocaleString('en-US')` without
 * its cost: the first locale-aware call loads ICU's number data, tens of milliseconds, more
 * than a whole `norma check` of a small workspace spends on its data.
 */
export function formatCount(n: number): string {
    if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
    return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
