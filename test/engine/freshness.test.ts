/** SPEC §3a, fresh data: the `stale` verdict, its default allowance and `data within N days`. */
import { describe, expect, test } from 'vitest';
import { check } from '../../language/src/engine/index.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { action, metric, model, norm, series } from './helpers.js';

const fresh = (over: Parameters<typeof metric>[1] = {}) => metric('SL', { dataWithin: null, ...over });
const judge = (rows: ReturnType<typeof series>, asOf: string, parts: Parameters<typeof model>[0] = {}, actions: ReturnType<typeof action>[] = []) =>
    check(model({ metrics: [fresh()], ...parts }), rows, { asOf, actions });

describe('stale (SPEC §3a)', () => {
    const week = series([90, 90, 90, 90, 90, 90, 90]); // 1 to 7 January

    test('a daily metric checked as of the 10th with data through the 7th is stale; through the 8th it is not', () => {
        const r = judge(week, '2026-01-10');
        expect(r.results[0].verdict).toBe('stale');
        expect(r.results[0].reason).toBe('No data since 2026-01-07 (latest 2026-01-07 90%, target >= 80%): data is expected within two days, '
            + 'so by 2026-01-09 at the latest, and it is 2026-01-10');
        expect(r.summary).toMatchObject({ stale: 1, met: 0, passed: false });
        expect(judge(week, '2026-01-09').results[0].verdict).toBe('met');
        expect(judge(series([90, 90, 90, 90, 90, 90, 90, 90]), '2026-01-10').results[0].verdict).toBe('met');
    });

    test('weekly: two weeks after the latest week; monthly: two months after the latest month', () => {
        const weekly = { metrics: [fresh({ period: 'weekly' })] };
        const w = [{ program: 'Acme', metric: 'SL', period: '2026-W02', value: 90 }]; // 5 to 11 January
        expect(judge(w, '2026-01-25', weekly).results[0].verdict).toBe('met');
        expect(judge(w, '2026-01-26', weekly).results[0].verdict).toBe('stale');
        const monthly = { metrics: [fresh({ period: 'monthly' })] };
        const m = [{ program: 'Acme', metric: 'SL', period: '2025-11', value: 90 }];
        expect(judge(m, '2026-01-31', monthly).results[0].verdict).toBe('met');
        expect(judge(m, '2026-02-01', monthly).results[0].verdict).toBe('stale');
    });

    test('`data within N days` on the metric or the norm (the norm wins)', () => {
        expect(judge(week, '2026-01-10', { metrics: [fresh({ dataWithin: 3 })] }).results[0].verdict).toBe('met');
        expect(judge(week, '2026-01-11', { metrics: [fresh({ dataWithin: 3 })] }).results[0].verdict).toBe('stale');
        const r = judge(week, '2026-01-09', { metrics: [fresh({ dataWithin: 30 })], norms: [norm('Acme', 'SL', { dataWithin: 1 })] }).results[0];
        expect(r.verdict).toBe('stale');
        expect(r.norm.dataWithin).toBe(1);
        expect(r.reason).toContain('data is expected within 1 day, so by 2026-01-08 at the latest');
    });

    test('verdict order: an unanswered trigger and an overdue action come before stale; stale before planned, at-risk and met', () => {
        const misses = series([50, 50, 50]);
        expect(judge(misses, '2026-02-01').results[0].verdict).toBe('action-required');
        expect(judge(misses, '2026-02-01', {}, [action('2026-01-04', { due: '2026-01-10' })]).results[0].verdict).toBe('overdue');
        expect(judge(misses, '2026-02-01', {}, [action('2026-01-04', { due: '2026-03-10' })]).results[0].verdict).toBe('stale');
        expect(judge(misses, '2026-01-04', {}, [action('2026-01-04', { due: '2026-03-10' })]).results[0].verdict).toBe('action-planned');
        expect(judge(series([90, 50]), '2026-02-01').results[0].verdict).toBe('stale');
        expect(judge(series([90, 50]), '2026-01-03').results[0].verdict).toBe('at-risk');
    });

    test('only judged points count as data, and a norm superseded before as-of does not go stale', () => {
        const r = judge(series([[90, 100], [90, 1], [90, 1]]), '2026-01-04', { norms: [norm('Acme', 'SL', { sampleMinimum: 50 })] });
        expect(r.results[0].verdict).toBe('stale');
        const dated = [norm('Acme', 'SL', { until: '2026-01-05' }), norm('Acme', 'SL', { from: '2026-01-05' })];
        const both = judge(series([90, 90, 90]), '2026-01-20', { norms: dated }).results;
        expect(both.map(x => x.verdict)).toEqual(['met', 'no-data']);
    });

    test('the language: `data within 3 days` on a metric and on a norm reaches the model', async () => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: `metric SL { family service unit percent better higher period daily data within 3 days }
metric AHT { family efficiency unit seconds better lower period daily }
program P { norm SL >= 80% norm AHT <= 6min { data within 5 days } }` }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(ws.model!.norms.map(n => [n.metric, n.dataWithin])).toEqual([['AHT', 5], ['SL', 3]]);
    });
});
