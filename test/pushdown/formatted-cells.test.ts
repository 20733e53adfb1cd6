/**
 * A date or time field, with a strftime `format` or as ISO text, reads each cell alike in PostgreSQL and in embedded DuckDB:
 * a day, month or hour that does not exist is a bad cell (null) in both, never an error that
 * stops PostgreSQL's whole query (its `to_timestamp` refuses day 30 of February with one).
 * Needs NORMA_TEST_POSTGRES_URL (scripts/postgres.sh); CI sets it.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../language/src/model/formula.js';
import { duckdb } from '../../language/src/records/sql/duckdb.js';
import { postgres } from '../../language/src/records/sql/postgres.js';
import { POSTGRES_URL } from './engines.js';

const CASES: { type: FieldType; format: string | undefined; cells: string[] }[] = [
    // ISO text, no format: the same rule (year 0000 is left out: DuckDB reads it, PostgreSQL's cast refuses it).
    { type: 'date', format: undefined, cells: ['2026-01-05', '2026-02-29', '2024-02-29', '2026-04-31', '2026-12-31', '2026-13-01', '2026-00-10', '2026-01-32'] },
    { type: 'timestamp', format: undefined, cells: ['2026-01-05T09:30:00', '2026-02-30 10:00:00', '2024-02-29T23:59:59', '2026-01-05T25:00:00', '2026-01-05 10:60:00'] },
    { type: 'time', format: undefined, cells: ['09:30:00', '23:59:59', '24:00:00', '25:00:00', '10:60'] },
    {
        type: 'date', format: '%d/%m/%Y',
        cells: ['05/01/2026', '5/1/2026', '31/01/2026', '30/02/2026', '29/02/2026', '29/02/2024', '29/02/2000', '29/02/1900',
            '31/04/2026', '30/04/2026', '31/12/2026', '45/01/2026', '00/01/2026', '10/13/2026', '10/00/2026', ''],
    },
    {
        type: 'timestamp', format: '%d/%m/%Y %H:%M',
        cells: ['05/01/2026 09:30', '05/01/2026 23:59', '05/01/2026 24:00', '05/01/2026 25:10', '05/01/2026 09:60', '31/06/2026 10:00'],
    },
    { type: 'timestamp', format: '%Y%m%d%H%M%S', cells: ['20260105093000', '20260230093000', '20260105093060', '20261301000000'] },
    { type: 'date', format: '%d %b %Y', cells: ['05 Jan 2026', '05 JAN 2026', '30 feb 2024', '29 Feb 2024', '29 Feb 2026', '05 Foo 2026'] },
    { type: 'date', format: '%d %B %Y', cells: ['05 January 2026', '31 september 2026', '30 SEPTEMBER 2026', '05 Janvier 2026'] },
    { type: 'date', format: '%y-%m-%d', cells: ['24-02-29', '26-02-29', '00-02-29', '26-04-31'] },
    { type: 'date', format: '%d/%m', cells: ['28/02', '29/02', '31/03'] },
    { type: 'date', format: '%Y %j', cells: ['2024 366', '2026 001', '2026 365', '2026 000'] },
    { type: 'time', format: '%I:%M %p', cells: ['1:05 PM', '12:05 am', '13:05 PM', '0:05 AM', '11:61 AM'] },
];

const readAll = (cells: string[], cast: (cell: string) => string) =>
    `SELECT cell, CAST(${cast('cell')} AS VARCHAR) AS value FROM (VALUES ${cells.map(c => `('${c}')`).join(', ')}) AS t(cell)`;
// Sorted here: the two databases' collations may order text differently.
const byCell = (a: (string | null)[], b: (string | null)[]) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);

describe.skipIf(!POSTGRES_URL)('formatted date and time cells in PostgreSQL and DuckDB', () => {
    it('are bad cells alike when the day, month or hour does not exist, and never stop the query', async () => {
        const db = await DuckDBInstance.create(':memory:');
        const duck = await db.connect();
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
            await client.query(`SET TimeZone = 'UTC'`);
            for (const { type, format, cells } of CASES) {
                const inDuckdb = (await duck.runAndReadAll(readAll(cells, c => duckdb.parseField(c, type, format, false)))).getRows()
                    .map(([cell, value]) => [String(cell), value === null ? null : String(value)]).sort(byCell);
                const inPostgres = (await client.query(readAll(cells, c => postgres.parseField(c, type, format, false)))).rows
                    .map(r => [String(r.cell), r.value === null ? null : String(r.value)]).sort(byCell);
                expect(inPostgres.length).toBe(cells.length);
                // A date without a year in the cell: PostgreSQL takes year 1 BC, DuckDB 1900.
                const noYear = format !== undefined && type !== 'time' && !/%[Yy]/.test(format);
                if (!noYear) {
                    // The same value for every cell, and null for the same ones.
                    expect({ format, rows: inPostgres }).toEqual({ format, rows: inDuckdb });
                } else {
                    // Then only the bad cells are the same.
                    const bad = (rows: (string | null)[][]) => rows.filter(r => r[1] === null).map(r => r[0]);
                    expect({ format, bad: bad(inPostgres) }).toEqual({ format, bad: bad(inDuckdb) });
                }
            }
        } finally {
            await client.end();
            duck.closeSync();
        }
    });

    it('reads the days that exist as those dates in PostgreSQL', async () => {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
            const sql = (cell: string, format: string) => `SELECT CAST(${postgres.parseField(`'${cell}'`, 'date', format, false)} AS VARCHAR) AS v`;
            const read = async (cell: string, format: string) => (await client.query(sql(cell, format))).rows[0].v;
            expect(await read('29/02/2024', '%d/%m/%Y')).toBe('2024-02-29');
            expect(await read('31 december 2026', '%d %B %Y')).toBe('2026-12-31');
            expect(await read('2024 366', '%Y %j')).toBe('2024-12-31');
            expect(await read('30/02/2026', '%d/%m/%Y')).toBeNull();
            expect(await read('2026 366', '%Y %j')).toBeNull();
        } finally {
            await client.end();
        }
    });
});
