/**
 * The ClickHouse dialect (23.8+; tested with chdb, the embedded ClickHouse). Spelling only (see
 * dialect.ts). ClickHouse string literals read backslash escapes, so `text` escapes both the
 * backslash and the quote. Casts use the `...OrNull` functions (a cell that does not parse is
 * null and flagged bad). Its quantile functions take a binary-float level, so the discrete
 * percentile is computed exactly instead: the ceil(n x rank)-th smallest value, with the rank as
 * a decimal (as PostgreSQL's percentile_disc and DuckDB's quantile_disc do). ClickHouse has no
 * time-of-day type: a `time` field is a compile error naming the construct and the dialect.
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';
import type { Dialect, DialectCapabilities, PeriodKeySql } from './dialect.js';
import { UnsupportedConstruct } from './unsupported.js';

const CAPABILITIES: DialectCapabilities = {
    readsFiles: false,
    timeZones: true,
    strftimeFormats: true,
    tryCast: true,
    discretePercentile: true,
    countDistinct: true,
    exactDecimalSums: true,
};

const SECONDS = (x: string) => `toDecimal64OrNull(${x}, 3)`;
const text = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ident = (name: string) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

/** strftime directives in ClickHouse's parseDateTime (MySQL-style) spelling. */
const DIRECTIVES: Record<string, string> = {
    Y: '%Y', y: '%y', m: '%m', d: '%d', H: '%H', M: '%i', S: '%s', j: '%j', b: '%b', p: '%p', I: '%I', '%': '%%',
};

export function clickhouseFormat(format: string): string {
    return format.replace(/%(.?)/g, (_, d: string) => {
        const out = DIRECTIVES[d];
        if (!out) throw new UnsupportedConstruct(`the strftime directive %${d} in format "${format}"`, 'clickhouse');
        return out;
    });
}

export const clickhouse: Dialect = {
    name: 'clickhouse',
    capabilities: CAPABILITIES,
    identifier: ident,
    table: name => name.split('.').map(ident).join('.'),
    text,
    decimal: value => {
        if (!/^-?[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(`not a decimal: ${value}`);
        const scale = value.includes('.') ? value.split('.')[1].length : 0;
        return `toDecimal128(${text(value)}, ${Math.min(scale, 18)})`;
    },
    boolean: value => (value ? 'true' : 'false'),
    parseField(cell: string, type: FieldType, format: string | undefined, _zoned: boolean): string {
        const t = `nullIf(trimBoth(toString(${cell})), '')`;
        switch (type) {
            case 'text': return `nullIf(toString(${cell}), '')`;
            case 'boolean': return `multiIf(lower(${t}) IN ('true', '1', 'yes', 'y'), true, lower(${t}) IN ('false', '0', 'no', 'n'), false, NULL)`;
            case 'integer': return `toInt64OrNull(${t})`;
            case 'number': return `toDecimal64OrNull(${t}, 6)`;
            case 'seconds': return secondsOf(t);
            case 'date': return format !== undefined
                ? `toDate(parseDateTimeOrNull(${t}, ${text(clickhouseFormat(format))}, 'UTC'))`
                : `if(match(${t}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), toDateOrNull(${t}), NULL)`;
            case 'time': throw new UnsupportedConstruct('a time field (ClickHouse has no time-of-day type)', 'clickhouse');
            case 'timestamp': return format !== undefined
                ? `toDateTime64(parseDateTimeOrNull(${t}, ${text(clickhouseFormat(format))}, 'UTC'), 3, 'UTC')`
                // ISO 8601 only (the best-effort parser alone would also read 05/01/2026).
                : `if(match(${t}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\\\.[0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$'), parseDateTime64BestEffortOrNull(${t}, 3, 'UTC'), NULL)`;
        }
    },
    present: cell => `(nullIf(trimBoth(toString(${cell})), '') IS NOT NULL)`,
    dateTime: () => { throw new UnsupportedConstruct('date + time (ClickHouse has no time-of-day type)', 'clickhouse'); },
    secondsBetween: (a, b) => `(toDecimal64(toUnixTimestamp64Milli(${a}) - toUnixTimestamp64Milli(${b}), 3) / 1000)`,
    addSeconds: (t, s) => `addMilliseconds(${t}, toInt64((${s}) * 1000))`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        // A date field is a Date (toTimeZone takes only instants): its midnight in UTC.
        const utc = `toDateTime64(${instant}, 3, 'UTC')`;
        const local = `toTimeZone(${utc}, ${timezone === null ? `'UTC'` : text(timezone)})`;
        const offsetMinutes = timezone === null ? undefined : `toInt32(intDiv(timeZoneOffset(${local}), 60))`;
        const stamp = (x: string) => `formatDateTime(${x}, '%Y-%m-%dT%H:%i')`;
        const week = (x: string) => `concat(toString(toISOYear(${x})), '-W', leftPad(toString(toISOWeek(${x})), 2, '0'))`;
        switch (grain) {
            case 'interval15': return { label: stamp(`toStartOfInterval(${local}, INTERVAL 15 MINUTE)`), offsetMinutes };
            case 'interval30': return { label: stamp(`toStartOfInterval(${local}, INTERVAL 30 MINUTE)`), offsetMinutes };
            case 'hourly': return { label: stamp(`toStartOfHour(${local})`), offsetMinutes };
            case 'daily': return { label: `formatDateTime(${local}, '%Y-%m-%d')` };
            // A week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: week(weekStart === 'sunday' ? `addDays(${local}, 1)` : local) };
            case 'monthly': return { label: `formatDateTime(${local}, '%Y-%m')` };
        }
    },
    countWhere: condition => `countIf(${condition})`,
    percentile: (value, fraction) => `if(count(${value}) = 0, NULL, arrayElement(arraySort(groupArray(${value})), `
        + `toUInt64(greatest(1, ceil(count(${value}) * ${fraction})))))`,
    countDistinct: value => `uniqExact(${value})`,
    exactText: value => `toString(${value})`,
    typedNull: type => `CAST(NULL AS Nullable(${type === 'integer' ? 'Int32' : 'String'}))`,
};

/** `75`, `75.5`, `1:15` (M:SS) or `0:01:15` (H:MM:SS) as seconds. */
function secondsOf(t: string): string {
    const part = (i: number) => `splitByChar(':', ${t})[${i}]`;
    return `multiIf(${t} IS NULL, NULL,`
        + ` match(${t}, '^[+-]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)$'), ${SECONDS(t)},`
        + ` match(${t}, '^[0-9]+:[0-5][0-9](\\\\.[0-9]+)?$'), toInt64(${part(1)}) * 60 + ${SECONDS(part(2))},`
        + ` match(${t}, '^[0-9]+:[0-5][0-9]:[0-5][0-9](\\\\.[0-9]+)?$'), toInt64(${part(1)}) * 3600 + toInt64(${part(2)}) * 60 + ${SECONDS(part(3))},`
        + ` NULL)`;
}
