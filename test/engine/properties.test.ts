import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { check, formatDay, isoWeekOf, parsePeriod, type Measurement } from '../../language/src/engine/index.js';
import type { NormModel } from '../../language/src/model/types.js';
import { action, day, metric, model, norm, series } from './helpers.js';

const value = fc.integer({ min: 0, max: 100 });
const sample = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });
const points = fc.array(fc.tuple(value, sample), { maxLength: 60 });
const normOptions = fc.record({
    consecutive: fc.integer({ min: 1, max: 5 }),
    target: fc.integer({ min: 20, max: 90 }),
    critical: fc.option(fc.integer({ min: 0, max: 19 }).map(t => ({ side: 'below' as const, threshold: t })), { nil: null }),
    sampleMinimum: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
});

function evaluateSeries(values: [number, number | null][], n: Partial<NormModel>, asOf = '2026-12-31', rows?: Measurement[]) {
    return check(model({ norms: [norm('Acme', 'SL', n)] }), rows ?? series(values), { asOf });
}

describe('invariants', () => {
    test('a run of L misses without criticals fires floor(L / N) consecutive triggers', () => {
        fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 }), (length, n) => {
            const r = evaluateSeries(Array.from({ length }, () => [50, null]), { consecutive: n }).results[0];
            expect(r.triggers.length).toBe(Math.floor(length / n));
            expect(r.triggers.every(t => t.rule === 'consecutive' && t.periods.length === n)).toBe(true);
        }));
    });

    test('runs of misses separated by met points fire the sum of floor(run / N)', () => {
        fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (runs, n) => {
            const values: [number, number | null][] = runs.flatMap(len => [...Array.from({ length: len }, () => [50, null] as [number, null]), [90, null] as [number, null]]);
            const r = evaluateSeries(values, { consecutive: n }).results[0];
            expect(r.triggers.length).toBe(runs.reduce((sum, len) => sum + Math.floor(len / n), 0));
        }));
    });

    test('removing unsampled points does not change the triggers', () => {
        fc.assert(fc.property(points, normOptions, (values, n) => {
            const rows = series(values);
            const all = evaluateSeries(values, n, undefined, rows).results[0];
            const unsampled = new Set(all.points.filter(p => p.status === 'unsampled').map(p => p.period));
            const kept = rows.filter(r => !unsampled.has(r.period));
            const fewer = evaluateSeries(values, n, undefined, kept).results[0];
            expect(fewer.triggers).toEqual(all.triggers);
        }));
    });

    test('without sample rules or exclusions, the verdict is met exactly when every point is met (and there is one)', () => {
        fc.assert(fc.property(fc.array(value, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (values, consecutive) => {
            const r = evaluateSeries(values.map(v => [v, null]), { consecutive }).results[0];
            const allMet = values.length > 0 && values.every(v => v >= 80);
            expect(r.verdict === 'met').toBe(allMet);
        }));
    });

    test('the order of input rows does not change the result', () => {
        fc.assert(fc.property(points, normOptions, fc.integer(), (values, n, seed) => {
            const rows = series(values);
            const shuffled = shuffle(rows, seed);
            const actions = [action('2026-01-10', { due: '2026-01-20' }), action('2026-01-25', { owner: 'B' })];
            const a = check(model({ norms: [norm('Acme', 'SL', n)] }), rows, { asOf: '2026-02-15', actions });
            const b = check(model({ norms: [norm('Acme', 'SL', n)] }), shuffled, { asOf: '2026-02-15', actions: shuffle(actions, seed) });
            expect(b).toEqual(a);
        }));
    });

    // The night clocks go back: intervals with the same local start, named with and without an offset
    // (a hand-made file may mix them). Their order is the calendar's, never the file's.
    test('the order of input rows does not change the result on a daylight-saving night', () => {
        const names = ['2026-10-25T01:00', '2026-10-25T01:30', '2026-10-25T01:30+01:00', '2026-10-25T01:30+00:00', '2026-10-25T02:00'];
        const night = model({ metrics: [metric('SL', { period: 'interval30' })], norms: [norm('Acme', 'SL', { consecutive: 2 })] });
        fc.assert(fc.property(fc.array(value, { minLength: names.length, maxLength: names.length }), fc.integer(), (values, seed) => {
            const rows = names.map((period, i) => ({ program: 'Acme', metric: 'SL', period, value: values[i] }));
            const a = check(night, rows, { asOf: '2026-10-25' });
            const b = check(night, shuffle(rows, seed), { asOf: '2026-10-25' });
            expect(b).toEqual(a);
            expect(a.results[0].points.map(p => p.period)).toEqual(names);
        }));
    });

    test('no result holds a point outside its norm window; every point of the window is in exactly one result', () => {
        fc.assert(fc.property(
            fc.array(value, { minLength: 1, maxLength: 80 }),
            fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 90 }),
            (values, fromOffset, length, asOfOffset) => {
                const from = day(fromOffset);
                const until = day(fromOffset + length);
                const asOf = day(asOfOffset);
                const m = model({ norms: [norm('Acme', 'SL', { until: from }), norm('Acme', 'SL', { from, until }), norm('Acme', 'SL', { from: until })] });
                const rows = series(values.map(v => [v, null]));
                const result = check(m, rows, { asOf });
                for (const r of result.results) {
                    for (const p of r.points) {
                        if (r.norm.from) expect(p.period >= r.norm.from).toBe(true);
                        if (r.norm.until) expect(p.period < r.norm.until).toBe(true);
                        expect(p.period <= asOf).toBe(true);
                    }
                }
                const judged = result.results.flatMap(r => r.points.map(p => p.period)).sort();
                expect(judged).toEqual(rows.map(r => r.period).filter(p => p <= asOf));
                expect(result.results.length + result.upcoming.length).toBe(3);
            },
        ));
    });

    test('every trigger is made of missed points: critical ones of one critical point, consecutive ones of N', () => {
        fc.assert(fc.property(points, normOptions, (values, n) => {
            const r = evaluateSeries(values, n).results[0];
            const byPeriod = new Map(r.points.map(p => [p.period, p]));
            for (const t of r.triggers) {
                expect(t.periods.every(p => byPeriod.get(p)?.status === 'missed')).toBe(true);
                if (t.rule === 'critical') expect(t.periods.length === 1 && byPeriod.get(t.periods[0])?.critical).toBe(true);
                else expect(t.periods.length).toBe(n.consecutive);
                expect(t.values).toEqual(t.periods.map(p => byPeriod.get(p)!.value));
            }
            expect(r.triggers.filter(t => t.rule === 'critical').length).toBe(r.points.filter(p => p.critical).length);
        }));
    });

    test('the summary shares lie in 0..1 and meetingOrImproving >= meetingTarget', () => {
        fc.assert(fc.property(points, normOptions, (values, n) => {
            const s = evaluateSeries(values, n).summary;
            if (s.meetingTarget === null) {
                expect(s.meetingOrImproving).toBeNull();
            } else {
                expect(s.meetingTarget).toBeGreaterThanOrEqual(0);
                expect(s.meetingOrImproving!).toBeGreaterThanOrEqual(s.meetingTarget);
                expect(s.meetingOrImproving!).toBeLessThanOrEqual(1);
            }
        }));
    });
});

describe('period invariants', () => {
    const dayNumber = fc.integer({ min: -719162, max: 2932896 }); // 0001-01-01 .. 9999-12-31

    test('a day round-trips and agrees with Date', () => {
        fc.assert(fc.property(dayNumber, d => {
            const text = formatDay(d);
            const p = parsePeriod(text);
            expect(p.ok && p.kind === 'day' && p.dayNumber === d).toBe(true);
            if (d >= 0) expect(text).toBe(new Date(d * 86400000).toISOString().slice(0, 10));
        }));
    });

    test('every day lies in the ISO week isoWeekOf names, which starts on a Monday', () => {
        fc.assert(fc.property(fc.integer({ min: 0, max: 40000 }), d => {
            const week = parsePeriod(isoWeekOf(d));
            expect(week.ok).toBe(true);
            if (!week.ok) return;
            expect(d - week.dayNumber).toBeGreaterThanOrEqual(0);
            expect(d - week.dayNumber).toBeLessThan(7);
            expect(new Date(week.dayNumber * 86400000).getUTCDay()).toBe(1);
        }));
    });
});

/** Deterministic Fisher-Yates from a seed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
    const out = [...items];
    let s = seed >>> 0 || 1;
    for (let i = out.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const j = s % (i + 1);
        [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
}
