/**
 * The Snowflake dialect (experimental: golden SQL and invariant tests only). Spelling only (see
 * dialect.ts). Identifiers are quoted, so they are case-sensitive: a table created unquoted as
 * acd.calls is "ACD"."CALLS" and is written `table "ACD.CALLS"` in the source. The session is
 * expected to run with TIMEZONE = 'UTC'. Snowflake string literals read backslash escapes.
 * Weeks are ISO weeks (WEEKISO), never the WEEK_START-dependent DATE_TRUNC('WEEK').
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';
import { booleanCell, decimalLiteral, qualifiedTable, type Dialect, type DialectCapabilities, type PeriodKeySql } from './dialect.js';
import { translateFormat } from './strftime.js';

const CAPABILITIES: DialectCapabilities = {
    readsFiles: false, timeZones: true, strftimeFormats: true, tryCast: true,
    discretePercentile: true, countDistinct: true, exactDecimalSums: true,
};

const text = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const format = (f: string) => text(translateFormat(f, 'snowflake',
    { Y: 'YYYY', y: 'YY', m: 'MM', d: 'DD', H: 'HH24', M: 'MI', S: 'SS', f: 'FF6', b: 'MON', p: 'AM', I: 'HH12' },
    l => `"${l}"`));
const NUMBER = '^[+-]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)$';

export const snowflake: Dialect = {
    name: 'snowflake',
    capabilities: CAPABILITIES,
    identifier: ident,
    table: qualifiedTable(ident),
    text,
    decimal: decimalLiteral(text, scale => `NUMBER(38, ${scale})`),
    boolean: value => (value ? 'TRUE' : 'FALSE'),
    parseField(cell: string, type: FieldType, f: string | undefined, zoned: boolean): string {
        const t = `NULLIF(TRIM(CAST(${cell} AS VARCHAR)), '')`;
        switch (type) {
            case 'text': return `NULLIF(CAST(${cell} AS VARCHAR), '')`;
            case 'boolean': return booleanCell(t, 'LOWER');
            case 'integer': return `TRY_CAST(${t} AS NUMBER(38, 0))`;
            case 'number': return `TRY_CAST(${t} AS NUMBER(18, 6))`;
            case 'seconds': return `CASE WHEN REGEXP_LIKE(${t}, ${text(NUMBER)}) THEN TRY_CAST(${t} AS NUMBER(18, 3))`
                + ` WHEN REGEXP_LIKE(${t}, '^[0-9]+:[0-5][0-9](\\\\.[0-9]+)?$') THEN CAST(SPLIT_PART(${t}, ':', 1) AS NUMBER(38, 0)) * 60 + CAST(SPLIT_PART(${t}, ':', 2) AS NUMBER(18, 3))`
                + ` WHEN REGEXP_LIKE(${t}, '^[0-9]+:[0-5][0-9]:[0-5][0-9](\\\\.[0-9]+)?$') THEN CAST(SPLIT_PART(${t}, ':', 1) AS NUMBER(38, 0)) * 3600 + CAST(SPLIT_PART(${t}, ':', 2) AS NUMBER(38, 0)) * 60 + CAST(SPLIT_PART(${t}, ':', 3) AS NUMBER(18, 3)) END`;
            case 'date': return f !== undefined ? `TRY_TO_DATE(${t}, ${format(f)})` : `TRY_TO_DATE(${t}, 'YYYY-MM-DD')`;
            case 'time': return f !== undefined ? `TRY_TO_TIME(${t}, ${format(f)})` : `TRY_TO_TIME(${t})`;
            case 'timestamp': {
                const fn = zoned ? 'TRY_TO_TIMESTAMP_TZ' : 'TRY_TO_TIMESTAMP_NTZ';
                return f !== undefined ? `${fn}(${t}, ${format(f)})` : `${fn}(${t})`;
            }
        }
    },
    present: cell => `(NULLIF(TRIM(CAST(${cell} AS VARCHAR)), '') IS NOT NULL)`,
    dateTime: (date, time, zoned) => zoned ? `CAST(TIMESTAMP_NTZ_FROM_PARTS(${date}, ${time}) AS TIMESTAMP_TZ)` : `TIMESTAMP_NTZ_FROM_PARTS(${date}, ${time})`,
    secondsBetween: (a, b) => `(CAST(DATEDIFF('millisecond', ${b}, ${a}) AS NUMBER(18, 3)) / 1000)`,
    addSeconds: (t, s) => `DATEADD('millisecond', CAST((${s}) * 1000 AS NUMBER(38, 0)), ${t})`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        const local = timezone === null ? `CAST(${instant} AS TIMESTAMP_NTZ)` : `CAST(CONVERT_TIMEZONE(${text(timezone)}, ${instant}) AS TIMESTAMP_NTZ)`;
        const offsetMinutes = timezone === null ? undefined
            : `CAST(DATEDIFF('minute', CAST(CONVERT_TIMEZONE('UTC', ${instant}) AS TIMESTAMP_NTZ), ${local}) AS INTEGER)`;
        const stamp = (x: string) => `TO_CHAR(${x}, 'YYYY-MM-DD"T"HH24:MI')`;
        const week = (x: string) => `YEAROFWEEKISO(${x}) || '-W' || LPAD(WEEKISO(${x}), 2, '0')`;
        switch (grain) {
            case 'interval15': return { label: stamp(`TIME_SLICE(${local}, 15, 'MINUTE')`), offsetMinutes };
            case 'interval30': return { label: stamp(`TIME_SLICE(${local}, 30, 'MINUTE')`), offsetMinutes };
            case 'hourly': return { label: stamp(`DATE_TRUNC('HOUR', ${local})`), offsetMinutes };
            case 'daily': return { label: `TO_CHAR(${local}, 'YYYY-MM-DD')` };
            // ISO weeks (Monday); a week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: week(weekStart === 'sunday' ? `DATEADD('day', 1, ${local})` : local) };
            case 'monthly': return { label: `TO_CHAR(${local}, 'YYYY-MM')` };
        }
    },
    countWhere: condition => `COUNT_IF(${condition})`,
    percentile: (value, fraction) => `PERCENTILE_DISC(${fraction}) WITHIN GROUP (ORDER BY ${value})`,
    countDistinct: value => `COUNT(DISTINCT ${value})`,
    exactText: value => `TO_VARCHAR(${value})`,
};
