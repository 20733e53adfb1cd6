/** `norma compile [paths...] --out <dir> --target js|json`: executable checks and the resolved model. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { COMPILED_MODULE_NAME, generateJsModule } from '../../../language/src/generators/js.js';
import { generateModelJson } from '../../../language/src/generators/json.js';
import { EVALUATION_DIALECTS, generateSqlFiles, SQL_FILE_NAME, type EvaluationDialect } from '../../../language/src/generators/sql.js';
import type { NormaModel } from '../../../language/src/model/types.js';
import { parseAsOf } from '../dates.js';
import { UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';

/** Each target writes its files (name to contents) into the output folder; the first is the main one. */
export const TARGETS: Record<string, { file: string; generate: (model: NormaModel, dialect: string) => Record<string, string> }> = {
    js: { file: COMPILED_MODULE_NAME, generate: model => ({ [COMPILED_MODULE_NAME]: generateJsModule(model) }) },
    sql: { file: SQL_FILE_NAME, generate: (model, dialect) => generateSqlFiles(model, dialect as EvaluationDialect) },
    json: { file: 'norma-model.json', generate: model => ({ 'norma-model.json': generateModelJson(model) }) },
};

export function register(program: Command): void {
    program.command('compile')
        .description('Write executable compliance checks (js, or sql for DuckDB), or the resolved model (json).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .requiredOption('--out <dir>', 'folder to write into')
        .option('--target <target>', `what to write: ${Object.keys(TARGETS).join(', ')}`, 'js')
        .option('--dialect <dialect>', `SQL dialect of --target sql: ${EVALUATION_DIALECTS.join(', ')}`, 'duckdb')
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
Exit codes: 0 written, 2 language errors or bad arguments.
`)
        .action(async (paths: string[], opts: { out: string; target: string; dialect: string }) => {
            const target = TARGETS[opts.target];
            if (!target) throw new UsageError(`Unknown target '${opts.target}': use ${Object.keys(TARGETS).join(', ')}.`);
            if (opts.target === 'sql' && !(EVALUATION_DIALECTS as readonly string[]).includes(opts.dialect)) {
                throw new UsageError(`Unknown SQL dialect '${opts.dialect}': use ${EVALUATION_DIALECTS.join(', ')}.`);
            }
            const ws = await loadOrExplain(paths, parseAsOf(undefined), { quietWarnings: true });
            fs.mkdirSync(opts.out, { recursive: true });
            const files = target.generate(ws.model, opts.dialect);
            for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(opts.out, name), text);
            const others = Object.keys(files).filter(f => f !== target.file);
            process.stderr.write(`Wrote ${path.join(opts.out, target.file)}${others.length ? ` and ${others.join(', ')}` : ''} `
                + `(${ws.model.norms.length} norms, ${ws.model.programs.length} programs).\n`);
        });
}
