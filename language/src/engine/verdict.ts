/**
 * A norm's verdict, the first that holds: `no-data` (no judged point in the window: a window
 * whose points are all unsampled or excluded has nothing to judge either), `action-required`
 * (a trigger not answered), `overdue` (an answering action past due and not closed),
 * `stale` (the latest judged point older than the norm's allowance, SPEC §3a),
 * `action-planned` (every trigger answered), `at-risk` (a missed point but no trigger), `met`.
 */
import type { PointResult, TriggerResult, Verdict } from './types.js';

export interface PointCounts {
    met: number;
    missed: number;
    unsampled: number;
    excluded: number;
}

export function countPoints(points: readonly PointResult[]): PointCounts {
    let met = 0;
    let missed = 0;
    let unsampled = 0;
    let excluded = 0;
    for (let i = 0; i < points.length; i++) {
        const status = points[i].status;
        if (status === 'met') met++;
        else if (status === 'missed') missed++;
        else if (status === 'unsampled') unsampled++;
        else excluded++;
    }
    return { met, missed, unsampled, excluded };
}

export function verdictOf(counts: PointCounts, triggers: readonly TriggerResult[], stale = false): Verdict {
    if (counts.met + counts.missed === 0) return 'no-data';
    if (triggers.some(t => t.answeredBy === null)) return 'action-required';
    if (triggers.some(t => t.overdue)) return 'overdue';
    if (stale) return 'stale';
    if (triggers.length > 0) return 'action-planned';
    if (counts.missed > 0) return 'at-risk';
    return 'met';
}
