// The same workspace and records give identical measurement rows in every engine (SPEC §6.4):
// embedded DuckDB, PostgreSQL (the test cluster of scripts/postgres.sh) and ClickHouse (chdb).
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { EDGE_COLUMNS, EDGE_FILES, EDGE_ROWS, EDGE_TYPED_ROWS, EDGE_TYPES } from './edge-workspace.js';
import { CHDB, measureInClickhouse, measureInDuckdb, measureInPostgres, POSTGRES_URL } from './engines.js';

async function edgeModel() {
    const ws = await loadWorkspace(EDGE_FILES);
    expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return ws.model!;
}
const tables = [{ name: 'acd.calls', columns: EDGE_COLUMNS, rows: EDGE_ROWS }];

describe('push-down on the edge fixtures', () => {
    it('computes the figures the records give, in embedded DuckDB', async () => {
        const rows = await measureInDuckdb(await edgeModel(), tables);
        const of = (metric: string) => rows.filter(r => r.metric === metric && r.program === 'Acme').map(r => [r.period, r.value, r.sample]);
        // Sunday 18 October 23:50 and 23:59:59 London time are in the week starting Sunday 18 October
        // (named by its Monday's ISO week, W43) and in ISO week W42 (Monday 12 October); Monday 00:00 and
        // 00:10 London time start the next Monday week. The 4.999 s abandon is short: not offered.
        // (Sunday 29 March is W13 from Monday and W14 from Sunday.) The sample of a count is its records.
        expect(of('CallsOfferedMonday')).toEqual([['2026-W13', 2, 2], ['2026-W42', 2, 2], ['2026-W43', 7, 9]]);
        expect(of('CallsOfferedSunday')).toEqual([['2026-W14', 2, 2], ['2026-W43', 6, 8], ['2026-W44', 3, 3]]);
        // The half hour with only a short abandon and a test call has a zero denominator: no row.
        expect(of('ServiceLevel').map(r => r[0])).not.toContain('2026-10-19T09:00');
        // The repeated 01:30 on 25 October is two periods, each named with its offset.
        expect(of('ServiceLevel').filter(r => String(r[0]).startsWith('2026-10-25'))).toEqual([
            ['2026-10-25T01:30+00:00', 0, 2], ['2026-10-25T01:30+01:00', 100, 1]]);
        // An abandon at exactly 5 s is offered and abandoned; an answer at exactly 20 s is within 20 s.
        expect(of('Abandonment').find(r => r[0] === '2026-10-18T23:00')).toEqual(['2026-10-18T23:00', 50, 2]);
        expect(of('ServiceLevel').find(r => r[0] === '2026-03-29T00:30')).toEqual(['2026-03-29T00:30', 100, 1]);
        expect(of('ServiceLevel').find(r => r[0] === '2026-03-29T02:00')).toEqual(['2026-03-29T02:00', 0, 1]);
        // Nulls are skipped: avg(90 s, null, 300 s) is 195 s over 2 values; a cell 2026-10-20T10:15+02:00 is 09:15 in London.
        expect(of('AverageTalk').find(r => r[0] === '2026-10-19')).toEqual(['2026-10-19', 195, 2]);
        expect(of('QuarterTalk').find(r => r[0] === '2026-10-20T09:15')).toEqual(['2026-10-20T09:15', 240, 1]);
        // The discrete 90th percentile of 10 waits is the 9th smallest (30 s); the null wait is not counted.
        expect(of('WaitP90')).toEqual([['2026-03', 20.001, 2], ['2026-10', 30, 10]]);
    });

    it.skipIf(!POSTGRES_URL)('gives the same measurement rows in PostgreSQL as embedded, row for row', async () => {
        const model = await edgeModel();
        const embedded = await measureInDuckdb(model, tables);
        expect(embedded.length).toBeGreaterThan(20);
        // The query of --database (it reads the column catalog first) and the one of `norma compile --target sql`.
        expect(await measureInPostgres(model, tables)).toEqual(embedded);
        expect(await measureInPostgres(model, tables, undefined, { catalog: false })).toEqual(embedded);
    });

    it.skipIf(!POSTGRES_URL)('gives the same rows from typed PostgreSQL columns, used as they are, as from the text cells', async () => {
        const model = await edgeModel();
        const typed = [{ name: 'acd.calls', columns: EDGE_COLUMNS, rows: EDGE_TYPED_ROWS, types: EDGE_TYPES }];
        expect(await measureInPostgres(model, typed)).toEqual(await measureInDuckdb(model, tables));
    });

    it.skipIf(!CHDB)('gives the same measurement rows in ClickHouse (chdb) as embedded, row for row', async () => {
        const model = await edgeModel();
        expect(await measureInClickhouse(model, tables)).toEqual(await measureInDuckdb(model, tables));
    });
});
