/**
 * The resolved semantic model of a Norma workspace: plain, JSON-serialisable data.
 * Validation, the engine, the generators, the CLI and the language server read this,
 * never the AST. Values are normalised: durations in seconds, percents 0..100, ratios 0..1,
 * money in the metric's currency. It must not import anything: the engine and the
 * compiled checks embed it.
 */
import type { FormulaModel, RecordsModel, SourceModel } from './formula.js';

export type { FormulaModel, RecordsModel, SourceModel } from './formula.js';

export type Family =
    | 'service' | 'quality' | 'satisfaction' | 'resolution' | 'efficiency'
    | 'cost' | 'sales' | 'compliance' | 'people';

export type UnitKind = 'percent' | 'ratio' | 'seconds' | 'minutes' | 'hours' | 'count' | 'score' | 'currency';

/** What a quantity measures; a threshold must have its metric's dimension. */
export type Dimension = 'fraction' | 'duration' | 'number' | 'money';

export type Grain = 'interval15' | 'interval30' | 'hourly' | 'daily' | 'weekly' | 'monthly';

export type Channel = 'voice' | 'email' | 'chat' | 'messaging' | 'social' | 'backoffice';

export type Better = 'higher' | 'lower';

export type Comparator = '>=' | '>' | '<=' | '<' | 'between';

/** Where a declaration stands in its `.norma` file (1-based line and column; file relative to the workspace root). */
export interface SourceRef {
    file: string;
    line: number;
    column: number;
}

export interface MetricUnit {
    kind: UnitKind;
    /** ISO 4217 code when kind is 'currency'. */
    currency?: string;
}

export interface MetricModel {
    id: string;
    title: string;
    family: Family;
    unit: MetricUnit;
    better: Better;
    period: Grain;
    description?: string;
    /** `period weekly starting sunday`; weeks start on Monday when absent. */
    weekStart?: 'sunday';
    /** SPEC §6.2: present when Norma computes the metric from raw records. */
    formula?: FormulaModel;
    /** `data within N days`: how old the newest point may be at --as-of; null for the default (two periods). */
    dataWithin?: number | null;
    source: SourceRef;
}

export interface CriticalFloor {
    /** 'below' for higher-is-better metrics, 'above' for lower-is-better ones. */
    side: 'below' | 'above';
    /** Normalised value (seconds, 0..100 percent, ...). */
    threshold: number;
    /** The same as exact decimal text (see `NormModel.targetExact`). */
    thresholdExact?: string;
}

export interface NormModel {
    /** Stable id: `Program.Metric`, or `Program.Metric@2026-07-01` for a dated norm. */
    id: string;
    program: string;
    metric: string;
    op: Comparator;
    /** The bound; for `between`, the low end. Normalised: the binary number nearest `targetExact`. */
    target: number;
    /**
     * The bound as exact decimal text, converted on the digits (`4.1min` -> '246', `82.4%` on a
     * ratio -> '0.824'). Comparisons use it (SPEC §3a), and generated SQL writes it as a DECIMAL
     * literal. Always set by the model builder; a hand-made model without it compares `target`.
     */
    targetExact?: string;
    /** For `between` only: the high end. Normalised. */
    high?: number;
    /** For `between` only: the high end as exact decimal text. */
    highExact?: string;
    /** First day the norm is in force (YYYY-MM-DD), or null from the beginning. */
    from: string | null;
    /** First day of the next norm for the same program and metric (exclusive), or null. */
    until: string | null;
    /** N of `act after N consecutive misses` or of `act after N of M misses` (3 when omitted). */
    consecutive: number;
    /** M of `act after N of M misses` (N misses among the last M judged points), or null for consecutive misses. */
    missWindow?: number | null;
    /** `respond within N days`: an answering action must be opened within N days after the trigger's last period ends; null for no limit. */
    respondWithin?: number | null;
    /** `data within N days`, the norm's own or else its metric's; null for the default allowance (two periods of the metric's grain). */
    dataWithin?: number | null;
    critical: CriticalFloor | null;
    /** `sample at least N`, or null. */
    sampleMinimum: number | null;
    /** `sample valid at 95% confidence within 5%` (both percents), or null. */
    samplePrecision?: { confidence: number; margin: number } | null;
    /** The profile the norm came from, or null when the program declares it. */
    profile: string | null;
    source: SourceRef;
}

export interface ProgramModel {
    id: string;
    title: string;
    client: string | null;
    provider: string | null;
    channel: Channel | null;
    applies: string[];
    /** Certification date (YYYY-MM-DD) or null. */
    certified: string | null;
    profiles: string[];
    /** SPEC §6.3: the records the program takes, present when it takes any. */
    records?: RecordsModel[];
    /** The metrics that give an interval's workload to `norma staff`, when the program says. */
    staffing?: StaffingModel;
    source: SourceRef;
}

/** `staffing { offered M  handle M  patience M  agents M }`: metric ids by role. */
export interface StaffingModel {
    /** Calls offered in the interval (a count metric). */
    offered: string;
    /** Average handle time of the interval (a duration metric). */
    handle: string;
    /** Callers' mean patience (a duration metric): Erlang A when present. */
    patience?: string;
    /** Agents logged in (a count metric): the gap to the agents needed. */
    agents?: string;
    source: SourceRef;
}

export interface NeedsModel {
    family?: Family;
    metric?: string;
}

export interface RequirementModel {
    /** Qualified: `COPC_CX.Performance.PF1`. */
    id: string;
    standard: string;
    category: string;
    name: string;
    title: string;
    evidence: string[];
    needs: NeedsModel[];
    /** `points N`: the requirement's weight in the standard's score, or null when not written (it then weighs 1). */
    points?: number | null;
    source: SourceRef;
}

export interface CategoryModel {
    id: string;
    name: string;
    title: string;
    requirements: string[];
}

export interface StandardModel {
    id: string;
    title: string;
    version: string | null;
    /** `pass at 85%`: the share of points (percent) a program must earn to pass, or null. */
    passMark?: number | null;
    categories: CategoryModel[];
    source: SourceRef;
}

export interface ExclusionModel {
    id: string;
    title: string;
    programs: string[];
    metrics: string[];
    /** First and last period excused, as written (a day, week, month or interval). */
    start: string;
    end: string;
    approver: string | null;
    /** Last day the exclusion may be applied (YYYY-MM-DD), or null. */
    expires: string | null;
    source: SourceRef;
}

export interface NormaModel {
    schema: 1;
    standards: StandardModel[];
    requirements: RequirementModel[];
    metrics: MetricModel[];
    programs: ProgramModel[];
    /** Every norm in force per program, profile norms merged, sorted by program, metric, from. */
    norms: NormModel[];
    exclusions: ExclusionModel[];
    /** SPEC §6.1: raw-record sources, present when the workspace declares any. */
    sources?: SourceModel[];
}
