/**
 * The Trino dialect (experimental: golden SQL and invariant tests only; no Trino runs here).
 * Spelling only (see dialect.ts). The session is expected to run with time zone UTC. Trino has
 * only an approximate percentile, so the discrete one is the ceil(n x rank)-th smallest value of
 * the sorted non-null values, with the rank as a decimal.
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';
import { booleanCell, decimalLiteral, qualifiedTable, type Dialect, type DialectCapabilities, type PeriodKeySql } from './dialect.js';
import { translateFormat } from './strftime.js';

const CAPABILITIES: DialectCapabilities = {
    readsFiles: false, timeZones: true, strftimeFormats: true, tryCast: true,
    discretePercentile: true, countDistinct: true, exactDecimalSums: true,
};

const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
// date_parse takes MySQL-style directives; literal text stands as it is.
const format = (f: string) => text(translateFormat(f, 'trino',
    { Y: '%Y', y: '%y', m: '%m', d: '%d', H: '%H', M: '%i', S: '%s', f: '%f', j: '%j', b: '%b', p: '%p', I: '%h', '%': '%%' }, l => l));
const NUMBER = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$';

export const trino: Dialect = {
    name: 'trino',
    capabilities: CAPABILITIES,
    identifier: ident,
    table: qualifiedTable(ident),
    text,
    decimal: decimalLiteral(text, scale => `DECIMAL(38, ${scale})`),
    boolean: value => (value ? 'TRUE' : 'FALSE'),
    parseField(cell: string, type: FieldType, f: string | undefined, zoned: boolean): string {
        const t = `NULLIF(TRIM(CAST(${cell} AS VARCHAR)), '')`;
        switch (type) {
            case 'text': return `NULLIF(CAST(${cell} AS VARCHAR), '')`;
            case 'boolean': return booleanCell(t);
            case 'integer': return `TRY_CAST(${t} AS BIGINT)`;
            case 'number': return `TRY_CAST(${t} AS DECIMAL(18, 6))`;
            case 'seconds': return `CASE WHEN regexp_like(${t}, ${text(NUMBER)}) THEN TRY_CAST(${t} AS DECIMAL(18, 3))`
                + ` WHEN regexp_like(${t}, '^[0-9]+:[0-5][0-9](\\.[0-9]+)?$') THEN CAST(split_part(${t}, ':', 1) AS BIGINT) * 60 + CAST(split_part(${t}, ':', 2) AS DECIMAL(18, 3))`
                + ` WHEN regexp_like(${t}, '^[0-9]+:[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?$') THEN CAST(split_part(${t}, ':', 1) AS BIGINT) * 3600 + CAST(split_part(${t}, ':', 2) AS BIGINT) * 60 + CAST(split_part(${t}, ':', 3) AS DECIMAL(18, 3)) END`;
            case 'date': return f !== undefined ? `CAST(TRY(date_parse(${t}, ${format(f)})) AS DATE)` : `TRY_CAST(${t} AS DATE)`;
            case 'time': return f !== undefined ? `CAST(TRY(date_parse(${t}, ${format(f)})) AS TIME(3))` : `TRY_CAST(${t} AS TIME(3))`;
            case 'timestamp': {
                const parsed = f !== undefined ? `TRY(with_timezone(date_parse(${t}, ${format(f)}), 'UTC'))` : `TRY(from_iso8601_timestamp(${t}))`;
                return zoned ? parsed : `CAST(at_timezone(${parsed}, 'UTC') AS TIMESTAMP(3))`;
            }
        }
    },
    present: cell => `(NULLIF(TRIM(CAST(${cell} AS VARCHAR)), '') IS NOT NULL)`,
    dateTime: (date, time, zoned) => {
        const local = `(CAST(${date} AS TIMESTAMP(3)) + (CAST(${time} AS TIME(3)) - TIME '00:00:00.000'))`;
        return zoned ? `with_timezone(${local}, 'UTC')` : local;
    },
    secondsBetween: (a, b) => `(CAST(to_milliseconds(${a} - ${b}) AS DECIMAL(18, 3)) / 1000)`,
    addSeconds: (t, s) => `date_add('millisecond', CAST((${s}) * 1000 AS BIGINT), ${t})`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        const zoned = timezone === null ? undefined : `at_timezone(${instant}, ${text(timezone)})`;
        const local = zoned === undefined ? `CAST(${instant} AS TIMESTAMP(3))` : `CAST(${zoned} AS TIMESTAMP(3))`;
        const offsetMinutes = zoned === undefined ? undefined : `CAST(timezone_hour(${zoned}) * 60 + timezone_minute(${zoned}) AS INTEGER)`;
        const stamp = (x: string) => `date_format(${x}, '%Y-%m-%dT%H:%i')`;
        const bucket = (m: number) => stamp(`date_add('minute', (minute(${local}) / ${m}) * ${m}, date_trunc('hour', ${local}))`);
        const week = (x: string) => `concat(CAST(year_of_week(${x}) AS VARCHAR), '-W', lpad(CAST(week_of_year(${x}) AS VARCHAR), 2, '0'))`;
        switch (grain) {
            case 'interval15': return { label: bucket(15), offsetMinutes };
            case 'interval30': return { label: bucket(30), offsetMinutes };
            case 'hourly': return { label: stamp(`date_trunc('hour', ${local})`), offsetMinutes };
            case 'daily': return { label: `date_format(${local}, '%Y-%m-%d')` };
            // ISO weeks (Monday); a week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: week(weekStart === 'sunday' ? `date_add('day', 1, ${local})` : local) };
            case 'monthly': return { label: `date_format(${local}, '%Y-%m')` };
        }
    },
    countWhere: condition => `count_if(${condition})`,
    percentile: (value, fraction) => `CASE WHEN count(${value}) = 0 THEN NULL ELSE element_at(array_sort(array_agg(${value}) FILTER (WHERE ${value} IS NOT NULL)), `
        + `CAST(greatest(1, ceil(count(${value}) * ${fraction})) AS INTEGER)) END`,
    countDistinct: value => `count(DISTINCT ${value})`,
    exactText: value => `CAST(${value} AS VARCHAR)`,
};
