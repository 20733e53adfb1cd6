// The source tables of a workspace loaded into each engine as text columns (as exports are), and
// the push-down run there: embedded DuckDB, the PostgreSQL test cluster, ClickHouse (chdb) where installed.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import type { NormaModel } from '../../language/src/model/types.js';
import type { Dialect, TableCatalog } from '../../language/src/records/sql/dialect.js';
import { connect } from '../../cli/src/database/connect.js';
import { clickhouse } from '../../language/src/records/sql/clickhouse.js';
import { duckdb } from '../../language/src/records/sql/duckdb.js';
import { postgres } from '../../language/src/records/sql/postgres.js';
import { measurementsOf, sourceQuery } from '../../language/src/records/source-query.js';

export const POSTGRES_URL = process.env.NORMA_TEST_POSTGRES_URL || undefined;
if (!POSTGRES_URL && process.env.CI) throw new Error('CI: NORMA_TEST_POSTGRES_URL is not set (.ci/run starts scripts/postgres.sh).');

export type Rows = (string | null)[][];
/** A table of text columns (as exports are), or of the given SQL types (as an ACD database keeps them). */
export interface Table { name: string; columns: string[]; rows: Rows; types?: string[] }

/** Runs every source's one query over the given tables and returns the measurement rows. */
async function measureWith(model: NormaModel, dialect: Dialect, query: (sql: string) => Promise<Record<string, unknown>[]>, catalog?: (table: string) => Promise<TableCatalog | null>) {
    const out: Awaited<ReturnType<typeof measurementsOf>>['measurements'] = [];
    for (const source of model.sources ?? []) {
        const q = sourceQuery(model, source, dialect, (await catalog?.(source.table)) ?? undefined);
        out.push(...measurementsOf(model, q, await query(q.sql)).measurements);
    }
    // In the order norma measure writes them, over all sources.
    const key = (r: (typeof out)[number]) => [r.program, r.metric, r.period];
    return out.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x < y ? -1 : x > y ? 1 : 0; });
}

const createStatements = (d: Dialect, t: Table, textType: string) => {
    const [schema] = t.name.includes('.') ? t.name.split('.') : [];
    return [
        ...(schema ? [`DROP SCHEMA IF EXISTS ${d.identifier(schema)} CASCADE`, `CREATE SCHEMA ${d.identifier(schema)}`] : [`DROP TABLE IF EXISTS ${d.table(t.name)}`]),
        `CREATE TABLE ${d.table(t.name)} (${t.columns.map((c, i) => `${d.identifier(c)} ${t.types?.[i] ?? textType}`).join(', ')})`,
    ];
};
const values = (d: Dialect, rows: Rows) => rows.map(r => `(${r.map(v => (v === null ? 'NULL' : d.text(v))).join(', ')})`).join(', ');

export async function measureInDuckdb(model: NormaModel, tables: Table[]) {
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    await c.run(`SET TimeZone = 'UTC'`);
    for (const t of tables) {
        for (const s of createStatements(duckdb, t, 'VARCHAR')) await c.run(s);
        if (t.rows.length) await c.run(`INSERT INTO ${duckdb.table(t.name)} VALUES ${values(duckdb, t.rows)}`);
    }
    try {
        return await measureWith(model, duckdb, async sql => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
    } finally {
        c.closeSync();
    }
}

/** Creates the tables in PostgreSQL (text columns unless typed) and loads their rows. */
export async function loadIntoPostgres(tables: Table[], url = POSTGRES_URL!) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
        await client.query('SET client_min_messages = warning');
        for (const t of tables) {
            for (const s of createStatements(postgres, t, 'TEXT')) await client.query(s);
            if (t.rows.length) await client.query(`INSERT INTO ${postgres.table(t.name)} VALUES ${values(postgres, t.rows)}`);
        }
    } finally {
        await client.end();
    }
}

/**
 * Loads the tables into PostgreSQL and runs the push-down there. `catalog`: the query of `--database`, which
 * reads each table's column types and partition key first (typed columns are used as they are); without it,
 * the query of `norma compile --target sql`, which reads every cell as text.
 */
export async function measureInPostgres(model: NormaModel, tables: Table[], url = POSTGRES_URL!, { catalog = true } = {}) {
    await loadIntoPostgres(tables, url);
    const session = await connect(url);
    try {
        return await measureWith(model, postgres, session.rows, catalog ? table => session.catalog(table) : undefined);
    } finally {
        await session.close();
    }
}

/** chdb (ClickHouse embedded), installed in test/clickhouse by .ci/run or `npm ci --prefix test/clickhouse`. */
export const CHDB = (() => {
    try {
        return createRequire(path.join(__dirname, '../clickhouse/package.json'))('chdb') as {
            Session: new (path?: string) => { query(sql: string, format?: string): string; cleanup(): void };
        };
    } catch {
        return undefined;
    }
})();
if (!CHDB && process.env.CI) throw new Error('CI: chdb is not installed in test/clickhouse (.ci/run runs npm ci --prefix test/clickhouse).');

export async function measureInClickhouse(model: NormaModel, tables: Table[]) {
    const session = new CHDB!.Session();
    try {
        for (const t of tables) {
            const [schema] = t.name.includes('.') ? t.name.split('.') : [];
            if (schema) session.query(`CREATE DATABASE IF NOT EXISTS ${clickhouse.identifier(schema)}`);
            session.query(`DROP TABLE IF EXISTS ${clickhouse.table(t.name)}`);
            session.query(`CREATE TABLE ${clickhouse.table(t.name)} (${t.columns.map(c => `${clickhouse.identifier(c)} Nullable(String)`).join(', ')}) ENGINE = Memory`);
            if (t.rows.length) session.query(`INSERT INTO ${clickhouse.table(t.name)} VALUES ${values(clickhouse, t.rows)}`);
        }
        return await measureWith(model, clickhouse, async sql => {
            const text = session.query(sql, 'JSONEachRow');
            return text.split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);
        });
    } finally {
        session.cleanup();
    }
}
