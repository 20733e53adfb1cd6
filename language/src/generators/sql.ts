/**
 * `--target sql`: SPEC §3 (with §3a) as SQL views over a `measurements` table (program,
 * metric, period, value, sample) and an `actions` table (program, metric, opened, owner, due,
 * closed, result), for databases that hold the data: `norma_points`, `norma_triggers` and
 * `norma_verdicts` give the engine's point statuses, triggers and verdicts (a differential test
 * holds them equal on generated workspaces, in DuckDB and PostgreSQL).
 *
 * The model reaches SQL as data, never as code: the norms, exclusions and the evaluation day
 * are rows of three tables (`norma_norms`, `norma_exclusions`, `norma_run`) that a runner loads
 * through its client, or that the script loads from CSV files written beside it. Thresholds
 * are decimals as written (`4.1min` is 246, not 245.99999999999997), periods are turned into
 * day and minute numbers with the engine's own calendar for the model's side and with plain
 * integer arithmetic in SQL for the data's side, so no verdict depends on float rounding, a
 * session time zone or a dialect's date functions.
 */
import type { NormaModel, NormModel } from '../model/types.js';
import { dayNumberOf, parsePeriod } from '../engine/calendar.js';
import { requiredSample } from '../engine/sample-size.js';

export const SQL_FILE_NAME = 'norma-checks.sql';

/** The dialects that run the whole evaluation; the others compute measurements only. */
export type EvaluationDialect = 'duckdb' | 'postgres';
export const EVALUATION_DIALECTS: readonly EvaluationDialect[] = ['duckdb', 'postgres'];

/** A SQL string literal: the only way model text reaches a script. */
export function sqlString(text: string | null | undefined): string {
    return text === null || text === undefined ? 'NULL' : `'${text.replace(/'/g, "''")}'`;
}

/**
 * A model number as the decimal it was written as. The model holds thresholds as JS numbers
 * after unit conversion (`4.1min` = 4.1 * 60 = 245.99999999999997); a threshold written in a
 * `.norma` file has far fewer than 15 significant digits, so rounding to 15 recovers it exactly.
 */
export function exactDecimal(n: number): string {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    const text = String(Number(n.toPrecision(15)));
    if (!/e/i.test(text)) return text;
    // Very small or large numbers: write them out without an exponent.
    const [mantissa, exp] = text.toLowerCase().split('e');
    const e = Number(exp);
    const negative = mantissa.startsWith('-');
    const [int, frac = ''] = mantissa.replace('-', '').split('.');
    const digits = int + frac;
    const point = int.length + e;
    const out = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length
        ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
    return (negative ? '-' : '') + out;
}

/** One column of a model table: its name and portable SQL type. */
interface Column { name: string; type: 'text' | 'integer' | 'bigint' | 'decimal' }

export interface ModelTable {
    name: 'norma_norms' | 'norma_exclusions' | 'norma_run';
    columns: Column[];
    /** Values as strings (decimals, day numbers) or null; loaded with the client's parameters or from CSV. */
    rows: (string | null)[][];
}

const NORM_COLUMNS: Column[] = [
    { name: 'ord', type: 'integer' }, { name: 'id', type: 'text' }, { name: 'program', type: 'text' },
    { name: 'metric', type: 'text' }, { name: 'op', type: 'text' }, { name: 'target', type: 'decimal' },
    { name: 'high', type: 'decimal' }, { name: 'from_day', type: 'integer' }, { name: 'until_day', type: 'integer' },
    { name: 'consecutive', type: 'integer' }, { name: 'critical_side', type: 'text' },
    { name: 'critical_threshold', type: 'decimal' }, { name: 'sample_minimum', type: 'bigint' },
    // `act after N of M misses`: M (null for N consecutive misses); `respond within D days`: D (null: no limit).
    { name: 'miss_window', type: 'integer' }, { name: 'respond_within', type: 'integer' },
];

const EXCLUSION_COLUMNS: Column[] = [
    { name: 'ord', type: 'integer' }, { name: 'id', type: 'text' },
    // Null names every program (or metric): an exclusion with no `programs`/`metrics` line covers them all.
    { name: 'program', type: 'text' }, { name: 'metric', type: 'text' },
    // Covered period starts in minutes since 1970-01-01: start_minute <= s < end_minute.
    { name: 'start_minute', type: 'bigint' }, { name: 'end_minute', type: 'bigint' },
    { name: 'expires_day', type: 'integer' },
];

const RUN_COLUMNS: Column[] = [{ name: 'as_of_day', type: 'integer' }];

const text = (s: string | null | undefined) => (s === null || s === undefined ? null : s);
const integer = (n: number | null | undefined) => (n === null || n === undefined ? null : String(n));
const decimal = (n: number | null | undefined) => (n === null || n === undefined ? null : exactDecimal(n));
const day = (d: string | null | undefined) => integer(dayNumberOf(d ?? undefined));

function normRow(n: NormModel, ord: number): (string | null)[] {
    return [
        String(ord), n.id, n.program, n.metric, n.op, n.targetExact ?? decimal(n.target), n.highExact ?? decimal(n.high),
        day(n.from), day(n.until), String(n.consecutive >= 1 ? Math.floor(n.consecutive) : 3), text(n.critical?.side),
        n.critical?.thresholdExact ?? decimal(n.critical?.threshold), integer(sampleMinimumOf(n)),
        integer(n.missWindow !== null && n.missWindow !== undefined && n.missWindow >= n.consecutive ? Math.floor(n.missWindow) : null),
        integer(n.respondWithin),
    ];
}

/**
 * `sample at least N`, and `sample valid at ...` as the sample an unknown (infinite) population
 * needs: the measurements table has no population column, so SQL never applies the finite
 * population correction (it asks 385 where the engine, told the population, may ask 278).
 */
function sampleMinimumOf(n: NormModel): number | null {
    const needed = n.samplePrecision ? requiredSample(n.samplePrecision) : undefined;
    const minimum = Math.max(n.sampleMinimum ?? 0, needed ?? 0);
    return minimum > 0 ? minimum : null;
}

/** The model's norms and exclusions (with the engine's reading of their periods) and the evaluation day. */
export function modelTables(model: NormaModel, asOf: string | null): ModelTable[] {
    const exclusionRows: (string | null)[][] = [];
    model.exclusions.forEach((x, ord) => {
        const start = parsePeriod(x.start);
        const end = parsePeriod(x.end || x.start);
        // The validator rejects periods that do not parse; the engine lets such an exclusion cover nothing.
        if (!start.ok || !end.ok) return;
        const programs = x.programs.length ? x.programs : [null];
        const metrics = x.metrics.length ? x.metrics : [null];
        for (const p of programs) for (const m of metrics) {
            exclusionRows.push([String(ord), x.id, p, m, String(start.start), String(end.end), day(x.expires)]);
        }
    });
    return [
        { name: 'norma_norms', columns: NORM_COLUMNS, rows: model.norms.map(normRow) },
        { name: 'norma_exclusions', columns: EXCLUSION_COLUMNS, rows: exclusionRows },
        { name: 'norma_run', columns: RUN_COLUMNS, rows: asOf === null ? [] : [[day(asOf)]] },
    ];
}

function sqlType(c: Column, dialect: EvaluationDialect): string {
    switch (c.type) {
        case 'text': return 'VARCHAR';
        case 'integer': return 'INTEGER';
        case 'bigint': return 'BIGINT';
        case 'decimal': return dialect === 'postgres' ? 'NUMERIC' : 'DECIMAL(38, 12)';
    }
}

/** Statements that (re)create the model tables empty; the views go first, as they depend on them. */
export function createTables(tables: readonly ModelTable[], dialect: EvaluationDialect): string[] {
    return [
        ...['norma_verdicts', 'norma_triggers', 'norma_points'].map(v => `DROP VIEW IF EXISTS ${v}`),
        ...tables.flatMap(t => [
            `DROP TABLE IF EXISTS ${t.name}`,
            `CREATE TEMP TABLE ${t.name} (${t.columns.map(c => `${c.name} ${sqlType(c, dialect)}`).join(', ')})`,
        ]),
    ];
}

/** A CSV file of a model table (RFC 4180; an empty cell is null). */
export function tableCsv(table: ModelTable): string {
    const cell = (v: string | null) => (v === null ? '' : /[",\n\r]|^$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return [table.columns.map(c => c.name).join(','), ...table.rows.map(r => r.map(cell).join(','))].join('\n') + '\n';
}

export const tableFileName = (table: ModelTable) => `${table.name.replace('_', '-')}.csv`;

/**
 * Minutes since 1970-01-01 at a period's start, from its text, in integer arithmetic every
 * dialect shares: a day `2026-01-05`, a month `2026-01`, an ISO week `2026-W02` (its Monday:
 * week 1 holds January 4th) or an interval start `2026-01-05T09:30`. Anything else is null.
 */
function periodDay(p: string): string {
    const ymd = (y: string, m: string, d: string) => `(make_date(${y}, ${m}, ${d}) - DATE '1970-01-01')`;
    const int = (from: number, length: number) => `CAST(substr(${p}, ${from}, ${length}) AS INTEGER)`;
    const jan4 = ymd(int(1, 4), '1', '4');
    // ISO weekday of a day number (1 = Monday): 1970-01-01 was a Thursday; day numbers here are positive.
    const isoWeekday = (dn: string) => `((${dn} + 3) % 7 + 1)`;
    return `CASE
            WHEN ${p} LIKE '____-__-__' OR ${p} LIKE '____-__-__T__:__' THEN ${ymd(int(1, 4), int(6, 2), int(9, 2))}
            WHEN ${p} LIKE '____-W__' THEN ${jan4} - (${isoWeekday(jan4)} - 1) + 7 * (${int(7, 2)} - 1)
            WHEN ${p} LIKE '____-__' THEN ${ymd(int(1, 4), int(6, 2), '1')}
        END`;
}

/** The day number of a period's last day: a week's Sunday, a month's last day; a day or interval's own day. */
function periodLastDay(p: string, dayExpr: string): string {
    const int = (from: number, length: number) => `CAST(substr(${p}, ${from}, ${length}) AS INTEGER)`;
    return `CASE
            WHEN ${p} LIKE '____-W__' THEN ${dayExpr} + 6
            WHEN ${p} LIKE '____-__' AND ${p} NOT LIKE '____-W__' THEN (CASE WHEN ${int(6, 2)} = 12
                THEN make_date(${int(1, 4)} + 1, 1, 1) ELSE make_date(${int(1, 4)}, ${int(6, 2)} + 1, 1) END - DATE '1970-01-01') - 1
            ELSE ${dayExpr}
        END`;
}

function periodMinute(p: string, dayExpr: string): string {
    return `CAST(${dayExpr} AS BIGINT) * 1440 + CASE WHEN ${p} LIKE '____-__-__T__:__'
            THEN CAST(substr(${p}, 12, 2) AS INTEGER) * 60 + CAST(substr(${p}, 15, 2) AS INTEGER) ELSE 0 END`;
}

/** The evaluation views over `measurements`, `actions` and the model tables. */
export function evaluationViews(_dialect: EvaluationDialect): string[] {
    const dayOf = (column: string) => `(CAST(${column} AS DATE) - DATE '1970-01-01')`;
    return [
        `-- Every point in its norm's window, with its status (SPEC §3): the points of the norm's program and
-- metric whose period's first day is on or after its from day, before its until day and not after the
-- evaluation day, in period order.
CREATE TEMP VIEW norma_points AS
WITH m AS (
    SELECT program, metric, period, value, CAST(sample AS BIGINT) AS sample, day_number,
           ${periodMinute('period', 'day_number')} AS period_start, ${periodLastDay('period', 'day_number')} AS last_day
    FROM (SELECT *, ${periodDay('period')} AS day_number FROM measurements) parsed
    WHERE day_number IS NOT NULL
), windowed AS (
    SELECT n.id AS norm_id, n.ord AS norm_ord, n.program, n.metric, m.period, m.period_start, m.day_number, m.last_day, m.value, m.sample,
           n.consecutive, n.miss_window, n.respond_within, n.op, n.target, n.high, n.critical_side, n.critical_threshold, n.sample_minimum
    FROM norma_norms n
    CROSS JOIN norma_run r
    JOIN m ON m.program = n.program AND m.metric = n.metric
    WHERE (n.from_day IS NULL OR (m.day_number >= n.from_day AND n.from_day <= r.as_of_day))
      AND (n.until_day IS NULL OR m.day_number < n.until_day)
      AND m.day_number <= r.as_of_day
), covered AS (
    -- The first exclusion (in model order) that names the program and metric (null: all) and holds
    -- the period's start. An expired exclusion is not applied: its points are judged as usual (§3a).
    SELECT w.*, (SELECT min(x.ord) FROM norma_exclusions x CROSS JOIN norma_run r
                 WHERE (x.program IS NULL OR x.program = w.program) AND (x.metric IS NULL OR x.metric = w.metric)
                   AND w.period_start >= x.start_minute AND w.period_start < x.end_minute
                   AND (x.expires_day IS NULL OR x.expires_day >= r.as_of_day)) AS exclusion_ord
    FROM windowed w
), judged AS (
    SELECT c.*,
           c.sample_minimum IS NOT NULL AND (c.sample IS NULL OR c.sample < c.sample_minimum) AS unsampled,
           CASE c.op
               WHEN '>=' THEN c.value >= c.target WHEN '>' THEN c.value > c.target
               WHEN '<=' THEN c.value <= c.target WHEN '<' THEN c.value < c.target
               ELSE c.value >= c.target AND c.value <= coalesce(c.high, c.target)
           END AS meets,
           CASE c.critical_side
               WHEN 'below' THEN c.value < c.critical_threshold
               WHEN 'above' THEN c.value > c.critical_threshold
               ELSE false
           END AS crosses_floor
    FROM covered c
)
SELECT j.norm_id, j.norm_ord, j.program, j.metric, j.period, j.period_start, j.day_number, j.last_day, j.value, j.sample,
       j.consecutive, j.miss_window, j.respond_within,
       (SELECT min(x.id) FROM norma_exclusions x WHERE x.ord = j.exclusion_ord) AS exclusion,
       CASE WHEN j.exclusion_ord IS NOT NULL THEN 'excluded' WHEN j.unsampled THEN 'unsampled'
            WHEN j.meets THEN 'met' ELSE 'missed' END AS status,
       j.exclusion_ord IS NULL AND NOT j.unsampled AND NOT j.meets AND j.crosses_floor AS critical
FROM judged j`,

        `-- Triggers: each critical point (rule critical); every N consecutive misses, the streak then starting
-- again (rule consecutive: a met point ends a streak); with \`act after N of M misses\`, when N of the last M
-- judged points are missed, counting then starting again (rule n-of-m). Unsampled and excluded points are
-- left out. A trigger is answered by every action of its program and metric with an owner, opened on or
-- after the first day of its last period, not after the evaluation day and, with \`respond within D days\`,
-- no later than D days after that period's last day (§3a).
CREATE TEMP VIEW norma_triggers AS
WITH RECURSIVE judged AS (
    SELECT *, sum(CASE WHEN status = 'met' THEN 1 ELSE 0 END)
                  OVER (PARTITION BY norm_id ORDER BY period_start ROWS UNBOUNDED PRECEDING) AS run
    FROM norma_points WHERE status IN ('met', 'missed') AND miss_window IS NULL
), misses AS (
    SELECT *, row_number() OVER (PARTITION BY norm_id, run ORDER BY period_start) - 1 AS position
    FROM judged WHERE status = 'missed'
), streaks AS (
    SELECT norm_id, program, metric, 'consecutive' AS rule, 2 AS rule_order,
           array_agg(period ORDER BY period_start) AS periods, array_agg(value ORDER BY period_start) AS point_values,
           max(period_start) AS fired_at, max(day_number) AS fired_day, max(last_day) AS fired_last_day, max(respond_within) AS respond_within
    FROM misses
    GROUP BY norm_id, program, metric, run, position - position % consecutive, consecutive
    HAVING count(*) = consecutive
), ordered AS (
    SELECT *, row_number() OVER (PARTITION BY norm_id ORDER BY period_start) AS seq,
           CASE WHEN status = 'missed' THEN 'x' ELSE 'o' END AS outcome
    FROM norma_points WHERE status IN ('met', 'missed') AND miss_window IS NOT NULL
), walk AS (
    -- The outcomes since counting last started again, at most M, newest last ('x' missed, 'o' met).
    SELECT norm_id, seq, right(outcome, miss_window) AS recent,
           status = 'missed' AND consecutive <= 1 AS fired
    FROM ordered WHERE seq = 1
    UNION ALL
    SELECT o.norm_id, o.seq,
           right(CASE WHEN w.fired THEN '' ELSE w.recent END || o.outcome, o.miss_window),
           o.status = 'missed' AND length(right(CASE WHEN w.fired THEN '' ELSE w.recent END || o.outcome, o.miss_window))
               - length(replace(right(CASE WHEN w.fired THEN '' ELSE w.recent END || o.outcome, o.miss_window), 'x', '')) >= o.consecutive
    FROM walk w JOIN ordered o ON o.norm_id = w.norm_id AND o.seq = w.seq + 1
), windows AS (
    SELECT o.norm_id, o.program, o.metric, 'n-of-m' AS rule, 2 AS rule_order,
           array_agg(p.period ORDER BY p.period_start) AS periods, array_agg(p.value ORDER BY p.period_start) AS point_values,
           o.period_start AS fired_at, o.day_number AS fired_day, o.last_day AS fired_last_day, o.respond_within
    FROM walk w
    JOIN ordered o ON o.norm_id = w.norm_id AND o.seq = w.seq
    JOIN ordered p ON p.norm_id = w.norm_id AND p.seq > w.seq - length(w.recent) AND p.seq <= w.seq AND p.status = 'missed'
    WHERE w.fired
    GROUP BY o.norm_id, o.program, o.metric, o.period_start, o.day_number, o.last_day, o.respond_within
), criticals AS (
    SELECT norm_id, program, metric, 'critical' AS rule, 1 AS rule_order,
           array_agg(period) AS periods, array_agg(value) AS point_values, period_start AS fired_at, day_number AS fired_day,
           last_day AS fired_last_day, respond_within
    FROM norma_points WHERE critical
    GROUP BY norm_id, program, metric, period_start, day_number, last_day, respond_within
), fired AS (
    SELECT * FROM streaks UNION ALL SELECT * FROM windows UNION ALL SELECT * FROM criticals
), known_actions AS (
    -- Actions as known at the evaluation day: one not yet opened does not exist; a later closing has not happened.
    SELECT a.program, a.metric, ${dayOf('a.opened')} AS opened_day, ${dayOf('a.due')} AS due_day,
           CASE WHEN ${dayOf('a.closed')} <= r.as_of_day THEN ${dayOf('a.closed')} END AS closed_day, r.as_of_day
    FROM actions a CROSS JOIN norma_run r
    WHERE trim(coalesce(a.owner, '')) <> '' AND ${dayOf('a.opened')} <= r.as_of_day
), answered AS (
    SELECT f.*,
           (SELECT count(*) FROM known_actions a
             WHERE a.program = f.program AND a.metric = f.metric AND a.opened_day >= f.fired_day
               AND (f.respond_within IS NULL OR a.opened_day <= f.fired_last_day + f.respond_within)) AS answers,
           (SELECT count(*) FROM known_actions a
             WHERE a.program = f.program AND a.metric = f.metric AND a.opened_day >= f.fired_day
               AND (f.respond_within IS NULL OR a.opened_day <= f.fired_last_day + f.respond_within)
               AND a.due_day < a.as_of_day AND a.closed_day IS NULL) AS overdue_answers
    FROM fired f
)
SELECT norm_id, program, metric, rule, rule_order, periods, point_values, fired_at, fired_day,
       CAST(answers AS INTEGER) AS answers, answers = 0 AS unanswered, overdue_answers > 0 AS overdue
FROM answered`,

        `-- One verdict per norm in force at the evaluation day, the first that holds (SPEC §3, §3a).
CREATE TEMP VIEW norma_verdicts AS
WITH points AS (
    SELECT norm_id, count(*) FILTER (WHERE status IN ('met', 'missed')) AS judged,
           count(*) FILTER (WHERE status = 'missed') AS misses
    FROM norma_points GROUP BY norm_id
), triggers AS (
    SELECT norm_id, count(*) AS fired, count(*) FILTER (WHERE unanswered) AS unanswered,
           count(*) FILTER (WHERE overdue) AS overdue
    FROM norma_triggers GROUP BY norm_id
)
SELECT n.id AS norm_id, n.program, n.metric,
       CASE WHEN coalesce(p.judged, 0) = 0 THEN 'no-data'
            WHEN coalesce(t.unanswered, 0) > 0 THEN 'action-required'
            WHEN coalesce(t.overdue, 0) > 0 THEN 'overdue'
            WHEN coalesce(t.fired, 0) > 0 THEN 'action-planned'
            WHEN coalesce(p.misses, 0) > 0 THEN 'at-risk'
            ELSE 'met' END AS verdict,
       CAST(coalesce(t.fired, 0) AS INTEGER) AS triggers, CAST(coalesce(p.misses, 0) AS INTEGER) AS misses, n.ord
FROM norma_norms n
CROSS JOIN norma_run r
LEFT JOIN points p ON p.norm_id = n.id
LEFT JOIN triggers t ON t.norm_id = n.id
WHERE n.from_day IS NULL OR n.from_day <= r.as_of_day`,
    ];
}

/** How the script loads a model table's CSV file (run from the folder it was written into). */
function loadCsv(table: ModelTable, dialect: EvaluationDialect): string {
    const file = sqlString(tableFileName(table));
    return dialect === 'postgres'
        ? `\\copy ${table.name} FROM ${file} WITH (FORMAT csv, HEADER true)`
        : `COPY ${table.name} FROM ${file} (FORMAT csv, HEADER true)`;
}

export interface SqlFiles {
    /** File name to contents: the script and one CSV file per model table. */
    [file: string]: string;
}

/** The script and the CSV files it loads, as `norma compile --target sql` writes them. */
export function generateSqlFiles(model: NormaModel, dialect: EvaluationDialect = 'duckdb'): SqlFiles {
    const tables = modelTables(model, null);
    const run = tables.find(t => t.name === 'norma_run')!;
    const data = tables.filter(t => t !== run);
    const engine = dialect === 'postgres' ? 'PostgreSQL (psql)' : 'DuckDB';
    const setDay = `INSERT INTO norma_run VALUES (CAST(current_date - DATE '1970-01-01' AS INTEGER))`;
    const header = `-- Norma compiled checks for ${engine}: ${model.norms.length} norms over ${model.programs.length} programs.
-- Generated by \`norma compile --target sql --dialect ${dialect}\`; do not edit.
-- Needs tables or views:
--   measurements(program, metric, period, value, sample)    (§2: period as text, e.g. 2026-01-05)
--   actions(program, metric, opened, owner, due, closed, result)    (dates as DATE or YYYY-MM-DD text)
-- Run it from this folder (it loads ${data.map(tableFileName).join(' and ')}); the evaluation day is today
-- unless you set it: UPDATE norma_run SET as_of_day = DATE '2026-02-01' - DATE '1970-01-01';
-- then: SELECT * FROM norma_verdicts; (also norma_points and norma_triggers).`;
    const statements = [
        ...createTables(tables, dialect).map(s => `${s};`),
        // psql's \copy is a one-line client command, without a semicolon.
        ...data.map(t => loadCsv(t, dialect) + (dialect === 'postgres' ? '' : ';')),
        `${setDay};`,
        ...evaluationViews(dialect).map(s => `${s};`),
    ];
    const files: SqlFiles = { [SQL_FILE_NAME]: [header, ...statements].join('\n\n') + '\n' };
    for (const t of data) files[tableFileName(t)] = tableCsv(t);
    return files;
}

/** The script alone (DuckDB), for callers that only want to read it. */
export function generateSql(model: NormaModel): string {
    return generateSqlFiles(model, 'duckdb')[SQL_FILE_NAME];
}
