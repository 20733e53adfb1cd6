/** `norma compile [paths...] --out <dir> --target js|json|sql`: the command's options and help; the writing is run/compile.ts. */
import type { Command } from 'commander';
import { COMPILED_MODULE_NAME, SQL_FILE_NAME } from '../../../language/src/generators/file-names.js';
import { DIALECT_NAMES, EXPERIMENTAL } from '../../../language/src/records/sql/dialect-names.js';
import { runFrom } from './lazy.js';

/** What `--target` can write; run/compile.ts has a generator for each. */
export const TARGET_NAMES = ['js', 'sql', 'json'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export function register(program: Command): void {
    program.command('compile')
        .description('Write executable compliance checks (js, or sql for DuckDB, PostgreSQL and, for sources, ClickHouse and warehouses), or the resolved model (json).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .requiredOption('--out <dir>', 'folder to write into')
        .option('--target <target>', `what to write: ${TARGET_NAMES.join(', ')}`, 'js')
        .option('--dialect <dialect>', `SQL dialect of --target sql: ${DIALECT_NAMES.map(d => (EXPERIMENTAL.has(d) ? `${d} (experimental)` : d)).join(', ')}`, 'duckdb')
        .option('--database <url>', 'with --target sql: read the source tables\' column types (and partition keys) there, and write the query norma measure --database runs for them')
        .addHelpText('after', `
The js target is one standalone ES module with no imports:
  import { check } from './${COMPILED_MODULE_NAME}';
  const result = check(measurements, { asOf: '2026-02-01', actions });
It returns the same JSON as \`norma check --format json\`.
The sql target writes ${SQL_FILE_NAME} and the CSV files it loads (the norms and exclusions as
data); run it from that folder over your measurements and actions tables:
  duckdb mydb.duckdb < ${SQL_FILE_NAME}          (--dialect duckdb, the default)
  psql "$DATABASE_URL" -f ${SQL_FILE_NAME}       (--dialect postgres)
then SELECT * FROM norma_verdicts (also norma_points, norma_triggers).
For each source it also writes norma-measurements-<Source>.sql, the one query Norma runs in that
database (norma measure --database; with --database, for the column types the tables have there). Dialects: duckdb and postgres (measurements and evaluation,
tested), clickhouse (measurements only, tested with chdb), and the experimental trino, spark,
bigquery and snowflake (measurements only; golden SQL and invariant tests, never run here).
Exit codes: 0 written, 2 language errors or bad arguments.
`)
        .action(runFrom(() => import('../run/compile.js')));
}
