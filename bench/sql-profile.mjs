#!/usr/bin/env node
// Where the SQL target's verdict query spends its time in DuckDB: compiles the benchmark's
// 10,000-norm workspace with `norma compile --target sql`, loads the generated CSV as the
// `measurements` table, runs the query twice (timed), then once under DuckDB's profiler and
// prints the operators that took longest (thread time, so they can add up to more than the wall).
//   node bench/sql-profile.mjs [--rows 1000000] [--n-of-m] [--query "SELECT ..."]
// --n-of-m makes every norm `act after N of N+2 misses` (the recursive walk).
import { DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, loadLine, options, runNode } from './harness.mjs';

const opt = options();
const ROWS = opt.number('--rows', 1_000_000);
const dir = path.join(ROOT, 'bench/data', String(ROWS));
if (!fs.existsSync(path.join(dir, 'measurements.csv'))) {
    console.error(`No data in ${path.relative(ROOT, dir)}: run node bench/check-bench.mjs --rows ${ROWS} first (it generates it).`);
    process.exit(2);
}
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-sql-profile-'));
process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
const compiled = runNode(path.join(ROOT, 'cli/bin/norma.js'), ['compile', path.join(dir, 'workspace'), '--target', 'sql', '--out', out]);
if (compiled.status !== 0) throw new Error(`norma compile failed:\n${compiled.stderr}`);
const literal = s => `'${s.replace(/'/g, "''")}'`;
const statements = fs.readFileSync(path.join(out, 'norma-checks.sql'), 'utf8').split(/;\n/).map(s => s.trim())
    .filter(s => s && !/^(--[^\n]*\n?)*$/.test(s))
    .map(s => s.replace(/FROM '(norma-[a-z-]+\.csv)'/, (_, file) => `FROM ${literal(path.join(out, file))}`));
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
