/** The SQL dialects by name, in the order --help lists them, apart from their renderers (dialects.ts) so naming them loads none. */
export const DIALECT_NAMES = ['duckdb', 'postgres', 'clickhouse', 'trino', 'spark', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** Dialects whose SQL has not run against a real engine in Norma's tests. */
export const EXPERIMENTAL: ReadonlySet<string> = new Set<DialectName>(['trino', 'spark', 'bigquery', 'snowflake']);
