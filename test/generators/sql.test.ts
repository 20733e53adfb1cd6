import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from '../../language/src/engine/index.js';
import { NormaDataError } from '../../language/src/engine/errors.js';
import { exactDecimal } from '../../language/src/generators/sql.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { evaluationCase, type EvaluationCase } from './random-evaluation.js';
import type { CheckResult } from '../../language/src/engine/types.js';
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
    return ws.model!;
}

/** What the differential test must have exercised: every verdict, status, trigger rule and input feature. */
const FEATURES = [
    'no-data', 'action-required', 'overdue', 'stale', 'action-planned', 'at-risk', 'met',
    'point met', 'point missed', 'point unsampled', 'point excluded', 'point critical',
    'consecutive', 'n-of-m', 'critical', 'respond within', 'two answers', 'ownerless action', 'action opened after as-of',
    'sample needed of a population', 'sample needed of no population', 'expired exclusion', 'exclusion of all programs and metrics',
    'upcoming norm', 'superseded norm', 'data within', 'repeated interval',
];

function featuresOf(result: CheckResult, c: EvaluationCase): string[] {
    const f: string[] = [];
    const populations = new Map(c.measurements.map(m => [`${m.program} ${m.metric} ${m.period}`, m.population]));
    for (const r of result.results) {
        f.push(r.verdict);
        if (r.norm.until) f.push('superseded norm');
        if (r.norm.dataWithin !== undefined) f.push('data within');
        for (const p of r.points) {
            f.push(`point ${p.status}`);
            if (p.critical) f.push('point critical');
            if (p.sampleNeeded !== undefined) f.push(populations.get(`${r.program} ${r.metric} ${p.period}`) === null ? 'sample needed of no population' : 'sample needed of a population');
            if (p.period.length === 22 && (p.status === 'met' || p.status === 'missed')) f.push('repeated interval');
        }
        for (const t of r.triggers) {
            f.push(t.rule);
            if (t.answers.length > 1) f.push('two answers');
            if (r.norm.respondWithin !== undefined) f.push('respond within');
        }
    }
    if (result.upcoming.length) f.push('upcoming norm');
    for (const w of result.warnings) f.push(w.code === 'exclusion-expired' ? 'expired exclusion' : w.code === 'action-without-owner' ? 'ownerless action' : w.code);
    if (c.actions.some(a => a.opened > c.asOf)) f.push('action opened after as-of');
    if (/exclusion X\d+ "[^"]*" \{\n    periods/.test(c.files['exclusions.norma'] ?? '')) f.push('exclusion of all programs and metrics');
    return f;
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
            const sql = await sqlEvaluation(dialect, model, rows, [], '2026-01-05');
            expect(sql.verdicts).toEqual([{ norm_id: 'P.SL', verdict: 'met', triggers: 0 }]);
            expect(sql.points.map(p => p.exclusion)).toEqual([null, 'Storm', 'Storm', null]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-05', actions: [] })));
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
            const sql = await sqlEvaluation(dialect, model, rows, [], '2026-01-13');
            expect(sql.verdicts).toEqual([
                { norm_id: 'Acme.SL', verdict: 'met', triggers: 0 },
                { norm_id: 'Acme.Weekly', verdict: 'met', triggers: 0 },
            ]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-13', actions: [] })));
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

        // SPEC §3a, fresh data: the default allowance is two periods of the grain, `data within N days` replaces
        // it, a superseded norm is never stale, and stale comes after overdue and before action-planned.
        it('judges stale data as the engine does: allowances, superseded norms and the verdict order', async () => {
            const model = await modelOf({ 'w.norma': `metric SL "SL" { family service unit percent better higher period daily }
metric QA "QA" { family quality unit percent better higher period monthly }
metric FCR "FCR" { family resolution unit percent better higher period weekly data within 3 days }
metric ASA "ASA" { family service unit seconds better lower period interval30 }
program Fresh { norm SL >= 80%  norm QA >= 90%  norm FCR >= 70%  norm ASA <= 20s }
program Late { norm SL >= 80% { act after 1 consecutive misses } norm QA >= 90% { data within 40 days } norm SL >= 85% from 2026-01-20 }
program Order { norm SL >= 80% { act after 1 consecutive misses } }` });
            const at = (program: string, metric: string, period: string, value: number) => ({ program, metric, period, value });
            const rows = [
                // As of 10 January: daily data through the 8th is fresh (the 9th and 10th may be missing), QA through
                // November is fresh (December and January), weekly FCR of W02 (ends the 11th, plus 3 days) is, and ASA of the 9th.
                at('Fresh', 'SL', '2026-01-08', 90), at('Fresh', 'QA', '2025-11', 95), at('Fresh', 'FCR', '2026-W02', 80),
                at('Fresh', 'ASA', '2026-01-09T17:30', 10),
                // Late: daily data through the 7th is stale; QA of October with `data within 40 days` is (ends 31 October).
                at('Late', 'SL', '2026-01-06', 90), at('Late', 'SL', '2026-01-07', 70), at('Late', 'QA', '2025-10', 95),
                at('Order', 'SL', '2026-01-07', 70),
            ];
            // Late's SL miss is answered (action-planned, but stale comes first); Order's is not (action-required wins).
            const actions = [{ program: 'Late', metric: 'SL', opened: '2026-01-08', owner: 'Team lead', due: '2026-02-01', closed: null }];
            const sql = await sqlEvaluation(dialect, model, rows, actions, '2026-01-10');
            expect(sql.verdicts.map(v => `${v.norm_id} ${v.verdict}`).sort()).toEqual([
                'Fresh.ASA met', 'Fresh.FCR met', 'Fresh.QA met', 'Fresh.SL met', 'Late.QA stale', 'Late.SL stale', 'Order.SL action-required',
            ]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-10', actions })));
            // Later, Late's first SL norm is superseded (by the one from the 20th): ended norms are not stale.
            const later = await sqlEvaluation(dialect, model, rows, actions, '2026-01-25');
            expect(later.verdicts.filter(v => v.norm_id.startsWith('Late.SL'))).toEqual([
                { norm_id: 'Late.SL', verdict: 'action-planned', triggers: 1 }, { norm_id: 'Late.SL@2026-01-20', verdict: 'no-data', triggers: 0 }]);
            expect(later).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-01-25', actions })));
        });

        // `sample valid at 95% confidence within 5%`: 385 evaluations of an unknown population, 278 of 1,000 calls.
        it('asks the sample a population needs, as the engine does', async () => {
            const model = await modelOf({ 'w.norma': `metric QA "QA" { family quality unit percent better higher period monthly }
program P { norm QA >= 98% { sample valid at 95% confidence within 5% } }` });
            const rows = [[278, 1000], [277, 1000], [384, null], [385, null], [null, 1000], [1000, 1000]].map(([sample, population], i) =>
                ({ program: 'P', metric: 'QA', period: `2026-0${i + 1}`, value: 99, sample, population }));
            const sql = await sqlEvaluation(dialect, model, rows, [], '2026-07-15');
            expect(sql.points.map(p => p.status)).toEqual(['met', 'unsampled', 'unsampled', 'met', 'unsampled', 'met']);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-07-15', actions: [] })));
        });

        // Intervals computed on the night clocks go back carry their offset where a local time repeats (SPEC §6.2):
        // 01:30+01:00 came before 01:30+00:00, so these two misses and the met point make no streak of two.
        it('orders the repeated intervals of a daylight-saving night as the engine does', async () => {
            const model = await modelOf({ 'w.norma': `metric ASA "ASA" { family service unit seconds better lower period interval30 }
program P { norm ASA <= 20s { act after 2 consecutive misses } }` });
            const rows = [['2026-10-25T01:00', 30], ['2026-10-25T01:30+01:00', 30], ['2026-10-25T01:30+00:00', 10], ['2026-10-25T02:00', 30]]
                .map(([period, value]) => ({ program: 'P', metric: 'ASA', period: String(period), value: Number(value) }));
            const sql = await sqlEvaluation(dialect, model, [...rows].reverse(), [], '2026-10-25');
            expect(sql.points.map(p => `${p.period} ${p.status}`)).toEqual([
                '2026-10-25T01:00 missed', '2026-10-25T01:30+01:00 missed', '2026-10-25T01:30+00:00 met', '2026-10-25T02:00 missed']);
            expect(sql.triggers.map(t => t.periods)).toEqual([['2026-10-25T01:00', '2026-10-25T01:30+01:00']]);
            expect(sql).toEqual(engineEvaluation(check(model, rows, { asOf: '2026-10-25', actions: [] })));
        });

        // A hand-made file may name one of them without an offset: it sorts first, in SQL as in the engine.
        it('orders an interval named without an offset before those with one, whatever the row order', async () => {
            const model = await modelOf({ 'w.norma': `metric ASA "ASA" { family service unit seconds better lower period interval30 }
program P { norm ASA <= 20s { act after 2 consecutive misses } }` });
            const rows = [['2026-10-25T01:30+00:00', 30], ['2026-10-25T01:30', 30], ['2026-10-25T01:30+01:00', 10]]
                .map(([period, value]) => ({ program: 'P', metric: 'ASA', period: String(period), value: Number(value) }));
            const sql = await sqlEvaluation(dialect, model, rows, [], '2026-10-25');
            expect(sql.points.map(p => p.period)).toEqual(['2026-10-25T01:30', '2026-10-25T01:30+01:00', '2026-10-25T01:30+00:00']);
            expect(sql.triggers).toEqual([]);
            expect(sql).toEqual(engineEvaluation(check(model, [...rows].reverse(), { asOf: '2026-10-25', actions: [] })));
        });

        // The engine refuses such a row; the views must not skip it silently.
        it('stops on a period it cannot read, naming it', async () => {
            const model = await modelOf({ 'w.norma': `metric SL "SL" { family service unit percent better higher period daily }
program P { norm SL >= 80% }` });
            const rows = [{ program: 'P', metric: 'SL', period: '2026-01-05', value: 85 }, { program: 'P', metric: 'SL', period: '2026-1-6', value: 85 }];
            await expect(sqlEvaluation(dialect, model, rows, [], '2026-01-06')).rejects.toThrow(/not a period: 2026-1-6/);
        });

        it('agrees with the engine on every generated workspace: point statuses, triggers and verdicts', async () => {
            let compared = 0;
            const seen = new Set<string>();
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
                for (const f of featuresOf(engine, c)) seen.add(f);
                const sql = await sqlEvaluation(dialect, model, c.measurements, c.actions, c.asOf);
                expect(sql).toEqual(engineEvaluation(engine));
            }), { numRuns: Number(process.env.NORMA_PROPERTY_RUNS ?? 40), seed: Number(process.env.NORMA_PROPERTY_SEED ?? 9) });
            expect(compared).toBeGreaterThan(Number(process.env.NORMA_PROPERTY_RUNS ?? 40) / 2);
            // The generated cases reached every rule (a generator that stopped producing one would compare nothing).
            expect(FEATURES.filter(f => !seen.has(f))).toEqual([]);
        }, 300_000);
    });
}
