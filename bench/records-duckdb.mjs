// The hand-written yardstick of the records benchmark: the same figures as the benchmark's
// workspace (30-minute service level and daily AHT per queue), as one would write them directly
// in DuckDB, reading the same file. Writes the rows as CSV to the output file.
//   node bench/records-duckdb.mjs <calls.csv|calls.parquet> <out.csv>
import * as fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const source = input.endsWith('.parquet') ? `read_parquet('${input}')` : `read_csv('${input}', header = true)`;
const sql = `
WITH calls AS (SELECT * FROM ${source} WHERE outcome <> 'TEST'),
sl AS (
    SELECT queue, strftime(time_bucket(INTERVAL '30 minutes', CAST(offered_at AS TIMESTAMP)), '%Y-%m-%dT%H:%M') AS period,
        count(*) FILTER (WHERE outcome = 'ANSWERED' AND queue_seconds <= 20) AS n,
        count(*) FILTER (WHERE outcome = 'ANSWERED' OR (outcome = 'ABANDONED' AND queue_seconds >= 5)) AS d
    FROM calls GROUP BY ALL),
aht AS (
    SELECT queue, strftime(CAST(offered_at AS TIMESTAMP), '%Y-%m-%d') AS period,
        sum(talk + hold + wrap) AS s, count(talk + hold + wrap) AS d
    FROM calls WHERE outcome = 'ANSWERED' GROUP BY ALL)
SELECT 'ServiceLevel' AS metric, queue, period, 100.0 * n / d AS value, d AS sample FROM sl WHERE d > 0
UNION ALL
SELECT 'AverageHandleTime', queue, period, s / d, d FROM aht WHERE d > 0
ORDER BY 1, 2, 3`;
const reader = await c.runAndReadAll(sql);
const lines = ['metric,queue,period,value,sample', ...reader.getRows().map(r => r.map(String).join(','))];
fs.writeFileSync(output, lines.join('\n') + '\n');
