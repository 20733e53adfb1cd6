import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { check, checkMeasurements, columnsOf, concatColumns, rowsOf, type Measurement } from '../../language/src/engine/index.js';
import { exclusion, metric, model, norm, program } from './helpers.js';
import { evaluateIndexed } from '../../language/src/engine/evaluate.js';
import { filterColumns } from '../../language/src/engine/columns.js';
import { indexMeasurements } from '../../language/src/engine/series.js';
import type { NormaModel } from '../../language/src/model/types.js';

const m = model({
    metrics: [metric('SL'), metric('AHT', { unit: { kind: 'seconds' }, better: 'lower' })],
    programs: [program('Acme'), program('Beta')],
    norms: [norm('Acme', 'SL', { sampleMinimum: 20 }), norm('Acme', 'AHT', { op: '<=', target: 300 }), norm('Beta', 'SL')],
});

const row = fc.record({
    program: fc.constantFrom('Acme', 'Beta', 'Gamma'),
    metric: fc.constantFrom('SL', 'AHT'),
    period: fc.integer({ min: 1, max: 40 }).map(d => `2026-01-${String(1 + (d % 28)).padStart(2, '0')}`),
    value: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 100, noNaN: true })),
    sample: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
});

/** What `check` gives: its result, or the issues it refuses with. */
function outcome(data: Measurement[] | ReturnType<typeof columnsOf>) {
    try {
        return { result: check(m, data, { asOf: '2026-02-15' }) };
    } catch (e) {
        return { issues: (e as { issues: unknown }).issues };
    }
}

describe('measurement columns', () => {
    test('row objects come back from their columns as they went in, in order', () => {
        fc.assert(fc.property(fc.array(row, { maxLength: 80 }), rows => {
            expect(rowsOf(columnsOf(rows))).toEqual(rows);
        }), { numRuns: 300 });
    });

    test('a check of columns splits the rows into series by their names: the same result as one series at a time', () => {
        fc.assert(fc.property(fc.array(row, { maxLength: 80 }), rows => {
            const all = outcome(rows);
            fc.pre('result' in all);
            for (const r of all.result!.results) {
                const own = rows.filter(x => x.program === r.program && x.metric === r.metric);
                const alone = check(({ ...m, norms: m.norms.filter(n => n.id === r.norm.id) } as NormaModel), own, { asOf: '2026-02-15' }).results[0];
                expect(r.points).toEqual(alone.points);
            }
        }), { numRuns: 200 });
    });

    test('columns keep every field of a row, with names interned once', () => {
        const rows: Measurement[] = [
            { program: 'Acme', metric: 'SL', period: '2026-01-01', value: 81.5, sample: 212 },
            { program: 'Acme', metric: 'SL', period: '2026-01-02', value: 0.1 + 0.2, sample: null },
            { program: 'Acme', metric: 'AHT', period: '2026-01-01', value: 301, sample: 4, population: 900 },
        ];
        const c = columnsOf(rows);
        expect(c.programs).toEqual(['Acme']);
        expect(c.metrics).toEqual(['SL', 'AHT']);
        expect(c.periods).toEqual(['2026-01-01', '2026-01-02']);
        expect(Array.from(c.value)).toEqual([81.5, 0.1 + 0.2, 301]);
        expect(rowsOf(c)).toEqual([rows[0], rows[1], rows[2]]);
        expect(rowsOf(concatColumns([c, columnsOf(rows.slice(0, 1))]))).toEqual([...rows, rows[0]]);
    });

    test('filtered columns hold the kept rows, in order, a row the columns cannot hold included', () => {
        const odd = fc.constantFrom<unknown>(7, { program: 'Acme', metric: 'SL', period: '2026-01-01', value: '81' });
        fc.assert(fc.property(fc.array(fc.oneof(row, odd), { maxLength: 60 }), fc.func(fc.boolean()), (rows, keep) => {
            const kept = filterColumns(columnsOf(rows as Measurement[]), i => keep(i));
            expect(rowsOf(kept)).toEqual(rows.filter((_, i) => keep(i)));
        }), { numRuns: 200 });
    });

    test('a field the columns cannot hold keeps its row, and its issue its words', () => {
        const rows = [
            { program: 'Acme', metric: 'SL', period: '2026-01-01', value: '81' },
            { program: 'Acme', metric: 'SL', period: '2026-01-02', value: 80, sample: '12' },
            7,
            { program: 5, metric: 'SL', period: '2026-01-03', value: 80 },
        ] as unknown as Measurement[];
        const issues = checkMeasurements(m, rows).map(i => [i.index, i.field, i.message]);
        expect(issues).toEqual([
            [0, 'value', "The value must be a number, not '81'."],
            [1, 'sample', "The sample must be a whole number of contacts or transactions, 0 or more, not '12'."],
            [2, 'row', 'A measurement must be an object with program, metric, period and value.'],
            [3, 'program', 'The program is missing.'],
        ]);
        expect(checkMeasurements(m, columnsOf(rows))).toEqual(checkMeasurements(m, rows));
    });

    test('points made when read (large data) are the points kept otherwise, in the same place of the JSON', () => {
        const withRules = {
            ...m,
            norms: [norm('Acme', 'SL', { sampleMinimum: 20, critical: { side: 'below', threshold: 30 } }), norm('Acme', 'AHT', { op: '<=', target: 300 }), norm('Beta', 'SL')],
            exclusions: [exclusion('Outage', { start: '2026-01-03', end: '2026-01-05' }), exclusion('Old', { programs: ['Beta'], start: '2026-01-01', end: '2026-01-09', expires: '2026-01-20' })],
        } as NormaModel;
        fc.assert(fc.property(fc.uniqueArray(row, { maxLength: 80, selector: r => `${r.program} ${r.metric} ${r.period}` }), rows => {
            const data = columnsOf(rows.filter(r => r.program !== 'Gamma'));
            const kept = evaluateIndexed(withRules, { asOf: '2026-02-15' }, () => indexMeasurements(data), false);
            const made = evaluateIndexed(withRules, { asOf: '2026-02-15' }, () => indexMeasurements(data), true);
            expect(JSON.stringify(made)).toBe(JSON.stringify(kept));
            for (const r of made.results) expect(r.points).toEqual(r.points);
        }), { numRuns: 200 });
    });
});
