/**
 * Triggers over a norm's points in period order. A trigger fires at every critical point (rule
 * `critical`, that one point) and when the misses reach N: with `act after N consecutive misses`
 * (rule `consecutive`) when the streak of missed points reaches N, a met point breaking it; with
 * `act after N of M misses` (rule `n-of-m`, SPEC §3a) when N of the last M judged points are
 * missed, the N missed points being the trigger's. Either way counting then starts again from
 * zero, so six misses in a row fire twice with N = 3. A critical point also counts as a miss;
 * when it also completes the count, both fire (the critical trigger first). Unsampled and
 * excluded points are not judged: they neither count nor break anything.
 */
import type { PointResult } from './types.js';

export interface FoundTrigger {
    rule: 'consecutive' | 'critical' | 'n-of-m';
    /** Positions in the points array, oldest first. */
    points: number[];
}

export function findTriggers(points: readonly PointResult[], consecutive: number, window?: number | null): FoundTrigger[] {
    const n = consecutive >= 1 ? Math.floor(consecutive) : 3;
    const m = window !== undefined && window !== null && window >= n ? Math.floor(window) : undefined;
    const found: FoundTrigger[] = [];
    if (m === undefined) {
        let streak: number[] = [];
        for (let i = 0; i < points.length; i++) {
            const p = points[i];
            if (p.status === 'met') {
                if (streak.length) streak = [];
            } else if (p.status === 'missed') {
                if (p.critical) found.push({ rule: 'critical', points: [i] });
                streak.push(i);
                if (streak.length >= n) {
                    found.push({ rule: 'consecutive', points: streak });
                    streak = [];
                }
            }
        }
        return found;
    }
    // The judged points since counting last started again, newest last (at most M kept).
    let judged: number[] = [];
    for (let i = 0; i < points.length; i++) {
        const p = points[i];
        if (p.status !== 'met' && p.status !== 'missed') continue;
        if (p.critical) found.push({ rule: 'critical', points: [i] });
        judged.push(i);
        if (judged.length > m) judged.shift();
        if (p.status !== 'missed') continue;
        const missed = judged.filter(j => points[j].status === 'missed');
        if (missed.length >= n) {
            found.push({ rule: 'n-of-m', points: missed });
            judged = [];
        }
    }
    return found;
}
