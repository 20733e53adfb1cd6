// The benchmark's generator and its DuckDB yardstick, on a small scale: the data is seeded (the
// same bytes on every run), the workspace is valid, and `norma check` finds exactly the
// consecutive-miss triggers that the DuckDB window query finds, for every program and metric.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM scripts without type declarations
import { generate } from '../../bench/generate.mjs';
// @ts-expect-error plain ESM scripts without type declarations
import { duckdbConsecutiveTriggers } from '../../bench/duckdb-triggers.mjs';
import { norma, tempDir } from '../cli/run-norma.js';

const PARAMS = { programs: 30, metrics: 10, days: 60, seed: 7 };

describe('bench/generate.mjs and bench/duckdb-triggers.mjs', () => {
    it('writes the same bytes on every run, with one row per program, metric and day', () => {
        const a = tempDir('norma-bench-a-');
        const b = tempDir('norma-bench-b-');
        const meta = generate({ ...PARAMS, out: a });
        generate({ ...PARAMS, out: b });
        expect(meta.rows).toBe(30 * 10 * 60);
        expect(meta.lastDay).toBe('2026-03-01');
        for (const file of ['measurements.csv', 'norms.csv', 'workspace/metrics.norma', 'workspace/programs-01.norma']) {
            expect(fs.readFileSync(path.join(a, file), 'utf8'), file).toBe(fs.readFileSync(path.join(b, file), 'utf8'));
        }
        const lines = fs.readFileSync(path.join(a, 'measurements.csv'), 'utf8').trimEnd().split('\n');
        expect(lines[0]).toBe('program,metric,period,value,sample');
        expect(lines).toHaveLength(meta.rows + 1);
    });

    it('agrees with norma check on every consecutive-miss trigger', async () => {
        const out = tempDir('norma-bench-');
        const meta = generate({ ...PARAMS, out });
        const report = path.join(out, 'report.json');
        const run = norma(['check', path.join(out, 'workspace'), '--data', path.join(out, 'measurements.csv'),
            '--format', 'json', '--output', report, '--as-of', meta.lastDay]);
        expect([0, 1], run.stderr).toContain(run.code);
        const result = JSON.parse(fs.readFileSync(report, 'utf8')) as { summary: { norms: number }; results: { program: string; metric: string; triggers: { rule: string }[] }[] };
        expect(result.summary.norms).toBe(300);
        const fromNorma = new Map<string, number>();
        for (const r of result.results) {
            const n = r.triggers.filter(t => t.rule === 'consecutive').length;
            if (n) fromNorma.set(`${r.program}/${r.metric}`, n);
        }
        const duck = await duckdbConsecutiveTriggers(path.join(out, 'measurements.csv'), path.join(out, 'norms.csv'), meta.lastDay);
        expect(duck.total).toBeGreaterThan(20);
        expect(Object.fromEntries([...fromNorma].sort())).toEqual(Object.fromEntries([...duck.perSeries].sort()));
    });
});
