// examples/contact-records where its records live in a database: the same measurement rows embedded
// (`norma measure --records`), in PostgreSQL (`norma measure --database postgres://...`, the records loaded
// into text tables as an export lands) and in ClickHouse (chdb), and `norma check` gives the same JSON
// through --records and --database. Also the errors a database run gives, with the password nowhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadWorkspaceFromDisk } from '../../language/src/workspace/workspace.js';
import { REPO, norma, workspace } from '../cli/run-norma.js';
import { CHDB, measureInClickhouse, POSTGRES_URL, type Table } from './engines.js';

const EXAMPLE = path.join(REPO, 'examples/contact-records');
const FILES = { Calls: 'records/calls.csv', Evaluations: 'records/qa-evaluations.csv', Surveys: 'records/surveys.ndjson' };
const RECORDS = Object.entries(FILES).flatMap(([source, file]) => ['--records', `${source}=examples/contact-records/${file}`]);

/** A records file as a table of text cells (an empty cell is NULL, as COPY ... CSV loads it). */
function table(source: string, file: string): Table {
    const text = fs.readFileSync(path.join(EXAMPLE, file), 'utf8');
    if (file.endsWith('.ndjson')) {
        const objects = text.split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);
        const columns = Object.keys(objects[0]);
        return { name: source, columns, rows: objects.map(o => columns.map(c => (o[c] === null || o[c] === undefined ? null : String(o[c])))) };
    }
    const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
    const [columns, ...rows] = parsed.data;
    return { name: source, columns, rows: rows.map(r => r.map(v => (v === '' ? null : v))) };
}
const TABLES = Object.entries(FILES).map(([source, file]) => table(source, file));

async function loadIntoPostgres(url: string, tables: Table[]): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
        await client.query('SET client_min_messages = warning');
        for (const t of tables) {
            await client.query(`DROP TABLE IF EXISTS "${t.name}"`);
            await client.query(`CREATE TABLE "${t.name}" (${t.columns.map(c => `"${c}" TEXT`).join(', ')})`);
            for (let i = 0; i < t.rows.length; i += 1000) {
                const chunk = t.rows.slice(i, i + 1000);
                const params: (string | null)[] = [];
                const values = chunk.map(r => `(${r.map(v => { params.push(v); return `$${params.length}`; }).join(', ')})`);
                await client.query(`INSERT INTO "${t.name}" VALUES ${values.join(', ')}`, params);
            }
        }
    } finally {
        await client.end();
    }
}

const embedded = () => {
    const run = norma(['measure', 'examples/contact-records', ...RECORDS, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { program: string; metric: string; period: string; value: number; sample: number | null }[];
};

describe.skipIf(!POSTGRES_URL)('examples/contact-records in PostgreSQL', () => {
    it('gives the embedded rows with --database, and norma check the same JSON as with --records', async () => {
        await loadIntoPostgres(POSTGRES_URL!, TABLES);
        const rows = embedded();
        expect(rows.length).toBeGreaterThan(1000);
        const inPostgres = norma(['measure', 'examples/contact-records', '--database', POSTGRES_URL!, '--format', 'json']);
        expect(inPostgres.code, inPostgres.stderr).toBe(0);
        expect(JSON.parse(inPostgres.stdout)).toEqual(rows);
        // The periods without a row are said the same way (stderr), and the password is nowhere.
        const password = decodeURIComponent(new URL(POSTGRES_URL!).password);
        expect(inPostgres.stderr).toContain('no CallerPatience row for BillingEN in 2026-10-01T08:00: the denominator count(abandoned) is 0 in this period');
        expect(inPostgres.stderr + inPostgres.stdout).not.toContain(password);

        const check = (source: string[]) => norma(['check', 'examples/contact-records', '--as-of', '2026-11-01', ...source, '--format', 'json']);
        const fromFiles = check(RECORDS);
        const fromDatabase = check(['--database', POSTGRES_URL!]);
        // The English line's slow days fail the gate (exit 1), in both.
        expect([fromFiles.code, fromDatabase.code], fromDatabase.stderr).toEqual([1, 1]);
        expect(JSON.parse(fromDatabase.stdout)).toEqual(JSON.parse(fromFiles.stdout));
        expect(JSON.parse(fromDatabase.stdout).summary.actionRequired).toBeGreaterThan(0);
    }, 240_000);

    it('plans the same staff with --database as with --records (norma staff)', async () => {
        await loadIntoPostgres(POSTGRES_URL!, TABLES);
        const staff = (source: string[]) => norma(['staff', 'examples/contact-records', '--as-of', '2026-11-01', ...source, '--format', 'json']);
        const fromFiles = staff(RECORDS);
        const fromDatabase = staff(['--database', POSTGRES_URL!]);
        expect([fromFiles.code, fromDatabase.code], fromDatabase.stderr).toEqual([0, 0]);
        expect(JSON.parse(fromDatabase.stdout)).toEqual(JSON.parse(fromFiles.stdout));
        expect(JSON.parse(fromDatabase.stdout).plans.length).toBeGreaterThan(0);
    }, 240_000);

    it('names a missing table and a missing column plainly (exit 2), with no stack and no password', async () => {
        const password = decodeURIComponent(new URL(POSTGRES_URL!).password);
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        await client.query('SET client_min_messages = warning');
        await client.query('DROP SCHEMA IF EXISTS norma_missing CASCADE; CREATE SCHEMA norma_missing');
        await client.query('CREATE TABLE norma_missing.calls (queue TEXT, offered TEXT, outcome TEXT)');
        await client.end();
        const ws = workspace({ 'ws.norma': `
source Calls { field queue: text  field offered_at: timestamp  field outcome: text  table "norma_missing.calls" }
source Surveys { field score: integer  field answered_at: timestamp  table "norma_missing.surveys" }
metric Answered { family service unit count better higher period daily from Calls at offered_at = count(outcome = "ANSWERED") }
metric Score { family satisfaction unit score better higher period daily from Surveys at answered_at = avg(score) }
program P { records Calls  records Surveys  norm Answered >= 1  norm Score >= 3 }
` });
        for (const command of ['measure', 'check']) {
            const run = norma([command, ws, '--database', POSTGRES_URL!, ...(command === 'check' ? ['--as-of', '2026-11-01'] : [])]);
            expect(run.code, run.stderr).toBe(2);
            expect(run.stderr).toContain(`table norma_missing.calls error The table norma_missing.calls has no column "offered_at" for field offered_at (source Calls). Did you mean 'offered'?`);
            expect(run.stderr).toContain('table norma_missing.surveys error There is no table norma_missing.surveys for source Surveys');
            expect(run.stderr).not.toMatch(/\n\s+at /);
            expect(run.stderr + run.stdout).not.toContain(password);
        }
    }, 120_000);

    it('keeps the password out of a refused connection and a failed login (exit 2)', () => {
        const u = new URL(POSTGRES_URL!);
        u.password = 'Wr0ng-s3cret';
        const wrong = norma(['measure', 'examples/contact-records', '--database', u.toString()]);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toMatch(/^error Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/norma: password authentication failed for user "norma"\n$/);
        u.port = '1';
        const refused = norma(['check', 'examples/contact-records', '--database', u.toString(), '--format', 'json']);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toBe('error Cannot connect to PostgreSQL at 127.0.0.1:1/norma: connect ECONNREFUSED 127.0.0.1:1\n');
        for (const run of [wrong, refused]) expect(run.stderr + run.stdout).not.toContain('Wr0ng-s3cret');
    }, 120_000);
});

describe.skipIf(!CHDB)('examples/contact-records in ClickHouse (chdb)', () => {
    it('gives the embedded rows', async () => {
        const ws = await loadWorkspaceFromDisk([EXAMPLE], { asOf: '2026-11-01' });
        const rows = embedded();
        expect(await measureInClickhouse(ws.model!, TABLES)).toEqual(rows);
    }, 120_000);
});

describe('--database on the command line', () => {
    it('is documented in --help of measure, check and staff', () => {
        for (const command of ['measure', 'check', 'staff']) {
            const help = norma([command, '--help']);
            expect(help.stdout).toContain('--database <url>');
            expect(help.stdout).toContain('only measurement rows come back');
        }
    }, 120_000);

    it('refuses --records with --database (exit 2)', () => {
        const run = norma(['measure', 'examples/contact-records', ...RECORDS, '--database', 'duckdb:none.duckdb']);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('error Give the records either as files (--records) or in a database (--database), not both.\n');
    });
});
