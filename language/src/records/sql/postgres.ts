/**
 * The PostgreSQL dialect (13+): `norma measure|check --database postgres://...` computes the
 * partial sums and counts inside PostgreSQL and brings back one row per program and period.
 * Spelling only (see dialect.ts). PostgreSQL has no TRY_CAST, so every cast is guarded by the
 * pattern of what it accepts (a cell that does not match is null and flagged bad, as in DuckDB);
 * a strftime `format` becomes a `to_timestamp` template with the same guard. The session runs with
 * TimeZone UTC, so a timestamp cell without an offset in a zoned source is read as UTC.
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';
import type { ColumnType, Dialect, DialectCapabilities, PeriodKeySql } from './dialect.js';

export const PG_SECONDS_TYPE = 'NUMERIC(18,3)';
export const PG_NUMBER_TYPE = 'NUMERIC(18,6)';

const CAPABILITIES: DialectCapabilities = {
    readsFiles: false,
    timeZones: true,
    strftimeFormats: true,
    tryCast: false,
    discretePercentile: true,
    countDistinct: true,
    exactDecimalSums: true,
};

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Month names as PostgreSQL's `Mon` and `Month` read them, in any case. */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const anyCase = (word: string) => word.replace(/[a-z]/g, c => `[${c.toUpperCase()}${c}]`);

/**
 * What `format` directives become: a `to_timestamp` template part and the pattern of the cell
 * text. Each pattern holds its part to its range (`to_timestamp` stops the whole query on day 45,
 * hour 25 or month 13, where Norma counts a bad cell, as DuckDB's TRY_STRPTIME gives null).
 */
const DIRECTIVES: Record<string, [string, string]> = {
    Y: ['YYYY', '[0-9]{4}'], y: ['YY', '[0-9]{2}'], m: ['MM', '0?[1-9]|1[0-2]'], d: ['DD', '0?[1-9]|[12][0-9]|3[01]'],
    H: ['HH24', '[01]?[0-9]|2[0-3]'], M: ['MI', '[0-5][0-9]'], S: ['SS', '[0-5][0-9]'], f: ['US', '[0-9]{1,6}'],
    j: ['DDD', '[0-9]{1,3}'], b: ['Mon', MONTHS.map(m => anyCase(m.slice(0, 3))).join('|')],
    B: ['FMMonth', MONTHS.map(anyCase).join('|')], p: ['AM', 'AM|PM|am|pm'], I: ['HH12', '0?[1-9]|1[0-2]'], '%': ['%', '%'],
};

/**
 * A strftime layout as a PostgreSQL template, an anchored pattern with one group per directive,
 * and the condition that the date the groups name exists (day within its month, 29 February and
 * day 366 in leap years only); unknown directives are refused.
 */
export function pgFormat(format: string): { template: string; pattern: string; exists: (text: string) => string } {
    let template = '';
    let pattern = '';
    const groups: Record<string, number> = {};
    let group = 0;
    for (let i = 0; i < format.length; i++) {
        const ch = format[i];
        if (ch === '%') {
            const directive = format[++i];
            const d = DIRECTIVES[directive];
            if (!d) throw new Error(`PostgreSQL cannot read the strftime directive %${directive ?? ''} of format "${format}"`);
            template += d[0];
            if (directive === '%') {
                pattern += '%';
            } else {
                pattern += `(${d[1]})`;
                // Every directive is a group; a repeated one is read from its first.
                group++;
                groups[directive] ??= group;
            }
        } else {
            // Literal text: quoted in the template, escaped in the pattern.
            template += /[A-Za-z]/.test(ch) ? `"${ch}"` : ch;
            pattern += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
    }
    pattern = `^${pattern}$`;
    const exists = (text: string) => {
        const part = (directive: string) => `(regexp_match(${text}, ${quote(pattern)}))[${groups[directive]}]`;
        const number = (directive: string) => `CAST(${part(directive)} AS INTEGER)`;
        // Without a year PostgreSQL takes year 1, DuckDB 1900: neither is a leap year.
        const year = groups.Y ? number('Y') : groups.y ? number('y') : undefined;
        const leap = year === undefined ? 'FALSE' : `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
        const month = groups.m ? number('m')
            : groups.b || groups.B ? `((strpos('janfebmaraprmayjunjulaugsepoctnovdec', lower(substr(${part(groups.b ? 'b' : 'B')}, 1, 3))) + 2) / 3)` : undefined;
        const checks: string[] = [];
        if (groups.d && month !== undefined) {
            checks.push(`${number('d')} <= CASE WHEN ${month} IN (4, 6, 9, 11) THEN 30 WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END ELSE 31 END`);
        }
        if (groups.j) checks.push(`${number('j')} BETWEEN 1 AND CASE WHEN ${leap} THEN 366 ELSE 365 END`);
        return checks.length ? `(${checks.join(' AND ')})` : 'TRUE';
    };
    return { template, pattern, exists };
}

// The patterns hold each part to its range (a cast out of range stops the whole query in PostgreSQL, where
// it must count as a bad cell); the day is then held to its month's length by `dayInMonth`.
const DAY = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const CLOCK = '(([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?|24:00(:00(\\.0+)?)?)';
const ISO_DATE = `^${DAY}$`;
const ISO_TIME = `^${CLOCK}$`;
const ISO_TIMESTAMP = `^${DAY}([T ]${CLOCK})?(Z|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)?$`;
const INTEGER = '^[+-]?[0-9]+$';
const NUMBER = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$';

function guarded(text: string, pattern: string, cast: string): string {
    return `CASE WHEN ${text} ~ ${quote(pattern)} THEN ${cast} END`;
}

export const postgres: Dialect = {
    name: 'postgres',
    capabilities: CAPABILITIES,
    identifier: name => `"${name.replace(/"/g, '""')}"`,
    table: name => name.split('.').map(part => `"${part.replace(/"/g, '""')}"`).join('.'),
    // standard_conforming_strings is on (the default since 9.1): a backslash is an ordinary character.
    text: quote,
    decimal: value => {
        if (!/^-?[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(`not a decimal: ${value}`);
        return `CAST(${quote(value)} AS NUMERIC)`;
    },
    boolean: value => (value ? 'TRUE' : 'FALSE'),
    parseField(cell: string, type: FieldType, format: string | undefined, zoned: boolean): string {
        const text = `NULLIF(TRIM(CAST(${cell} AS TEXT)), '')`;
        const stamp = zoned ? 'TIMESTAMPTZ' : 'TIMESTAMP';
        switch (type) {
            case 'text': return `NULLIF(CAST(${cell} AS TEXT), '')`;
            case 'boolean': return `CASE WHEN lower(${text}) IN ('true', '1', 'yes', 'y') THEN TRUE`
                + ` WHEN lower(${text}) IN ('false', '0', 'no', 'n') THEN FALSE END`;
            case 'integer': return `CASE WHEN ${digitsOnly(text)} THEN CAST(${text} AS BIGINT) WHEN ${text} ~ ${quote(INTEGER)} THEN CAST(${text} AS BIGINT) END`;
            case 'number': return `CASE WHEN ${digitsOnly(text)} THEN CAST(${text} AS ${PG_NUMBER_TYPE}) WHEN ${text} ~ ${quote(NUMBER)} THEN CAST(${text} AS ${PG_NUMBER_TYPE}) END`;
            case 'seconds': return secondsOf(text);
            case 'date': {
                if (format === undefined) return guarded(text, ISO_DATE, `CASE WHEN ${dayInMonth(text)} THEN CAST(${text} AS DATE) END`);
                const f = pgFormat(format);
                return guarded(text, f.pattern, `CASE WHEN ${f.exists(text)} THEN CAST(to_timestamp(${text}, ${quote(f.template)}) AT TIME ZONE 'UTC' AS DATE) END`);
            }
            case 'time': {
                if (format === undefined) return guarded(text, ISO_TIME, `CAST(${text} AS TIME)`);
                const f = pgFormat(format);
                return guarded(text, f.pattern, `CASE WHEN ${f.exists(text)} THEN CAST(to_timestamp(${text}, ${quote(f.template)}) AT TIME ZONE 'UTC' AS TIME) END`);
            }
            case 'timestamp': {
                if (format === undefined) {
                    const cast = `CASE WHEN ${dayInMonth(text)} THEN CAST(${text} AS ${stamp}) END`;
                    return `CASE WHEN ${isoSeconds(text)} THEN ${cast} WHEN ${text} ~ ${quote(ISO_TIMESTAMP)} THEN ${cast} END`;
                }
                const f = pgFormat(format);
                const local = `(to_timestamp(${text}, ${quote(f.template)}) AT TIME ZONE 'UTC')`;
                return guarded(text, f.pattern, `CASE WHEN ${f.exists(text)} THEN ${zoned ? `(${local} AT TIME ZONE 'UTC')` : local} END`);
            }
        }
    },
    typedField(cell: string, type: FieldType, column: ColumnType, zoned: boolean): string | undefined {
        // Each spelling is what postgres_fdw ships to a shard: built-in immutable functions, no text argument
        // (a text constant has no collation from the table, so postgres_fdw keeps the call on the coordinator).
        const numeric = column === 'integer' || column === 'decimal' || column === 'float';
        switch (type) {
            case 'text': return column === 'text' ? `CASE WHEN ${cell} <> '' THEN ${cell} END` : undefined;
            case 'boolean': return column === 'boolean' ? cell : undefined;
            case 'integer': return column === 'integer' ? `CAST(${cell} AS BIGINT)` : undefined;
            case 'number': return numeric ? `CAST(${cell} AS ${PG_NUMBER_TYPE})` : undefined;
            case 'seconds': return numeric ? `CAST(${cell} AS ${PG_SECONDS_TYPE})`
                : column === 'interval' ? `CAST(EXTRACT(EPOCH FROM ${cell}) AS ${PG_SECONDS_TYPE})` : undefined;
            case 'date': return column === 'date' ? cell : undefined;
            case 'time': return column === 'time' ? cell : undefined;
            case 'timestamp':
                // Zoned: an instant (a timestamp without zone holds UTC, as a cell without offset is read).
                // Not zoned: the time as written (a timestamptz's UTC wall time, as its text reads in a UTC session).
                if (column === (zoned ? 'timestamptz' : 'timestamp')) return cell;
                return column === 'timestamp' || column === 'timestamptz' ? `(${cell} AT TIME ZONE INTERVAL '+00:00')` : undefined;
        }
    },
    present: cell => `(NULLIF(TRIM(CAST(${cell} AS TEXT)), '') IS NOT NULL)`,
    dateTime: (date, time, zoned) => zoned ? `(((${date}) + (${time})) AT TIME ZONE 'UTC')` : `((${date}) + (${time}))`,
    secondsBetween: (a, b) => `CAST(EXTRACT(EPOCH FROM ((${a}) - (${b}))) AS ${PG_SECONDS_TYPE})`,
    addSeconds: (t, s) => `((${t}) + (${s}) * INTERVAL '1 second')`,
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql {
        const local = timezone === null ? `CAST(${instant} AS TIMESTAMP)` : `((${instant}) AT TIME ZONE ${quote(timezone)})`;
        const offsetMinutes = timezone === null ? undefined
            : `CAST((EXTRACT(EPOCH FROM ${local}) - EXTRACT(EPOCH FROM ${instant})) / 60 AS INTEGER)`;
        const stamp = (t: string) => `to_char(${t}, 'YYYY-MM-DD"T"HH24:MI')`;
        switch (grain) {
            case 'interval15': return { label: stamp(`date_bin(INTERVAL '15 minutes', ${local}, TIMESTAMP '2000-01-01')`), offsetMinutes };
            case 'interval30': return { label: stamp(`date_bin(INTERVAL '30 minutes', ${local}, TIMESTAMP '2000-01-01')`), offsetMinutes };
            case 'hourly': return { label: stamp(`date_trunc('hour', ${local})`), offsetMinutes };
            case 'daily': return { label: `to_char(${local}, 'YYYY-MM-DD')` };
            // A week starting on Sunday is named by the ISO week of the Monday after it.
            case 'weekly': return { label: `to_char(${weekStart === 'sunday' ? `${local} + INTERVAL '1 day'` : local}, 'IYYY-"W"IW')` };
            case 'monthly': return { label: `to_char(${local}, 'YYYY-MM')` };
        }
    },
    bucket(instant: string, type: 'date' | 'timestamp', zoned: boolean, finest: Grain): string {
        if (type === 'date') return instant;
        // In a zone, quarter hours of UTC: every zone's offset has been a whole number of quarter hours since
        // 1980 (tzdata as Node's ICU has it), and its changes fall on them, so a UTC quarter hour lies inside one
        // local period of every grain.
        if (zoned) return `date_bin(INTERVAL '15 minutes', ${instant}, CAST('2000-01-01 00:00:00+00' AS TIMESTAMPTZ))`;
        const step = { interval15: '15 minutes', interval30: '30 minutes', hourly: '1 hour' }[finest as string] ?? '1 day';
        return `date_bin(INTERVAL '${step}', ${instant}, TIMESTAMP '2000-01-01 00:00:00')`;
    },
    // A CASE, not COALESCE: postgres_fdw ships CASE to a shard, and neither COALESCE nor IS TRUE.
    truth: condition => `CASE WHEN ${condition} THEN TRUE ELSE FALSE END`,
    countWhere: condition => `count(*) FILTER (WHERE ${condition})`,
    percentile: (value, fraction) => `percentile_disc(${fraction}) WITHIN GROUP (ORDER BY ${value})`,
    countDistinct: value => `count(DISTINCT ${value})`,
    exactText: value => `CAST(${value} AS TEXT)`,
    // Needed only where cells are parsed from text: PostgreSQL shares no repeated expression, so without it every
    // aggregate would parse the cell again. It also keeps postgres_fdw from shipping the aggregates, which a
    // parse from text blocks anyway (casts from text and regular expressions on a cell are not shipped).
    fence: ' OFFSET 0',
};

/**
 * A cell of digits only: the common case, tested without a regular expression (PostgreSQL's are
 * slow next to a cast; the pattern after it decides the rest). Null for a null cell.
 */
function digitsOnly(text: string): string {
    return `ltrim(${text}, '0123456789') = ''`;
}

/**
 * The commonest timestamps (`2026-10-01T07:06:04Z`, `2026-10-01 07:06:04`), tested without a regular
 * expression: digits where digits go, each part in its range (month, day of 31, hour, minute, second).
 */
function isoSeconds(text: string): string {
    const digits = [[1, 4], [6, 2], [9, 2], [12, 2], [15, 2], [18, 2]].map(([from, n]) => `substr(${text}, ${from}, ${n})`).join(' || ');
    return `((${text} LIKE '____-__-__T__:__:__Z' OR ${text} LIKE '____-__-__T__:__:__' OR ${text} LIKE '____-__-__ __:__:__')`
        + ` AND ltrim(${digits}, '0123456789') = ''`
        + ` AND substr(${text}, 6, 2) BETWEEN '01' AND '12' AND substr(${text}, 9, 2) BETWEEN '01' AND '31'`
        + ` AND substr(${text}, 12, 2) <= '23' AND substr(${text}, 15, 1) <= '5' AND substr(${text}, 18, 1) <= '5')`;
}

/**
 * The day of a text starting `YYYY-MM-DD` (month 01-12, day 01-31, checked before) exists: 29, 30 and 31 by
 * the month, 29 February in leap years only, and no year 0 (PostgreSQL's cast refuses it with an error).
 */
function dayInMonth(text: string): string {
    const month = `substr(${text}, 6, 2)`;
    const day = `substr(${text}, 9, 2)`;
    const year = `CAST(substr(${text}, 1, 4) AS INTEGER)`;
    return `(substr(${text}, 1, 4) <> '0000' AND (${day} <= '28'`
        + ` OR (${month} <> '02' AND (${day} <= '30' OR ${month} IN ('01', '03', '05', '07', '08', '10', '12')))`
        + ` OR (${month} = '02' AND ${day} = '29' AND ${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))))`;
}

/** `75`, `75.5`, `1:15` (M:SS) or `0:01:15` (H:MM:SS) as seconds. */
function secondsOf(text: string): string {
    const part = (i: number) => `split_part(${text}, ':', ${i})`;
    return `CASE WHEN ${digitsOnly(text)} THEN CAST(${text} AS ${PG_SECONDS_TYPE})`
        + ` WHEN ${text} ~ ${quote(NUMBER)} THEN CAST(${text} AS ${PG_SECONDS_TYPE})`
        + ` WHEN ${text} ~ '^[0-9]+:[0-5][0-9](\\.[0-9]+)?$' THEN CAST(${part(1)} AS BIGINT) * 60 + CAST(${part(2)} AS ${PG_SECONDS_TYPE})`
        + ` WHEN ${text} ~ '^[0-9]+:[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?$' THEN CAST(${part(1)} AS BIGINT) * 3600 + CAST(${part(2)} AS BIGINT) * 60 + CAST(${part(3)} AS ${PG_SECONDS_TYPE})`
        + ` END`;
}
