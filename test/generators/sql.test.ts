import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from '../../language/src/engine/index.js';
import { NormaDataError } from '../../language/src/engine/errors.js';
import { exactDecimal } from '../../language/src/generators/sql.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { evaluationCase, type EvaluationCase } from './random-evaluation.js';
import { engineEvaluation, POSTGRES_URL, postgresSkipReason, sqlEvaluation } from './sql-harness.js';

const WORKSPACE = `
metric ServiceLevel "Calls answered within 20 seconds" { family service unit percent better higher period daily }
metric HandleTime "AHT" { family efficiency unit minutes better lower period daily }
metric Accuracy "Critical accuracy" { family quality unit percent better higher period monthly }
program Acme "Acme 'billing'; DROP TABLE measurements; --" {
    norm ServiceLevel >= 80% { act immediately below 70% }
    norm HandleTime <= 6min { act after 2 consecutive misses }
    norm Accuracy >= 98% { sample at least 50 }
}`;

const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}`;

async function modelOf(files: Record<string, string>) {
    const ws = await loadWorkspace(Object.entries(files).map(([path, text]) => ({ path, text })));
    expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    // The SQL target does not judge freshness (the stale verdict, SPEC §3a) yet: compare without it.
    for (const m of ws.model!.metrics) m.dataWithin ??= 36500;
    return ws.model!;
}

const dialects = [
    { dialect: 'duckdb' as const, skip: undefined },
    { dialect: 'postgres' as const, skip: POSTGRES_URL ? undefined : postgresSkipReason },
];

describe('exact decimals in SQL', () => {
    it('writes model numbers as the decimals they were written as', () => {
        expect(exactDecimal(4.1 * 60)).toBe('246');
        expect(exactDecimal(82.4 / 100)).toBe('0.824');
        expect(exactDecimal(0.1 + 0.2)).toBe('0.3');
        expect(exactDecimal(1e-7)).toBe('0.0000001');
        expect(exactDecimal(3e21)).toBe('3000000000000000000000');
        expect(exactDecimal(-2.5)).toBe('-2.5');
    });
});

for (const { dialect, skip } of dialects) {
    describe.skipIf(skip !== undefined)(`SQL evaluation in ${dialect}${skip ? ` (skipped: ${skip})` : ''}`, () => {
        it('gives the verdicts of SPEC §3', async () => {
            const model = await modelOf({ 'w.norma': WORKSPACE });
            const sl = [82, 79, 81, 65, 85].map((value, i) => ({ program: 'Acme', metric: 'ServiceLevel', period: day(i + 1), value }));
            const aht = [400, 410, 300, 420, 430].map((value, i) => ({ program: 'Acme', metric: 'HandleTime', period: day(i + 1), value }));
            const acc = [{ program: 'Acme', metric: 'Accuracy', period: '2026-01', value: 90, sample: 10 }];
            const actions = [{ program: 'Acme', metric: 'ServiceLevel', opened: '2026-01-04', owner: 'Team lead', due: '2026-01-20', closed: null }];
            const { verdicts } = await sqlEvaluation(dialect, model, [...sl, ...aht, ...acc], actions, '2026-01-31');
            expect(verdicts).toEqual([
                { norm_id: 'Acme.Accuracy', verdict: 'no-data', triggers: 0 },
                { norm_id: 'Acme.HandleTime', verdict: 'action-required', triggers: 2 },
                { norm_id: 'Acme.ServiceLevel', verdict: 'overdue', triggers: 1 },
            ]);
        });

        it('meets a threshold written in minutes exactly (246 s meets <= 4.1min)', async () => {
            const model = await modelOf({ 'w.norma': `metric AHT "AHT" { family efficiency unit seconds better lower period daily }
metric FCR "FCR" { family resolution unit ratio better higher period daily }
program P { norm AHT <= 4.1min  norm FCR >= 82.4% }` });
            const rows = [1, 2, 3].flatMap(d => [
                { program: 'P', metric: 'AHT', period: day(d), value: 246 }, { program: 'P', metric: 'FCR', period: day(d), value: 0.824 }]);
            const result = await sqlEvaluation(dialect, model, rows, [], '2026-01-31');
            expect(result.points.map(p => p.status)).toEqual(['met', 'met', 'met', 'met', 'met', 'met']);
            expect(result).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-31', actions: [] })));
        });

        // Regression: SQL read an exclusion without a `metrics` (or `program`) line as covering nothing.
        it('applies an exclusion with no metrics line to every metric of its programs', async () => {
            const model = await modelOf({ 'w.norma': `metric SL "SL" { family service unit percent better higher period daily }
program P { norm SL >= 80% { act after 2 consecutive misses } }
exclusion Storm "Storm" { program P periods 2026-01-02 to 2026-01-03 approved by "VMO" expires 2026-12-31 }` });
            const rows = [85, 60, 60, 85].map((value, i) => ({ program: 'P', metric: 'SL', period: day(i + 1), value }));
            const sql = await sqlEvaluation(dialect, model, rows, [], '2026-01-31');
            expect(sql.verdicts).toEqual([{ norm_id: 'P.SL', verdict: 'met', triggers: 0 }]);
            expect(sql.points.map(p => p.exclusion)).toEqual([null, 'Storm', 'Storm', null]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-31', actions: [] })));
        });

        // Regression: two actions opened the same day, one closed and one open past its due day. Every
        // answering action counts (§3a): the open one past due makes the norm overdue, whatever the row order.
        it('counts every answering action: two opened the same day, one past due', async () => {
            const model = await modelOf({ 'w.norma': `metric SL "SL" { family service unit percent better higher period daily }
program P { norm SL >= 80% { act after 1 consecutive misses } }` });
            const rows = [{ program: 'P', metric: 'SL', period: day(1), value: 40 }];
            const done = { program: 'P', metric: 'SL', opened: day(1), owner: 'Team lead', due: day(1), closed: day(2) };
            const late = { program: 'P', metric: 'SL', opened: day(1), owner: 'Team lead', due: day(1), closed: null };
            for (const actions of [[done, late], [late, done]]) {
                const sql = await sqlEvaluation(dialect, model, rows, actions, '2026-01-11');
                expect(sql.verdicts).toEqual([{ norm_id: 'P.SL', verdict: 'overdue', triggers: 1 }]);
                expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-11', actions })));
            }
        });

        it('excuses the days, weeks and months an exclusion names, as the engine does', async () => {
            const model = await modelOf({ 'w.norma': `
metric SL "Service level" { family service unit percent better higher period daily }
metric Weekly "Weekly quality" { family quality unit percent better higher period weekly }
program Acme "Acme" {
    norm SL >= 80% { act immediately below 70% }
    norm Weekly >= 90% { act immediately below 70% }
}
exclusion Outage "Carrier outage" {
    program Acme
    metrics SL
    periods 2026-01-02 to 2026-01-11
    approved by "Vendor management"
    expires 2026-12-31
}
exclusion Audit "Quality audit weeks" {
    program Acme
    metrics Weekly
    periods 2026-W01 to 2026-W02
    approved by "Quality lead"
    expires 2026-12-31
}` });
            // Critical misses from 2 to 11 January and in weeks 1 and 2 are excused; 12 January and week 3 are judged.
            const sl = [[1, 85], [2, 60], [3, 61], [11, 50], [12, 86]].map(([d, value]) => ({ program: 'Acme', metric: 'SL', period: day(d), value }));
            const weekly = [['2026-W01', 50], ['2026-W02', 50], ['2026-W03', 95]].map(([period, value]) => ({ program: 'Acme', metric: 'Weekly', period: String(period), value: Number(value) }));
            const rows = [...sl, ...weekly];
            const sql = await sqlEvaluation(dialect, model, rows, [], '2026-01-31');
            expect(sql.verdicts).toEqual([
                { norm_id: 'Acme.SL', verdict: 'met', triggers: 0 },
                { norm_id: 'Acme.Weekly', verdict: 'met', triggers: 0 },
            ]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-31', actions: [] })));
        });

        it('fires N of the last M misses and answers only within the response time', async () => {
            const model = await modelOf({ 'w.norma': `metric SL "SL" { family service unit percent better higher period weekly }
program P { norm SL >= 80% { act after 2 of 3 misses respond within 3 days } }` });
            // Missed, met, missed: 2 of the last 3 (W01, W03); counting starts again: met, missed, missed (W05, W06).
            const rows = [60, 85, 60, 85, 60, 60].map((value, i) => ({ program: 'P', metric: 'SL', period: `2026-W0${i + 1}`, value }));
            // W03 ends Sunday 18 January: an action opened the 21st answers it, one opened the 22nd would not.
            const actions = [{ program: 'P', metric: 'SL', opened: '2026-01-21', owner: 'Team lead', due: '2026-03-01', closed: null },
                { program: 'P', metric: 'SL', opened: '2026-02-13', owner: 'Team lead', due: '2026-03-01', closed: null }];
            const sql = await sqlEvaluation(dialect, model, rows, actions, '2026-02-20');
            expect(sql.triggers).toEqual([
                { norm_id: 'P.SL', rule: 'n-of-m', periods: ['2026-W01', '2026-W03'], unanswered: false, overdue: false },
                { norm_id: 'P.SL', rule: 'n-of-m', periods: ['2026-W05', '2026-W06'], unanswered: true, overdue: false },
            ]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-02-20', actions })));
        });

        it('agrees with the engine on every generated workspace: point statuses, triggers and verdicts', async () => {
            let compared = 0;
            await fc.assert(fc.asyncProperty(evaluationCase, async (c: EvaluationCase) => {
                const model = await modelOf(c.files);
                let engine;
                try {
                    engine = check(model, c.measurements, { asOf: c.asOf, actions: c.actions });
                } catch (e) {
                    // Data the engine refuses has no verdict to compare with.
                    if (e instanceof NormaDataError) return;
                    throw e;
                }
                compared++;
                const sql = await sqlEvaluation(dialect, model, c.measurements, c.actions, c.asOf);
                expect(sql).toEqual(engineEvaluation(engine));
            }), { numRuns: Number(process.env.NORMA_PROPERTY_RUNS ?? 40), seed: 9 });
            expect(compared).toBeGreaterThan(Number(process.env.NORMA_PROPERTY_RUNS ?? 40) / 2);
        }, 300_000);
    });
}
