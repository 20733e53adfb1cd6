/**
 * The engine's inputs (measurements, actions) and its output (SPEC §4, `"schema": 1`).
 * Plain data only: the compiled checks embed the engine, so nothing here may import.
 */

/** One measuring point as read from a data file. `value` is in the metric's normalised unit. */
export interface Measurement {
    program: string;
    metric: string;
    period: string;
    value: number;
    /** Contacts or transactions behind the value, or null when not given. */
    sample?: number | null;
    /** Contacts or transactions the sample was drawn from (the period's calls), for `sample valid at ...`; null when not given. */
    population?: number | null;
}

/** An improvement action answering a breach. Dates are YYYY-MM-DD. */
export interface Action {
    program: string;
    metric: string;
    opened: string;
    owner: string;
    due?: string | null;
    closed?: string | null;
    result?: string | null;
}

export interface CheckOptions {
    /** Evaluation date, YYYY-MM-DD. */
    asOf: string;
    actions?: Action[];
    /** Verdicts that fail the gate besides the defaults (action-required, overdue, stale, no-data). */
    failOn?: Verdict[];
}

/** A problem with one input row; `index` is the row's position in the array given to `check`. */
export interface DataIssue {
    kind: 'measurement' | 'action';
    index: number;
    /** The field at fault (`program`, `metric`, `period`, `value`, `sample`, ...). */
    field: string;
    message: string;
    /** For a repeated program+metric+period: the index of the first row with it. */
    duplicateOf?: number;
}

/**
 * Something the check noticed that does not stop it: an action without an owner, an expired
 * exclusion no longer applied, values in a likely wrong scale. Sorted by code and message, so
 * row order never shows.
 */
export interface CheckWarning {
    code: 'action-without-owner' | 'exclusion-expired' | 'implausible-scale' | 'records-not-taken' | 'records-no-row';
    message: string;
    /** The input row it is about (its index in the array given to `check`); the CLI replaces it with `source`. */
    row?: { kind: 'measurement' | 'action'; index: number };
    /** `file:line` of the data row or of the `.norma` declaration. */
    source?: string;
    /** For `exclusion-expired`: the exclusion and the day it expired. */
    exclusion?: string;
    expired?: string;
}

export type Verdict = 'no-data' | 'action-required' | 'overdue' | 'stale' | 'action-planned' | 'at-risk' | 'met';

export type PointStatus = 'met' | 'missed' | 'unsampled' | 'excluded';

export interface PointResult {
    period: string;
    value: number;
    sample?: number;
    status: PointStatus;
    /** A missed point that crosses the critical floor. */
    critical?: true;
    /** The exclusion that excused the point, when status is 'excluded'. */
    exclusion?: string;
    /** For a point unsampled by `sample valid at ...`: the sample it needed. */
    sampleNeeded?: number;
}

export interface ActionRef {
    opened: string;
    owner: string;
    due: string | null;
    closed: string | null;
    result: string | null;
}

/** The agents one interval of a breach needed (engine/staffing.ts). */
export interface StaffingNeed {
    period: string;
    model: 'erlang-c' | 'erlang-a';
    offered: number;
    /** Average handle time, seconds. */
    aht: number;
    /** Callers' mean patience, seconds (Erlang A). */
    patience?: number;
    /** The fewest agents meeting the goal. */
    agents: number;
    /** Service level (0..1) and average wait (seconds) with those agents. */
    serviceLevel: number;
    asa: number;
    /** Agents logged in, when the program measures it, and the gap (logged in minus needed). */
    loggedIn?: number;
    gap?: number;
}

export interface TriggerResult {
    /** `consecutive` (N misses in a row), `n-of-m` (N misses among the last M judged points) or `critical` (one point past the floor). */
    rule: 'consecutive' | 'critical' | 'n-of-m';
    /** Periods of the points that fired it, oldest first (unsampled points left out). */
    periods: string[];
    values: number[];
    /** The first action that answers it (the earliest opened on or after the first day of its last period), or null. */
    answeredBy: ActionRef | null;
    /** Every action that answers it, earliest opened first (rows in one canonical order: input order never shows). */
    answers: ActionRef[];
    /** True when any answering action is past due at `asOf` and not closed. */
    overdue: boolean;
    /**
     * For a service norm on interval data whose program has a `staffing` block: the agents each
     * of the trigger's intervals needed (Erlang C, or Erlang A with a patience figure).
     */
    staffing?: StaffingNeed[];
}

export interface NormRef {
    id: string;
    op: '>=' | '>' | '<=' | '<' | 'between';
    target: number;
    high?: number;
    /** The metric's unit kind: percent, ratio, seconds, minutes, hours, count, score, currency. */
    unit: string;
    /** ISO 4217 code when unit is 'currency'. */
    currency?: string;
    from: string | null;
    until: string | null;
    consecutive: number;
    /** M of `act after N of M misses`; absent for consecutive misses. */
    missWindow?: number;
    /** N of `respond within N days`; absent when any later action answers. */
    respondWithin?: number;
    /** N of `data within N days` (the norm's or its metric's); absent for the default of two periods. */
    dataWithin?: number;
    critical: { side: 'below' | 'above'; threshold: number } | null;
    sampleMinimum: number | null;
    /** `sample valid at 95% confidence within 5%`, only when the norm says it. */
    samplePrecision?: { confidence: number; margin: number };
    profile: string | null;
    /** `file:line` of the norm. */
    source: string;
}

export interface NormResult {
    program: string;
    metric: string;
    norm: NormRef;
    verdict: Verdict;
    /** The verdict in plain words, naming the periods and values that decided it. */
    reason: string;
    triggers: TriggerResult[];
    points: PointResult[];
}

export interface RequirementResult {
    id: string;
    program: string;
    satisfied: boolean;
    reason: string;
}

export interface Summary {
    norms: number;
    met: number;
    atRisk: number;
    actionRequired: number;
    actionPlanned: number;
    overdue: number;
    noData: number;
    /** Norms whose latest judged point is older than their allowance (SPEC §3a). */
    stale: number;
    /** Share of norms with data whose latest point meets the target; null when no norm has data. */
    meetingTarget: number | null;
    /** Share that meet it or show sustained improvement; null when no norm has data. */
    meetingOrImproving: number | null;
    requirementsUnsatisfied: number;
    passed: boolean;
}

export interface CheckResult {
    schema: 1;
    asOf: string;
    summary: Summary;
    results: NormResult[];
    requirements: RequirementResult[];
    /** Norms whose window starts after `asOf`: not yet in force, so not judged. */
    upcoming: { program: string; metric: string; id: string; from: string; source: string }[];
    /** What the check noticed without stopping: ownerless actions, expired exclusions, implausible scales. */
    warnings: CheckWarning[];
}

/** Thrown by `check` when input rows are invalid: a bad file never yields a verdict. */
export interface DataErrorShape {
    name: 'NormaDataError';
    message: string;
    issues: DataIssue[];
}
