/**
 * Values and rules as an analyst reads them in a verdict's reason: `78.1%`, `0.82`, `6min 12s`,
 * `1h 30min`, `EUR 3.10`, `>= 80%`, `between 70% and 90%`.
 */
import type { MetricUnit, NormModel } from '../model/types.js';

/** Rounds to at most `decimals` places and drops trailing zeros. */
function round(value: number, decimals: number): string {
    const f = 10 ** decimals;
    const r = Math.round(value * f) / f;
    return String(Object.is(r, -0) ? 0 : r);
}

/** A duration given in seconds: `45s`, `6min`, `6min 12s`, `2h`, `1h 30min`. */
export function formatDuration(seconds: number): string {
    if (!Number.isFinite(seconds)) return String(seconds);
    if (seconds < 0) return `-${formatDuration(-seconds)}`;
    if (seconds < 60) return `${round(seconds, 1)}s`;
    if (seconds < 3600) {
        let min = Math.floor(seconds / 60);
        let sec = Math.round(seconds - min * 60);
        if (sec === 60) { min += 1; sec = 0; }
        if (min === 60) return '1h';
        return sec === 0 ? `${min}min` : `${min}min ${sec}s`;
    }
    let h = Math.floor(seconds / 3600);
    let min = Math.round((seconds - h * 3600) / 60);
    if (min === 60) { h += 1; min = 0; }
    return min === 0 ? `${h}h` : `${h}h ${min}min`;
}

/** A value in its metric's unit (values are normalised: seconds, percent 0..100, ratio 0..1). */
export function formatValue(value: number, unit: MetricUnit | undefined): string {
    switch (unit?.kind) {
        case 'percent': return `${round(value, 2)}%`;
        case 'ratio': return round(value, 3);
        case 'seconds':
        case 'minutes':
        case 'hours': return formatDuration(value);
        case 'currency': return `${unit.currency ?? ''} ${value.toFixed(2)}`.trim();
        default: return round(value, 2);
    }
}

/** The comparison: `>= 80%`, `between 70% and 90%`. */
export function formatRule(norm: Pick<NormModel, 'op' | 'target' | 'high'>, unit: MetricUnit | undefined): string {
    return norm.op === 'between'
        ? `between ${formatValue(norm.target, unit)} and ${formatValue(norm.high ?? norm.target, unit)}`
        : `${norm.op} ${formatValue(norm.target, unit)}`;
}

/** `1 point` / `3 points`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
    return `${count} ${count === 1 ? noun : nouns}`;
}
