/**
 * The summary: counts per verdict, the COPC audit headline and the gate.
 * - `meetingTarget`: share of norms with data (at least one met or missed point) whose latest
 *   met-or-missed point is met.
 * - `meetingOrImproving`: share of those that meet it or show sustained improvement: each of the
 *   last three judged points better than the one before it in the metric's direction (so four
 *   judged points are needed; unsampled and excluded points are left out).
 * Both are exact fractions (reports round them) and null when no norm has data.
 * The gate fails on action-required, overdue, stale, no-data, an unsatisfied requirement, or any
 * verdict in `failOn`.
 */
import type { Better } from '../model/types.js';
import type { NormResult, PointResult, RequirementResult, Summary, Verdict } from './types.js';
import { isBetter } from './points.js';

const GATE_VERDICTS: readonly Verdict[] = ['action-required', 'overdue', 'stale', 'no-data'];

/** The last `n` met-or-missed points, oldest first. */
function lastJudged(points: readonly PointResult[], n: number): PointResult[] {
    const out: PointResult[] = [];
    for (let i = points.length - 1; i >= 0 && out.length < n; i--) {
        const s = points[i].status;
        if (s === 'met' || s === 'missed') out.push(points[i]);
    }
    return out.reverse();
}

/** Each of the last three judged points better than the one before it. */
export function showsSustainedImprovement(points: readonly PointResult[], better: Better): boolean {
    const last = lastJudged(points, 4);
    if (last.length < 4) return false;
    for (let i = 1; i < 4; i++) if (!isBetter(last[i].value, last[i - 1].value, better)) return false;
    return true;
}

/** What the summary needs of one result's points (worked out while they are at hand). */
export interface Trend {
    /** The status of the latest met-or-missed point; undefined when there is none. */
    latest: 'met' | 'missed' | undefined;
    /** Each of the last three judged points better than the one before it. */
    improving: boolean;
}

export function trendOf(points: readonly PointResult[], better: Better): Trend {
    const latest = lastJudged(points, 1)[0];
    return { latest: latest?.status as Trend['latest'], improving: latest !== undefined && latest.status !== 'met' && showsSustainedImprovement(points, better) };
}

/** The summary of the results, each with its trend (`trends[i]` of `results[i]`). */
export function summarise(
    results: readonly NormResult[],
    trends: readonly Trend[],
    requirements: readonly RequirementResult[],
    failOn: readonly Verdict[] = [],
): Summary {
    const summary: Summary = {
        norms: results.length, met: 0, atRisk: 0, actionRequired: 0, actionPlanned: 0, overdue: 0, noData: 0, stale: 0,
        meetingTarget: null, meetingOrImproving: null, requirementsUnsatisfied: 0, passed: true,
    };
    let withData = 0;
    let meeting = 0;
    let meetingOrImproving = 0;
    const failing = new Set<Verdict>([...GATE_VERDICTS, ...failOn]);
    results.forEach((r, i) => {
        switch (r.verdict) {
            case 'met': summary.met++; break;
            case 'at-risk': summary.atRisk++; break;
            case 'action-required': summary.actionRequired++; break;
            case 'action-planned': summary.actionPlanned++; break;
            case 'overdue': summary.overdue++; break;
            case 'no-data': summary.noData++; break;
            case 'stale': summary.stale++; break;
        }
        if (failing.has(r.verdict)) summary.passed = false;
        const trend = trends[i];
        if (!trend.latest) return;
        withData++;
        if (trend.latest === 'met') {
            meeting++;
            meetingOrImproving++;
        } else if (trend.improving) {
            meetingOrImproving++;
        }
    });
    for (const q of requirements) if (!q.satisfied) summary.requirementsUnsatisfied++;
    if (summary.requirementsUnsatisfied > 0) summary.passed = false;
    if (withData > 0) {
        summary.meetingTarget = meeting / withData;
        summary.meetingOrImproving = meetingOrImproving / withData;
    }
    return summary;
}
