// The consecutive-miss rule in DuckDB, as a yardstick for `norma check`: read the measurements
// CSV, join each norm's target from a small table (norms.csv, written by bench/generate.mjs),
// mark missed points, find runs of consecutive misses (gaps and islands: the difference of two
// row numbers is constant along a run) and count floor(run length / N) triggers per program and
// metric. Only what the benchmark's norms use: daily points, `>=`/`<=` targets, no floor, no
// sample minimum, no exclusion.
import { DuckDBInstance } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';

const literal = s => `'${String(s).replace(/'/g, "''")}'`;

export const TRIGGERS_SQL = (measurementsCsv, normsCsv, asOf) => `
WITH m AS (
    SELECT program, metric, period, value
    FROM read_csv(${literal(measurementsCsv)}, header = true,
        columns = {'program': 'VARCHAR', 'metric': 'VARCHAR', 'period': 'DATE', 'value': 'DOUBLE', 'sample': 'BIGINT'})
    WHERE period <= DATE ${literal(asOf)}
),
n AS (
    SELECT * FROM read_csv(${literal(normsCsv)}, header = true,
        columns = {'program': 'VARCHAR', 'metric': 'VARCHAR', 'op': 'VARCHAR', 'target': 'DOUBLE', 'consecutive': 'INTEGER'})
),
judged AS (
    SELECT m.program, m.metric, m.period, n.consecutive,
           CASE n.op WHEN '>=' THEN m.value < n.target WHEN '>' THEN m.value <= n.target
                     WHEN '<=' THEN m.value > n.target ELSE m.value >= n.target END AS missed
    FROM m JOIN n USING (program, metric)
),
islands AS (
    SELECT program, metric, consecutive, missed,
           row_number() OVER (PARTITION BY program, metric ORDER BY period)
         - row_number() OVER (PARTITION BY program, metric, missed ORDER BY period) AS island
    FROM judged
),
runs AS (
    SELECT program, metric, consecutive, count(*) AS length
    FROM islands WHERE missed
    GROUP BY program, metric, consecutive, island
)
SELECT program, metric, CAST(sum(length // consecutive) AS INTEGER) AS triggers
FROM runs
GROUP BY program, metric
HAVING sum(length // consecutive) > 0
ORDER BY program, metric`;

/**
 * Runs the query in a fresh in-memory DuckDB. The time covers everything from creating the
 * database to the last result row (reading and parsing the CSV included), like the CLI's.
 */
export async function duckdbConsecutiveTriggers(measurementsCsv, normsCsv, asOf) {
    const started = performance.now();
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const reader = await connection.runAndReadAll(TRIGGERS_SQL(measurementsCsv, normsCsv, asOf));
    const rows = reader.getRowObjectsJS();
    const ms = performance.now() - started;
    connection.closeSync();
    const perSeries = new Map();
    let total = 0;
    for (const r of rows) {
        perSeries.set(`${r.program}/${r.metric}`, Number(r.triggers));
        total += Number(r.triggers);
    }
    return { ms, total, perSeries };
}
