#!/usr/bin/env node
// `norma measure` on synthetic call records (30-minute service level and daily AHT for 50 queues)
// against a hand-written DuckDB query of the same figures over the same file, CSV and Parquet,
// both as whole processes, interleaved (bench/harness.mjs: median of pairwise ratios, CPU
// seconds, peak memory, machine load). Both must give the same rows (exit 1 otherwise).
//
//   node bench/records-bench.mjs [--runs 3] [--rows 1000000] [--big] [--baseline <other checkout>/cli/bin/norma.js] [--json results.json]
//   default: 1,000,000 records (so `npm run bench` stays under 10 minutes); --big: 10,000,000.
//   --baseline adds `norma measure` run by another build (say, main before a change) as a side.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateCalls, QUEUES } from './records-generate.mjs';
import { ROOT, compare, loadLine, machineLine, nodeSide, options, printComparisons, saveJson } from './harness.mjs';

const opt = options();
const RUNS = opt.number('--runs', 3);
const ROWS = opt.flag("--big") ? 10_000_000 : opt.number("--rows", 1_000_000);
const BASELINE = opt.string('--baseline');
if (!fs.existsSync(path.join(ROOT, 'dist/cli.mjs'))) {
    console.error('The CLI is not built: run `npm run build` (or `npm run bench`, which builds first).');
    process.exit(2);
}

const dir = path.join(ROOT, 'bench/data', `records-${ROWS}`);
const csv = path.join(dir, 'calls.csv');
const parquet = path.join(dir, 'calls.parquet');
if (!fs.existsSync(parquet)) {
    console.log(`Generating ${ROWS.toLocaleString('en')} call records…`);
    await generateCalls(csv, ROWS);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`);
    c.closeSync();
}

const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-records-bench-'));
fs.writeFileSync(path.join(ws, 'calls.norma'), `
source Calls {
    field queue: text
    field offered_at: timestamp
    field outcome: text
    field wait: seconds column "queue_seconds"
    field talk: seconds
    field hold: seconds
    field wrap: seconds
    field answered = outcome = "ANSWERED"
    field abandoned = outcome = "ABANDONED" and wait >= 5s
    field offered = answered or abandoned
    keep outcome != "TEST"
}
metric ServiceLevel { family service unit percent better higher period interval30
    from Calls at offered_at = count(answered and wait <= 20s) / count(offered) }
metric AverageHandleTime { family efficiency unit seconds better lower period daily
    from Calls at offered_at = avg(talk + hold + wrap) where answered }
${QUEUES.map(q => `program ${q} { records Calls where queue = "${q}" norm ServiceLevel >= 80% norm AverageHandleTime <= 6min }`).join('\n')}
`);

/** Both sides' rows, as `metric,queue,period,value,sample` sorted, must be the same figures. */
function sameRows(normaCsv, duckCsv) {
    const norma = fs.readFileSync(normaCsv, 'utf8').trim().split('\n').slice(1).map(l => {
        const [program, metric, period, value, sample] = l.split(',');
        return [metric, program, period, Number(value), Number(sample)];
    }).sort((a, b) => (a.join() < b.join() ? -1 : 1));
    const duck = fs.readFileSync(duckCsv, 'utf8').trim().split('\n').slice(1).map(l => {
        const [metric, queue, period, value, sample] = l.split(',');
        return [metric, queue, period, Number(value), Number(sample)];
    }).sort((a, b) => (a.join() < b.join() ? -1 : 1));
    if (norma.length !== duck.length) throw new Error(`norma measure gave ${norma.length} rows, DuckDB ${duck.length}`);
    for (let i = 0; i < norma.length; i++) {
        const [a, b] = [norma[i], duck[i]];
        if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2] || a[4] !== b[4] || Math.abs(a[3] - b[3]) > 1e-9 * Math.max(1, Math.abs(b[3]))) {
            throw new Error(`rows differ: norma ${a.join()} vs DuckDB ${b.join()}`);
        }
    }
    return norma.length;
}

console.log(machineLine());
console.log(loadLine('load before'));
const comparisons = [];
for (const [format, file] of [['CSV', csv], ['Parquet', parquet]]) {
    const normaOut = path.join(ws, `norma-${format}.csv`);
    const duckOut = path.join(ws, `duck-${format}.csv`);
    const cmp = compare({
        name: `${ROWS.toLocaleString("en")} records, ${format}`,
        runs: RUNS, warmup: 0, aim: { ratio: 1.1 },
        sides: [
            nodeSide('norma measure', 'cli/bin/norma.js', ['measure', ws, '--records', `Calls=${file}`, '--output', normaOut]),
            ...(BASELINE ? [nodeSide('norma measure (baseline build)', BASELINE, ['measure', ws, '--records', `Calls=${file}`, '--output', `${normaOut}.baseline`])] : []),
            nodeSide('hand-written DuckDB query', 'bench/records-duckdb.mjs', [file, duckOut]),
        ],
    });
    const rows = sameRows(normaOut, duckOut);
    if (BASELINE) sameRows(`${normaOut}.baseline`, duckOut);
    cmp.note = `${rows.toLocaleString('en')} rows, the same on both sides`;
    comparisons.push(cmp);
}
printComparisons(comparisons, { title: `\nnorma measure vs a hand-written DuckDB query (30-minute service level, daily AHT, 50 queues)` });
for (const c of comparisons) console.log(`${c.name}: ${c.note}`);
console.log(loadLine('load after'));
const json = opt.string('--json');
if (json) saveJson(json, 'records', comparisons);
