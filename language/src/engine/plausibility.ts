/**
 * Values in a likely wrong scale (SPEC §3a), a warning rather than an error: a percent metric
 * whose values for a program all lie within 0..1 (fractions sent for percents: 0.86 for 86%),
 * or a duration metric whose values for a program are all under 20 seconds while its norm asks
 * for a minute or more (minutes or hours sent for seconds: 5.3 for 5 min 18 s; a chat's speed of
 * answer of 12 s under `<= 20s` is left alone). Each warning is at the series' first row (the CLI names its
 * file and line) and says the likely fix. Checked per program and metric, over every file.
 */
import type { NormaModel } from '../model/types.js';
import type { CheckWarning } from './types.js';
import type { MeasurementIndex } from './series.js';

/** Under this many seconds, every value of a duration metric looks like minutes or hours. */
const SECONDS_FLOOR = 20;

export function implausibleScales(model: NormaModel, data: MeasurementIndex): CheckWarning[] {
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    // Program and metric whose norms ask for a minute or more.
    const minuteNorms = new Set(model.norms.filter(n => n.target >= 60 || (n.high ?? 0) >= 60).map(n => `${n.program}\u0000${n.metric}`));
    const warnings: CheckWarning[] = [];
    for (const [program, byMetric] of data.groups) {
        for (const [metricId, series] of byMetric) {
            const metric = typeof metricId === 'string' ? metrics.get(metricId) : undefined;
            if (!metric || series.rows.length === 0) continue;
            const kind = metric.unit.kind;
            const duration = kind === 'seconds' || kind === 'minutes' || kind === 'hours';
            if (kind !== 'percent' && !(duration && minuteNorms.has(`${program}\u0000${metricId}`))) continue;
            const limit = kind === 'percent' ? 1 : SECONDS_FLOOR;
            const c = data.columns;
            let firstPeriod = '';
            let firstIndex = -1;
            let largest = 0;
            let all = true;
            for (const i of series.rows) {
                const v = c.value[i];
                if (!(v >= 0 && (kind === 'percent' ? v <= limit : v < limit)) || c.odd?.has(i)) { all = false; break; }
                if (v > largest) largest = v;
                const period = c.periods[c.period[i]] as string;
                if (firstIndex < 0 || period < firstPeriod) { firstPeriod = period; firstIndex = i; }
            }
            if (!all || largest === 0 || firstIndex < 0) continue;
            const first = { period: firstPeriod, value: c.value[firstIndex] };
            const n = series.rows.length;
            const every = n === 1 ? 'The' : `All ${n}`;
            const message = kind === 'percent'
                ? `${every} ${metricId} value${n === 1 ? '' : 's'} of ${program} lie${n === 1 ? 's' : ''} within 0..1 (${first.period}: ${first.value}): `
                    + `percents are written 0 to 100, so ${first.value} reads as ${first.value}%. If they are fractions, multiply by 100 (${round(first.value * 100)}).`
                : `${every} ${metricId} value${n === 1 ? '' : 's'} of ${program} ${n === 1 ? 'is' : 'are'} under ${SECONDS_FLOOR} seconds (${first.period}: ${first.value}), though its norm asks for minutes: `
                    + `durations are written in seconds. If they are minutes, multiply by 60 (${round(first.value * 60)}); if hours, by 3600.`;
            warnings.push({ code: 'implausible-scale', message, row: { kind: 'measurement', index: firstIndex } });
        }
    }
    return warnings;
}

function round(x: number): number {
    return Math.round(x * 1000) / 1000;
}
