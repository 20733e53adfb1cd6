/**
 * What an SQL dialect must provide to compute Norma's measurements from records (SPEC §6.4).
 * render.ts turns ONE formula tree into SQL through this interface; each database is one
 * implementation (duckdb.ts first; PostgreSQL, ClickHouse, Trino, Spark, BigQuery and Snowflake
 * implement the same interface). A dialect only spells things: it never decides what a formula
 * means, so every engine computes the same figures.
 *
 * Every string that comes from a `.norma` file reaches SQL through `identifier`, `table` or
 * `text`, which quote it for the dialect; nothing else splices text into SQL.
 */
import type { FieldType } from '../../model/formula.js';
import type { Grain } from '../../model/types.js';

/**
 * What a dialect can do natively. The renderer reads these instead of asking for a dialect's
 * name, and a validator or `compile --dialect` can say plainly what a database cannot run.
 */
export interface DialectCapabilities {
    /** Reads CSV, Parquet and JSON files by path (DuckDB); otherwise records come from a table. */
    readsFiles: boolean;
    /** Converts instants to named IANA time zones (`timezone "Europe/London"`). */
    timeZones: boolean;
    /** Parses dates and times with strftime layouts (`format "%y%m%d"`). */
    strftimeFormats: boolean;
    /** Casts that give null instead of failing (TRY_CAST), used to find cells that do not parse. */
    tryCast: boolean;
    /** A discrete percentile (a value that occurred: quantile_disc / percentile_disc). */
    discretePercentile: boolean;
    /** count(DISTINCT x). */
    countDistinct: boolean;
    /** Sums of decimals without rounding (DECIMAL/NUMERIC with enough precision). */
    exactDecimalSums: boolean;
}

/**
 * A column's type in the database's catalog, as far as reading a field needs it (`other` for the
 * rest). Read by Norma before the query (`norma measure --database`); files and `compile` have none.
 */
export type ColumnType = 'text' | 'boolean' | 'integer' | 'decimal' | 'float' | 'date' | 'time' | 'timestamp' | 'timestamptz' | 'interval' | 'other';

/** What the database says about a source's table before the query. */
export interface TableCatalog {
    /** Each column's type, by column name. */
    columns: Record<string, ColumnType>;
    /** The columns the table is partitioned by (PostgreSQL's partition key), empty when it is not partitioned by plain columns. */
    partitionKey: string[];
}

/** The SQL of one period key: the local period start as text and, for sub-day grains in a zone, the UTC offset in minutes. */
export interface PeriodKeySql {
    label: string;
    offsetMinutes?: string;
}

export interface Dialect {
    readonly name: string;
    readonly capabilities: DialectCapabilities;
    /** A quoted identifier: `"wait ""s"""`. */
    identifier(name: string): string;
    /** A table name as written in `table "acd.calls"`: each dotted part quoted. */
    table(name: string): string;
    /** A quoted string literal. */
    text(value: string): string;
    /** An exact decimal literal from its digits (`"0.8"`, `"5400"`). */
    decimal(value: string): string;
    boolean(value: boolean): string;
    /**
     * A record's cell as the field's type, or null when it is empty or does not parse.
     * `zoned` says the source has a time zone: timestamps are then instants (an offset in the
     * cell is honoured; a cell without one is read as UTC).
     */
    parseField(cell: string, type: FieldType, format: string | undefined, zoned: boolean): string;
    /**
     * A field read from a column the catalog says already holds the field's type (a timestamptz
     * for a timestamp, a numeric for seconds...): the value as is, with no check and no cast from
     * text, so nothing is counted as a bad cell. Undefined when the cell must be read as text.
     */
    typedField?(cell: string, type: FieldType, column: ColumnType, zoned: boolean): string | undefined;
    /** True when a cell holds something (not null, not blank). */
    present(cell: string): string;
    /** date + time as a timestamp (in the source's reading: an instant when zoned). */
    dateTime(date: string, time: string, zoned: boolean): string;
    /** The seconds between two timestamps (a - b). */
    secondsBetween(a: string, b: string): string;
    /** A timestamp shifted by a number of seconds. */
    addSeconds(timestamp: string, seconds: string): string;
    /** The period of `grain` that holds the instant, as its local start (SPEC §6.2). */
    periodKey(instant: string, grain: Grain, weekStart: 'monday' | 'sunday', timezone: string | null): PeriodKeySql;
    /**
     * Two-stage periods (PostgreSQL): the records are grouped on `bucket` of their instant, a
     * period start computed with immutable functions and no text argument (what postgres_fdw ships
     * to a shard), and `periodKey` names the periods in an outer query over those groups. Every
     * bucket lies inside one period of each grain down to `finest`. Absent: `periodKey` per record.
     */
    bucket?(instant: string, type: 'date' | 'timestamp', zoned: boolean, finest: Grain): string;
    /** `condition` as a boolean that is false when it is null (`COALESCE(c, FALSE)` unless the dialect says otherwise). */
    truth?(condition: string): string;
    /** The number of records where `condition` is true (a count that treats null as false). */
    countWhere(condition: string): string;
    /** The discrete percentile of `value` at an exact rank 0..1. */
    percentile(value: string, fraction: string): string;
    countDistinct(value: string): string;
    /** Text of an exact number, so no digit is lost on the way out. */
    exactText(value: string): string;
    /**
     * Appended to the subquery of typed fields so each cell is parsed once per record, where the
     * planner would otherwise copy the parsing into every aggregate that reads the field
     * (PostgreSQL shares no repeated expression: ` OFFSET 0` keeps the subquery whole).
     */
    readonly fence?: string;
    /**
     * The programs taking a record, one row per program, in one scan: `choices` are text
     * expressions, each a program's id when the record is its own and null otherwise; the result
     * is one such expression per row (DuckDB: `unnest` of the list). Absent: one filtered scan
     * per program, joined by UNION ALL.
     */
    eachProgram?(choices: string[]): string;
    /** A typed null (ClickHouse needs `Nullable(...)`); `CAST(NULL AS INTEGER)` / `CAST(NULL AS VARCHAR)` when absent. */
    typedNull?(type: 'integer' | 'text'): string;
}

/** `condition`, false when null, in a dialect. */
export function truth(dialect: Dialect, condition: string): string {
    return dialect.truth?.(condition) ?? `COALESCE(${condition}, FALSE)`;
}

/** A typed null in a dialect. */
export function typedNull(dialect: Dialect, type: 'integer' | 'text'): string {
    return dialect.typedNull?.(type) ?? `CAST(NULL AS ${type === 'integer' ? 'INTEGER' : 'VARCHAR'})`;
}

/*
 * Spellings the warehouse dialects share, parameterised by what differs (quoting, type names):
 * one place for the rule, each dialect only names its own words.
 */

/** `table "acd.calls"` as `"acd"."calls"` (each dotted part quoted by the dialect's `identifier`). */
export function qualifiedTable(identifier: (name: string) => string): (name: string) => string {
    return name => name.split('.').map(identifier).join('.');
}

/**
 * An exact decimal literal from its digits, cast to the dialect's decimal type for its scale
 * (`type(2)` is `DECIMAL(38, 2)` and the like; at most 18 digits after the point).
 */
export function decimalLiteral(text: (value: string) => string, type: (scale: number) => string): (value: string) => string {
    return value => {
        if (!/^-?[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(`not a decimal: ${value}`);
        const scale = value.includes('.') ? value.split('.')[1].length : 0;
        return `CAST(${text(value)} AS ${type(Math.min(scale, 18))})`;
    };
}

/** A boolean cell (SPEC §6.1: true/false, 1/0, yes/no, y/n in any case) from its trimmed text `t`; null otherwise. */
export function booleanCell(t: string, lower = 'lower'): string {
    return `CASE WHEN ${lower}(${t}) IN ('true', '1', 'yes', 'y') THEN TRUE WHEN ${lower}(${t}) IN ('false', '0', 'no', 'n') THEN FALSE END`;
}
