// The compiled checks: standalone, equal to `norma check`, and immune to text injected from .norma files.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { norma, tempDir, workspace, REPO } from './run-norma.js';
import { randomCase, toActions, toMeasurements } from './random-workspace.js';

async function compileAlone(dir: string): Promise<{ check: Function; source: string }> {
    const out = tempDir();
    const r = norma(['compile', dir, '--out', out, '--target', 'js']);
    expect(r.code, r.stderr).toBe(0);
    // Copied alone into an empty folder: it must need nothing else.
    const alone = tempDir('norma-alone-');
    fs.copyFileSync(path.join(out, 'norma-checks.mjs'), path.join(alone, 'norma-checks.mjs'));
    const source = fs.readFileSync(path.join(alone, 'norma-checks.mjs'), 'utf8');
    const mod = await import(pathToFileURL(path.join(alone, 'norma-checks.mjs')).href);
    return { check: mod.check, source };
}

describe('norma compile --target js', () => {
    it('writes a module with no imports at all', async () => {
        const { source } = await compileAlone(path.join(REPO, 'examples/copc-cx'));
        expect(source).not.toMatch(/^\s*import\s/m);
        expect(source).not.toMatch(/\brequire\(/);
        expect(source).not.toMatch(/\bimport\(/);
    });

    it('gives exactly the results of norma check, on random workspaces and data', async () => {
        await fc.assert(fc.asyncProperty(randomCase, async (c) => {
            const dir = workspace({ ...c.files, 'data.csv': c.csv, 'actions.csv': c.actionsCsv });
            const cli = norma(['check', path.join(dir, 'metrics.norma'), path.join(dir, 'programs.norma'),
                '--data', path.join(dir, 'data.csv'), '--actions', path.join(dir, 'actions.csv'), '--as-of', c.asOf, '--format', 'json']);
            expect([0, 1], cli.stderr).toContain(cli.code);
            const { check } = await compileAlone(dir);
            const compiled = check(toMeasurements(c.csv), { asOf: c.asOf, actions: toActions(c.actionsCsv) });
            expect(compiled).toEqual(JSON.parse(cli.stdout));
        }), { numRuns: 12, seed: 20261123 });
    }, 240_000);

    it('keeps .norma text as data: quotes, backticks, ${} and */ change nothing', async () => {
        const evil = 'Acme \\"billing\\" `${process.exit(7)}` */ }); globalThis.pwned = 1; /* \\u2028 </script>';
        const files = (title: string) => ({
            'metrics.norma': `metric SL "${title}" { family service unit percent better higher period daily description "${title}" }\n`,
            'acme.norma': `program Acme "${title}" {\n    client "${title}"\n    norm SL >= 80%\n}\n`,
        });
        const plain = await compileAlone(workspace(files('Plain title')));
        const injected = await compileAlone(workspace(files(evil)));
        const rows = [{ program: 'Acme', metric: 'SL', period: '2026-01-01', value: 79 }, { program: 'Acme', metric: 'SL', period: '2026-01-02', value: 81 }];
        const a = plain.check(rows, { asOf: '2026-01-31' });
        const b = injected.check(rows, { asOf: '2026-01-31' });
        expect(b).toEqual(a);
        expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
        // The title appears only inside the JSON literal of the model.
        const before = injected.source.slice(0, injected.source.indexOf('const MODEL = '));
        expect(before).not.toContain('pwned');
    });

    it('raises NormaDataError with the bad rows instead of a verdict', async () => {
        const { check } = await compileAlone(workspace({
            'm.norma': 'metric SL "SL" { family service unit percent better higher period daily }\nprogram Acme { norm SL >= 80% }\n',
        }));
        let error: { name?: string; issues?: unknown[] } | undefined;
        try {
            check([{ program: 'Acme', metric: 'SL', period: '2026-01', value: 120 }], { asOf: '2026-01-31' });
        } catch (e) {
            error = e as typeof error;
        }
        expect(error?.name).toBe('NormaDataError');
        expect(error?.issues?.length).toBeGreaterThanOrEqual(2);
    });
});

describe('norma compile --target json and sql', () => {
    it('writes the resolved model', () => {
        const dir = workspace({ 'm.norma': 'metric AHT "AHT" { family efficiency unit minutes better lower period daily }\nprogram Acme { norm AHT <= 6min }\n' });
        const out = tempDir();
        expect(norma(['compile', dir, '--out', out, '--target', 'json']).code).toBe(0);
        const model = JSON.parse(fs.readFileSync(path.join(out, 'norma-model.json'), 'utf8'));
        expect(model.norms[0]).toMatchObject({ id: 'Acme.AHT', op: '<=', target: 360 });
    });

    // The script and its CSV files, run from their folder by a database's own client: DuckDB (through its
    // node binding in a child process, as the duckdb shell would) and PostgreSQL's psql.
    const SQL_WS = 'metric AHT "AHT" { family efficiency unit minutes better lower period daily }\n'
        + 'program Acme "Acme \'billing\'" { norm AHT <= 4.1min { act after 2 consecutive misses } }\n';
    const SQL_DATA = `CREATE TEMP TABLE measurements AS SELECT * FROM (VALUES ('Acme', 'AHT', '2026-01-01', 246.0, 10), ('Acme', 'AHT', '2026-01-02', 300.0, 10), ('Acme', 'AHT', '2026-01-03', 301.0, 10)) AS t(program, metric, period, value, sample);
CREATE TEMP TABLE actions AS SELECT * FROM (VALUES ('Acme', 'AHT', DATE '2026-01-03', 'Team lead', DATE '2026-02-15', CAST(NULL AS DATE), CAST(NULL AS VARCHAR))) AS t(program, metric, opened, owner, due, closed, result);
`;
    const SQL_QUERY = `UPDATE norma_run SET as_of_day = DATE '2026-01-04' - DATE '1970-01-01';
SELECT norm_id, verdict, triggers FROM norma_verdicts;`;

    it('writes SQL and the norms as CSV data, which DuckDB runs from that folder', () => {
        const out = tempDir();
        const r = norma(['compile', workspace({ 'm.norma': SQL_WS }), '--out', out, '--target', 'sql']);
        expect(r.code, r.stderr).toBe(0);
        expect(fs.readdirSync(out).sort()).toEqual(['norma-checks.sql', 'norma-exclusions.csv', 'norma-norms.csv']);
        expect(fs.readFileSync(path.join(out, 'norma-norms.csv'), 'utf8')).toContain("Acme.AHT,Acme,AHT,<=,246,");
        const script = SQL_DATA + fs.readFileSync(path.join(out, 'norma-checks.sql'), 'utf8') + SQL_QUERY;
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
            import { DuckDBInstance } from '${pathToFileURL(require.resolve('@duckdb/node-api')).href}';
            import * as fs from 'node:fs';
            const c = await (await DuckDBInstance.create(':memory:')).connect();
            const statements = fs.readFileSync(0, 'utf8').split(/;\\n/).map(s => s.trim()).filter(s => s.replace(/--[^\\n]*/g, '').trim());
            let rows;
            for (const s of statements) rows = (await c.runAndReadAll(s)).getRowObjectsJS();
            console.log(JSON.stringify(rows));`], { cwd: out, input: script, encoding: 'utf8' });
        expect(run.stderr).toBe('');
        // 246 s meets <= 4.1min exactly; 300 and 301 are two misses in a row, answered by an open action.
        expect(JSON.parse(run.stdout)).toEqual([{ norm_id: 'Acme.AHT', verdict: 'action-planned', triggers: 1 }]);
    });

    it.skipIf(!process.env.NORMA_TEST_POSTGRES_URL)('writes SQL for PostgreSQL, which psql runs from that folder', () => {
        const out = tempDir();
        const r = norma(['compile', workspace({ 'm.norma': SQL_WS }), '--out', out, '--target', 'sql', '--dialect', 'postgres']);
        expect(r.code, r.stderr).toBe(0);
        const script = path.join(out, 'run.sql');
        fs.writeFileSync(script, SQL_DATA + fs.readFileSync(path.join(out, 'norma-checks.sql'), 'utf8') + SQL_QUERY);
        const run = spawnSync('psql', [process.env.NORMA_TEST_POSTGRES_URL!, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-A', '-t', '-F', ',', '-f', script],
            { cwd: out, encoding: 'utf8', env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
        expect(run.stderr).toBe('');
        expect(run.stdout.trim().split('\n').pop()).toBe('Acme.AHT,action-planned,1');
    });

    it('exits 2 on an unknown target', () => {
        const dir = workspace({ 'm.norma': 'metric AHT "AHT" { family efficiency unit minutes better lower period daily }\n' });
        const r = norma(['compile', dir, '--out', tempDir(), '--target', 'cobol']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("Unknown target 'cobol'");
    });
});
