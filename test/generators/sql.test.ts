import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { sqlVerdicts } from './sql-harness.js';

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

describe('SQL target in DuckDB', () => {
    it('gives the verdicts of SPEC §3', async () => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: WORKSPACE }]);
        expect(ws.model).not.toBeNull();
        const sl = [82, 79, 81, 65, 85].map((value, i) => ({ program: 'Acme', metric: 'ServiceLevel', period: day(i + 1), value }));
        const aht = [400, 410, 300, 420, 430].map((value, i) => ({ program: 'Acme', metric: 'HandleTime', period: day(i + 1), value }));
        const acc = [{ program: 'Acme', metric: 'Accuracy', period: '2026-01', value: 90, sample: 10 }];
        const actions = [{ program: 'Acme', metric: 'ServiceLevel', opened: '2026-01-04', owner: 'Team lead', due: '2026-01-20', closed: null }];
        const rows = await sqlVerdicts(ws.model!, [...sl, ...aht, ...acc], actions, '2026-01-31');
        const byId = Object.fromEntries(rows.map(r => [r.norm_id, r]));
        expect(byId['Acme.ServiceLevel']).toEqual({ norm_id: 'Acme.ServiceLevel', verdict: 'overdue', triggers: 1 });
        expect(byId['Acme.HandleTime']).toEqual({ norm_id: 'Acme.HandleTime', verdict: 'action-required', triggers: 2 });
        expect(byId['Acme.Accuracy'].verdict).toBe('no-data');
    });
});

describe('SQL target: exclusions, spanned by the engine calendar', () => {
    it('excuses the days, weeks and months an exclusion names, as the engine does', async () => {
        const text = `
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
}`;
        const ws = await loadWorkspace([{ path: 'w.norma', text }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        // Critical misses from 2 to 11 January and in weeks 1 and 2 are excused; 12 January and week 3 are judged.
        const sl = [[1, 85], [2, 60], [3, 61], [11, 50], [12, 86]].map(([d, value]) => ({ program: 'Acme', metric: 'SL', period: day(d), value }));
        const weekly = [['2026-W01', 50], ['2026-W02', 50], ['2026-W03', 95]].map(([period, value]) => ({ program: 'Acme', metric: 'Weekly', period: String(period), value: Number(value) }));
        const engine = check(ws.model!, [...sl, ...weekly], { asOf: '2026-01-31', actions: [] });
        const sql = await sqlVerdicts(ws.model!, [...sl, ...weekly], [], '2026-01-31');
        const fromEngine = Object.fromEntries(engine.results.map(r => [r.norm.id, { norm_id: r.norm.id, verdict: r.verdict, triggers: r.triggers.length }]));
        expect(fromEngine).toEqual({
            'Acme.SL': { norm_id: 'Acme.SL', verdict: 'met', triggers: 0 },
            'Acme.Weekly': { norm_id: 'Acme.Weekly', verdict: 'met', triggers: 0 },
        });
        expect(Object.fromEntries(sql.map(r => [r.norm_id, r]))).toEqual(fromEngine);
    });
});

import fc from 'fast-check';
import { check } from '../../language/src/engine/index.js';
import { randomCase, toActions, toMeasurements } from '../cli/random-workspace.js';

describe('SQL target agrees with the engine', () => {
    it('on random workspaces and data: same verdict and trigger count for every norm', async () => {
        await fc.assert(fc.asyncProperty(randomCase, async (c) => {
            const ws = await loadWorkspace(Object.entries(c.files).map(([path, text]) => ({ path, text })));
            expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
            const measurements = toMeasurements(c.csv);
            const actions = toActions(c.actionsCsv);
            const engine = check(ws.model!, measurements, { asOf: c.asOf, actions });
            const sql = await sqlVerdicts(ws.model!, measurements, actions, c.asOf);
            const fromSql = Object.fromEntries(sql.map(r => [r.norm_id, [r.verdict, r.triggers]]));
            const fromEngine = Object.fromEntries(engine.results.map(r => [r.norm.id, [r.verdict, r.triggers.length]]));
            expect(fromSql).toEqual(fromEngine);
        }), { numRuns: 25, seed: 7 });
    }, 120_000);
});
