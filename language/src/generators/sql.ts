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
import type { MetricModel, NormaModel, NormModel } from '../model/types.js';
import { dayNumberOf, NO_OFFSET_RANK, parsePeriod } from '../engine/calendar.js';
import { requiredSample, Z_THOUSANDTHS } from '../engine/sample-size.js';
import { SQL_FILE_NAME } from './file-names.js';

export { SQL_FILE_NAME };

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
    // Fresh data (§3a): the metric's grain, and `data within N days` (the norm's, else its metric's; null: two periods).
    { name: 'grain', type: 'text' }, { name: 'data_within', type: 'integer' },
    // `sample valid at C% confidence within E%`: the sample needed is ceil(A N / (B N + A - B)) for a population
    // of N, ceil(A / B) = precision_n0 for an unknown one (engine/sample-size.ts); null without it.
    { name: 'precision_a', type: 'bigint' }, { name: 'precision_b', type: 'bigint' }, { name: 'precision_n0', type: 'bigint' },
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

function normRow(n: NormModel, ord: number, metrics: ReadonlyMap<string, MetricModel>): (string | null)[] {
    const precision = precisionOf(n);
    const metric = metrics.get(n.metric);
    return [
        String(ord), n.id, n.program, n.metric, n.op, n.targetExact ?? decimal(n.target), n.highExact ?? decimal(n.high),
        day(n.from), day(n.until), String(n.consecutive >= 1 ? Math.floor(n.consecutive) : 3), text(n.critical?.side),
        n.critical?.thresholdExact ?? decimal(n.critical?.threshold), integer(n.sampleMinimum),
        integer(n.missWindow !== null && n.missWindow !== undefined && n.missWindow >= n.consecutive ? Math.floor(n.missWindow) : null),
        integer(n.respondWithin), text(metric?.period), integer(n.dataWithin ?? metric?.dataWithin),
        integer(precision?.a), integer(precision?.b), integer(precision?.n0),
    ];
}

/** The whole numbers of `sample valid at ...` (engine/sample-size.ts works in the same ones), or null. */
function precisionOf(n: NormModel): { a: number; b: number; n0: number } | null {
    if (!n.samplePrecision) return null;
    const z = Z_THOUSANDTHS[String(n.samplePrecision.confidence)];
    const e = Math.round(n.samplePrecision.margin * 1000);
    const n0 = requiredSample(n.samplePrecision);
    if (z === undefined || !(e > 0) || n0 === undefined) return null;
    return { a: z * z * 10000, b: 4 * e * e, n0 };
}

/** The model's norms and exclusions (with the engine's reading of their periods) and the evaluation day. */
export function modelTables(model: NormaModel, asOf: string | null): ModelTable[] {
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
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
        { name: 'norma_norms', columns: NORM_COLUMNS, rows: model.norms.map((n, ord) => normRow(n, ord, metrics)) },
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

const DAY_ZERO = `DATE '1970-01-01'`;

/**
 * A period's text read into its first day (days since 1970-01-01), its minute of the day and
 * its UTC offset, in arithmetic every dialect shares: a day `2026-01-05`, a month `2026-01`, an
 * ISO week `2026-W02` (its Monday: week 1 holds January 4th), an interval start
 * `2026-01-05T09:30`, or one with the offset of a daylight-saving night `2026-10-25T01:30+01:00`.
 * The shape is told by the length (cheap on millions of rows) and a W or T where a week or an
 * interval has one; a text of any other shape stops the query with an error that names it (or
 * with the database's own error on a day that does not exist), as the engine refuses such a row.
 */
function periodParts(p: string): { day: string; minute: string; offset: string } {
    const int = (from: number, length: number) => `CAST(substr(${p}, ${from}, ${length}) AS INTEGER)`;
    const jan4 = `(make_date(${int(1, 4)}, 1, 4) - ${DAY_ZERO})`;
    // ISO weekday minus one (0 = Monday) of a day number: 1970-01-01 was a Thursday.
    const fromMonday = (dn: string) => `(((${dn} + 3) % 7 + 7) % 7)`;
    return {
        day: `CASE length(${p})
                WHEN 10 THEN CAST(${p} AS DATE) - ${DAY_ZERO}
                WHEN 7 THEN CAST(${p} || '-01' AS DATE) - ${DAY_ZERO}
                ELSE CASE
                    WHEN length(${p}) = 8 AND substr(${p}, 6, 1) = 'W' THEN ${jan4} - ${fromMonday(jan4)} + 7 * (${int(7, 2)} - 1)
                    WHEN length(${p}) IN (16, 22) AND substr(${p}, 11, 1) = 'T' THEN CAST(substr(${p}, 1, 10) AS DATE) - ${DAY_ZERO}
                    ELSE CAST('not a period: ' || ${p} AS INTEGER)
                END
            END`,
        minute: `CASE WHEN length(${p}) >= 16 THEN ${int(12, 2)} * 60 + ${int(15, 2)} ELSE 0 END`,
        offset: `CASE WHEN length(${p}) = 22
                THEN CASE WHEN substr(${p}, 17, 1) = '-' THEN -1 ELSE 1 END * (${int(18, 2)} * 60 + ${int(21, 2)}) END`,
    };
}

/** The day number of a period's last day: a week's Sunday, a month's last day; a day or interval's own day. */
function periodLastDay(p: string, dayExpr: string): string {
    const int = (from: number, length: number) => `CAST(substr(${p}, ${from}, ${length}) AS INTEGER)`;
    return `CASE length(${p})
            WHEN 8 THEN ${dayExpr} + 6 -- a week (the day number stopped any other text of 8 characters)
            WHEN 7 THEN (CASE WHEN ${int(6, 2)} = 12 THEN make_date(${int(1, 4)} + 1, 1, 1)
                ELSE make_date(${int(1, 4)}, ${int(6, 2)} + 1, 1) END - ${DAY_ZERO}) - 1
            ELSE ${dayExpr}
        END`;
}

/**
 * The last day a norm's data may end on and still be fresh (SPEC §3a, engine/freshness.ts), from
 * the last day of its latest judged point: `data within N days` after it, else two periods of
 * the metric's grain (two weeks; the end of the second month after; two days; one day for
 * intraday grains).
 */
function freshUntil(lastDay: string): string {
    const next = `(${DAY_ZERO} + CAST(${lastDay} + 1 AS INTEGER))`;
    const year = `CAST(EXTRACT(YEAR FROM ${next}) AS INTEGER)`;
    const month = `CAST(EXTRACT(MONTH FROM ${next}) AS INTEGER)`;
    return `CASE
            WHEN n.data_within IS NOT NULL THEN ${lastDay} + n.data_within
            WHEN n.grain = 'weekly' THEN ${lastDay} + 14
            WHEN n.grain = 'monthly' THEN (CASE WHEN ${month} >= 11 THEN make_date(${year} + 1, ${month} - 10, 1)
                ELSE make_date(${year}, ${month} + 2, 1) END - ${DAY_ZERO}) - 1
            WHEN n.grain = 'daily' THEN ${lastDay} + 2
            ELSE ${lastDay} + 1
        END`;
}

export interface ViewOptions {
    /**
     * Whether `measurements` has a `population` column (the contacts a sample was drawn from):
     * read only when a norm says `sample valid at ...`, for the finite population correction.
     */
    population?: boolean;
}

/** Whether the model's evaluation reads `measurements.population`. */
export function needsPopulation(model: NormaModel): boolean {
    return model.norms.some(n => n.samplePrecision && precisionOf(n) !== null);
}

/**
 * The points of every norm in force, with their statuses (SPEC §3): the points of the norm's
 * program and metric whose period's first day is on or after its from day, before its until
 * day and not after the evaluation day. CTEs ending in `points`.
 */
function pointCtes(dialect: EvaluationDialect, options: ViewOptions): string {
    const part = periodParts('period');
    const wide = (x: string) => (dialect === 'postgres' ? `CAST(${x} AS NUMERIC)` : `CAST(${x} AS HUGEINT)`);
    // `sample valid at C% confidence within E%` needs ceil(A N / (B N + A - B)) of a population N,
    // ceil(A / B) of an unknown one (engine/sample-size.ts); sample >= ceil(X / D) is sample * D >= X.
    // A population below 1 (a data error the engine refuses) asks nothing, as in the engine.
    const tooSmallForPrecision = options.population
        ? `CASE WHEN w.population IS NULL THEN w.sample IS NULL OR w.sample < w.precision_n0 WHEN w.population <= 0 THEN false
                    ELSE w.sample IS NULL OR ${wide('w.sample')} * (${wide('w.population')} * w.precision_b + w.precision_a - w.precision_b) < ${wide('w.precision_a')} * w.population END`
        : 'w.sample IS NULL OR w.sample < w.precision_n0';
    return `norms AS (
    -- The norms in force at the evaluation day (a norm whose from day is later is upcoming).
    SELECT n.*, r.as_of_day FROM norma_norms n CROSS JOIN norma_run r
    WHERE n.from_day IS NULL OR n.from_day <= r.as_of_day
), parsed AS (
    SELECT program, metric, period, value, CAST(sample AS BIGINT) AS sample${options.population ? ', CAST(population AS BIGINT) AS population' : ''},
           ${part.day} AS day_number,
           ${part.minute} AS minute_of_day,
           ${part.offset} AS utc_offset
    FROM measurements
), windowed AS (
    SELECT n.ord AS norm_ord, n.id AS norm_id, n.program, n.metric, m.period, m.day_number,
           CAST(m.day_number AS BIGINT) * 1440 + m.minute_of_day AS period_start, m.utc_offset,
           -- Period order (comparePeriods): by start; at the same local start, no offset first, then the larger offset.
           (CAST(m.day_number AS BIGINT) * 1440 + m.minute_of_day) * 2048 + (${NO_OFFSET_RANK} - coalesce(m.utc_offset, ${NO_OFFSET_RANK})) AS point_order,
           ${periodLastDay('m.period', 'm.day_number')} AS last_day,
           m.value, m.sample${options.population ? ', m.population' : ''}, n.op, n.target, n.high, n.critical_side, n.critical_threshold,
           n.sample_minimum, n.precision_a, n.precision_b, n.precision_n0, n.consecutive, n.miss_window, n.respond_within
    FROM parsed m JOIN norms n ON n.program = m.program AND n.metric = m.metric
    WHERE m.day_number <= n.as_of_day AND (n.from_day IS NULL OR m.day_number >= n.from_day)
      AND (n.until_day IS NULL OR m.day_number < n.until_day)
), norm_exclusions AS (
    -- The exclusions naming each norm's program and metric (null: all), not expired at the
    -- evaluation day (an expired one is no longer applied, §3a).
    SELECT n.ord AS norm_ord, x.ord, x.id, x.start_minute, x.end_minute
    FROM norms n JOIN norma_exclusions x
      ON (x.program IS NULL OR x.program = n.program) AND (x.metric IS NULL OR x.metric = n.metric)
    WHERE x.expires_day IS NULL OR x.expires_day >= n.as_of_day
), bounds AS (
    SELECT norm_ord, start_minute AS b FROM norm_exclusions UNION SELECT norm_ord, end_minute FROM norm_exclusions
), segments AS (
    SELECT norm_ord, b AS seg_start, lead(b) OVER (PARTITION BY norm_ord ORDER BY b) AS seg_end FROM bounds
), excused AS (
    -- Each norm's time line cut where an exclusion starts or ends: every piece is excused by the first
    -- exclusion (in model order) holding it, so a point meets at most one piece (no lookup per point).
    SELECT s.norm_ord, s.seg_start, s.seg_end, min(x.ord) AS exclusion_ord
    FROM segments s JOIN norm_exclusions x
      ON x.norm_ord = s.norm_ord AND x.start_minute <= s.seg_start AND s.seg_start < x.end_minute
    WHERE s.seg_end IS NOT NULL
    GROUP BY s.norm_ord, s.seg_start, s.seg_end
), excused_named AS (
    SELECT e.*, x.id AS exclusion
    FROM excused e JOIN (SELECT DISTINCT ord, id FROM norma_exclusions) x ON x.ord = e.exclusion_ord
), assessed AS (
    SELECT w.*, e.exclusion_ord, e.exclusion,
           (w.sample_minimum IS NOT NULL AND (w.sample IS NULL OR w.sample < w.sample_minimum))
           OR (w.precision_a IS NOT NULL AND (${tooSmallForPrecision})) AS unsampled,
           CASE w.op
               WHEN '>=' THEN w.value >= w.target WHEN '>' THEN w.value > w.target
               WHEN '<=' THEN w.value <= w.target WHEN '<' THEN w.value < w.target
               ELSE w.value >= w.target AND w.value <= coalesce(w.high, w.target)
           END AS meets,
           CASE w.critical_side
               WHEN 'below' THEN w.value < w.critical_threshold
               WHEN 'above' THEN w.value > w.critical_threshold
               ELSE false
           END AS crosses_floor
    FROM windowed w LEFT JOIN excused_named e
      ON e.norm_ord = w.norm_ord AND w.period_start >= e.seg_start AND w.period_start < e.seg_end
), points AS (
    SELECT norm_ord, norm_id, program, metric, period, period_start, utc_offset, point_order, day_number, last_day, value, sample, consecutive, miss_window, respond_within, exclusion,
           CASE WHEN exclusion_ord IS NOT NULL THEN 'excluded' WHEN unsampled THEN 'unsampled'
                WHEN meets THEN 'met' ELSE 'missed' END AS status,
           exclusion_ord IS NULL AND NOT unsampled AND NOT meets AND crosses_floor AS critical
    FROM assessed
)`;
}

/**
 * The triggers of every norm (SPEC §3, §3a), CTEs over \`assessed\` ending in \`answered\`: one row per
 * trigger with the judged positions of its first and last (firing) points and the actions that
 * answer it. \`withPeriods\` keeps each judged point's period and value (for the triggers view).
 */
function triggerCtes(withPeriods: boolean): string {
    return `judged AS MATERIALIZED (
    -- The judged points (met or missed, neither excluded nor unsampled) of each norm, numbered in period
    -- order: the one sort of all points.
    SELECT norm_ord, ${withPeriods ? 'period, value, ' : ''}period_start, day_number, last_day, NOT meets AS missed,
           NOT meets AND crosses_floor AS critical, consecutive, miss_window,
           row_number() OVER (PARTITION BY norm_ord ORDER BY point_order) AS seq
    FROM assessed WHERE exclusion_ord IS NULL AND NOT unsampled
), misses AS (
    -- A streak of misses is a run of consecutive numbers among a norm's misses (a met point between two
    -- misses leaves a gap): seq minus the miss's own number is the same along a streak.
    SELECT norm_ord, period_start, day_number, last_day, seq, consecutive,
           seq - row_number() OVER (PARTITION BY norm_ord ORDER BY seq) AS streak
    FROM judged WHERE missed AND miss_window IS NULL
), streaks AS (
    -- Every N consecutive misses fire, the streak then starting again.
    SELECT norm_ord, 'consecutive' AS rule, 2 AS rule_order, seq - consecutive + 1 AS first_seq, seq AS fired_seq,
           period_start AS fired_at, day_number AS fired_day, last_day AS fired_last_day
    FROM (SELECT *, row_number() OVER (PARTITION BY norm_ord, streak ORDER BY seq) AS position FROM misses) m
    WHERE position % consecutive = 0
), ordered AS MATERIALIZED (
    SELECT norm_ord, seq, period_start, day_number, last_day, missed, consecutive, miss_window,
           CASE WHEN missed THEN 'x' ELSE 'o' END AS outcome
    FROM judged WHERE miss_window IS NOT NULL
), walk AS (
    -- \`act after N of M misses\`: the outcomes since counting last started again, at most M, newest
    -- last ('x' missed, 'o' met); N misses among them fire, and counting starts again.
    SELECT norm_ord, seq, right(outcome, miss_window) AS recent,
           missed AND consecutive <= 1 AS fired
    FROM ordered WHERE seq = 1
    UNION ALL
    SELECT o.norm_ord, o.seq,
           right(CASE WHEN w.fired THEN '' ELSE w.recent END || o.outcome, o.miss_window),
           o.missed AND length(right(CASE WHEN w.fired THEN '' ELSE w.recent END || o.outcome, o.miss_window))
               - length(replace(right(CASE WHEN w.fired THEN '' ELSE w.recent END || o.outcome, o.miss_window), 'x', '')) >= o.consecutive
    FROM walk w JOIN ordered o ON o.norm_ord = w.norm_ord AND o.seq = w.seq + 1
), windows AS (
    SELECT o.norm_ord, 'n-of-m' AS rule, 2 AS rule_order, o.seq - length(w.recent) + 1 AS first_seq, o.seq AS fired_seq,
           o.period_start AS fired_at, o.day_number AS fired_day, o.last_day AS fired_last_day
    FROM walk w JOIN ordered o ON o.norm_ord = w.norm_ord AND o.seq = w.seq
    WHERE w.fired
), criticals AS (
    -- Each point past the critical floor fires on its own.
    SELECT norm_ord, 'critical' AS rule, 1 AS rule_order, seq AS first_seq, seq AS fired_seq,
           period_start AS fired_at, day_number AS fired_day, last_day AS fired_last_day
    FROM judged WHERE critical
), fired AS (
    SELECT * FROM streaks UNION ALL SELECT * FROM windows UNION ALL SELECT * FROM criticals
), known_actions AS (
    -- Actions as known at the evaluation day, with an owner: one not yet opened does not exist; a later
    -- closing has not happened.
    SELECT a.program, a.metric, ${dayOf('a.opened')} AS opened_day, ${dayOf('a.due')} AS due_day,
           CASE WHEN ${dayOf('a.closed')} <= r.as_of_day THEN ${dayOf('a.closed')} END AS closed_day, r.as_of_day
    FROM actions a CROSS JOIN norma_run r
    WHERE trim(coalesce(a.owner, '')) <> '' AND ${dayOf('a.opened')} <= r.as_of_day
), answered AS (
    -- A trigger is answered by every action of its program and metric opened on or after the first day
    -- of its firing period and, with \`respond within D days\`, no later than D days after that period's
    -- last day (§3a); it is overdue when one of them is open past its due day.
    SELECT f.norm_ord, f.rule, f.rule_order, f.first_seq, f.fired_seq, f.fired_at, f.fired_day,
           count(a.opened_day) AS answers,
           count(CASE WHEN a.due_day < a.as_of_day AND a.closed_day IS NULL THEN 1 END) AS overdue_answers
    FROM fired f JOIN norma_norms n ON n.ord = f.norm_ord
    LEFT JOIN known_actions a ON a.program = n.program AND a.metric = n.metric AND a.opened_day >= f.fired_day
        AND (n.respond_within IS NULL OR a.opened_day <= f.fired_last_day + n.respond_within)
    GROUP BY f.norm_ord, f.rule, f.rule_order, f.first_seq, f.fired_seq, f.fired_at, f.fired_day
)`;
}

const dayOf = (column: string) => `(CAST(${column} AS DATE) - ${DAY_ZERO})`;

/** The evaluation views over `measurements`, `actions` and the model tables. */
export function evaluationViews(dialect: EvaluationDialect, options: ViewOptions = {}): string[] {
    const points = pointCtes(dialect, options);
    return [
        `-- Every point in its norm's window, with its status (SPEC §3): met, missed, unsampled (sample too small)
-- or excluded (the exclusion that excused it); critical when a missed point crosses the norm's floor.
-- ORDER BY norm_ord, point_order lists them as the engine does (point_order breaks a daylight-saving night's ties).
CREATE TEMP VIEW norma_points AS
WITH ${points}
SELECT norm_id, norm_ord, program, metric, period, period_start, utc_offset, point_order, day_number, last_day, value, sample,
       consecutive, miss_window, respond_within, exclusion, status, critical
FROM points`,

        `-- Triggers: each critical point (rule critical); every N consecutive misses, the streak then starting
-- again (rule consecutive); with \`act after N of M misses\`, when N of the last M judged points are missed,
-- counting then starting again (rule n-of-m). Unsampled and excluded points are left out. \`answers\` counts
-- the actions that answer a trigger (§3a); \`fired_seq\` is the firing point's place among its norm's judged points.
CREATE TEMP VIEW norma_triggers AS
WITH RECURSIVE ${points}, ${triggerCtes(true)}
SELECT n.id AS norm_id, n.program, n.metric, t.rule, t.rule_order,
       array_agg(p.period ORDER BY p.seq) AS periods, array_agg(p.value ORDER BY p.seq) AS point_values,
       t.fired_at, t.fired_day, t.fired_seq, CAST(t.answers AS INTEGER) AS answers,
       t.answers = 0 AS unanswered, t.overdue_answers > 0 AS overdue
FROM answered t
JOIN norma_norms n ON n.ord = t.norm_ord
JOIN judged p ON p.norm_ord = t.norm_ord AND p.seq BETWEEN t.first_seq AND t.fired_seq AND p.missed
GROUP BY n.id, n.program, n.metric, t.norm_ord, t.rule, t.rule_order, t.fired_at, t.fired_day, t.fired_seq, t.answers, t.overdue_answers`,

        `-- One verdict per norm in force at the evaluation day, the first that holds (SPEC §3, §3a): no-data (no
-- judged point), action-required (a trigger not answered), overdue, stale (the latest judged point older
-- than the allowance; \`fresh_until\` is the last day it covers), action-planned, at-risk (a miss), met.
CREATE TEMP VIEW norma_verdicts AS
WITH RECURSIVE ${points}, ${triggerCtes(false)}, counts AS (
    SELECT norm_ord, count(*) AS judged, count(CASE WHEN missed THEN 1 END) AS misses,
           max(last_day) AS latest_last_day
    FROM judged GROUP BY norm_ord
), trigger_counts AS (
    SELECT norm_ord, count(*) AS fired, count(CASE WHEN answers = 0 THEN 1 END) AS unanswered,
           count(CASE WHEN overdue_answers > 0 THEN 1 END) AS overdue
    FROM answered GROUP BY norm_ord
), freshness AS (
    -- Only a norm still in force can go stale (a superseded one has ended).
    SELECT n.ord AS norm_ord, CASE WHEN n.until_day IS NULL OR n.until_day > n.as_of_day
                                   THEN ${freshUntil('c.latest_last_day')} END AS fresh_until
    FROM norms n JOIN counts c ON c.norm_ord = n.ord
)
SELECT n.id AS norm_id, n.program, n.metric,
       CASE WHEN coalesce(c.judged, 0) = 0 THEN 'no-data'
            WHEN coalesce(t.unanswered, 0) > 0 THEN 'action-required'
            WHEN coalesce(t.overdue, 0) > 0 THEN 'overdue'
            WHEN f.fresh_until < n.as_of_day THEN 'stale'
            WHEN coalesce(t.fired, 0) > 0 THEN 'action-planned'
            WHEN coalesce(c.misses, 0) > 0 THEN 'at-risk'
            ELSE 'met' END AS verdict,
       CAST(coalesce(t.fired, 0) AS INTEGER) AS triggers, CAST(coalesce(c.misses, 0) AS INTEGER) AS misses,
       ${DAY_ZERO} + CAST(f.fresh_until AS INTEGER) AS fresh_until, n.ord
FROM norms n
LEFT JOIN counts c ON c.norm_ord = n.ord
LEFT JOIN trigger_counts t ON t.norm_ord = n.ord
LEFT JOIN freshness f ON f.norm_ord = n.ord`,
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
    const population = needsPopulation(model);
    const setDay = `INSERT INTO norma_run VALUES (CAST(current_date - DATE '1970-01-01' AS INTEGER))`;
    const header = `-- Norma compiled checks for ${engine}: ${model.norms.length} norms over ${model.programs.length} programs.
-- Generated by \`norma compile --target sql --dialect ${dialect}\`; do not edit.
-- Needs tables or views:
--   measurements(program, metric, period, value, sample${population ? ', population' : ''})    (§2: period as text, e.g. 2026-01-05${population ? ';\n--       population: the contacts each sample was drawn from, for `sample valid at`, or NULL' : ''})
--   actions(program, metric, opened, owner, due, closed, result)    (dates as DATE or YYYY-MM-DD text)
-- Run it from this folder (it loads ${data.map(tableFileName).join(' and ')}); the evaluation day is today
-- unless you set it: UPDATE norma_run SET as_of_day = DATE '2026-02-01' - DATE '1970-01-01';
-- then: SELECT * FROM norma_verdicts; (also norma_points and norma_triggers).`;
    const statements = [
        ...createTables(tables, dialect).map(s => `${s};`),
        // psql's \copy is a one-line client command, without a semicolon.
        ...data.map(t => loadCsv(t, dialect) + (dialect === 'postgres' ? '' : ';')),
        `${setDay};`,
        ...evaluationViews(dialect, { population }).map(s => `${s};`),
    ];
    const files: SqlFiles = { [SQL_FILE_NAME]: [header, ...statements].join('\n\n') + '\n' };
    for (const t of data) files[tableFileName(t)] = tableCsv(t);
    return files;
}

/** The script alone (DuckDB), for callers that only want to read it. */
export function generateSql(model: NormaModel): string {
    return generateSqlFiles(model, 'duckdb')[SQL_FILE_NAME];
}
