/**
 * Audit readiness (`norma assess`): the self-assessment rows read from a file, and the
 * result per program and applied standard (the versioned JSON of `--format json`).
 * Plain data only.
 */

export type AssessmentStatus = 'compliant' | 'partial' | 'not-compliant' | 'not-applicable';

/** An assessment older than this many days earns nothing, unless `--stale-after` says otherwise. */
export const DEFAULT_STALE_AFTER_DAYS = 365;

export const ASSESSMENT_STATUSES: readonly AssessmentStatus[] = ['compliant', 'partial', 'not-compliant', 'not-applicable'];

/** One row of the self-assessment file. */
export interface Assessment {
    /** `COPC_CX.Performance.PF1`, `Performance.PF1` or `PF1` (when unique). */
    requirement: string;
    program: string;
    status: string;
    evidence?: string | null;
    assessor?: string | null;
    /** The day it was assessed, YYYY-MM-DD. */
    assessed: string;
}

export interface AssessOptions {
    asOf: string;
    /** An assessment older than this many days at `asOf` is stale and earns nothing (default 365). */
    staleAfterDays?: number;
}

/** How a requirement's status was decided. */
export type AssessedBy = 'norma' | 'assessment' | 'none';

export interface RequirementScore {
    id: string;
    title: string;
    category: string;
    points: number;
    /** The status that scores it; null when unassessed or stale. */
    status: AssessmentStatus | null;
    /** Points earned: all, half (partial) or none. 0 for not-applicable (left out of the points possible). */
    earned: number;
    by: AssessedBy;
    /** True when the assessment row is older than the allowed age. */
    stale: boolean;
    assessed: string | null;
    assessor: string | null;
    evidence: string | null;
    reason: string;
}

export interface CategoryScore {
    category: string;
    title: string;
    earned: number;
    possible: number;
}

export interface Certification {
    /** The program's `certified` day, or null. */
    certified: string | null;
    /** 24 months after it, or null. */
    expires: string | null;
    /** Days from `asOf` to `expires`: negative once lapsed; null without a certification. */
    daysLeft: number | null;
}

/** The COPC performance headline over a span of months, computed month by month. */
export interface HeadlineSpan {
    months: number;
    /** First and last month of the span (YYYY-MM). */
    from: string;
    to: string;
    /** Norm-months with data, and of those the ones meeting target / meeting or improving. */
    judged: number;
    meeting: number;
    meetingOrImproving: number;
    /** meeting / judged, or null when nothing was judged. */
    meetingTarget: number | null;
    meetingOrImprovingShare: number | null;
    /** Per month: YYYY-MM, judged, meeting, meeting or improving. */
    monthly: { month: string; judged: number; meeting: number; meetingOrImproving: number }[];
}

export interface ProgramAssessment {
    program: string;
    standard: string;
    client: string | null;
    provider: string | null;
    points: { earned: number; possible: number };
    /** earned / possible, or null when nothing is possible. */
    score: number | null;
    /** The standard's pass mark (percent), or null. */
    passMark: number | null;
    /** Score at or above the pass mark; null without a pass mark. */
    passed: boolean | null;
    categories: CategoryScore[];
    requirements: RequirementScore[];
    /** The requirements that cost the most points (points possible minus earned), most first, up to five. */
    costliest: { id: string; lost: number; status: AssessmentStatus | null }[];
    unassessed: string[];
    stale: string[];
    certification: Certification;
    headline: { last6: HeadlineSpan; last12: HeadlineSpan };
}

export interface ProviderAssessment {
    provider: string;
    standard: string;
    programs: string[];
    earned: number;
    possible: number;
    score: number | null;
}

export interface AssessResult {
    schema: 1;
    asOf: string;
    staleAfterDays: number;
    /** False when any program with a pass mark would fail its audit. */
    passed: boolean;
    programs: ProgramAssessment[];
    providers: ProviderAssessment[];
    /** Rows that count for nothing, in plain words (a row for a requirement Norma assesses itself). */
    warnings: { index: number; message: string }[];
}
