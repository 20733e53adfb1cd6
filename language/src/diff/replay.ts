/**
 * Replay: both versions of a workspace judged over the same data, through the engine's `check`,
 * and each norm whose verdict flips, with what changed underneath ("3 more misses in January").
 *
 * Norms are compared per program and metric, on the norm in force at `asOf` (the latest judged
 * window); the details count points of every window of that program and metric.
 *
 * A data row that one version cannot judge (a metric the other version added, a program it
 * removed, a period that no longer fits a changed grain) is left out of that version only and
 * counted in `dropped`; a row neither version can judge is bad data: `replay` throws the
 * engine's NormaDataError for it, as `check` would. (An expired exclusion is no error since
 * SPEC §3a: each version judges its points as usual.)
 */
import { check } from '../engine/index.js';
import { NormaDataError } from '../engine/errors.js';
import { parsePeriod } from '../engine/calendar.js';
import { asColumns, filterColumns, type MeasurementColumns } from '../engine/columns.js';
import type { Action, CheckResult, DataIssue, Measurement, NormResult, Verdict } from '../engine/types.js';
import type { NormaModel } from '../model/types.js';

export type Side = 'old' | 'new';

export interface Flip {
    program: string;
    metric: string;
    /** Verdict in each version; `absent` when that version has no norm in force for it. */
    before: Verdict | 'absent';
    after: Verdict | 'absent';
    normBefore: string | null;
    normAfter: string | null;
    /** Direction of the flip: `worse` when the new verdict would fail the gate or is further from met. */
    direction: 'worse' | 'better' | 'changed';
    /** Plain-words details: `3 more misses in January 2026; 1 more trigger`. */
    details: string[];
}

export interface ReplayResult {
    asOf: string;
    flips: Flip[];
    /** Norms (program+metric) judged in either version. */
    compared: number;
    /** Data rows one version could not judge and left out. */
    dropped: { side: Side; index: number; kind: 'measurement' | 'action'; message: string }[];
    before: CheckResult;
    after: CheckResult;
}

export interface ReplayOptions {
    asOf: string;
    actions?: Action[];
}

const RANK: Record<Verdict | 'absent', number> = {
    met: 0, 'at-risk': 1, 'action-planned': 2, stale: 3, overdue: 3, 'action-required': 4, 'no-data': 5, absent: -1,
};

/**
 * `measurements` as the data layer reads them (columns) or as row objects; row objects become
 * columns once, not once per check. A version whose data has no issue is checked once.
 */
export function replay(before: NormaModel, after: NormaModel, measurements: readonly Measurement[] | MeasurementColumns, options: ReplayOptions): ReplayResult {
    const actions = options.actions ?? [];
    const data = asColumns(measurements);
    const oldTry = tryCheck(before, data, actions, options.asOf);
    const newTry = tryCheck(after, data, actions, options.asOf);
    const key = (i: DataIssue) => `${i.kind}:${i.index}`;
    const newKeys = new Set(newTry.issues.map(key));
    const both = oldTry.issues.filter(i => newKeys.has(key(i)));
    if (both.length) {
        const seen = new Set<string>();
        throw new NormaDataError(both.filter(i => !seen.has(key(i)) && seen.add(key(i))));
    }
    const dropped: ReplayResult['dropped'] = [];
    const run = (model: NormaModel, tried: Tried, side: Side) => {
        if (tried.result) return tried.result;
        const issues = tried.issues;
        const badRows = new Set(issues.filter(i => i.kind === 'measurement').map(i => i.index));
        const badActions = new Set(issues.filter(i => i.kind === 'action').map(i => i.index));
        const seen = new Set<string>();
        for (const i of issues) {
            if (seen.has(key(i))) continue;
            seen.add(key(i));
            dropped.push({ side, index: i.index, kind: i.kind, message: i.message });
        }
        return check(model, badRows.size ? filterColumns(data, i => !badRows.has(i)) : data, {
            asOf: options.asOf, actions: actions.filter((_, i) => !badActions.has(i)),
        });
    };
    const b = run(before, oldTry, 'old');
    const a = run(after, newTry, 'new');
    const { flips, compared } = compare(b, a, options.asOf);
    return { asOf: options.asOf, flips, compared, dropped, before: b, after: a };
}

/** A version's check of all the rows, or the row issues it finds (an expired exclusion is a warning, not an issue). */
type Tried = { result: CheckResult; issues: [] } | { result?: undefined; issues: DataIssue[] };

function tryCheck(model: NormaModel, data: MeasurementColumns, actions: Action[], asOf: string): Tried {
    try {
        return { result: check(model, data, { asOf, actions }), issues: [] };
    } catch (error) {
        if (!(error instanceof NormaDataError)) throw error;
        return { issues: error.issues };
    }
}

function groupResults(result: CheckResult): Map<string, NormResult[]> {
    const map = new Map<string, NormResult[]>();
    for (const r of result.results) {
        const k = `${r.program}\u0000${r.metric}`;
        const list = map.get(k);
        if (list) list.push(r);
        else map.set(k, [r]);
    }
    return map;
}

/** The norm in force at as-of: the judged window with the latest start. */
function current(list: NormResult[] | undefined): NormResult | undefined {
    if (!list?.length) return undefined;
    return [...list].sort((x, y) => (x.norm.from ?? '').localeCompare(y.norm.from ?? '')).at(-1);
}

function compare(before: CheckResult, after: CheckResult, asOf: string): { flips: Flip[]; compared: number } {
    const b = groupResults(before);
    const a = groupResults(after);
    const keys = [...new Set([...b.keys(), ...a.keys()])].sort();
    const flips: Flip[] = [];
    for (const k of keys) {
        const ob = current(b.get(k));
        const oa = current(a.get(k));
        const vb = ob?.verdict ?? 'absent';
        const va = oa?.verdict ?? 'absent';
        if (vb === va) continue;
        const [program, metric] = k.split('\u0000');
        const direction = vb === 'absent' || va === 'absent' ? 'changed' : RANK[va] > RANK[vb] ? 'worse' : RANK[va] < RANK[vb] ? 'better' : 'changed';
        flips.push({
            program, metric, before: vb, after: va,
            normBefore: ob ? ruleOf(ob) : null,
            normAfter: oa ? ruleOf(oa) : null,
            direction,
            details: details(b.get(k) ?? [], a.get(k) ?? [], asOf),
        });
    }
    return { flips, compared: keys.length };
}

function ruleOf(r: NormResult): string {
    return r.norm.id;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function monthOf(period: string): string {
    const p = parsePeriod(period);
    return p.ok ? p.day.slice(0, 7) : period.slice(0, 7);
}

function monthName(ym: string, asOf: string): string {
    const m = Number(ym.slice(5, 7));
    const name = MONTHS[m - 1] ?? ym;
    return ym.slice(0, 4) === asOf.slice(0, 4) ? name : `${name} ${ym.slice(0, 4)}`;
}

function count(results: NormResult[], pick: (p: NormResult['points'][number]) => boolean): Map<string, number> {
    const map = new Map<string, number>();
    for (const r of results) for (const p of r.points) if (pick(p)) map.set(monthOf(p.period), (map.get(monthOf(p.period)) ?? 0) + 1);
    return map;
}

function deltas(before: Map<string, number>, after: Map<string, number>, noun: string, nouns: string, asOf: string): string[] {
    const months = [...new Set([...before.keys(), ...after.keys()])].sort();
    const out: string[] = [];
    for (const m of months) {
        const d = (after.get(m) ?? 0) - (before.get(m) ?? 0);
        if (d !== 0) out.push(`${Math.abs(d)} ${d > 0 ? 'more' : 'fewer'} ${Math.abs(d) === 1 ? noun : nouns} in ${monthName(m, asOf)}`);
    }
    return out;
}

function details(before: NormResult[], after: NormResult[], asOf: string): string[] {
    const out = [
        ...deltas(count(before, p => p.status === 'missed'), count(after, p => p.status === 'missed'), 'miss', 'misses', asOf),
        ...deltas(count(before, p => p.critical === true), count(after, p => p.critical === true), 'critical point', 'critical points', asOf),
        ...deltas(count(before, p => p.status === 'excluded'), count(after, p => p.status === 'excluded'), 'excluded point', 'excluded points', asOf),
        ...deltas(count(before, p => p.status === 'unsampled'), count(after, p => p.status === 'unsampled'), 'unsampled point', 'unsampled points', asOf),
    ];
    const tb = before.reduce((n, r) => n + r.triggers.length, 0);
    const ta = after.reduce((n, r) => n + r.triggers.length, 0);
    if (ta !== tb) out.push(`${Math.abs(ta - tb)} ${ta > tb ? 'more' : 'fewer'} trigger${Math.abs(ta - tb) === 1 ? '' : 's'}`);
    const ub = before.reduce((n, r) => n + r.triggers.filter(t => !t.answeredBy).length, 0);
    const ua = after.reduce((n, r) => n + r.triggers.filter(t => !t.answeredBy).length, 0);
    if (ua !== ub) out.push(`${Math.abs(ua - ub)} ${ua > ub ? 'more' : 'fewer'} unanswered`);
    return out;
}
