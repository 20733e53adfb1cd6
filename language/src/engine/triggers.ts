/**
 * Triggers over a norm's points in period order. A trigger fires at every critical point (rule
 * `critical`, that one point) and when the streak of consecutive missed points reaches N (rule
 * `consecutive`, the N points); the streak then restarts from zero, so six misses in a row fire
 * twice with N = 3. A critical point also counts as a miss in the streak; when it also completes
 * a streak, both fire (the critical trigger first). Unsampled and excluded points neither extend
 * nor break a streak; a met point breaks it.
 */
import type { PointResult } from './types.js';

export interface FoundTrigger {
    rule: 'consecutive' | 'critical';
    /** Positions in the points array, oldest first. */
    points: number[];
}

export function findTriggers(points: readonly PointResult[], consecutive: number): FoundTrigger[] {
    const n = consecutive >= 1 ? Math.floor(consecutive) : 3;
    const found: FoundTrigger[] = [];
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
