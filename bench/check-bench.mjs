#!/usr/bin/env node
// `npm run bench` (after the build): `norma check` on 1,000,000 measurement rows against DuckDB
// evaluating the same consecutive-miss rule over the same CSV, timed in the same run.
//
//   node bench/check-bench.mjs [--programs 1000] [--metrics 10] [--days 100] [--runs 3] [--regenerate]
//   (each side runs --runs times; the best time is reported, as timings on a busy machine vary)
//
// 1. Generates bench/data (bench/generate.mjs) unless it is there with the same parameters.
// 2. Norma: `node cli/bin/norma.js check bench/data/workspace --data bench/data/measurements.csv
//    --format json --output <tmp> --as-of <last day>` as a child process, wall-clock timed
//    (node start-up, loading the workspace, reading the CSV, evaluating, writing the JSON report).
//    Peak memory: the child runs the CLI through bench/rss-wrapper.mjs, which imports the CLI in
//    the same process and, on exit, prints process.resourceUsage().maxRSS (the kernel's peak
//    resident set, getrusage ru_maxrss). That works on any OS Node runs on, needs no
//    /usr/bin/time (GNU-only flags), and cannot miss a short peak the way polling /proc would.
// 3. DuckDB (@duckdb/node-api, in this process): bench/duckdb-triggers.mjs, from creating the
//    database to the last result row, CSV parsing included.
// 4. Prints both times, the ratio Norma / DuckDB, Norma's peak RSS, and the number of
//    consecutive-rule triggers each found; they must agree, per program and metric too
//    (exit 1 when they do not).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { duckdbConsecutiveTriggers } from './duckdb-triggers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'bench/data');
const CLI = path.join(ROOT, 'cli/bin/norma.js');
const WRAPPER = path.join(ROOT, 'bench/rss-wrapper.mjs');

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const params = { programs: arg('--programs', 1000), metrics: arg('--metrics', 10), days: arg('--days', 100), seed: 42 };
const RUNS = arg('--runs', 3);

// ---- 1. data
const metaFile = path.join(DATA, 'meta.json');
let meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : null;
const same = meta && ['programs', 'metrics', 'days', 'seed'].every(k => meta[k] === params[k])
    && fs.existsSync(path.join(DATA, 'measurements.csv')) && fs.existsSync(path.join(DATA, 'norms.csv'));
if (!same || argv.includes('--regenerate')) {
    const started = performance.now();
    fs.mkdirSync(DATA, { recursive: true });
    meta = generate({ ...params, out: DATA });
    console.log(`Generated ${meta.rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const csvFile = path.join(DATA, 'measurements.csv');
const normsFile = path.join(DATA, 'norms.csv');
const asOf = meta.lastDay;
const mb = bytes => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`Data: ${meta.rows.toLocaleString('en')} rows (${meta.programs} programs x ${meta.metrics} metrics x ${meta.days} days), `
    + `${mb(fs.statSync(csvFile).size)} CSV, as of ${asOf}; ${os.cpus().length} CPU, Node ${process.version}`);

if (!fs.existsSync(CLI) || !fs.existsSync(path.join(ROOT, 'dist/cli.mjs'))) {
    console.error('The CLI is not built: run `npm run build` (or `npm run bench`, which builds first).');
    process.exit(2);
}

// ---- 2. Norma
function runNorma() {
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'norma-bench-')), 'report.json');
    const args = ['check', path.join(DATA, 'workspace'), '--data', csvFile, '--format', 'json', '--output', output, '--as-of', asOf];
    const started = performance.now();
    const child = spawnSync(process.execPath, [WRAPPER, CLI, ...args], {
        cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    // 0: the gate passes, 1: it fails (breaches are expected here); anything else is a failure of the run.
    if (child.status !== 0 && child.status !== 1) {
        console.error(`norma check exited ${child.status}:\n${child.stderr}`);
        process.exit(2);
    }
    const rss = /norma-bench-max-rss-kb=(\d+)/.exec(child.stderr);
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    fs.rmSync(path.dirname(output), { recursive: true, force: true });
    const perSeries = new Map();
    let total = 0;
    for (const r of report.results) {
        const n = r.triggers.filter(t => t.rule === 'consecutive').length;
        if (n) perSeries.set(`${r.program}/${r.metric}`, n);
        total += n;
    }
    return { ms, exit: child.status, maxRssKb: rss ? Number(rss[1]) : null, total, perSeries, norms: report.summary.norms };
}

const best = (runs) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const normaRuns = [];
for (let i = 0; i < RUNS; i++) normaRuns.push(runNorma());
const norma = best(normaRuns);
norma.maxRssKb = Math.max(...normaRuns.map(r => r.maxRssKb ?? 0)) || null;

// ---- 3. DuckDB
const duckRuns = [];
for (let i = 0; i < RUNS; i++) duckRuns.push(await duckdbConsecutiveTriggers(csvFile, normsFile, asOf));
const duck = best(duckRuns);

// ---- 4. report
let disagreements = 0;
for (const key of new Set([...norma.perSeries.keys(), ...duck.perSeries.keys()])) {
    if ((norma.perSeries.get(key) ?? 0) !== (duck.perSeries.get(key) ?? 0)) disagreements++;
}
const s = ms => `${(ms / 1000).toFixed(2)} s`;
const rows = [
    ['', 'time', 'triggers (consecutive)', 'peak RSS'],
    ['norma check (child process, JSON report)', s(norma.ms), norma.total.toLocaleString('en'), norma.maxRssKb ? mb(norma.maxRssKb * 1024) : 'n/a'],
    ['DuckDB window query (@duckdb/node-api)', s(duck.ms), duck.total.toLocaleString('en'), '(in-process)'],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
console.log(`Norma / DuckDB: ${(norma.ms / duck.ms).toFixed(2)}x`
    + (RUNS > 1 ? ` (best of ${RUNS} runs each)` : '')
    + `; ${norma.norms.toLocaleString('en')} norms; norma exit code ${norma.exit}.`);
if (norma.total !== duck.total || disagreements > 0) {
    console.log(`DISAGREEMENT: Norma found ${norma.total} triggers, DuckDB ${duck.total}; ${disagreements} program+metric pairs differ.`);
    process.exit(1);
}
console.log(`Both found ${norma.total.toLocaleString('en')} triggers, the same for every program and metric.`);
