/** `norma compile [paths...] --out <dir> --target js|json`: executable checks and the resolved model. */
import * as path from 'node:path';
import type { Command } from 'commander';
import { COMPILED_MODULE_NAME, generateJsModule } from '../../../language/src/generators/js.js';
import { generateModelJson } from '../../../language/src/generators/json.js';
import { EVALUATION_DIALECTS, generateSqlFiles, SQL_FILE_NAME, type EvaluationDialect } from '../../../language/src/generators/sql.js';
import { generateMeasurementSql } from '../../../language/src/generators/measurements-sql.js';
import { DIALECT_NAMES, EXPERIMENTAL } from '../../../language/src/records/sql/dialects.js';
import { UnsupportedConstruct } from '../../../language/src/records/sql/unsupported.js';
import type { NormaModel } from '../../../language/src/model/types.js';
import { parseAsOf } from '../dates.js';
import { UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';
import { writeFile } from '../terminal.js';

/** Each target writes its files (name to contents) into the output folder; the first is the main one. */
export const TARGETS: Record<string, { file: string; generate: (model: NormaModel, dialect: string) => Record<string, string> }> = {
    js: { file: COMPILED_MODULE_NAME, generate: model => ({ [COMPILED_MODULE_NAME]: generateJsModule(model) }) },
    sql: { file: SQL_FILE_NAME, generate: sqlFiles },
    json: { file: 'norma-model.json', generate: model => ({ 'norma-model.json': generateModelJson(model) }) },
};

/**
 * The SQL target: per source, the push-down query of its metrics; and, in the dialects that can
 * express every rule (DuckDB, PostgreSQL), the evaluation views with the norms as CSV data.
 */
function sqlFiles(model: NormaModel, dialect: string): Record<string, string> {
    const measurements = generateMeasurementSql(model, dialect);
    if (!(EVALUATION_DIALECTS as readonly string[]).includes(dialect)) {
        if (!Object.keys(measurements).length) {
            throw new UsageError(`The ${dialect} dialect computes measurements only (Norma's evaluation views need DuckDB or PostgreSQL), and this workspace has no source with formula metrics.`);
        }
        return measurements;
    }
    return { ...generateSqlFiles(model, dialect as EvaluationDialect), ...measurements };
}

export function register(program: Command): void {
    program.command('compile')
        .description('Write executable compliance checks (js, or sql for DuckDB, PostgreSQL and, for sources, ClickHouse and warehouses), or the resolved model (json).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .requiredOption('--out <dir>', 'folder to write into')
        .option('--target <target>', `what to write: ${Object.keys(TARGETS).join(', ')}`, 'js')
        .option('--dialect <dialect>', `SQL dialect of --target sql: ${DIALECT_NAMES.map(d => (EXPERIMENTAL.has(d) ? `${d} (experimental)` : d)).join(', ')}`, 'duckdb')
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
database (norma measure --database). Dialects: duckdb and postgres (measurements and evaluation,
tested), clickhouse (measurements only, tested with chdb), and the experimental trino, spark,
bigquery and snowflake (measurements only; golden SQL and invariant tests, never run here).
Exit codes: 0 written, 2 language errors or bad arguments.
`)
        .action(async (paths: string[], opts: { out: string; target: string; dialect: string }) => {
            const target = TARGETS[opts.target];
            if (!target) throw new UsageError(`Unknown target '${opts.target}': use ${Object.keys(TARGETS).join(', ')}.`);
            if (opts.target === 'sql' && !DIALECT_NAMES.includes(opts.dialect)) {
                throw new UsageError(`Unknown SQL dialect '${opts.dialect}': use ${DIALECT_NAMES.join(', ')}.`);
            }
            const ws = await loadOrExplain(paths, parseAsOf(undefined), { quietWarnings: true });
            let files: Record<string, string>;
            try {
                files = target.generate(ws.model, opts.dialect);
            } catch (e) {
                if (e instanceof UnsupportedConstruct) throw new UsageError(`${e.message} Use another dialect, or change the source.`);
                throw e;
            }
            for (const [name, text] of Object.entries(files)) writeFile(path.join(opts.out, name), text);
            const [main, ...others] = files[target.file] !== undefined ? [target.file, ...Object.keys(files).filter(f => f !== target.file)] : Object.keys(files);
            process.stderr.write(`Wrote ${path.join(opts.out, main)}${others.length ? ` and ${others.join(', ')}` : ''} `
                + `(${ws.model.norms.length} norms, ${ws.model.programs.length} programs).\n`);
        });
}
