/**
 * Facts the report formats share, read off one CheckResult: where a norm stands, which
 * periods and values decided its verdict, which verdicts fail the gate, results by program.
 * Nothing here evaluates a rule: it only selects from the engine's result.
 */
import type { CheckResult, NormResult, PointResult, RequirementResult, Verdict } from '../../../language/src/engine/types.js';
import type { MetricModel, NormaModel } from '../../../language/src/model/types.js';
import { formatRule as engineFormatRule, formatValue as engineFormatValue } from '../../../language/src/engine/format.js';
import type { Comparator as NormModelOp } from '../../../language/src/model/types.js';
import { FAILING_VERDICTS } from './values.js';

/** `programs/acme.norma:12` -> file and line (the file may itself hold a colon). */
export function parseSource(source: string): { file: string; line: number } {
    const colon = source.lastIndexOf(':');
    const line = colon < 0 ? NaN : Number(source.slice(colon + 1));
    if (colon < 0 || !Number.isInteger(line) || line < 1) return { file: source, line: 1 };
    return { file: source.slice(0, colon), line };
}

/** A verdict that fails the gate whatever `--fail-on` says. */
export function isFailing(verdict: Verdict): boolean {
    return FAILING_VERDICTS.includes(verdict);
}

/** The points that decided a verdict: the triggers' points, else the missed ones (at-risk). */
export function decidingPoints(r: NormResult): { period: string; value: number }[] {
    if (r.triggers.length) {
        return r.triggers.flatMap(t => t.periods.map((period, i) => ({ period, value: t.values[i] })));
    }
    if (r.verdict === 'at-risk') return r.points.filter(p => p.status === 'missed').map(p => ({ period: p.period, value: p.value }));
    const last = lastJudged(r.points);
    return last ? [{ period: last.period, value: last.value }] : [];
}

/** `2026-01-03, 2026-01-04` and `78.1%, 77%` of the deciding points; a dash when there are none. */
export function decidingText(r: NormResult, metric: MetricModel | undefined, limit = 6): { periods: string; values: string } {
    const points = decidingPoints(r);
    if (points.length === 0) return { periods: '—', values: '—' };
    const shown = points.slice(-limit);
    const more = points.length > shown.length ? `… ${points.length - shown.length} more, ` : '';
    return {
        periods: more + shown.map(p => p.period).join(', '),
        values: more + shown.map(p => show(p.value, metric)).join(', '),
    };
}

/** The latest met or missed point, or undefined. */
export function lastJudged(points: PointResult[]): PointResult | undefined {
    for (let i = points.length - 1; i >= 0; i--) {
        if (points[i].status === 'met' || points[i].status === 'missed') return points[i];
    }
    return undefined;
}

/** Results grouped by program, in the order the engine gives them. */
export function byProgram(result: CheckResult): Map<string, NormResult[]> {
    const out = new Map<string, NormResult[]>();
    for (const r of result.results) {
        const list = out.get(r.program);
        if (list) list.push(r);
        else out.set(r.program, [r]);
    }
    return out;
}

/** Every program of the model or the result, model order first. */
export function programIds(result: CheckResult, model: NormaModel): string[] {
    const ids = new Set(model.programs.map(p => p.id));
    for (const r of result.results) ids.add(r.program);
    for (const r of result.requirements) ids.add(r.program);
    return [...ids];
}

export function unsatisfied(result: CheckResult): RequirementResult[] {
    return result.requirements.filter(r => !r.satisfied);
}

/** Counts for headings: `3 action required, 1 overdue, 2 met`. Zero counts left out. */
export function countParts(result: CheckResult): string[] {
    const s = result.summary;
    return ([
        [s.actionRequired, 'action required'], [s.overdue, 'overdue'], [s.stale, 'stale'], [s.noData, 'no data'],
        [s.atRisk, 'at risk'], [s.actionPlanned, 'action planned'], [s.met, 'met'],
    ] as [number, string][]).filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
}

/** Why the gate failed: `2 action required, 1 unsatisfied requirement`, or `--fail-on` alone. */
export function gateReasons(result: CheckResult): string {
    const s = result.summary;
    const parts = ([
        [s.actionRequired, 'action required'], [s.overdue, 'overdue'], [s.stale, 'stale'], [s.noData, 'no data'],
        [s.requirementsUnsatisfied, s.requirementsUnsatisfied === 1 ? 'unsatisfied requirement' : 'unsatisfied requirements'],
    ] as [number, string][]).filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
    return parts.length ? parts.join(', ') : 'a --fail-on verdict';
}

export function percent(x: number | null): string {
    return x === null ? 'n/a' : `${Math.round(x * 100)}%`;
}

/** A value as people read it, durations as `5min 31s` (the engine's wording, as in reasons). */
export function show(value: number, metric: MetricModel | undefined): string {
    return engineFormatValue(value, metric?.unit);
}

/** `ServiceLevel >= 85% from 2026-08-01`, `AverageHandleTime <= 6min`. */
export function ruleText(norm: NormResult['norm'], metric: MetricModel | undefined, withMetric = true): string {
    const rule = engineFormatRule({ op: norm.op as NormModelOp, target: norm.target, high: norm.high }, metric?.unit);
    return `${withMetric ? `${metric?.id ?? ''} ` : ''}${rule}${norm.from ? ` from ${norm.from}` : ''}`.trim();
}
