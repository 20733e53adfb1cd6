/**
 * A norm in plain words, for analysts: "Service level must be at least 80% each day; 3 misses
 * in a row, or one day below 70%, require an action plan". Shared by the editor's hover, the
 * CLI and the reports. Pure: reads the resolved model only, never the AST.
 */
import type { Grain, MetricModel, MetricUnit, NormModel } from './types.js';

/** `ServiceLevel` -> `Service level`, `AverageHandleTime` -> `Average handle time`, `CSAT` stays `CSAT`. */
export function humanName(id: string): string {
    const words = id.replace(/_/g, ' ').match(/[A-Z]{2,}(?=[A-Z][a-z]|\b|[0-9])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [id];
    return words
        .map((w, i) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : i === 0 ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase()))
        .join(' ');
}

const POINT: Record<Grain, { each: string; one: string; plural: string }> = {
    interval15: { each: 'each 15-minute interval', one: 'one interval', plural: 'intervals' },
    interval30: { each: 'each 30-minute interval', one: 'one interval', plural: 'intervals' },
    hourly: { each: 'each hour', one: 'one hour', plural: 'hours' },
    daily: { each: 'each day', one: 'one day', plural: 'days' },
    weekly: { each: 'each week', one: 'one week', plural: 'weeks' },
    monthly: { each: 'each month', one: 'one month', plural: 'months' },
};

/** A normalised value written the way an analyst reads it: `80%`, `0.8`, `6 min`, `1.5 h`, `45 s`, `EUR 3.10`. */
export function formatValue(value: number, unit: MetricUnit): string {
    switch (unit.kind) {
        case 'percent': return `${round(value)}%`;
        case 'seconds': case 'minutes': case 'hours': return formatDuration(value);
        case 'currency': return `${unit.currency ?? ''} ${value.toFixed(2)}`.trim();
        default: return String(round(value));
    }
}

/** Seconds as the largest whole-ish unit: 5400 -> `1.5 h`, 360 -> `6 min`, 45 -> `45 s`. */
export function formatDuration(seconds: number): string {
    if (seconds >= 3600 && Number.isInteger((seconds / 3600) * 10)) return `${round(seconds / 3600)} h`;
    if (seconds >= 60 && Number.isInteger((seconds / 60) * 10)) return `${round(seconds / 60)} min`;
    return `${round(seconds)} s`;
}

function round(n: number): number {
    return Math.round(n * 1e6) / 1e6;
}

function comparison(norm: NormModel, unit: MetricUnit): string {
    const v = formatValue(norm.target, unit);
    switch (norm.op) {
        case '>=': return `at least ${v}`;
        case '>': return `above ${v}`;
        case '<=': return `at most ${v}`;
        case '<': return `below ${v}`;
        case 'between': return `between ${v} and ${formatValue(norm.high ?? norm.target, unit)}`;
    }
}

/** The norm in one sentence (no final full stop), as the hover, the CLI and the reports show it. */
export function explainNorm(norm: NormModel, metric: MetricModel): string {
    const point = POINT[metric.period] ?? POINT.daily;
    const since = norm.from ? ` from ${norm.from}` : '';
    const until = norm.until ? ` until ${norm.until}` : '';
    const rule = `${humanName(metric.id)} must be ${comparison(norm, metric.unit)} ${point.each}${since}${until}`;
    const streak = norm.consecutive === 1 ? 'a single miss' : `${norm.consecutive} misses in a row`;
    const floor = norm.critical ? `one ${point.one.replace(/^one /, '')} ${norm.critical.side} ${formatValue(norm.critical.threshold, metric.unit)}` : null;
    const trigger = floor
        ? `${streak}, or ${floor}, require${norm.consecutive === 1 ? 's' : ''} an action plan`
        : `${streak} require${norm.consecutive === 1 ? 's' : ''} an action plan`;
    const sample = norm.sampleMinimum !== null
        ? `; ${point.plural} with a sample under ${norm.sampleMinimum} are not judged`
        : '';
    return `${rule}; ${trigger}${sample}`;
}
