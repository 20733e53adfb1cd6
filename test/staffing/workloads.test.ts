// programWorkloads reads every program's staffing rows in one pass over the columns: each
// program's workload is what its own rows alone give, whatever the other programs' rows are
// and however they interleave (the metrics of a staffing block can be shared, or play two roles).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../language/src/engine/columns.js';
import { programWorkloads } from '../../language/src/engine/staffing.js';
import type { Measurement } from '../../language/src/engine/types.js';
import { metric, model, program } from '../engine/helpers.js';

const interval = { period: 'interval30' as const };
const source = { file: 'programs.norma', line: 1, column: 5 };
const m = model({
    metrics: [metric('Offered', { ...interval, unit: { kind: 'count' } }), metric('AHT', { ...interval, unit: { kind: 'seconds' } }), metric('Logged', { ...interval, unit: { kind: 'count' } }), metric('SL', interval)],
    programs: [
        program('Acme', { staffing: { offered: 'Offered', handle: 'AHT', agents: 'Logged', source } }),
        // The same metric as handle time and patience: two roles from one row.
        program('Beta', { staffing: { offered: 'Offered', handle: 'AHT', patience: 'AHT', source } }),
        program('Plain'),
    ],
});

const row = fc.record({
    program: fc.constantFrom('Acme', 'Beta', 'Plain', 'Other'),
    metric: fc.constantFrom('Offered', 'AHT', 'Logged', 'SL'),
    period: fc.integer({ min: 0, max: 5 }).map(i => `2026-03-02T${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
    value: fc.integer({ min: 0, max: 400 }),
    sample: fc.constant(null),
}) as fc.Arbitrary<Measurement>;

const plain = (w: ReturnType<typeof programWorkloads>) => Object.fromEntries([...w].map(([id, { rows, grain }]) => [id, {
    grain, offered: [...rows.offered], handle: [...rows.handle], patience: [...rows.patience], agents: [...rows.agents],
}]));

describe('programWorkloads', () => {
    it('gives each program with a staffing block the workload of its own rows alone', () => {
        fc.assert(fc.property(fc.array(row, { maxLength: 60 }), rows => {
            const all = plain(programWorkloads(m, columnsOf(rows)));
            expect(Object.keys(all).sort()).toEqual(['Acme', 'Beta']);
            for (const id of ['Acme', 'Beta']) {
                const alone = plain(programWorkloads(m, columnsOf(rows.filter(r => r.program === id))));
                expect(all[id]).toEqual(alone[id]);
            }
        }), { numRuns: 200 });
    });

    it('reads the roles of a row by period, the later row of a period winning', () => {
        const rows: Measurement[] = [
            { program: 'Beta', metric: 'AHT', period: '2026-03-02T09:00', value: 180, sample: null },
            { program: 'Acme', metric: 'Offered', period: '2026-03-02T09:00', value: 100, sample: null },
            { program: 'Beta', metric: 'AHT', period: '2026-03-02T09:00', value: 200, sample: null },
        ];
        const w = plain(programWorkloads(m, rows));
        expect(w.Beta).toEqual({ grain: 'interval30', offered: [], handle: [['2026-03-02T09:00', 200]], patience: [['2026-03-02T09:00', 200]], agents: [] });
        expect(w.Acme.offered).toEqual([['2026-03-02T09:00', 100]]);
    });
});
