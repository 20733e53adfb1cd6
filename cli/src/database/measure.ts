/**
 * `norma measure|check --database <url>`: every source's metrics computed inside the database,
 * one query per source (source-query.ts); only measurement rows come back. A cell that does not
 * parse as its field's type stops the run with the field and the count, as a bad data file does.
 */
import type { NormaModel } from '../../../language/src/model/types.js';
import { measurementsOf, sourceQuery } from '../../../language/src/records/source-query.js';
import type { DatabaseSession } from './connect.js';

export interface DatabaseMeasurements {
    measurements: { program: string; metric: string; period: string; value: number; sample: number }[];
    /** Per source: fields whose cells do not parse, and how many. */
    badCells: { source: string; table: string; field: string; count: number }[];
    /** Rows that came back, over all sources. */
    rowsReceived: number;
}

export async function measureInDatabase(model: NormaModel, session: DatabaseSession): Promise<DatabaseMeasurements> {
    const out: DatabaseMeasurements = { measurements: [], badCells: [], rowsReceived: 0 };
    for (const source of model.sources ?? []) {
        if (!model.metrics.some(m => m.formula?.source === source.id)) continue;
        const query = sourceQuery(model, source, session.dialect);
        const rows = await session.rows(query.sql);
        out.rowsReceived += rows.length;
        const computed = measurementsOf(model, query, rows);
        out.measurements.push(...computed.measurements);
        for (const bad of computed.badCells) out.badCells.push({ source: source.id, table: source.table, ...bad });
    }
    return out;
}
