/**
 * Points per requirement, the scoring rules of `norma assess`:
 * - a requirement weighs its `points` (1 when it has none);
 * - `compliant` earns all its points, `partial` half, `not-compliant` none;
 * - `not-applicable` leaves it out of the points possible;
 * - a requirement with `needs` is assessed by Norma from the norms: compliant when satisfied,
 *   not compliant otherwise (a row for it in the file counts for nothing and is warned about);
 * - a requirement with neither a `needs` rule nor an assessment row earns nothing and is
 *   unassessed; a row older than the allowed age is stale and earns nothing either.
 * Earned points are whole or half numbers, so sums are exact; the pass mark is compared in
 * whole numbers too (earned x 100 against mark x possible, the mark to a millionth of a percent).
 */
import type { RequirementModel } from '../model/types.js';
import type { RequirementResult } from '../engine/types.js';
import type { CheckedAssessment } from './assessments.js';
import type { AssessmentStatus, RequirementScore } from './types.js';

export function pointsOf(q: RequirementModel): number {
    return q.points ?? 1;
}

export function earnedFor(status: AssessmentStatus, points: number): number {
    return status === 'compliant' ? points : status === 'partial' ? points / 2 : 0;
}

export function scoreRequirement(
    q: RequirementModel, norma: RequirementResult | undefined, row: CheckedAssessment | undefined,
    stale: (assessed: string) => boolean,
): RequirementScore {
    const points = pointsOf(q);
    const base = { id: q.id, title: q.title, category: q.category, points };
    if (q.needs.length && norma) {
        const status: AssessmentStatus = norma.satisfied ? 'compliant' : 'not-compliant';
        return { ...base, status, earned: earnedFor(status, points), by: 'norma', stale: false, assessed: null, assessor: null, evidence: null, reason: norma.reason };
    }
    if (!row) {
        return { ...base, status: null, earned: 0, by: 'none', stale: false, assessed: null, assessor: null, evidence: null, reason: 'not assessed: no row in the assessment file' };
    }
    const who = { assessed: row.row.assessed, assessor: row.row.assessor ?? null, evidence: row.row.evidence ?? null };
    if (stale(row.row.assessed)) {
        return { ...base, status: null, earned: 0, by: 'assessment', stale: true, ...who, reason: `assessed ${row.status} on ${row.row.assessed}, too long ago to count: assess it again` };
    }
    return { ...base, status: row.status, earned: earnedFor(row.status, points), by: 'assessment', stale: false, ...who, reason: `${row.status} (assessed ${row.row.assessed}${who.assessor ? ` by ${who.assessor}` : ''})` };
}

/** Points possible: every requirement but the not-applicable ones. */
export function possibleOf(scores: readonly RequirementScore[]): number {
    return scores.reduce((n, s) => n + (s.status === 'not-applicable' ? 0 : s.points), 0);
}

export function earnedOf(scores: readonly RequirementScore[]): number {
    return scores.reduce((n, s) => n + s.earned, 0);
}

/** earned / possible >= mark / 100, in whole numbers. */
export function meetsPassMark(earned: number, possible: number, mark: number): boolean {
    if (possible <= 0) return false;
    const earnedHalves = BigInt(Math.round(earned * 2));
    const markMillionths = BigInt(Math.round(mark * 1_000_000));
    return earnedHalves * 100n * 1_000_000n >= markMillionths * BigInt(possible) * 2n;
}
