// The CLI end to end: the built binary, its exit codes, output shapes and messages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { norma, workspace, tempDir } from './run-norma.js';

const METRICS = `metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
    better higher
    period daily
    data within 60 days
}
metric AverageHandleTime "Talk, hold and after-call work" {
    family efficiency
    unit minutes
    better lower
    period daily
    data within 60 days
}
`;
const PROGRAM = `program Acme "Acme billing" {
    norm ServiceLevel >= 80% { act immediately below 70% }
    norm AverageHandleTime <= 6min
}
`;
const header = 'program,metric,period,value,sample\n';
const rows = (metric: string, values: number[]) =>
    values.map((v, i) => `Acme,${metric},2026-01-${String(i + 1).padStart(2, '0')},${v},`).join('\n') + '\n';

function goodWorkspace(sl: number[], aht: number[]) {
    return workspace({
        'metrics.norma': METRICS,
        'programs/acme.norma': PROGRAM,
        'data/kpis.csv': header + rows('ServiceLevel', sl) + rows('AverageHandleTime', aht),
    });
}

describe('norma --help', () => {
    it.each(['validate', 'check', 'compile', 'init', 'lsp', 'fmt', 'diff', 'test'])('documents %s', (command) => {
        const r = norma([command, '--help']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`Usage: norma ${command}`);
    });

    it('lists the commands', () => {
        const r = norma(['--help']);
        expect(r.code).toBe(0);
        for (const c of ['validate', 'check', 'compile', 'init', 'fmt', 'diff', 'test']) expect(r.stdout).toContain(c);
    });

    it('exits 2 on an unknown option', () => {
        const r = norma(['validate', '--frmat', 'json']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/unknown option '--frmat'/);
    });
});

describe('norma validate', () => {
    it('passes a valid workspace with exit 0', () => {
        const dir = goodWorkspace([90], [300]);
        const r = norma(['validate', dir]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('2 files checked: 0 errors, 0 warnings.');
    });

    it('names file, line and column of an error and exits 2', () => {
        const dir = workspace({ 'metrics.norma': METRICS, 'acme.norma': 'program Acme {\n    norm ServiceLevl >= 80%\n}\n' });
        const r = norma(['validate', dir], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stdout).toMatch(/^acme\.norma:2:10 error .*ServiceLevl.*ServiceLevel/m);
    });

    it('reports malformed text as a parse error with its place', () => {
        const dir = workspace({ 'broken.norma': 'metric X "x" {\n    family service\n    unit percent\n' });
        const r = norma(['validate', dir], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stdout).toMatch(/^broken\.norma:\d+:\d+ error /m);
    });

    it('gives diagnostics as JSON', () => {
        const dir = workspace({ 'metrics.norma': METRICS, 'acme.norma': 'program Acme {\n    norm ServiceLevel >= 20s\n}\n' });
        const r = norma(['validate', dir, '--format', 'json'], { cwd: dir });
        expect(r.code).toBe(2);
        const out = JSON.parse(r.stdout);
        expect(out.schema).toBe(1);
        expect(out.diagnostics[0]).toMatchObject({ file: 'acme.norma', line: 2, severity: 'error' });
    });

    it('exits 2 when a path does not exist', () => {
        const r = norma(['validate', '/nonexistent/norma']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('/nonexistent/norma');
    });
});

describe('norma check', () => {
    it('passes the gate (exit 0) when every norm is met', () => {
        const dir = goodWorkspace([82, 85, 90], [300, 320, 310]);
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Gate: passed.');
        expect(r.stdout).toMatch(/✓ met\s+ServiceLevel >= 80%/);
        expect(r.stdout).not.toMatch(/\x1b\[/);
    });

    it('fails the gate (exit 1) on a breach and says why', () => {
        const dir = goodWorkspace([82, 78, 77, 76], [300, 320, 310, 300]);
        const r = norma(['check', dir, '--data', path.join(dir, 'data/kpis.csv'), '--as-of', '2026-01-31']);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/✗ action required\s+ServiceLevel >= 80%/);
        expect(r.stdout).toContain('2026-01-02');
        expect(r.stdout).toContain('Gate: failed');
    });

    it('writes the SPEC §4 JSON', () => {
        const dir = goodWorkspace([82, 78, 77, 76], [300, 320, 310, 300]);
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31', '--format', 'json']);
        expect(r.code).toBe(1);
        const out = JSON.parse(r.stdout);
        expect(out).toMatchObject({ schema: 1, asOf: '2026-01-31' });
        expect(out.summary).toMatchObject({ norms: 2, met: 1, actionRequired: 1, passed: false });
        const sl = out.results.find((x: { metric: string }) => x.metric === 'ServiceLevel');
        expect(sl).toMatchObject({ program: 'Acme', verdict: 'action-required', norm: { op: '>=', target: 80, unit: 'percent', from: null, source: 'programs/acme.norma:2' } });
        expect(sl.triggers[0]).toMatchObject({ rule: 'consecutive', periods: ['2026-01-02', '2026-01-03', '2026-01-04'] });
        expect(sl.points[0]).toMatchObject({ period: '2026-01-01', value: 82, status: 'met' });
    });

    it('treats a norm without data as a failure, never a pass', () => {
        const dir = goodWorkspace([82], []);
        fs.writeFileSync(path.join(dir, 'data/kpis.csv'), header + rows('ServiceLevel', [82]));
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31', '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).summary.noData).toBe(1);
    });

    it('--fail-on at-risk makes the gate stricter', () => {
        const dir = goodWorkspace([82, 78, 85], [300, 320, 310]);
        const data = path.join(dir, 'data');
        expect(norma(['check', dir, '--data', data, '--as-of', '2026-01-31']).code).toBe(0);
        expect(norma(['check', dir, '--data', data, '--as-of', '2026-01-31', '--fail-on', 'at-risk']).code).toBe(1);
    });

    it('refuses bad data with file, line and column, and gives no verdict', () => {
        const dir = goodWorkspace([82], [300]);
        fs.writeFileSync(path.join(dir, 'data/kpis.csv'), header + 'Acme,ServiceLevel,2026-01-01,n/a,\nAcme,ServiceLevel,2026-01-02,81,\n');
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/data\/kpis\.csv:2:\d+ .*n\/a/);
    });

    it('names an unknown program in the data with a did-you-mean', () => {
        const dir = goodWorkspace([82], [300]);
        fs.writeFileSync(path.join(dir, 'data/kpis.csv'), header + 'Acmee,ServiceLevel,2026-01-01,81,\n');
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/data\/kpis\.csv:2:1 .*Acmee.*Did you mean 'Acme'\?/);
    });

    it('rejects a period that does not fit the metric', () => {
        const dir = goodWorkspace([82], [300]);
        fs.writeFileSync(path.join(dir, 'data/kpis.csv'), header + 'Acme,ServiceLevel,2026-01,81,\n');
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/data\/kpis\.csv:2:\d+ .*2026-01/);
    });

    it('points a duplicate row at the first one', () => {
        const dir = goodWorkspace([82], [300]);
        fs.writeFileSync(path.join(dir, 'data/kpis.csv'), header + 'Acme,ServiceLevel,2026-01-01,81,\nAcme,ServiceLevel,2026-01-02,82,\nAcme,ServiceLevel,2026-01-01,83,\n');
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/data\/kpis\.csv:4:\d+ .*already appear at data\/kpis\.csv:2\./);
    });

    it('reads measurements from stdin with -', () => {
        const dir = goodWorkspace([82], [300]);
        const input = header + rows('ServiceLevel', [85, 86]) + rows('AverageHandleTime', [300, 301]);
        const r = norma(['check', dir, '--data', '-', '--as-of', '2026-01-31', '--format', 'json'], { input });
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).summary.met).toBe(2);
    });

    it('exits 2 without --data', () => {
        const dir = goodWorkspace([82], [300]);
        const r = norma(['check', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('--data');
    });

    it('exits 2 on a bad --as-of', () => {
        const dir = goodWorkspace([82], [300]);
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-02-30']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("--as-of '2026-02-30' is not a day");
    });

    it('exits 2 on language errors before reading data', () => {
        const dir = workspace({ 'metrics.norma': METRICS, 'acme.norma': 'program Acme {\n    norm ServiceLevel >= 20s\n}\n', 'd.csv': header });
        const r = norma(['check', dir, '--data', path.join(dir, 'd.csv')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/acme\.norma:2:\d+ error/);
        expect(r.stderr).toContain('language errors');
    });

    it('colours only when allowed: FORCE_COLOR yes, NO_COLOR no', () => {
        const dir = goodWorkspace([82, 85], [300, 320]);
        const args = ['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31'];
        expect(norma(args, { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\x1b\[/);
        expect(norma(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
    });

    it('writes to --output', () => {
        const dir = goodWorkspace([82, 85], [300, 320]);
        const out = path.join(tempDir(), 'report.json');
        const r = norma(['check', dir, '--data', path.join(dir, 'data'), '--as-of', '2026-01-31', '--format', 'json', '--output', out]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe('');
        expect(JSON.parse(fs.readFileSync(out, 'utf8')).schema).toBe(1);
    });
});

describe('norma init', () => {
    it('creates a workspace that validates and whose sample data shows a breach', () => {
        const dir = path.join(tempDir(), 'starter');
        const r = norma(['init', dir]);
        expect(r.code).toBe(0);
        expect(norma(['validate', dir]).code).toBe(0);
        const check = norma(['check', dir, '--data', path.join(dir, 'data'), '--actions', path.join(dir, 'actions.csv'), '--as-of', '2026-01-31']);
        expect(check.stderr).toBe('');
        expect(check.code).toBe(1);
        expect(check.stdout).toContain('action required');
    });

    it('does not overwrite an existing workspace', () => {
        const dir = goodWorkspace([82], [300]);
        const r = norma(['init', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('--force');
    });
});

describe('norma check --format json on large data', () => {
    it('writes one result per line and still parses as the same JSON', () => {
        const days = 40;
        const programs = Array.from({ length: 300 }, (_, i) => `P${i}`);
        const dir = workspace({
            'metrics.norma': METRICS,
            'programs.norma': programs.map(p => `program ${p} { norm ServiceLevel >= 80% }`).join('\n'),
            'data.csv': header + programs.flatMap(p => Array.from({ length: days }, (_, d) =>
                `${p},ServiceLevel,${new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10)},${70 + ((d * 7) % 30)},`)).join('\n') + '\n',
        });
        const r = norma(['check', dir, '--data', path.join(dir, 'data.csv'), '--as-of', '2026-03-31', '--format', 'json']);
        expect(r.code, r.stderr).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines.length).toBe(programs.length + 2);
        const out = JSON.parse(r.stdout);
        expect(out.schema).toBe(1);
        expect(out.results).toHaveLength(programs.length);
        expect(out.results[0].points).toHaveLength(days);
        expect(Object.keys(out)).toEqual(['schema', 'asOf', 'summary', 'results', 'requirements', 'upcoming', 'warnings']);
    });
});
