/**
 * Every dialect Norma renders measurement SQL in, and what was verified for each: DuckDB,
 * PostgreSQL and ClickHouse run in the tests against the embedded engine; the warehouses are
 * experimental (golden SQL reviewed in diffs, invariant tests, a parse by node-sql-parser where it
 * covers the dialect), because none of them can run here.
 */
import { bigquery } from './bigquery.js';
import { clickhouse } from './clickhouse.js';
import type { Dialect } from './dialect.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { snowflake } from './snowflake.js';
import { spark } from './spark.js';
import { trino } from './trino.js';
import { DIALECT_NAMES, EXPERIMENTAL, type DialectName } from './dialect-names.js';

export { DIALECT_NAMES, EXPERIMENTAL };

export const DIALECTS: Record<string, Dialect> = { duckdb, postgres, clickhouse, trino, spark, bigquery, snowflake } satisfies Record<DialectName, Dialect>;

/** What was verified for a dialect, in the words the generated header and --help use. */
export function verification(name: string): string {
    switch (name) {
        case 'duckdb': return 'runs embedded in every test';
        case 'postgres': return 'tested against PostgreSQL 15 (same rows as embedded, postgres_fdw shards)';
        case 'clickhouse': return 'tested against ClickHouse 26 (chdb): same rows as embedded';
        default: return 'EXPERIMENTAL: not run against a real engine; golden SQL, invariant tests and a parse by node-sql-parser only';
    }
}
