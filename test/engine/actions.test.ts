/** SPEC §3a: every answering action counts, ownerless rows warn, `respond within`, `act after N of M misses`. */
import { describe, expect, test } from 'vitest';
import { check } from '../../language/src/engine/index.js';
import { action, model, norm, series } from './helpers.js';

const MISS = 50;
const MET = 90;

describe('answering actions (SPEC §3a)', () => {
    const rows = series([MISS, MISS, MISS]); // a consecutive trigger on 2026-01-03
    const judged = (actions: ReturnType<typeof action>[], n = norm('Acme', 'SL'), asOf = '2026-02-01') =>
        check(model({ norms: [n] }), rows, { asOf, actions });

    test('two actions opened the same day, one closed and one open past due: overdue in either order', () => {
        const closed = action('2026-01-04', { owner: 'Dana', due: '2026-01-10', closed: '2026-01-09' });
        const open = action('2026-01-04', { owner: 'Eli', due: '2026-01-10' });
        const a = judged([closed, open]);
        const b = judged([open, closed]);
        expect(a.results[0].verdict).toBe('overdue');
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(a.results[0].triggers[0].answers.map(x => x.owner)).toEqual(['Eli', 'Dana']);
        expect(a.results[0].reason).toContain('The action of Eli opened 2026-01-04');
    });

    test('any open answering action past due makes the norm overdue, even when an earlier one is closed', () => {
        const r = judged([action('2026-01-03', { due: '2026-01-05', closed: '2026-01-05' }), action('2026-01-20', { owner: 'Eli', due: '2026-01-25' })]);
        expect(r.results[0].verdict).toBe('overdue');
    });

    test('an action without an owner answers nothing and is a warning naming its row', () => {
        const r = judged([action('2026-01-04', { owner: '' })]);
        expect(r.results[0].verdict).toBe('action-required');
        expect(r.warnings).toEqual([{
            code: 'action-without-owner',
            message: 'The action for Acme SL opened 2026-01-04 has no owner, so it answers no trigger: name who is responsible for it.',
            row: { kind: 'action', index: 0 },
        }]);
    });

    test('respond within 2 days: an action opened by the second day after the period counts, a later one does not', () => {
        const n = norm('Acme', 'SL', { respondWithin: 2 });
        expect(judged([action('2026-01-05')], n).results[0].verdict).toBe('action-planned');
        const late = judged([action('2026-01-06')], n).results[0];
        expect(late.verdict).toBe('action-required');
        expect(late.reason).toContain('with no action opened since 2026-01-03 within 2 days of its end');
        expect(late.norm.respondWithin).toBe(2);
        expect(judged([action('2026-01-06')]).results[0].verdict).toBe('action-planned');
    });

    test('respond within counts from the last day of a weekly period', () => {
        const weekly = model({ metrics: [{ ...model().metrics[0], period: 'weekly' }], norms: [norm('Acme', 'SL', { consecutive: 1, respondWithin: 1 })] });
        const r = (opened: string) => check(weekly, [{ program: 'Acme', metric: 'SL', period: '2026-W02', value: MISS }], { asOf: '2026-02-01', actions: [action(opened)] });
        expect(r('2026-01-05').results[0].verdict).toBe('action-planned'); // the week's Monday
        expect(r('2026-01-12').results[0].verdict).toBe('action-planned'); // Sunday the 11th + 1 day
        expect(r('2026-01-13').results[0].verdict).toBe('action-required');
    });
});

describe('act after N of M misses (SPEC §3a)', () => {
    const evaluate = (values: (number | [number, number | null])[], n = 3, m = 5, sampleMinimum: number | null = null) =>
        check(model({ norms: [norm('Acme', 'SL', { consecutive: n, missWindow: m, sampleMinimum })] }), series(values), { asOf: '2026-02-01' }).results[0];

    test('fires when 3 of the last 5 judged points are missed, with the missed points as its periods', () => {
        const r = evaluate([MISS, MET, MISS, MET, MISS]);
        expect(r.triggers).toHaveLength(1);
        expect(r.triggers[0]).toMatchObject({ rule: 'n-of-m', periods: ['2026-01-01', '2026-01-03', '2026-01-05'] });
        expect(r.verdict).toBe('action-required');
        expect(r.reason).toContain('3 misses in 5 points (2026-01-01 50%, 2026-01-03 50%, 2026-01-05 50%)');
        expect(r.norm.missWindow).toBe(5);
    });

    test('a miss that has left the window of the last 5 no longer counts', () => {
        const r = evaluate([MISS, MET, MET, MET, MISS, MISS]);
        expect(r.triggers).toEqual([]);
        expect(r.verdict).toBe('at-risk');
        expect(r.reason).toContain('action after 3 of 5 misses');
    });

    test('the window starts again after a trigger: six misses in a row fire twice', () => {
        expect(evaluate([MISS, MISS, MISS, MISS, MISS, MISS]).triggers.map(t => t.periods.length)).toEqual([3, 3]);
        expect(evaluate([MISS, MISS, MISS, MISS, MISS]).triggers).toHaveLength(1);
    });

    test('unsampled points are not judged: they take no place in the window', () => {
        const r = evaluate([[MISS, 100], [MET, 1], [MET, 1], [MET, 1], [MISS, 100], [MET, 100], [MISS, 100]], 3, 4, 10);
        expect(r.triggers.map(t => t.periods)).toEqual([['2026-01-01', '2026-01-05', '2026-01-07']]);
    });
});
