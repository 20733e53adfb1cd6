/**
 * The DuckDB dialect: the embedded engine of `norma measure` and `norma check --records`, and the
 * first target of push-down. Spelling only (see dialect.ts); the session runs with TimeZone UTC
 * so that a timestamp cell without an offset in a zoned source is read as UTC.
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';
import type { Dialect, DialectCapabilities, PeriodKeySql } from './dialect.js';

/** Decimal types: seconds to the millisecond, other numbers to the millionth; sums are exact (DECIMAL(38,s)). */
export const SECONDS_TYPE = 'DECIMAL(18,3)';
export const NUMBER_TYPE = 'DECIMAL(18,6)';

const CAPABILITIES: DialectCapabilities = {
    readsFiles: true,
    timeZones: true,
    strftimeFormats: true,
    tryCast: true,
    discretePercentile: true,
    countDistinct: true,
    exactDecimalSums: true,
};

export const duckdb: Dialect = {
    name: 'duckdb',
    capabilities: CAPABILITIES,
    identifier: name => `"${name.replace(/"/g, '""')}"`,
    table: name => name.split('.').map(part => `"${part.replace(/"/g, '""')}"`).join('.'),
    // DuckDB string literals have no backslash escapes: only the quote is doubled.
    text: value => `'${value.replace(/'/g, "''")}'`,
    decimal: value => {
        if (!/^-?[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(`not a decimal: ${value}`);
        // As narrow as the digits allow: a DECIMAL(38,0) literal would make COALESCE(w, 0) lose w's decimals.
        const [whole, fraction = ''] = value.replace('-', '').split('.');
        const scale = Math.min(fraction.length, 18);
        const width = Math.min(38, Math.max(18, whole.length + scale));
        return `CAST(${duckdb.text(value)} AS DECIMAL(${width},${scale}))`;
    },
    boolean: value => (value ? 'TRUE' : 'FALSE'),
    eachProgram: choices => `unnest([${choices.join(', ')}])`,
    parseField(cell: string, type: FieldType, format: string | undefined, zoned: boolean): string {
        const text = `NULLIF(TRIM(CAST(${cell} AS VARCHAR)), '')`;
        const stamp = zoned ? 'TIMESTAMPTZ' : 'TIMESTAMP';
        switch (type) {
            case 'text': return `NULLIF(CAST(${cell} AS VARCHAR), '')`;
            case 'boolean': return `TRY_CAST(${text} AS BOOLEAN)`;
            case 'integer': return `TRY_CAST(${text} AS BIGINT)`;
            case 'number': return `TRY_CAST(${text} AS ${NUMBER_TYPE})`;
            case 'seconds': return secondsOf(text);
            case 'date': return format !== undefined
                ? `CAST(TRY_STRPTIME(${text}, ${duckdb.text(format)}) AS DATE)` : `TRY_CAST(${text} AS DATE)`;
            case 'time': return format !== undefined
                ? `CAST(TRY_STRPTIME(${text}, ${duckdb.text(format)}) AS TIME)` : `TRY_CAST(${text} AS TIME)`;
            case 'timestamp': return format !== undefined
                ? `CAST(TRY_STRPTIME(${text}, ${duckdb.text(format)}) AS ${stamp})` : `TRY_CAST(${text} AS ${stamp})`;
        }
    },
    present: cell => `(NULLIF(TRIM(CAST(${cell} AS VARCHAR)), '') IS NOT NULL)`,
    dateTime: (date, time, zoned) => `CAST((${date}) + (${time}) AS ${zoned ? 'TIMESTAMPTZ' : 'TIMESTAMP'})`,
    secondsBetween: (a, b) => `CAST(epoch_ms(${a}) - epoch_ms(${b}) AS ${SECONDS_TYPE}) / 1000`,
    addSeconds: (t, s) => `(${t}) + to_microseconds(CAST((${s}) * 1000000 AS BIGINT))`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        const local = timezone === null ? `CAST(${instant} AS TIMESTAMP)` : `timezone(${duckdb.text(timezone)}, ${instant})`;
        const offsetMinutes = timezone === null ? undefined
            : `CAST((epoch(${local}) - epoch(${instant})) / 60 AS INTEGER)`;
        switch (grain) {
            case 'interval15': return { label: `strftime(time_bucket(INTERVAL '15 minutes', ${local}), '%Y-%m-%dT%H:%M')`, offsetMinutes };
            case 'interval30': return { label: `strftime(time_bucket(INTERVAL '30 minutes', ${local}), '%Y-%m-%dT%H:%M')`, offsetMinutes };
            case 'hourly': return { label: `strftime(date_trunc('hour', ${local}), '%Y-%m-%dT%H:%M')`, offsetMinutes };
            case 'daily': return { label: `strftime(${local}, '%Y-%m-%d')` };
            // A week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: weekStart === 'sunday' ? `strftime(${local} + INTERVAL 1 DAY, '%G-W%V')` : `strftime(${local}, '%G-W%V')` };
            case 'monthly': return { label: `strftime(${local}, '%Y-%m')` };
        }
    },
    countWhere: condition => `count(*) FILTER (WHERE ${condition})`,
    percentile: (value, fraction) => `quantile_disc(${value}, ${fraction})`,
    countDistinct: value => `count(DISTINCT ${value})`,
    exactText: value => `CAST(${value} AS VARCHAR)`,
};

/** `75`, `75.5`, `1:15` (M:SS) or `0:01:15` (H:MM:SS) as seconds. */
function secondsOf(text: string): string {
    const colons = `(length(${text}) - length(replace(${text}, ':', '')))`;
    const part = (i: number) => `split_part(${text}, ':', ${i})`;
    return `CASE WHEN ${text} IS NULL THEN NULL`
        + ` WHEN ${colons} = 0 THEN TRY_CAST(${text} AS ${SECONDS_TYPE})`
        + ` WHEN ${colons} = 1 AND regexp_full_match(${text}, '[0-9]+:[0-5][0-9](\\.[0-9]+)?') THEN TRY_CAST(${part(1)} AS BIGINT) * 60 + TRY_CAST(${part(2)} AS ${SECONDS_TYPE})`
        + ` WHEN ${colons} = 2 AND regexp_full_match(${text}, '[0-9]+:[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?') THEN TRY_CAST(${part(1)} AS BIGINT) * 3600 + TRY_CAST(${part(2)} AS BIGINT) * 60 + TRY_CAST(${part(3)} AS ${SECONDS_TYPE})`
        + ` END`;
}
