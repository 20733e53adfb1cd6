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
import type { TableCatalog } from '../../../language/src/records/sql/dialect.js';
import { UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';
import { writeFile } from '../terminal.js';
import type { TargetName } from '../commands/compile.js';

/** Each target writes its files (name to contents) into the output folder; the first is the main one. */
type Catalogs = Parameters<typeof generateMeasurementSql>[2];
interface Target { file: string; generate: (model: NormaModel, dialect: string, catalogs?: Catalogs) => Record<string, string> }
const TARGETS: Record<string, Target> = {
    js: { file: COMPILED_MODULE_NAME, generate: model => ({ [COMPILED_MODULE_NAME]: generateJsModule(model) }) },
    sql: { file: SQL_FILE_NAME, generate: sqlFiles },
    json: { file: 'norma-model.json', generate: model => ({ 'norma-model.json': generateModelJson(model) }) },
} satisfies Record<TargetName, Target>;

/**
 * The SQL target: per source, the push-down query of its metrics; and, in the dialects that can
 * express every rule (DuckDB, PostgreSQL), the evaluation views with the norms as CSV data.
 */
function sqlFiles(model: NormaModel, dialect: string, catalogs?: Catalogs): Record<string, string> {
    const measurements = generateMeasurementSql(model, dialect, catalogs);
    if (!(EVALUATION_DIALECTS as readonly string[]).includes(dialect)) {
        if (!Object.keys(measurements).length) {
            throw new UsageError(`The ${dialect} dialect computes measurements only (Norma's evaluation views need DuckDB or PostgreSQL), and this workspace has no source with formula metrics.`);
        }
        return measurements;
    }
    return { ...generateSqlFiles(model, dialect as EvaluationDialect), ...measurements };
}

export async function run(paths: string[], opts: { out: string; target: string; dialect: string; database?: string }): Promise<void> {
    const target = Object.hasOwn(TARGETS, opts.target) ? TARGETS[opts.target] : undefined;
    if (!target) throw new UsageError(`Unknown target '${opts.target}': use ${Object.keys(TARGETS).join(', ')}.`);
    if (opts.target === 'sql' && !(DIALECT_NAMES as readonly string[]).includes(opts.dialect)) {
        throw new UsageError(`Unknown SQL dialect '${opts.dialect}': use ${DIALECT_NAMES.join(', ')}.`);
    }
    if (opts.database !== undefined && opts.target !== 'sql') throw new UsageError('--database goes with --target sql.');
    const ws = await loadOrExplain(paths, parseAsOf(undefined), { quietWarnings: true });
    const catalogs = opts.database === undefined ? undefined : await catalogsAt(opts.database, opts.dialect, ws.model);
    let files: Record<string, string>;
    try {
        files = target.generate(ws.model, opts.dialect, catalogs);
    } catch (e) {
        if (e instanceof UnsupportedConstruct) throw new UsageError(`${e.message} Use another dialect, or change the source.`);
        throw e;
    }
    for (const [name, text] of Object.entries(files)) writeFile(path.join(opts.out, name), text);
    const [main, ...others] = files[target.file] !== undefined ? [target.file, ...Object.keys(files).filter(f => f !== target.file)] : Object.keys(files);
    process.stderr.write(`Wrote ${path.join(opts.out, main)}${others.length ? ` and ${others.join(', ')}` : ''} `
        + `(${ws.model.norms.length} norms, ${ws.model.programs.length} programs).\n`);
}

/** The catalog of every source table with formula metrics in the database at `url`; a missing table or column is a usage error. */
async function catalogsAt(url: string, dialect: string, model: NormaModel): Promise<Catalogs> {
    // Loaded only with --database, as the other commands load their drivers.
    const { connect, redact } = await import('../database/connect.js');
    const { missingColumns } = await import('../database/measure.js');
    const session = await connect(url);
    try {
        if (session.dialect.name !== dialect) throw new UsageError(`--database ${redact(url)} is ${session.dialect.name}: write --dialect ${session.dialect.name}.`);
        const bySource: Record<string, TableCatalog> = {};
        for (const source of model.sources ?? []) {
            if (!model.metrics.some(m => m.formula?.source === source.id)) continue;
            const catalog = await session.catalog(source.table);
            const missing = missingColumns(source, catalog, session.label, `${session.label}, table ${source.table}`);
            if (missing.length) throw new UsageError(missing.map(e => `${e.file}: ${e.message}`).join('\n'));
            bySource[source.id] = catalog!;
        }
        return { label: session.label, bySource };
    } finally {
        await session.close().catch(() => undefined);
    }
}
