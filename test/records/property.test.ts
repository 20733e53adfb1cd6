// Property: for random sources, formulas and records, the rows DuckDB computes (render.ts SQL +
// finish.ts) equal a straightforward JavaScript evaluation of the same formula tree over the
// same records (reference.ts, kept in the tests only): values to the last bit, samples, and
// which periods give no row.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { computeMeasurements } from '../../language/src/records/compute.js';
import { referenceRows, type RawRecord } from './reference.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-property-'));

// Record-level expressions, typed by construction (the generator writes only what validates).
const text = fc.constantFrom('q = "A"', 'q != "B"', 'q in ("A", "C")', 'q is null', 'q is not null', 'coalesce(q, "A") = "A"');
const numeric = fc.constantFrom('n', 'n + 1', 'n * 2', 'coalesce(n, 0)', 'n - 3');
const duration = fc.constantFrom('w', 'w + 1.5s', 'w * 2', 'coalesce(w, 0s)', 'w - 0.25s');
const numCond = fc.tuple(numeric, fc.constantFrom('>', '>=', '<', '<=', '=', '!='), fc.integer({ min: 0, max: 12 })).map(([a, op, b]) => `${a} ${op} ${b}`);
const durCond = fc.tuple(duration, fc.constantFrom('>', '>=', '<', '<=', '='), fc.constantFrom('0s', '2.5s', '5s', '0.1min', '10s')).map(([a, op, b]) => `${a} ${op} ${b}`);
const atom = fc.oneof(text, numCond, durCond, fc.constantFrom('f', 'not f', 'f is null', 'flag', 'flag and f'));
const condition: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: atom },
    { weight: 1, arbitrary: fc.tuple(atom, fc.constantFrom('and', 'or'), atom).map(([a, op, b]) => `(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: atom.map(a => `not (${a})`) },
);

interface Case { unit: 'count' | 'percent' | 'seconds' | 'score'; formula: string }
const aggregateOf = (unit: Case['unit']) => {
    switch (unit) {
        case 'count': return fc.oneof(fc.constant('count()'), condition.map(c => `count(${c})`), fc.constantFrom('distinct(q)', 'distinct(n)', 'sum(n)'),
            fc.tuple(condition, condition).map(([a, b]) => `count(${a}) + count(${b})`));
        case 'percent': return fc.tuple(condition, condition).map(([a, b]) => `count(${a}) / count(${b})`);
        case 'seconds': return fc.oneof(duration.map(d => `avg(${d})`), duration.map(d => `sum(${d}) / count()`), duration.map(d => `min(${d})`), duration.map(d => `max(${d})`),
            fc.tuple(duration, condition).map(([d, c]) => `sum(${d}) / count(${c})`));
        case 'score': return fc.oneof(numeric.map(x => `avg(${x})`), fc.constant('sum(n) / count()'), numeric.map(x => `max(${x})`), fc.constant('avg(n) * 2'));
    }
};
const caseArb: fc.Arbitrary<Case> = fc.constantFrom<Case['unit']>('count', 'percent', 'seconds', 'score')
    .chain(unit => aggregateOf(unit).map(formula => ({ unit, formula })));

const cellArb = {
    q: fc.constantFrom('A', 'B', 'C', null),
    n: fc.oneof(fc.integer({ min: -3, max: 15 }).map(String), fc.constant(null)),
    w: fc.oneof(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 999 })).map(([s, ms]) => `${s}.${String(ms).padStart(3, '0')}`), fc.integer({ min: 0, max: 30 }).map(String), fc.constant(null)),
    f: fc.constantFrom('true', 'false', null),
    at: fc.oneof({ weight: 9, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 8, max: 10 }), fc.integer({ min: 0, max: 59 }))
        .map(([d, h, m]) => `2026-01-0${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`) }, { weight: 1, arbitrary: fc.constant(null) }),
};
const recordArb: fc.Arbitrary<RawRecord> = fc.record(cellArb);

const scenario = fc.record({
    metrics: fc.tuple(aggregateOf('count'), aggregateOf('percent'), aggregateOf('seconds'), aggregateOf('score'), caseArb)
        .map(([count, percent, seconds, score, any]) => [{ unit: 'count', formula: count }, { unit: 'percent', formula: percent },
            { unit: 'seconds', formula: seconds }, { unit: 'score', formula: score }, any] as Case[]),
    where: fc.option(condition, { nil: undefined }),
    keep: fc.option(condition, { nil: undefined }),
    flag: condition.filter(c => !c.includes('flag')),
    programs: fc.array(fc.option(condition, { nil: undefined }), { minLength: 1, maxLength: 2 }),
    grain: fc.constantFrom('daily', 'interval30'),
    records: fc.array(recordArb, { minLength: 0, maxLength: 60 }),
});

describe('records: DuckDB equals the reference evaluation', () => {
    it('for random sources, formulas and records', async () => {
        let n = 0;
        await fc.assert(fc.asyncProperty(scenario, async s => {
            const text = `
                source S {
                    field q: text
                    field n: integer
                    field w: seconds
                    field f: boolean
                    field at: timestamp column "at"
                    field flag = ${s.flag}
                    ${s.keep ? `keep ${s.keep}` : ''}
                }
                ${s.metrics.map((m, i) => `metric M${i} { family service unit ${m.unit} better higher period ${s.grain}
                    from S at at2
                    = ${m.formula}${s.where && i % 2 === 0 ? ` where ${s.where}` : ''} }`).join('\n')}
                ${s.programs.map((w, i) => `program P${i} { records S${w ? ` where ${w}` : ''} ${s.metrics.map((m, j) => `norm M${j} >= 0${m.unit === 'percent' ? '%' : m.unit === 'seconds' ? 's' : ''}`).join(' ')} }`).join('\n')}
            `.replace('field at: timestamp column "at"', 'field at2: timestamp column "at"');
            const ws = await loadWorkspace([{ path: 'p.norma', text }]);
            expect(ws.diagnostics.filter(d => d.severity === 'error'), text).toEqual([]);
            const model = ws.model!;
            const file = path.join(dir, `r${n++}.csv`);
            const cols = ['q', 'n', 'w', 'f', 'at'];
            fs.writeFileSync(file, [cols.join(','), ...s.records.map(r => cols.map(c => r[c] ?? '').join(','))].join('\n') + '\n');
            const got = await computeMeasurements(model, [{ source: 'S', path: file }]);
            expect(got.errors).toEqual([]);
            for (const metric of model.metrics) {
                const want = referenceRows(model.sources![0], metric, model.programs, s.records);
                expect(got.measurements.filter(m => m.metric === metric.id).map(m => ({ ...m, sample: m.sample ?? 0 })), text).toEqual(want);
            }
        }), { numRuns: 60, seed: 8 });
    }, 240_000);
});
