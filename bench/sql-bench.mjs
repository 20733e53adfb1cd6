#!/usr/bin/env node
// The SQL target in DuckDB against the hand-written window query, both in this process (one
// fresh in-memory database per run), interleaved (bench/harness.mjs): `norma compile --target
// sql` of the benchmark's 10,000-norm workspace, run over the 1,000,000-row CSV loaded as the
// `measurements` table, to the last row of `norma_verdicts`; against bench/duckdb-triggers.mjs
// over the same CSV. The SQL side is also timed by step: loading the CSV, the script's setup
// (the norms table and the views) and the verdict query. Both sides must find the same triggers.
//   node bench/sql-bench.mjs [--runs 3] [--rows 1000000] [--json results.json]
// Aim of issue 12: within 1.5x the hand-written query.
import { DuckDBInstance } from '@duckdb/node-api';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TRIGGERS_SQL } from './duckdb-triggers.mjs';
import { compiledSqlTarget, literal } from './sql-target.mjs';
import { compare, loadLine, machineLine, median, options, printComparisons, printTable, saveJson, seconds } from './harness.mjs';

const opt = options();
const RUNS = opt.number('--runs', 3);
const ROWS = opt.number('--rows', 1_000_000);
const { dir, meta, csv, statements } = compiledSqlTarget(ROWS, 'norma-sql-bench-');
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Runs `work(connection, mark)` in a fresh database; wall and CPU (this process, DuckDB's threads included). */
async function timed(work) {
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const steps = {};
    let last = performance.now();
    const mark = name => { const now = performance.now(); steps[name] = now - last; last = now; };
    const answer = await work(c, mark);
    c.closeSync();
    return { wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0, maxRssKb: null, steps, answer };
}

const stepsOfSql = [];
// compare() runs sides synchronously and DuckDB is asynchronous: the rounds run here, in the
// same order (SQL target, hand-written, SQL target, ...), and compare() reads them back.
const rounds = [];
for (let i = 0; i < RUNS; i++) {
    const sql = await timed(async (c, mark) => {
        await c.run(`CREATE TABLE measurements AS SELECT * FROM read_csv(${literal(csv)}, header = true,
            columns = {'program': 'VARCHAR', 'metric': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE', 'sample': 'BIGINT'})`);
        await c.run('CREATE TABLE actions(program VARCHAR, metric VARCHAR, opened DATE, owner VARCHAR, due DATE, closed DATE, result VARCHAR)');
        mark('load the CSV');
        for (const s of statements) await c.run(s);
        await c.run(`UPDATE norma_run SET as_of_day = DATE ${literal(meta.lastDay)} - DATE '1970-01-01'`);
        mark('script setup (norms table, views)');
        const reader = await c.runAndReadAll('SELECT verdict, count(*) AS n, CAST(sum(triggers) AS INTEGER) AS triggers FROM norma_verdicts GROUP BY verdict');
        const rows = reader.getRowObjectsJS();
        mark('norma_verdicts');
        return rows;
    });
    stepsOfSql.push(sql.steps);
    const hand = await timed(async c => (await c.runAndReadAll(TRIGGERS_SQL(csv, path.join(dir, 'norms.csv'), meta.lastDay))).getRowObjectsJS()
        .reduce((sum, r) => sum + Number(r.triggers), 0));
    // Both sides must find the same consecutive-miss triggers (the benchmark's norms have no other rule).
    const sqlTriggers = sql.answer.reduce((sum, r) => sum + Number(r.triggers), 0);
    if (sqlTriggers !== hand.answer) throw new Error(`The SQL target found ${sqlTriggers} triggers, the hand-written query ${hand.answer}.`);
    rounds.push([sql, hand]);
}
const replay = (label, side) => { let i = 0; return { label, run: () => rounds[i++][side] }; };
console.log(`The SQL target against the hand-written query, ${ROWS.toLocaleString('en')} rows, ${statements.length} statements; ${machineLine()}`);
console.log(loadLine('load'));
const cmp = compare({ name: `${(ROWS / 1e6).toLocaleString('en')}M rows`, runs: RUNS, aim: { ratio: 1.5 }, sides: [replay('norma compile --target sql, in DuckDB', 0), replay('hand-written window query', 1)] });
printComparisons([cmp], { title: 'SQL target in DuckDB (in-process, a fresh database per run; CPU of this process)' });
console.log('\nThe SQL side by step (median):');
printTable([['step', 'wall'], ...Object.keys(stepsOfSql[0]).map(k => [k, seconds(median(stepsOfSql.map(s => s[k])))])]);
const verdicts = rounds[0][0].answer.map(r => `${r.verdict} ${r.n}`).join(', ');
console.log(`Verdicts: ${verdicts}; both sides found ${rounds[0][1].answer.toLocaleString('en')} triggers.`);
saveJson(opt.string('--json'), 'sql', { comparisons: [cmp], steps: stepsOfSql });
