// `norma compile --target sql --dialect <d>` as a user runs it: per source the push-down query, labelled
// with what was verified; evaluation views only where every rule can be expressed; refusals by name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { norma, tempDir, workspace } from '../cli/run-norma.js';
import { EDGE_COLUMNS, EDGE_FILES, EDGE_TYPED_ROWS, EDGE_TYPES } from './edge-workspace.js';
import { loadIntoPostgres, POSTGRES_URL } from './engines.js';

const edge = () => workspace(Object.fromEntries(EDGE_FILES.map(f => [f.path, f.text])));

describe('norma compile --target sql --dialect', () => {
    it('writes the evaluation and the push-down query for PostgreSQL', () => {
        const out = tempDir();
        const r = norma(['compile', edge(), '--out', out, '--target', 'sql', '--dialect', 'postgres']);
        expect(r.code, r.stderr).toBe(0);
        expect(fs.readdirSync(out).sort()).toEqual(['norma-checks.sql', 'norma-exclusions.csv', 'norma-measurements-Calls.sql', 'norma-norms.csv']);
        expect(fs.readFileSync(path.join(out, 'norma-measurements-Calls.sql'), 'utf8')).toContain('-- Verified: tested against PostgreSQL 15');
    });

    it.each(['trino', 'spark', 'bigquery', 'snowflake'])('labels %s experimental and writes measurements only', dialect => {
        const out = tempDir();
        const r = norma(['compile', edge(), '--out', out, '--target', 'sql', '--dialect', dialect]);
        expect(r.code, r.stderr).toBe(0);
        expect(fs.readdirSync(out)).toEqual(['norma-measurements-Calls.sql']);
        const sql = fs.readFileSync(path.join(out, 'norma-measurements-Calls.sql'), 'utf8');
        expect(sql.split('\n')[0]).toBe(`-- Norma push-down for Calls (table acd.calls) in ${dialect} (EXPERIMENTAL).`);
        expect(sql).toContain('-- Verified: EXPERIMENTAL: not run against a real engine');
    });

    it('says --help which dialects are experimental', () => {
        const r = norma(['compile', '--help']);
        expect(r.stdout.replace(/\s+/g, ' ')).toContain('trino (experimental), spark (experimental), bigquery (experimental), snowflake (experimental)');
    });

    it('refuses what a dialect cannot express, naming the construct and the dialect (exit 2)', () => {
        const dir = workspace({ 't.norma': `source Shifts "Shifts" {
    field day: date
    field start: time
}
metric Starts "Starts" {
    family people unit count better higher period daily
    from Shifts at day
    = count(start is not null)
}
program P { records Shifts norm Starts >= 1 }
` });
        const r = norma(['compile', dir, '--out', tempDir(), '--target', 'sql', '--dialect', 'clickhouse']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('The clickhouse dialect cannot express a time field (ClickHouse has no time-of-day type).');
    });

    it('says a measurements-only dialect has nothing to write for a workspace without sources (exit 2)', () => {
        const dir = workspace({ 'm.norma': 'metric AHT "AHT" { family efficiency unit minutes better lower period daily }\nprogram Acme { norm AHT <= 6min }\n' });
        const r = norma(['compile', dir, '--out', tempDir(), '--target', 'sql', '--dialect', 'snowflake']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('The snowflake dialect computes measurements only');
    });

    it.skipIf(!POSTGRES_URL)('writes, with --database, the query for the column types the table has there (typed columns used as they are)', async () => {
        // Its own schema: other tests load acd.calls in the same database.
        const dir = workspace({ 'edge.norma': EDGE_FILES[0].text.replace('table "acd.calls"', 'table "acd_compile_test.calls"') });
        await loadIntoPostgres([{ name: 'acd_compile_test.calls', columns: EDGE_COLUMNS, rows: EDGE_TYPED_ROWS, types: EDGE_TYPES }]);
        const out = tempDir();
        const r = norma(['compile', dir, '--out', out, '--target', 'sql', '--dialect', 'postgres', '--database', POSTGRES_URL!]);
        expect(r.code, r.stderr).toBe(0);
        const sql = fs.readFileSync(path.join(out, 'norma-measurements-Calls.sql'), 'utf8');
        expect(sql).toMatch(/^-- For the columns table acd_compile_test\.calls has in PostgreSQL at 127\.0\.0\.1:\d+\/norma: typed columns are used as they are\.$/m);
        // No check and no cast from text for the typed columns, so no fence either; the password stays out.
        expect(sql).toContain('"offered_at" AS "offered_at"');
        expect(sql).toContain('CAST("queue_seconds" AS NUMERIC(18,3)) AS "wait"');
        expect(sql).not.toContain('OFFSET 0');
        expect(sql).not.toContain(new URL(POSTGRES_URL!).password);
        const wrong = norma(['compile', dir, '--out', tempDir(), '--target', 'sql', '--database', POSTGRES_URL!]);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toContain('is postgres: write --dialect postgres.');
        expect(wrong.stderr).not.toContain(new URL(POSTGRES_URL!).password);
    });
});
