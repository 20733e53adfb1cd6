/** `norma compile [paths...] --out <dir> --target js|json`: executable checks and the resolved model. */
import * as path from 'node:path';
import { COMPILED_MODULE_NAME, generateJsModule } from '../../../language/src/generators/js.js';
import { generateModelJson } from '../../../language/src/generators/json.js';
import { EVALUATION_DIALECTS, generateSqlFiles, SQL_FILE_NAME, type EvaluationDialect } from '../../../language/src/generators/sql.js';
import { generateMeasurementSql } from '../../../language/src/generators/measurements-sql.js';
import { DIALECT_NAMES } from '../../../language/src/records/sql/dialect-names.js';
import { UnsupportedConstruct } from '../../../language/src/records/sql/unsupported.js';
import type { NormaModel } from '../../../language/src/model/types.js';
import { parseAsOf } from '../dates.js';
import { UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';
import { writeFile } from '../terminal.js';
import type { TargetName } from '../commands/compile.js';

/** Each target writes its files (name to contents) into the output folder; the first is the main one. */
interface Target { file: string; generate: (model: NormaModel, dialect: string) => Record<string, string> }
const TARGETS: Record<string, Target> = {
    js: { file: COMPILED_MODULE_NAME, generate: model => ({ [COMPILED_MODULE_NAME]: generateJsModule(model) }) },
    sql: { file: SQL_FILE_NAME, generate: sqlFiles },
    json: { file: 'norma-model.json', generate: model => ({ 'norma-model.json': generateModelJson(model) }) },
} satisfies Record<TargetName, Target>;

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

export async function run(paths: string[], opts: { out: string; target: string; dialect: string }): Promise<void> {
    const target = Object.hasOwn(TARGETS, opts.target) ? TARGETS[opts.target] : undefined;
    if (!target) throw new UsageError(`Unknown target '${opts.target}': use ${Object.keys(TARGETS).join(', ')}.`);
    if (opts.target === 'sql' && !(DIALECT_NAMES as readonly string[]).includes(opts.dialect)) {
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
}
