// Runs the SQL target in DuckDB over in-memory measurements and actions.
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSql } from '../../language/src/generators/sql.js';
import type { NormaModel } from '../../language/src/model/types.js';
import type { Action, Measurement } from '../../language/src/engine/types.js';

const q = (s: string | null | undefined) => (s === null || s === undefined || s === '' ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

export interface SqlVerdict { norm_id: string; verdict: string; triggers: number }

export async function sqlVerdicts(model: NormaModel, measurements: Measurement[], actions: Action[], asOf: string) {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run('CREATE TABLE measurements(program VARCHAR, metric VARCHAR, period VARCHAR, value DOUBLE, sample BIGINT)');
    await c.run('CREATE TABLE actions(program VARCHAR, metric VARCHAR, opened DATE, owner VARCHAR, due DATE, closed DATE, result VARCHAR)');
    for (let i = 0; i < measurements.length; i += 500) {
        const rows = measurements.slice(i, i + 500).map(m => `(${q(m.program)}, ${q(m.metric)}, ${q(m.period)}, ${m.value}, ${m.sample ?? 'NULL'})`);
        await c.run(`INSERT INTO measurements VALUES ${rows.join(',')}`);
    }
    if (actions.length) {
        await c.run(`INSERT INTO actions VALUES ${actions.map(a => `(${q(a.program)}, ${q(a.metric)}, ${q(a.opened)}, ${q(a.owner)}, ${q(a.due)}, ${q(a.closed)}, ${q(a.result)})`).join(',')}`);
    }
    await c.run(`SET VARIABLE norma_as_of = DATE '${asOf}'`);
    for (const statement of generateSql(model).split(/;\n/).map(s => s.trim()).filter(s => s && !/^(--[^\n]*\n?)*$/.test(s))) {
        await c.run(statement);
    }
    const reader = await c.runAndReadAll('SELECT norm_id, verdict, CAST(triggers AS INTEGER) AS triggers FROM norma_verdicts');
    const rows = reader.getRowObjectsJS() as unknown as SqlVerdict[];
    c.closeSync();
    return rows;
}
