/**
 * Approved exclusions: periods excused for some programs and metrics (an outage, a storm).
 * An exclusion covers a point when it names the program and the metric (an empty list names
 * them all) and the point's period starts within [start, end], where `start` and `end` span
 * their whole period (`end 2026-01-13` covers that whole day; `end 2026-W03` that whole week).
 * After its `expires` day an exclusion is no longer applied (SPEC §3a): `evaluate` judges the
 * points as usual and warns, naming the exclusion and the day it expired.
 */
import type { ExclusionModel } from '../model/types.js';
import { dayNumberOf, parsePeriod } from './calendar.js';

export interface PreparedExclusion {
    id: string;
    programs: Set<string> | null;
    metrics: Set<string> | null;
    /** Covered period starts: start <= s < end (minutes). */
    start: number;
    end: number;
    /** The `expires` day when it lies before the as-of day, else null. */
    expiredOn: string | null;
}

export function prepareExclusions(exclusions: readonly ExclusionModel[], asOfDay: number): PreparedExclusion[] {
    const prepared: PreparedExclusion[] = [];
    for (const e of exclusions ?? []) {
        const start = parsePeriod(e.start);
        const end = parsePeriod(e.end || e.start);
        // The language validator rejects periods that do not parse; such an exclusion covers nothing.
        if (!start.ok || !end.ok) continue;
        const expires = dayNumberOf(e.expires);
        prepared.push({
            id: e.id,
            programs: e.programs.length ? new Set(e.programs) : null,
            metrics: e.metrics.length ? new Set(e.metrics) : null,
            start: start.start,
            end: end.end,
            expiredOn: expires !== undefined && expires < asOfDay ? e.expires : null,
        });
    }
    return prepared;
}

/** The exclusions that name a program and metric. */
export function exclusionsFor(all: readonly PreparedExclusion[], program: string, metric: string): PreparedExclusion[] {
    return all.filter(e => (!e.programs || e.programs.has(program)) && (!e.metrics || e.metrics.has(metric)));
}

/**
 * The first exclusion still applied that covers a period start; else the first expired one
 * covering it (the point is judged, and a warning names it); else undefined. An expired
 * exclusion never hides one still in force over the same period.
 */
export function coveringExclusion(list: readonly PreparedExclusion[], start: number): PreparedExclusion | undefined {
    let expired: PreparedExclusion | undefined;
    for (let i = 0; i < list.length; i++) {
        const e = list[i];
        if (start >= e.start && start < e.end) {
            if (e.expiredOn === null) return e;
            expired ??= e;
        }
    }
    return expired;
}
