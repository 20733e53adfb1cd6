// `--database <url>` connections: the push-down through the pg client and a DuckDB file, and the
// password kept out of every message, whatever the driver says.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { connect, redact } from '../../cli/src/database/connect.js';
import { measureInDatabase } from '../../cli/src/database/measure.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { EDGE_COLUMNS, EDGE_FILES, EDGE_ROWS } from './edge-workspace.js';
import { measureInDuckdb, measureInPostgres, POSTGRES_URL } from './engines.js';

const tables = [{ name: 'acd.calls', columns: EDGE_COLUMNS, rows: EDGE_ROWS }];

describe('--database connections', () => {
    it('redacts the password of a URL', () => {
        expect(redact('postgres://norma:s3cr%40t@db:5432/cc')).toBe('postgres://norma:***@db:5432/cc');
        expect(redact('postgresql://db/cc?user=n&password=s3cret&sslmode=require')).toBe('postgresql://db/cc?user=n&password=***&sslmode=require');
        expect(redact('duckdb:calls.duckdb')).toBe('duckdb:calls.duckdb');
    });

    it('refuses a URL it does not know, without echoing the password', async () => {
        await expect(connect('mysql://root:hunter2@db/cc')).rejects.toThrow('--database mysql://root:***@db/cc: write postgres://user@host:port/database or duckdb:<file>.');
    });

    it.skipIf(!POSTGRES_URL)('keeps the password out of a failed login', async () => {
        const u = new URL(POSTGRES_URL!);
        u.password = 'wrong-Pa55word';
        const error = await connect(u.toString()).then(() => null, (e: Error) => e);
        expect(error?.message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/norma: /);
        expect(error?.message).not.toContain('wrong-Pa55word');
    });

    it.skipIf(!POSTGRES_URL)('computes the measurement rows in PostgreSQL, one query per source, only those rows back', async () => {
        // Its own schema: the agreement test reloads acd.calls in the same database at the same time.
        const model = structuredClone((await loadWorkspace(EDGE_FILES)).model!);
        model.sources![0].table = 'acd_database_test.calls';
        const own = [{ ...tables[0], name: 'acd_database_test.calls' }];
        await measureInPostgres(model, own);
        const session = await connect(POSTGRES_URL!);
        try {
            const before = session.bytesReceived()!;
            const result = await measureInDatabase(model, session);
            expect(result.measurements).toEqual(await measureInDuckdb(model, own));
            // One row per metric, program and period with partials, and the row of unparsable cells.
            expect(result.rowsReceived).toBeLessThanOrEqual(result.measurements.length + 10);
            expect(session.bytesReceived()! - before).toBeLessThan(40_000);
            expect(result.badCells).toEqual([]);
        } finally {
            await session.close();
        }
    });

    it.skipIf(!POSTGRES_URL)('counts the cells that do not parse in PostgreSQL, field by field, and gives no measurement then', async () => {
        const model = structuredClone((await loadWorkspace(EDGE_FILES)).model!);
        model.sources![0].table = 'acd_bad_cells_test.calls';
        // 'yesterday' and 'Jan 5 2026' are timestamps to PostgreSQL's own cast, not to Norma; '12:3' is no M:SS, '1e3' no number of seconds.
        // Days, hours and seconds that do not exist pass a pattern of digits but stop PostgreSQL's cast: bad cells too, as
        // in DuckDB (29 February 2024 and 24:00 exist).
        const impossible = ['2026-02-30T10:00:00Z', '2026-02-29', '2026-04-31 08:00:00', '2026-01-01T25:00:00Z', '2026-01-01T10:00:60', '0000-01-01', '2026-13-01T00:00']
            .map(at => ['ACME_EN', at, 'ANSWERED', '1', '1', 'ann', '3']);
        const possible = ['2024-02-29T10:00:00Z', '2026-01-31 23:59:59', '2026-12-31T24:00:00Z', '2000-02-29'].map(at => ['ACME_EN', at, 'ANSWERED', '1', '1', 'ann', '3']);
        const rows = [...EDGE_ROWS, ['ACME_EN', 'yesterday', 'ANSWERED', '12:3', '1', 'ann', '3'], ['ACME_EN', 'Jan 5 2026', 'ANSWERED', '1e3', '1', 'ann', '3'], ...impossible, ...possible];
        await measureInPostgres(model, [{ name: 'acd_bad_cells_test.calls', columns: EDGE_COLUMNS, rows }]);
        const session = await connect(POSTGRES_URL!);
        try {
            const result = await measureInDatabase(model, session);
            expect(result.badCells).toEqual([
                { source: 'Calls', table: 'acd_bad_cells_test.calls', field: 'offered_at', count: 2 + impossible.length },
                { source: 'Calls', table: 'acd_bad_cells_test.calls', field: 'wait', count: 2 },
            ]);
            expect(result.measurements).toEqual([]);
        } finally {
            await session.close();
        }
    });

    it('computes them in a DuckDB file and counts the cells that do not parse', async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'norma-db-')), 'cc.duckdb');
        const db = await DuckDBInstance.create(file);
        const c = await db.connect();
        await c.run('CREATE SCHEMA acd');
        await c.run(`CREATE TABLE acd.calls (${EDGE_COLUMNS.map(n => `"${n}" VARCHAR`).join(', ')})`);
        const rows = [...EDGE_ROWS, ['ACME_EN', 'yesterday', 'ANSWERED', 'soon', '1', 'ann', '3']];
        await c.run(`INSERT INTO acd.calls VALUES ${rows.map(r => `(${r.map(v => (v === null ? 'NULL' : `'${v}'`)).join(', ')})`).join(', ')}`);
        c.closeSync();
        db.closeSync();
        const ws = await loadWorkspace(EDGE_FILES);
        const session = await connect(`duckdb:${file}`);
        try {
            const result = await measureInDatabase(ws.model!, session);
            expect(result.badCells).toEqual([
                { source: 'Calls', table: 'acd.calls', field: 'offered_at', count: 1 },
                { source: 'Calls', table: 'acd.calls', field: 'wait', count: 1 },
            ]);
            // As with a records file: no measurement until the cells are fixed, and each field named with its column.
            expect(result.measurements).toEqual([]);
            expect(result.records.errors.map(e => [e.file, e.field, e.message])).toEqual([
                [`DuckDB file ${file}, table acd.calls`, 'offered_at', `field offered_at (column "offered_at"): 1 cell does not parse; it is not a timestamp; write ISO 8601 such as 2026-01-05T09:30:00, or give the field a format such as format "%d/%m/%Y %H:%M".`],
                [`DuckDB file ${file}, table acd.calls`, 'wait', `field wait (column "queue_seconds"): 1 cell does not parse; it is not a duration; write seconds (75), M:SS (1:15) or H:MM:SS (0:01:15).`],
            ]);
            expect(result.records.errorCount).toBe(2);
        } finally {
            await session.close();
        }
    });
});
