/**
 * Runs a norm-test case through the engine's `check` (the very code `norma check` runs) and
 * compares what it expects with what the engine says: each point's status (and whether it
 * fires a trigger), each norm's verdict. A case whose rows the engine refuses (an unknown
 * program or metric, a period of the wrong grain) is an invalid fixture, located by line.
 */
import { check } from '../engine/index.js';
import { NormaDataError } from '../engine/errors.js';
import { parsePeriod } from '../engine/calendar.js';
import { didYouMean } from '../engine/suggest.js';
import type { Action, CheckResult, Measurement, NormResult } from '../engine/types.js';
import type { NormModel, NormaModel } from '../model/types.js';
import type { DataRead } from '../data/index.js';
import type { FixtureError, NormTestFixture, PointExpectation } from './fixture.js';

export interface CaseFailure {
    line: number;
    column: number;
    /** What the row is about: `AcmeBilling ServiceLevel 2026-01-08` or `AcmeBilling ServiceLevel`. */
    subject: string;
    expected: string;
    actual: string;
    /** The engine's reason for a verdict, when a verdict differs. */
    reason?: string;
}

export interface CaseResult {
    file: string;
    name: string;
    description: string | null;
    asOf: string;
    passed: boolean;
    /** Expectations checked. */
    checks: number;
    failures: CaseFailure[];
    /** Norm ids the case exercises. */
    norms: string[];
}

export type CaseOutcome = { ok: true; result: CaseResult } | { ok: false; errors: FixtureError[] };

/** The norm of a program and metric whose window holds a day (YYYY-MM-DD). */
export function normAt(model: NormaModel, program: string, metric: string, day: string): NormModel | undefined {
    return model.norms.find(n => n.program === program && n.metric === metric
        && (n.from === null || n.from <= day) && (n.until === null || day < n.until));
}

function dayOf(period: string): string | undefined {
    const p = parsePeriod(period);
    return p.ok ? p.day : undefined;
}

/** The norms a case exercises: those its verdict rows name and those its expected points fall in. */
export function normsExercised(model: NormaModel, fixture: NormTestFixture): string[] {
    const ids = new Set<string>();
    for (const v of fixture.verdicts) {
        const n = normAt(model, v.program, v.metric, v.at ?? fixture.asOf);
        if (n) ids.add(n.id);
    }
    for (const p of fixture.points) {
        const day = p.expect ? dayOf(p.period) : undefined;
        const n = day ? normAt(model, p.program, p.metric, day) : undefined;
        if (n) ids.add(n.id);
    }
    return [...ids].sort();
}

function statusText(e: { status: string; trigger: boolean; exclusion?: string }): string {
    if (e.status === 'critical') return 'critical';
    if (e.status === 'excluded') return `excluded${e.exclusion ? ` ${e.exclusion}` : ''}`;
    return `${e.status}${e.trigger ? ' trigger' : ''}`;
}

/** `actions`: the case's actions file as the data layer read it (without errors), or null. */
export function runNormTest(model: NormaModel, fixture: NormTestFixture, actions: DataRead<Action> | null): CaseOutcome {
    const errors: FixtureError[] = [];
    const programs = model.programs.map(p => p.id);
    const metrics = model.metrics.map(m => m.id);
    // Verdict rows: the program and metric must exist and have a norm at that day.
    for (const v of fixture.verdicts) {
        const where = (f: string) => ({ file: fixture.file, ...v.fields[f] });
        if (!programs.includes(v.program)) { errors.push({ ...where('program'), message: `Unknown program '${v.program}'.${hint(v.program, programs)}` }); continue; }
        if (!metrics.includes(v.metric)) { errors.push({ ...where('metric'), message: `Unknown metric '${v.metric}'.${hint(v.metric, metrics)}` }); continue; }
        const day = v.at ?? fixture.asOf;
        if (!normAt(model, v.program, v.metric, day)) {
            const any = model.norms.some(n => n.program === v.program && n.metric === v.metric);
            errors.push({
                ...where(v.at ? 'period' : 'metric'),
                message: any ? `No norm of ${v.program} for ${v.metric} is in force on ${day}.` : `${v.program} has no norm for ${v.metric}.`,
            });
        } else if (v.at && v.at > fixture.asOf) {
            errors.push({ ...where('period'), message: `The day ${v.at} is after the case's as-of ${fixture.asOf}: that norm is not judged yet.` });
        }
    }
    const measurements: Measurement[] = fixture.points.map(p => ({ program: p.program, metric: p.metric, period: p.period, value: p.value, sample: p.sample }));
    const actionRows: Action[] = actions?.rows ?? [];
    let result: CheckResult | undefined;
    try {
        result = check(model, measurements, { asOf: fixture.asOf, actions: actionRows });
    } catch (error) {
        if (!(error instanceof NormaDataError)) throw error;
        for (const issue of error.issues) {
            if (issue.kind === 'action' && actions) {
                const at = actions.locate(issue);
                errors.push({ file: at.file, line: at.line, column: at.column, message: at.message });
            } else {
                const row = fixture.points[issue.index];
                const at = row?.fields[issue.field] ?? { line: row?.line ?? 1, column: 1 };
                errors.push({ file: fixture.file, ...at, message: issue.message });
            }
        }
    }
    if (errors.length || !result) return { ok: false, errors };
    return { ok: true, result: compare(model, fixture, result) };
}

function hint(name: string, candidates: string[]): string {
    return didYouMean(name, candidates);
}

function compare(model: NormaModel, fixture: NormTestFixture, result: CheckResult): CaseResult {
    const failures: CaseFailure[] = [];
    let checks = 0;
    const byKey = new Map<string, NormResult[]>();
    for (const r of result.results) {
        const k = `${r.program}\u0000${r.metric}`;
        byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    const fired = new Set<string>();
    for (const r of result.results) for (const t of r.triggers) fired.add(`${r.program}\u0000${r.metric}\u0000${t.periods[t.periods.length - 1]}`);

    for (const p of fixture.points) {
        if (!p.expect) continue;
        checks++;
        const subject = `${p.program} ${p.metric} ${p.period}`;
        const results = byKey.get(`${p.program}\u0000${p.metric}`) ?? [];
        const point = results.flatMap(r => r.points).find(x => x.period === p.period);
        const expected = statusText(p.expect);
        if (!point) {
            failures.push({ ...p.expect.at, subject, expected, actual: 'not judged (outside the window of every norm in force at as-of)' });
            continue;
        }
        const actual: PointExpectation = {
            status: point.status === 'missed' && point.critical ? 'critical' : point.status,
            trigger: fired.has(`${p.program}\u0000${p.metric}\u0000${p.period}`),
            ...(point.exclusion ? { exclusion: point.exclusion } : {}),
            at: p.expect.at,
        };
        const same = actual.status === p.expect.status
            && (p.expect.status === 'critical' || p.expect.status === 'excluded' || actual.trigger === p.expect.trigger)
            && (p.expect.exclusion === undefined || p.expect.exclusion === actual.exclusion);
        if (!same) {
            const shown = statusText({ ...actual, exclusion: p.expect.status === 'excluded' && !p.expect.exclusion ? undefined : actual.exclusion });
            failures.push({ ...p.expect.at, subject, expected, actual: shown });
        }
    }
    for (const v of fixture.verdicts) {
        checks++;
        const norm = normAt(model, v.program, v.metric, v.at ?? fixture.asOf)!;
        const r = result.results.find(x => x.norm.id === norm.id);
        const subject = `${v.program} ${v.metric}${v.at ? ` (norm in force on ${v.at})` : ''}`;
        const actual = r?.verdict ?? 'not judged';
        if (actual !== v.verdict) failures.push({ ...v.fields.expect, subject, expected: v.verdict, actual, ...(r ? { reason: r.reason } : {}) });
    }
    return {
        file: fixture.file,
        name: fixture.name,
        description: fixture.description,
        asOf: fixture.asOf,
        passed: failures.length === 0,
        checks,
        failures,
        norms: normsExercised(model, fixture),
    };
}
