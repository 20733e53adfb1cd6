/**
 * The BigQuery dialect (GoogleSQL; experimental: golden SQL and invariant tests only). Spelling
 * only (see dialect.ts). Timestamps are instants in UTC; BigQuery's format elements are
 * strftime's. PERCENTILE_DISC is only a window function there, so the discrete percentile is the
 * ceil(n x rank)-th smallest value of the sorted non-null values, with the rank as a decimal.
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
const ident = (name: string) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
const format = (f: string) => text(translateFormat(f, 'bigquery',
    { Y: '%Y', y: '%y', m: '%m', d: '%d', H: '%H', M: '%M', S: '%S', f: '%E6S', j: '%j', b: '%b', B: '%B', p: '%p', I: '%I', '%': '%%' },
    l => l.replace(/%/g, '%%')));
const NUMBER = '^[+-]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)$';

export const bigquery: Dialect = {
    name: 'bigquery',
    capabilities: CAPABILITIES,
    identifier: ident,
    table: qualifiedTable(ident),
    text,
    decimal: decimalLiteral(text, () => 'BIGNUMERIC'),
    boolean: value => (value ? 'TRUE' : 'FALSE'),
    parseField(cell: string, type: FieldType, f: string | undefined, _zoned: boolean): string {
        const t = `NULLIF(TRIM(CAST(${cell} AS STRING)), '')`;
        switch (type) {
            case 'text': return `NULLIF(CAST(${cell} AS STRING), '')`;
            case 'boolean': return booleanCell(t, 'LOWER');
            case 'integer': return `SAFE_CAST(${t} AS INT64)`;
            case 'number': return `SAFE_CAST(${t} AS NUMERIC)`;
            case 'seconds': return `CASE WHEN REGEXP_CONTAINS(${t}, ${text(NUMBER)}) THEN SAFE_CAST(${t} AS NUMERIC)`
                + ` WHEN REGEXP_CONTAINS(${t}, '^[0-9]+:[0-5][0-9](\\\\.[0-9]+)?$') THEN CAST(SPLIT(${t}, ':')[OFFSET(0)] AS INT64) * 60 + CAST(SPLIT(${t}, ':')[OFFSET(1)] AS NUMERIC)`
                + ` WHEN REGEXP_CONTAINS(${t}, '^[0-9]+:[0-5][0-9]:[0-5][0-9](\\\\.[0-9]+)?$') THEN CAST(SPLIT(${t}, ':')[OFFSET(0)] AS INT64) * 3600 + CAST(SPLIT(${t}, ':')[OFFSET(1)] AS INT64) * 60 + CAST(SPLIT(${t}, ':')[OFFSET(2)] AS NUMERIC) END`;
            case 'date': return f !== undefined ? `SAFE.PARSE_DATE(${format(f)}, ${t})` : `SAFE_CAST(${t} AS DATE)`;
            case 'time': return f !== undefined ? `SAFE.PARSE_TIME(${format(f)}, ${t})` : `SAFE_CAST(${t} AS TIME)`;
            // Instants in every case: a cell without an offset is read as UTC.
            case 'timestamp': return f !== undefined ? `SAFE.PARSE_TIMESTAMP(${format(f)}, ${t}, 'UTC')` : `SAFE_CAST(${t} AS TIMESTAMP)`;
        }
    },
    present: cell => `(NULLIF(TRIM(CAST(${cell} AS STRING)), '') IS NOT NULL)`,
    dateTime: (date, time) => `TIMESTAMP(DATETIME(${date}, ${time}), 'UTC')`,
    secondsBetween: (a, b) => `(CAST(TIMESTAMP_DIFF(${a}, ${b}, MILLISECOND) AS NUMERIC) / 1000)`,
    addSeconds: (t, s) => `TIMESTAMP_ADD(${t}, INTERVAL CAST((${s}) * 1000 AS INT64) MILLISECOND)`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        const local = `DATETIME(${instant}, ${text(timezone ?? 'UTC')})`;
        const offsetMinutes = timezone === null ? undefined : `CAST(DATETIME_DIFF(${local}, DATETIME(${instant}, 'UTC'), MINUTE) AS INT64)`;
        const stamp = (x: string) => `FORMAT_DATETIME('%Y-%m-%dT%H:%M', ${x})`;
        const bucket = (m: number) => stamp(`DATETIME_ADD(DATETIME_TRUNC(${local}, HOUR), INTERVAL DIV(EXTRACT(MINUTE FROM ${local}), ${m}) * ${m} MINUTE)`);
        switch (grain) {
            case 'interval15': return { label: bucket(15), offsetMinutes };
            case 'interval30': return { label: bucket(30), offsetMinutes };
            case 'hourly': return { label: stamp(`DATETIME_TRUNC(${local}, HOUR)`), offsetMinutes };
            case 'daily': return { label: `FORMAT_DATETIME('%Y-%m-%d', ${local})` };
            // ISO weeks (%G-W%V, Monday); a week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: `FORMAT_DATETIME('%G-W%V', ${weekStart === 'sunday' ? `DATETIME_ADD(${local}, INTERVAL 1 DAY)` : local})` };
            case 'monthly': return { label: `FORMAT_DATETIME('%Y-%m', ${local})` };
        }
    },
    countWhere: condition => `COUNTIF(${condition})`,
    percentile: (value, fraction) => `ARRAY_AGG(${value} IGNORE NULLS ORDER BY ${value})`
        + `[SAFE_OFFSET(CAST(GREATEST(1, CEIL(COUNT(${value}) * ${fraction})) AS INT64) - 1)]`,
    countDistinct: value => `COUNT(DISTINCT ${value})`,
    exactText: value => `CAST(${value} AS STRING)`,
    typedNull: type => `CAST(NULL AS ${type === 'integer' ? 'INT64' : 'STRING'})`,
};
