#!/usr/bin/env node
// Where the SQL target's verdict query spends its time in DuckDB: compiles the benchmark's
// 10,000-norm workspace with `norma compile --target sql`, loads the generated CSV as the
// `measurements` table, runs the query twice (timed), then once under DuckDB's profiler and
// prints the operators that took longest (thread time, so they can add up to more than the wall).
//   node bench/sql-profile.mjs [--rows 1000000] [--n-of-m] [--query "SELECT ..."]
// --n-of-m makes every norm `act after N of N+2 misses` (the recursive walk).
import { DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadLine, options } from './harness.mjs';
import { compiledSqlTarget, literal } from './sql-target.mjs';

const opt = options();
const ROWS = opt.number('--rows', 1_000_000);
const { dir, meta, out, statements } = compiledSqlTarget(ROWS, 'norma-sql-profile-');
const c = await (await DuckDBInstance.create(':memory:')).connect();
await c.run(`CREATE TABLE measurements AS SELECT * FROM read_csv(${literal(path.join(dir, 'measurements.csv'))}, header = true,
    columns = {'program': 'VARCHAR', 'metric': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE', 'sample': 'BIGINT'})`);
await c.run('CREATE TABLE actions(program VARCHAR, metric VARCHAR, opened DATE, owner VARCHAR, due DATE, closed DATE, result VARCHAR)');
for (const s of statements) await c.run(s);
await c.run(`UPDATE norma_run SET as_of_day = DATE ${literal(meta.lastDay)} - DATE '1970-01-01'`);
if (opt.flag('--n-of-m')) await c.run('UPDATE norma_norms SET miss_window = consecutive + 2');
const query = opt.string('--query', 'SELECT verdict, count(*) AS n, CAST(sum(triggers) AS INTEGER) AS triggers FROM norma_verdicts GROUP BY verdict ORDER BY verdict');
console.log(loadLine('load'));
for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const rows = (await c.runAndReadAll(query)).getRowObjectsJS();
    console.log(`run ${i + 1}: ${(performance.now() - started).toFixed(0)} ms, ${rows.map(r => Object.values(r).join(' ')).join('; ')}`);
}
const profile = path.join(out, 'profile.json');
await c.run("PRAGMA enable_profiling = 'json'");
await c.run(`PRAGMA profiling_output = ${literal(profile)}`);
await c.runAndReadAll(query);
await c.run('PRAGMA disable_profiling');
const tree = JSON.parse(fs.readFileSync(profile, 'utf8'));
const operators = [];
const walk = node => {
    if (node.operator_name) operators.push({ name: node.operator_name, seconds: node.operator_timing ?? 0, rows: node.operator_cardinality ?? 0, info: JSON.stringify(node.extra_info ?? {}) });
    for (const child of node.children ?? []) walk(child);
};
walk(tree);
console.log(`profiled run: ${(tree.latency * 1000).toFixed(0)} ms; the operators that took longest:`);
for (const o of operators.sort((a, b) => b.seconds - a.seconds).slice(0, 12)) {
    console.log(`  ${o.seconds.toFixed(3)} s  ${o.name.padEnd(16)} ${String(o.rows).padStart(9)} rows  ${o.info.slice(0, 110)}`);
}
c.closeSync();
