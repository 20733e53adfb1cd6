// The SQL renderer: every string from a .norma file reaches SQL quoted, and the partial sums and
// counts combine to the exact figure. Runs the rendered SQL in embedded DuckDB over inline rows.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { duckdb } from '../../language/src/records/sql/duckdb.js';
import { renderKept, renderMetric, renderRecords, renderTaken } from '../../language/src/records/sql/render.js';
import { finish, toDouble } from '../../language/src/records/finish.js';
import type { NormaModel } from '../../language/src/model/types.js';

async function model(text: string): Promise<NormaModel> {
    const ws = await loadWorkspace([{ path: 'ws.norma', text }]);
    expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return ws.model!;
}

/** Measurement rows of every formula metric over `values` (a VALUES list with the given column names). */
async function measure(m: NormaModel, columns: string[], rows: (string | null)[][]) {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
    const values = rows.map(r => `(${r.map(v => (v === null ? 'NULL' : duckdb.text(v))).join(', ')})`).join(', ');
    const relation = `(VALUES ${values}) AS input(${columns.map(c => duckdb.identifier(c)).join(', ')})`;
    const out: { program: string; metric: string; period: string; value?: number; sample?: number; reason?: string }[] = [];
    for (const source of m.sources ?? []) {
        const taken = renderTaken(source, m.programs, renderKept(source, renderRecords(source, relation, duckdb), duckdb), duckdb);
        for (const metric of m.metrics.filter(x => x.formula?.source === source.id)) {
            const q = renderMetric(metric, source, taken, duckdb);
            const reader = await connection.runAndReadAll(q.sql);
            for (const row of reader.getRowObjects()) {
                const f = finish(metric, q.partials, row as Record<string, bigint | string | null>);
                const base = { program: String(row.__program), metric: metric.id, period: String(row.__period) };
                out.push(f.ok ? { ...base, value: f.value, sample: f.sample } : { ...base, reason: f.reason });
            }
        }
    }
    connection.closeSync();
    return out.sort((a, b) => (a.program + a.metric + a.period < b.program + b.metric + b.period ? -1 : 1));
}

describe('SQL renderer (DuckDB)', () => {
    it('quotes every string from the .norma file: quotes, backslashes and $$ in values, names and columns', async () => {
        const tricky = `it's "quoted" \\\\ back\\\\slash $$ dollar`;
        const m = await model(`
            source S {
                field q: text column "it's a \\"col\\" $$"
                field ts: timestamp
                field odd = q = "${tricky.replace(/"/g, '\\"')}"
            }
            metric M { family service unit count better higher period daily from S at ts = count(odd) }
            program P { records S where q != "x'; DROP TABLE t; --" norm M >= 1 }`);
        const value = m.sources![0].fields[2].value as { right: { value: string } };
        // The .norma string's escapes are read (\\ is one backslash); the text then reaches SQL as it is.
        expect(value.right.value).toBe(`it's "quoted" \\ back\\slash $$ dollar`);
        const rows = await measure(m, [`it's a "col" $$`, 'ts'], [
            [value.right.value, '2026-01-05T09:00:00'],
            [value.right.value, '2026-01-05T10:00:00'],
            ['other', '2026-01-05T11:00:00'],
        ]);
        expect(rows).toEqual([{ program: 'P', metric: 'M', period: '2026-01-05', value: 2, sample: 3 }]);
    });

    it('divides last and exactly: 4 of 5 is 80 percent, and a period with no denominator gives no row', async () => {
        const m = await model(`
            source Calls { field ts: timestamp field outcome: text field wait: seconds
                field answered = outcome = "A" field offered = answered or outcome = "B" }
            metric SL { family service unit percent better higher period daily from Calls at ts
                = count(answered and wait <= 20s) / count(offered) }
            program P { records Calls norm SL >= 80% }`);
        const day = (d: string, outcome: string, wait: string) => [`2026-01-${d}T09:00:00`, outcome, wait];
        const rows = await measure(m, ['ts', 'outcome', 'wait'], [
            day('05', 'A', '10'), day('05', 'A', '0:20'), day('05', 'A', '15.5'), day('05', 'A', '12'), day('05', 'B', '30'),
            day('06', 'X', '1'),
        ]);
        expect(rows).toEqual([
            { program: 'P', metric: 'SL', period: '2026-01-05', value: 80, sample: 5 },
            { program: 'P', metric: 'SL', period: '2026-01-06', reason: 'the denominator count(offered) is 0 in this period' },
        ]);
    });

    it('averages exact decimals and reports avg sample as the non-null count', async () => {
        const m = await model(`
            source C { field ts: timestamp field talk: seconds field hold: seconds }
            metric AHT { family efficiency unit seconds better lower period daily from C at ts = avg(talk + hold) }
            program P { records C norm AHT <= 6min }`);
        const rows = await measure(m, ['ts', 'talk', 'hold'], [
            ['2026-01-05T09:00', '0.1', '0.2'], ['2026-01-05T10:00', '0.1', '0.1'], ['2026-01-05T11:00', '', '1'],
        ]);
        expect(rows).toEqual([{ program: 'P', metric: 'AHT', period: '2026-01-05', value: 0.25, sample: 2 }]);
    });

    it('rounds n/d once, to the nearest double', () => {
        expect(toDouble({ n: 400n, d: 5n })).toBe(80);
        expect(toDouble({ n: 1n, d: 3n })).toBe(1 / 3);
        expect(toDouble({ n: 2n, d: 3n })).toBe(2 / 3);
        expect(toDouble({ n: -7n, d: 10n })).toBe(-0.7);
        expect(toDouble({ n: 123456789012345678901234567890n, d: 1000000000000000000000n })).toBe(123456789.01234567890123456789);
    });
});
