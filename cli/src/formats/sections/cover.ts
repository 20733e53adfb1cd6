/**
 * The report's cover, for a vendor manager: a title naming the clients, the providers and the
 * period the data covers, and per program the latest data date (the freshest point of any of
 * its norms). Reads the CheckResult and the model; evaluates nothing.
 */
import type { CheckResult } from '../../../../language/src/engine/types.js';
import type { NormaModel } from '../../../../language/src/model/types.js';
import { periodStart } from '../chart.js';

export interface Cover {
    clients: string[];
    providers: string[];
    /** First day of the earliest point, or null without data. */
    from: string | null;
    to: string;
}

function dayText(day: number): string {
    return new Date(Math.floor(day) * 86400000).toISOString().slice(0, 10);
}

/** The clients and providers of the programs in the result, and the span of its points. */
export function coverOf(result: CheckResult, model: NormaModel): Cover {
    const ids = new Set([...result.results.map(r => r.program), ...result.requirements.map(r => r.program)]);
    const programs = model.programs.filter(p => ids.has(p.id));
    const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort();
    let first = Infinity;
    for (const r of result.results) for (const p of r.points) first = Math.min(first, periodStart(p.period));
    return { clients: uniq(programs.map(p => p.client)), providers: uniq(programs.map(p => p.provider)), from: Number.isFinite(first) ? dayText(first) : null, to: result.asOf };
}

/** `Acme Telecom, Helvetia · NorthStar, Atlântico CX · 2026-05-01 to 2026-10-31`. */
export function coverTitle(cover: Cover): string {
    const parts = [
        cover.clients.length ? cover.clients.join(', ') : 'Norma report',
        cover.providers.join(', '),
        cover.from ? `${cover.from} to ${cover.to}` : `as of ${cover.to}`,
    ].filter(Boolean);
    return parts.join(' · ');
}

/** Per program, the latest period with a point and the metric it belongs to; undefined without data. */
export function latestData(result: CheckResult): Map<string, { period: string; metric: string }> {
    const out = new Map<string, { period: string; metric: string; day: number }>();
    for (const r of result.results) {
        for (const p of r.points) {
            const day = periodStart(p.period);
            const seen = out.get(r.program);
            if (!seen || day > seen.day) out.set(r.program, { period: p.period, metric: r.metric, day });
        }
    }
    return new Map([...out].map(([k, v]) => [k, { period: v.period, metric: v.metric }]));
}
