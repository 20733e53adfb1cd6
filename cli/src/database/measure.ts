/**
 * `norma measure|check --database <url>`: every source's metrics computed inside the database,
 * one query per source (source-query.ts); only measurement rows come back. The outcome has the
 * shape of the embedded computation's (`RecordsResult`), so it flows into the one `runCheck`
 * exactly as `--records` rows do: the same warnings (records no program takes, periods without
 * a row) and, for a missing table or column or cells that do not parse, errors naming the table,
 * the column and the field (exit 2, no verdict).
 */
import type { DataError } from '../../../language/src/data/errors.js';
import type { Measurement } from '../../../language/src/engine/types.js';
import { closest } from '../../../language/src/engine/suggest.js';
import type { SourceModel } from '../../../language/src/model/formula.js';
import type { NormaModel } from '../../../language/src/model/types.js';
import { noInstantMessage, notAField, untakenMessage, type RecordsResult } from '../../../language/src/records/compute.js';
import { measurementsOf, sourceQuery, untakenExamplesQuery } from '../../../language/src/records/source-query.js';
import type { TableCatalog } from '../../../language/src/records/sql/dialect.js';
import { connect, type DatabaseSession } from './connect.js';
import { formatCount } from '../../../language/src/text/count.js';

export interface DatabaseMeasurements {
    measurements: Measurement[];
    /** Per source: fields whose cells do not parse, and how many. */
    badCells: { source: string; table: string; field: string; count: number }[];
    /** Rows that came back from the measurement queries, over all sources. */
    rowsReceived: number;
    /** The whole outcome, as the embedded computation gives it. */
    records: RecordsResult;
}

/** Computes the rows of every source with formula metrics in the database of `session`. */
export async function measureInDatabase(model: NormaModel, session: DatabaseSession, onPhase?: (text: string) => void): Promise<DatabaseMeasurements> {
    const records: RecordsResult = { measurements: [], errors: [], errorCount: 0, warnings: [], skipped: [], computed: [] };
    const out: DatabaseMeasurements = { measurements: [], badCells: [], rowsReceived: 0, records };
    for (const source of model.sources ?? []) {
        const metrics = model.metrics.filter(m => m.formula?.source === source.id);
        if (!metrics.length) continue;
        const where = `${session.label}, table ${source.table}`;
        const catalog = await session.catalog(source.table);
        const missing = missingColumns(source, catalog, session.label, where);
        if (missing.length || !catalog) {
            records.errors.push(...missing);
            continue;
        }
        onPhase?.(`Computing the ${source.id} metrics in ${session.label}…`);
        const query = sourceQuery(model, source, session.dialect, catalog);
        const rows = await session.rows(query.sql);
        out.rowsReceived += rows.length;
        const computed = measurementsOf(model, query, rows);
        for (const bad of computed.badCells) {
            out.badCells.push({ source: source.id, table: source.table, ...bad });
            const field = source.fields.find(f => f.name === bad.field)!;
            records.errors.push({
                file: where, line: 0, column: 0, field: bad.field,
                message: `field ${bad.field} (column "${field.column ?? field.name}"): ${formatCount(bad.count)} cell${bad.count === 1 ? '' : 's'} do${bad.count === 1 ? 'es' : ''} not parse; ${bad.count === 1 ? 'it' : 'each'} ${notAField(field)}.`,
            });
            records.errorCount += bad.count;
        }
        const programs = model.programs.filter(p => (p.records ?? []).some(r => r.source === source.id));
        if (computed.untaken > 0) {
            const examples = untakenExamplesQuery(model, source, session.dialect, catalog);
            const lines = (await session.rows(examples.sql)).map(r => examples.fields.map(f => `${f}=${r[f] ?? '(empty)'}`).join(', '));
            records.warnings.push({ source: source.id, message: untakenMessage(source, programs.length, computed.untaken, lines) });
        }
        for (const n of computed.noInstant) if (n.count > 0) records.warnings.push({ source: source.id, message: noInstantMessage(source, n.at, n.count) });
        records.measurements.push(...computed.measurements);
        records.skipped.push(...computed.skipped);
        for (const m of metrics) for (const p of programs) records.computed.push({ program: p.id, metric: m.id, source: source.id });
    }
    if (records.errors.length) {
        records.measurements = [];
        records.errorCount = Math.max(records.errorCount, records.errors.length);
    }
    const order = (a: { program: string; metric: string; period: string }, b: typeof a) => compare(a.program, b.program) || compare(a.metric, b.metric) || compare(a.period, b.period);
    records.measurements.sort(order);
    records.skipped.sort(order);
    out.measurements = records.measurements;
    return out;
}

/** Connects to `url`, computes every source's rows there and closes the connection. */
export async function measureAt(url: string, model: NormaModel, onPhase?: (text: string) => void): Promise<RecordsResult> {
    onPhase?.('Connecting to the database…');
    const session = await connect(url);
    try {
        return (await measureInDatabase(model, session, onPhase)).records;
    } finally {
        await session.close().catch(() => undefined);
    }
}

/** The source's table and the columns of its fields, each missing one an error naming table, column and field. */
export function missingColumns(source: SourceModel, catalog: TableCatalog | null, label: string, where: string): DataError[] {
    if (catalog === null) {
        return [{ file: where, line: 0, column: 0, message: `There is no table ${source.table} for source ${source.id} in ${label}. Give the source the name of the table that holds its records, schema first if it has one: table "schema.name".` }];
    }
    const columns = Object.keys(catalog.columns);
    const errors: DataError[] = [];
    for (const f of source.fields) {
        if (f.value) continue;
        const column = f.column ?? f.name;
        if (columns.includes(column)) continue;
        const hint = closest(column, columns);
        errors.push({
            file: where, line: 0, column: 0, field: f.name,
            message: `The table ${source.table} has no column "${column}" for field ${f.name} (source ${source.id}).${hint ? ` Did you mean '${hint}'? (write column "${hint}" on the field)` : ` Its columns are: ${columns.join(', ')}.`}`,
        });
    }
    return errors;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
