// Runs the SQL evaluation views in DuckDB (in memory) or PostgreSQL (NORMA_TEST_POSTGRES_URL) over
// given measurements and actions, and reads back points, triggers and verdicts in the engine's order.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { createTables, evaluationViews, modelTables, needsPopulation, type EvaluationDialect } from '../../language/src/generators/sql.js';
import type { NormaModel } from '../../language/src/model/types.js';
import type { Action, Measurement } from '../../language/src/engine/types.js';

export interface SqlPoint { norm_id: string; period: string; status: string; critical: boolean; exclusion: string | null }
export interface SqlTrigger { norm_id: string; rule: string; periods: string[]; unanswered: boolean; overdue: boolean }
export interface SqlVerdict { norm_id: string; verdict: string; triggers: number }
export interface SqlEvaluation { points: SqlPoint[]; triggers: SqlTrigger[]; verdicts: SqlVerdict[] }

/** The PostgreSQL test cluster (scripts/postgres.sh); in CI its absence is a failure, not a skip. */
export const POSTGRES_URL = process.env.NORMA_TEST_POSTGRES_URL || undefined;
if (!POSTGRES_URL && process.env.CI) throw new Error('CI: NORMA_TEST_POSTGRES_URL is not set (.ci/run starts scripts/postgres.sh).');
export const postgresSkipReason = 'no PostgreSQL: run `eval "$(scripts/postgres.sh start && scripts/postgres.sh env)"` first';

/** A client of one database session: `run` for statements, `all` for rows. */
interface Session {
    run(sql: string, params?: (string | number | null)[]): Promise<void>;
    all(sql: string): Promise<Record<string, unknown>[]>;
    close(): Promise<void>;
}

// One in-memory database per test file; each evaluation has its own connection (temp tables are per connection).
let duckdb: Promise<DuckDBInstance> | undefined;

async function duckdbSession(): Promise<Session> {
    const c = await (await (duckdb ??= DuckDBInstance.create(':memory:'))).connect();
    return {
        run: async (sql, params) => { await c.run(sql, params as never); },
        all: async sql => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
        close: async () => c.closeSync(),
    };
}

async function postgresSession(): Promise<Session> {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    return {
        run: async (sql, params) => { await client.query(sql, params); },
        all: async sql => (await client.query(sql)).rows,
        close: () => client.end(),
    };
}

/** Multi-row INSERTs with bound parameters, in chunks. */
async function insertRows(s: Session, dialect: EvaluationDialect, table: string, width: number, rows: (string | number | null)[][]) {
    const chunk = Math.max(1, Math.floor(2000 / width));
    for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk);
        let k = 0;
        const placeholders = part.map(r => `(${r.map(() => (dialect === 'postgres' ? `$${++k}` : '?')).join(', ')})`);
        await s.run(`INSERT INTO ${table} VALUES ${placeholders.join(', ')}`, part.flat());
    }
}

export async function sqlEvaluation(
    dialect: EvaluationDialect, model: NormaModel, measurements: Measurement[], actions: Action[], asOf: string,
): Promise<SqlEvaluation> {
    const s = dialect === 'postgres' ? await postgresSession() : await duckdbSession();
    try {
        const tables = modelTables(model, asOf);
        for (const statement of createTables(tables, dialect)) await s.run(statement);
        for (const t of tables) if (t.rows.length) await insertRows(s, dialect, t.name, t.columns.length, t.rows);
        await s.run('DROP TABLE IF EXISTS measurements');
        await s.run('DROP TABLE IF EXISTS actions');
        await s.run(`CREATE TEMP TABLE measurements(program VARCHAR, metric VARCHAR, period VARCHAR, value ${dialect === 'postgres' ? 'NUMERIC' : 'DECIMAL(38, 12)'}, sample BIGINT, population BIGINT)`);
        await s.run('CREATE TEMP TABLE actions(program VARCHAR, metric VARCHAR, opened DATE, owner VARCHAR, due DATE, closed DATE, result VARCHAR)');
        const blank = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);
        await insertRows(s, dialect, 'measurements', 6, measurements.map(m => [m.program, m.metric, m.period, String(m.value), m.sample ?? null, m.population ?? null]));
        await insertRows(s, dialect, 'actions', 7, actions.map(a => [a.program, a.metric, blank(a.opened), blank(a.owner), blank(a.due), blank(a.closed), blank(a.result)]));
        // Fresh temp tables have no statistics: without them PostgreSQL's estimates are far off.
        if (dialect === 'postgres') for (const t of [...tables.map(t => t.name), 'measurements', 'actions']) await s.run(`ANALYZE ${t}`);
        for (const view of evaluationViews(dialect, { population: needsPopulation(model) })) await s.run(view);
        const points = (await s.all('SELECT norm_id, period, status, critical, exclusion FROM norma_points ORDER BY norm_ord, point_order'))
            .map(r => ({ norm_id: String(r.norm_id), period: String(r.period), status: String(r.status), critical: r.critical === true, exclusion: (r.exclusion ?? null) as string | null }));
        const triggers = (await s.all('SELECT t.norm_id, rule, periods, unanswered, overdue FROM norma_triggers t JOIN norma_norms n ON n.id = t.norm_id ORDER BY n.ord, fired_seq, rule_order'))
            .map(r => ({ norm_id: String(r.norm_id), rule: String(r.rule), periods: (r.periods as unknown[]).map(String), unanswered: r.unanswered === true, overdue: r.overdue === true }));
        const verdicts = (await s.all('SELECT norm_id, verdict, triggers FROM norma_verdicts ORDER BY ord'))
            .map(r => ({ norm_id: String(r.norm_id), verdict: String(r.verdict), triggers: Number(r.triggers) }));
        return { points, triggers, verdicts };
    } finally {
        await s.close();
    }
}

/** The same shape from the engine's result, to compare with `toEqual`. */
export function engineEvaluation(result: import('../../language/src/engine/types.js').CheckResult): SqlEvaluation {
    return {
        points: result.results.flatMap(r => r.points.map(p => ({
            norm_id: r.norm.id, period: p.period, status: p.status, critical: p.critical === true, exclusion: p.exclusion ?? null,
        }))),
        triggers: result.results.flatMap(r => r.triggers.map(t => ({
            norm_id: r.norm.id, rule: t.rule, periods: t.periods, unanswered: t.answeredBy === null, overdue: t.overdue,
        }))),
        verdicts: result.results.map(r => ({ norm_id: r.norm.id, verdict: r.verdict, triggers: r.triggers.length })),
    };
}

/** Verdicts only (the earlier harness's shape). */
export async function sqlVerdicts(model: NormaModel, measurements: Measurement[], actions: Action[], asOf: string) {
    return (await sqlEvaluation('duckdb', model, measurements, actions, asOf)).verdicts;
}
