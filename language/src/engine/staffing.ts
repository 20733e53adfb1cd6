/**
 * Agents a service norm needs, interval by interval, from the metrics a program's `staffing`
 * block names (calls offered, handle time, and optionally callers' patience and agents logged
 * in). A breach of a service-level or speed-of-answer norm on interval data then says how many
 * agents each of its intervals needed; `norma staff` lists every interval.
 *
 * Which norms: a service-level norm (a percent or ratio metric of family service, `>=`), whose
 * threshold T is the duration its formula compares the wait with (`count(answered and wait <=
 * 20s) / count(offered)`), or given by the caller; and a speed-of-answer norm (a duration metric
 * of family service, `<=`), whose target is the average wait. Erlang A when the interval has a
 * patience figure, Erlang C otherwise.
 */
import type { Expr } from '../model/formula.js';
import type { Grain, MetricModel, NormModel, NormaModel } from '../model/types.js';
import type { Measurement, NormResult, StaffingNeed } from './types.js';
import { parsePeriod } from './calendar.js';
import { asColumns, type MeasurementColumns } from './columns.js';
import { formatValue } from './format.js';
import { fewestAgents, type StaffingTarget } from './queueing.js';

/** What the agents must achieve in each interval. */
export type ServiceGoal =
    | { kind: 'service-level'; serviceLevel: number; thresholdSeconds: number }
    | { kind: 'asa'; asa: number };

const INTERVAL_MINUTES: Partial<Record<Grain, number>> = { interval15: 15, interval30: 30, hourly: 60 };

export function intervalMinutes(grain: Grain): number | undefined {
    return INTERVAL_MINUTES[grain];
}

/**
 * The duration a service-level formula compares the wait with: the T of `wait <= T` (or
 * `wait < T`, `T >= wait`) inside its aggregates. Undefined when the formula has none or several
 * different ones (the caller must then say which).
 */
export function serviceThreshold(metric: MetricModel): number | undefined {
    const formula = metric.formula;
    if (!formula) return undefined;
    const found = new Set<string>();
    const visit = (e: Expr | undefined): void => {
        if (!e) return;
        switch (e.kind) {
            case 'compare': {
                const upper = (e.op === '<=' || e.op === '<') && e.right.kind === 'number' && e.right.dimension === 'duration' ? e.right.value
                    : (e.op === '>=' || e.op === '>') && e.left.kind === 'number' && e.left.dimension === 'duration' ? e.left.value : undefined;
                if (upper !== undefined) found.add(upper);
                return;
            }
            case 'not': return visit(e.operand);
            case 'logic': case 'arithmetic': visit(e.left); visit(e.right); return;
            case 'aggregate': return visit(e.arg);
            default: return;
        }
    };
    visit(formula.value);
    return found.size === 1 ? Number([...found][0]) : undefined;
}

/** The goal a norm sets the agents, or undefined when it is not a service norm staffing can answer. */
export function serviceGoal(norm: NormModel, metric: MetricModel, thresholdSeconds?: number): ServiceGoal | undefined {
    if (metric.family !== 'service' || norm.op === 'between') return undefined;
    const kind = metric.unit.kind;
    if ((kind === 'percent' || kind === 'ratio') && (norm.op === '>=' || norm.op === '>')) {
        const threshold = thresholdSeconds ?? serviceThreshold(metric);
        if (threshold === undefined) return undefined;
        return { kind: 'service-level', serviceLevel: kind === 'percent' ? norm.target / 100 : norm.target, thresholdSeconds: threshold };
    }
    if ((kind === 'seconds' || kind === 'minutes' || kind === 'hours') && (norm.op === '<=' || norm.op === '<')) {
        return { kind: 'asa', asa: norm.target };
    }
    return undefined;
}

/** The rows of a program's staffing metrics, by period. */
export interface StaffingRows {
    offered: Map<string, number>;
    handle: Map<string, number>;
    patience: Map<string, number>;
    agents: Map<string, number>;
}

/** A program's workload: its staffing rows and their interval length (the validator holds every staffing metric to one). */
export interface Workload {
    rows: StaffingRows;
    grain: Grain;
}

type Role = keyof StaffingRows;

/**
 * The workload of every program with a `staffing` block whose offered metric is known, by
 * program id, from one pass over the rows (not one per program: a thousand programs over a
 * million rows would be a billion steps).
 */
export function programWorkloads(model: NormaModel, rows: readonly Measurement[] | MeasurementColumns): Map<string, Workload> {
    const c = asColumns(rows);
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const programIds = new Map(c.programs.map((name, id) => [name, id]));
    const metricIds = new Map(c.metrics.map((name, id) => [name, id]));
    const workloads = new Map<string, Workload>();
    // Program id in the rows -> its staffing rows, and the roles each metric id plays for it.
    const wanted = new Map<number, { found: StaffingRows; rolesOf: Map<number, Role[]> }>();
    for (const program of model.programs) {
        const staffing = program.staffing;
        const grain = staffing ? metrics.get(staffing.offered)?.period : undefined;
        if (!staffing || !grain) continue;
        const found: StaffingRows = { offered: new Map(), handle: new Map(), patience: new Map(), agents: new Map() };
        workloads.set(program.id, { rows: found, grain });
        const programId = programIds.get(program.id);
        if (programId === undefined) continue;
        const rolesOf = new Map<number, Role[]>();
        const roles: [Role, string | undefined][] = [
            ['offered', staffing.offered], ['handle', staffing.handle], ['patience', staffing.patience], ['agents', staffing.agents],
        ];
        for (const [role, metric] of roles) {
            const id = metric === undefined ? undefined : metricIds.get(metric);
            if (id !== undefined) rolesOf.set(id, [...(rolesOf.get(id) ?? []), role]);
        }
        wanted.set(programId, { found, rolesOf });
    }
    if (wanted.size === 0) return workloads;
    for (let i = 0; i < c.length; i++) {
        const entry = wanted.get(c.program[i]);
        if (!entry) continue;
        const played = entry.rolesOf.get(c.metric[i]);
        if (!played || c.odd?.has(i)) continue;
        for (const role of played) entry.found[role].set(c.periods[c.period[i]] as string, c.value[i]);
    }
    return workloads;
}

/** Options a planner may change: the volume (1.1 for +10%). */
export interface StaffingScenario {
    volumeFactor?: number;
}

/** The agents one interval needs for a goal, or undefined without offered calls and handle time there. */
export function needFor(period: string, goal: ServiceGoal, rows: StaffingRows, grain: Grain, scenario: StaffingScenario = {}): StaffingNeed | undefined {
    const minutes = intervalMinutes(grain);
    const offeredRaw = rows.offered.get(period);
    const aht = rows.handle.get(period);
    if (minutes === undefined || offeredRaw === undefined || aht === undefined || !(aht > 0)) return undefined;
    const offered = offeredRaw * (scenario.volumeFactor ?? 1);
    const patience = rows.patience.get(period);
    const target: StaffingTarget = goal.kind === 'service-level'
        ? { thresholdSeconds: goal.thresholdSeconds, serviceLevel: goal.serviceLevel }
        : { thresholdSeconds: 0, asa: goal.asa };
    if (patience !== undefined && patience > 0) target.patienceSeconds = patience;
    const figures = fewestAgents({ offered, intervalSeconds: minutes * 60, aht }, target);
    const need: StaffingNeed = {
        period, model: figures.model, offered, aht, agents: figures.agents, serviceLevel: figures.serviceLevel, asa: figures.asa,
    };
    if (target.patienceSeconds !== undefined) need.patience = target.patienceSeconds;
    const loggedIn = rows.agents.get(period);
    if (loggedIn !== undefined) {
        need.loggedIn = loggedIn;
        need.gap = loggedIn - figures.agents;
    }
    return need;
}

/** `09:30-10:00`: the local clock times an interval covers. */
export function intervalLabel(period: string, grain: Grain): string {
    const p = parsePeriod(period);
    const minutes = intervalMinutes(grain);
    if (!p.ok || minutes === undefined) return period;
    const clock = (m: number) => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return `${clock(p.minuteOfDay)}-${clock(p.minuteOfDay + minutes)}`;
}

/** "Erlang C: 14 agents needed in 09:30-10:00 (offered 100, AHT 3min)", one clause per interval. */
export function describeNeeds(needs: readonly StaffingNeed[], grain: Grain): string {
    const model = needs.every(n => n.model === 'erlang-a') ? 'Erlang A' : needs.every(n => n.model === 'erlang-c') ? 'Erlang C'
        : 'Erlang A (C where no caller hung up)';
    const seconds = { kind: 'seconds' as const };
    const clauses = needs.map((n, i) => {
        const logged = n.loggedIn === undefined ? '' : `; ${formatCount(n.loggedIn)} logged in`;
        const head = i === 0 ? `${n.agents} agent${n.agents === 1 ? '' : 's'} needed` : `${n.agents}`;
        return `${head} in ${intervalLabel(n.period, grain)} (offered ${formatCount(n.offered)}, AHT ${formatValue(n.aht, seconds)}${logged})`;
    });
    return `${model}: ${clauses.join(', ')}`;
}

function formatCount(n: number): string {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/**
 * Adds to each trigger of a service norm on interval data the agents its intervals needed, and
 * says so for the latest trigger at the end of the norm's reason (every trigger carries its own
 * in the JSON). Verdicts do not change.
 */
export function annotateBreaches(model: NormaModel, results: NormResult[], rows: readonly Measurement[] | MeasurementColumns): void {
    const columns = asColumns(rows);
    const programs = new Map(model.programs.filter(p => p.staffing).map(p => [p.id, p]));
    if (programs.size === 0) return;
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const norms = new Map(model.norms.map(n => [n.id, n]));
    let workloads: Map<string, Workload> | undefined;
    for (const result of results) {
        const program = programs.get(result.program);
        const metric = metrics.get(result.metric);
        const norm = norms.get(result.norm.id);
        if (!program || !metric || !norm || result.triggers.length === 0 || intervalMinutes(metric.period) === undefined) continue;
        const goal = serviceGoal(norm, metric);
        if (!goal) continue;
        workloads ??= programWorkloads(model, columns);
        const workload = workloads.get(program.id);
        if (!workload) continue;
        let latest: string | undefined;
        for (const trigger of result.triggers) {
            const needs = trigger.periods.map(p => needFor(p, goal, workload.rows, workload.grain)).filter((n): n is StaffingNeed => n !== undefined);
            if (needs.length === 0) continue;
            trigger.staffing = needs;
            latest = describeNeeds(needs, workload.grain);
        }
        if (latest) result.reason = `${result.reason}. ${result.triggers.length > 1 ? 'Latest breach: ' : ''}${latest}`;
    }
}

/** What `norma staff` plans for: the norm in force at a day instead of each interval's own, a volume change, shrinkage. */
export interface PlanOptions extends StaffingScenario {
    /** Judge every interval by the norm in force on this day (YYYY-MM-DD): plan a tightened norm before it starts. */
    normFrom?: string;
    /** The service threshold in seconds, when the formula does not say it (or to override it). */
    thresholdSeconds?: number;
    /** Share of scheduled time agents are not available (breaks, training, absence), 0..1. */
    shrinkage?: number;
    /** Intervals after this day are left out (YYYY-MM-DD). */
    asOf?: string;
}

export interface PlannedInterval extends StaffingNeed {
    /** The norm the interval is planned for. */
    norm: string;
    /** Agents to schedule so that `agents` are on the phones after shrinkage. */
    scheduled?: number;
}

export interface StaffingPlan {
    program: string;
    /** The service norm's metric (service level or speed of answer). */
    metric: string;
    grain: Grain;
    goal: ServiceGoal;
    intervals: PlannedInterval[];
}

/** Why a program with a staffing block gets no plan for one of its service norms. */
export interface PlanGap {
    program: string;
    metric: string;
    reason: string;
}

/** Every interval of every program with a `staffing` block, for each of its service norms on interval data. */
export function staffingPlans(model: NormaModel, rows: readonly Measurement[] | MeasurementColumns, options: PlanOptions = {}): { plans: StaffingPlan[]; gaps: PlanGap[] } {
    const columns = asColumns(rows);
    const plans: StaffingPlan[] = [];
    const gaps: PlanGap[] = [];
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const workloads = programWorkloads(model, columns);
    for (const program of model.programs) {
        const workload = workloads.get(program.id);
        if (!workload) continue;
        const { rows: staffing, grain: workGrain } = workload;
        const periods = [...staffing.offered.keys()].filter(p => options.asOf === undefined || p.slice(0, 10) <= options.asOf).sort();
        const norms = model.norms.filter(n => n.program === program.id);
        for (const metricId of [...new Set(norms.map(n => n.metric))]) {
            const metric = metrics.get(metricId);
            if (!metric || metric.family !== 'service' || intervalMinutes(metric.period) === undefined) continue;
            const forMetric = norms.filter(n => n.metric === metricId);
            const fixed = options.normFrom === undefined ? undefined : normInForce(forMetric, options.normFrom);
            if (options.normFrom !== undefined && !fixed) {
                gaps.push({ program: program.id, metric: metricId, reason: `no norm for ${metricId} is in force on ${options.normFrom}` });
                continue;
            }
            const intervals: PlannedInterval[] = [];
            let goal: ServiceGoal | undefined;
            for (const period of periods) {
                const norm = fixed ?? normInForce(forMetric, period.slice(0, 10));
                if (!norm) continue;
                const normGoal = serviceGoal(norm, metric, options.thresholdSeconds);
                if (!normGoal) {
                    if (metric.unit.kind === 'percent' || metric.unit.kind === 'ratio') {
                        gaps.push({ program: program.id, metric: metricId, reason: `the service threshold of ${metricId} is not in a formula (count(answered and wait <= 20s) / ...); give it with --threshold` });
                    }
                    break;
                }
                goal ??= normGoal;
                const need = needFor(period, normGoal, staffing, workGrain, options);
                if (!need) continue;
                const planned: PlannedInterval = { ...need, norm: norm.id };
                if (options.shrinkage !== undefined) planned.scheduled = Math.ceil(need.agents / (1 - options.shrinkage) - 1e-9);
                intervals.push(planned);
            }
            if (goal) plans.push({ program: program.id, metric: metricId, grain: workGrain, goal, intervals });
        }
    }
    return { plans, gaps };
}

/** The norm in force on a day: the latest whose `from` is on or before it. */
function normInForce(norms: readonly NormModel[], day: string): NormModel | undefined {
    let found: NormModel | undefined;
    for (const n of norms) {
        if ((n.from === null || n.from <= day) && (n.until === null || day < n.until)) found = n;
    }
    return found;
}
