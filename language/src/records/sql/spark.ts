/**
 * The Spark SQL dialect (Databricks; Spark 3.4+; experimental: golden SQL and invariant tests
 * only). Spelling only (see dialect.ts). The session is expected to run with
 * spark.sql.session.timeZone = UTC. Spark string literals read backslash escapes, so `text`
 * escapes the backslash and the quote. Spark before 4.1 has no time-of-day type: a `time`
 * field is a compile error naming the construct and the dialect.
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';
import { booleanCell, decimalLiteral, qualifiedTable, type Dialect, type DialectCapabilities, type PeriodKeySql } from './dialect.js';
import { translateFormat } from './strftime.js';
import { UnsupportedConstruct } from './unsupported.js';

const CAPABILITIES: DialectCapabilities = {
    readsFiles: false, timeZones: true, strftimeFormats: true, tryCast: true,
    discretePercentile: true, countDistinct: true, exactDecimalSums: true,
};

const text = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;
// Java DateTimeFormatter patterns; literal text in single quotes.
const format = (f: string) => text(translateFormat(f, 'spark',
    { Y: 'yyyy', y: 'yy', m: 'MM', d: 'dd', H: 'HH', M: 'mm', S: 'ss', f: 'SSSSSS', j: 'DDD', b: 'MMM', p: 'a', I: 'hh', '%': '%' },
    l => `'${l.replace(/'/g, "''")}'`));
const NUMBER = '^[+-]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)$';

export const spark: Dialect = {
    name: 'spark',
    capabilities: CAPABILITIES,
    identifier: ident,
    table: qualifiedTable(ident),
    text,
    decimal: decimalLiteral(text, scale => `DECIMAL(38, ${scale})`),
    boolean: value => (value ? 'TRUE' : 'FALSE'),
    parseField(cell: string, type: FieldType, f: string | undefined, _zoned: boolean): string {
        const t = `NULLIF(TRIM(CAST(${cell} AS STRING)), '')`;
        switch (type) {
            case 'text': return `NULLIF(CAST(${cell} AS STRING), '')`;
            case 'boolean': return booleanCell(t);
            case 'integer': return `TRY_CAST(${t} AS BIGINT)`;
            case 'number': return `TRY_CAST(${t} AS DECIMAL(18, 6))`;
            case 'seconds': return `CASE WHEN ${t} RLIKE ${text(NUMBER)} THEN TRY_CAST(${t} AS DECIMAL(18, 3))`
                + ` WHEN ${t} RLIKE '^[0-9]+:[0-5][0-9](\\\\.[0-9]+)?$' THEN CAST(split_part(${t}, ':', 1) AS BIGINT) * 60 + CAST(split_part(${t}, ':', 2) AS DECIMAL(18, 3))`
                + ` WHEN ${t} RLIKE '^[0-9]+:[0-5][0-9]:[0-5][0-9](\\\\.[0-9]+)?$' THEN CAST(split_part(${t}, ':', 1) AS BIGINT) * 3600 + CAST(split_part(${t}, ':', 2) AS BIGINT) * 60 + CAST(split_part(${t}, ':', 3) AS DECIMAL(18, 3)) END`;
            case 'date': return f !== undefined ? `CAST(try_to_timestamp(${t}, ${format(f)}) AS DATE)` : `TRY_CAST(${t} AS DATE)`;
            case 'time': throw new UnsupportedConstruct('a time field (Spark has no time-of-day type before 4.1)', 'spark');
            case 'timestamp': return f !== undefined ? `try_to_timestamp(${t}, ${format(f)})` : `TRY_CAST(${t} AS TIMESTAMP)`;
        }
    },
    present: cell => `(NULLIF(TRIM(CAST(${cell} AS STRING)), '') IS NOT NULL)`,
    dateTime: () => { throw new UnsupportedConstruct('date + time (Spark has no time-of-day type before 4.1)', 'spark'); },
    secondsBetween: (a, b) => `(CAST(unix_millis(${a}) - unix_millis(${b}) AS DECIMAL(18, 3)) / 1000)`,
    addSeconds: (t, s) => `timestampadd(MILLISECOND, CAST((${s}) * 1000 AS BIGINT), ${t})`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        // from_utc_timestamp gives the zone's wall clock as a timestamp read in the UTC session.
        const local = timezone === null ? instant : `from_utc_timestamp(${instant}, ${text(timezone)})`;
        const offsetMinutes = timezone === null ? undefined : `CAST((unix_seconds(${local}) - unix_seconds(${instant})) / 60 AS INT)`;
        const stamp = (x: string) => `date_format(${x}, 'yyyy-MM-dd\\'T\\'HH:mm')`;
        const bucket = (m: number) => stamp(`timestamp_seconds(floor(unix_seconds(${local}) / ${m * 60}) * ${m * 60})`);
        const week = (x: string) => `concat(CAST(extract(YEAROFWEEK FROM ${x}) AS STRING), '-W', lpad(CAST(weekofyear(${x}) AS STRING), 2, '0'))`;
        switch (grain) {
            case 'interval15': return { label: bucket(15), offsetMinutes };
            case 'interval30': return { label: bucket(30), offsetMinutes };
            case 'hourly': return { label: stamp(`date_trunc('HOUR', ${local})`), offsetMinutes };
            case 'daily': return { label: `date_format(${local}, 'yyyy-MM-dd')` };
            // ISO weeks (Monday); a week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: week(weekStart === 'sunday' ? `date_add(${local}, 1)` : local) };
            case 'monthly': return { label: `date_format(${local}, 'yyyy-MM')` };
        }
    },
    countWhere: condition => `count_if(${condition})`,
    percentile: (value, fraction) => `percentile_disc(${fraction}) WITHIN GROUP (ORDER BY ${value})`,
    countDistinct: value => `count(DISTINCT ${value})`,
    exactText: value => `CAST(${value} AS STRING)`,
    typedNull: type => `CAST(NULL AS ${type === 'integer' ? 'INT' : 'STRING'})`,
};
