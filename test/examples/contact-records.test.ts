// The raw-records example: its committed records are what the seeded generator writes, `norma
// measure` computes the rows its README explains, and `norma check --records` judges them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspaceFromDisk } from '../../language/src/workspace/workspace.js';
import { REPO, norma, tempDir, workspace } from '../cli/run-norma.js';

const EXAMPLE = path.join(REPO, 'examples/contact-records');
const RECORDS = [
    '--records', 'Calls=examples/contact-records/records/calls.csv',
    '--records', 'Evaluations=examples/contact-records/records/qa-evaluations.csv',
    '--records', 'Surveys=examples/contact-records/records/surveys.ndjson',
];

interface Row { program: string; metric: string; period: string; value: number; sample: number | null }

describe('examples/contact-records', () => {
    it('validates without a diagnostic', async () => {
        const ws = await loadWorkspaceFromDisk([EXAMPLE], { asOf: '2026-11-01' });
        expect(ws.diagnostics).toEqual([]);
        expect(ws.model!.sources!.map(s => s.id)).toEqual(['Calls', 'Evaluations', 'Surveys']);
    });

    it('has committed records that the seeded generator reproduces byte for byte', () => {
        const out = tempDir('norma-records-');
        const run = spawnSync(process.execPath, [path.join(EXAMPLE, 'generate-records.mjs'), '--out', out], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        for (const file of ['records/calls.csv', 'records/qa-evaluations.csv', 'records/surveys.ndjson']) {
            expect(fs.readFileSync(path.join(out, file), 'utf8'), file).toBe(fs.readFileSync(path.join(EXAMPLE, file), 'utf8'));
        }
    });

    it('norma measure writes the computed rows in the --data format', () => {
        const run = norma(['measure', 'examples/contact-records', ...RECORDS, '--format', 'json']);
        expect(run.code, run.stderr).toBe(0);
        const rows = JSON.parse(run.stdout) as Row[];
        const get = (program: string, metric: string, period: string) => rows.find(r => r.program === program && r.metric === metric && r.period === period);
        // The slow days of the English line, and the night the clocks go back in London.
        expect(get('BillingEN', 'ServiceLevel', '2026-10-14')!.value).toBeLessThan(60);
        expect(get('BillingEN', 'ServiceLevelByInterval', '2026-10-25T01:30+01:00')).toEqual({ program: 'BillingEN', metric: 'ServiceLevelByInterval', period: '2026-10-25T01:30+01:00', value: 100, sample: 1 });
        expect(get('BillingEN', 'ServiceLevelByInterval', '2026-10-25T01:30+00:00')).toBeDefined();
        // Test calls are kept out, short abandons are not offered: recount the 1st from the file itself.
        const lines = fs.readFileSync(path.join(EXAMPLE, 'records/calls.csv'), 'utf8').trim().split('\n').slice(1).map(l => l.split(','));
        const day = lines.filter(c => c[1] === 'BILL_FR' && c[2] >= '2026-10-01T00:00' && c[2] < '2026-10-01T23:00');
        const answered = day.filter(c => c[3] === 'ANSWERED');
        const offered = answered.length + day.filter(c => c[3] === 'ABANDONED' && Number(c[4]) >= 5).length;
        const within = answered.filter(c => Number(c[4]) <= 20).length;
        expect(get('BillingFR', 'ServiceLevel', '2026-10-01')).toEqual({ program: 'BillingFR', metric: 'ServiceLevel', period: '2026-10-01', value: (100 * within) / offered, sample: offered });
        // CSV is the default format, with the header --data reads.
        const csv = norma(['measure', 'examples/contact-records', ...RECORDS]);
        expect(csv.stdout.split('\n')[0]).toBe('program,metric,period,value,sample');
        expect(csv.stdout.trim().split('\n')).toHaveLength(rows.length + 1);
    });

    it('norma check --records judges the computed rows: the slow days need an action', () => {
        const run = norma(['check', 'examples/contact-records', ...RECORDS, '--as-of', '2026-11-01', '--format', 'json']);
        expect(run.code, run.stderr).toBe(1);
        const report = JSON.parse(run.stdout) as { summary: Record<string, number | boolean>; results: { program: string; metric: string; verdict: string; triggers: { rule: string; periods: string[] }[] }[] };
        const sl = report.results.find(r => r.program === 'BillingEN' && r.metric === 'ServiceLevel')!;
        expect(sl.verdict).toBe('action-required');
        expect(sl.triggers.map(t => `${t.rule} ${t.periods.join(' ')}`)).toContain('consecutive 2026-10-14 2026-10-15 2026-10-16');
        expect(report.results.find(r => r.program === 'BillingFR' && r.metric === 'ServiceLevel')!.verdict).toBe('met');
        expect(report.summary.norms).toBe(14);
    });

    it('refuses rows for one program and metric from both a formula and --data, naming both', () => {
        const data = workspace({ 'kpis.csv': 'program,metric,period,value,sample\nBillingFR,ServiceLevel,2026-10-01,90,\n' });
        const run = norma(['check', 'examples/contact-records', ...RECORDS, '--data', path.join(data, 'kpis.csv'), '--as-of', '2026-11-01']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/kpis\.csv:2:\d+ error BillingFR ServiceLevel gets rows both from this data file and from the formula of ServiceLevel \(metrics\.norma:\d+\) over the Calls records/);
    });

    it('stops with exit 2 on a cell that does not parse, naming file, line, column, field and value', () => {
        const dir = workspace({ 'calls.csv': 'call_id,queue,offered_at,outcome,queue_seconds,talk,hold,acw_seconds\nC1,BILL_EN,2026-10-01T09:00:00Z,ANSWERED,abc,1:00,0,10\n' });
        const run = norma(['check', 'examples/contact-records', '--records', `Calls=${path.join(dir, 'calls.csv')}`, '--as-of', '2026-11-01']);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`calls.csv:2:5 error field wait: 'abc' is not a duration; write seconds (75), M:SS (1:15) or H:MM:SS (0:01:15)`);
        expect(run.stdout).toBe('');
    });
});
