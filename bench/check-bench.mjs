#!/usr/bin/env node
// `norma check` on generated measurement rows against DuckDB evaluating the same consecutive-miss
// rule over the same CSV with a window query, both as whole processes, interleaved
// (bench/harness.mjs: median of pairwise ratios, CPU seconds, peak memory, machine load).
//
//   node bench/check-bench.mjs [--runs 3] [--big] [--rows 1000000] [--json results.json]
//   default sizes: 100,000 and 1,000,000 rows; --big adds 3,000,000 and 10,000,000;
//   --rows N runs that one size only (1,000 programs x 10 metrics x N/10,000 days).
//
// Norma runs twice per round: loading the workspace (NORMA_CACHE=0), and reading it from
// .norma-cache/ as a repeated check of unchanged norms does.
// Norma: `norma check <workspace> --data measurements.csv --format json --output <tmp> --as-of
// <last day>` (start-up, loading the 10,000-norm workspace, reading the CSV, evaluating, writing
// the JSON report). DuckDB: bench/duckdb-run.mjs (start-up, reading the CSV, the query). Both
// must find the same consecutive-rule triggers for every program and metric (exit 1 otherwise).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { generate } from './generate.mjs';
import { ROOT, bundleScript, compare, loadLine, machineLine, nodeSide, options, printComparisons, printTable, runNode, saveJson, seconds } from './harness.mjs';

const opt = options();
const RUNS = opt.number('--runs', 3);
const sizes = opt.number('--rows', 0) ? [opt.number('--rows')] : opt.flag('--big') ? [100_000, 1_000_000, 3_000_000, 10_000_000] : [100_000, 1_000_000];
// Aims of issue 12: at most 1.5x DuckDB at 1M rows; memory under 400 MB at 1M, under 1.5 GB at 10M.
const AIMS = { 1_000_000: { ratio: 1.5, rssMb: 400 }, 10_000_000: { rssMb: 1536 } };
const CLI = path.join(ROOT, 'cli/bin/norma.js');
if (!fs.existsSync(path.join(ROOT, 'dist/cli.mjs'))) {
    console.error('The CLI is not built: run `npm run build` (or `npm run bench`, which builds first).');
    process.exit(2);
}

/** bench/data/<rows>/: generated once per parameter set, reused while the parameters match. */
function dataFor(rows) {
    const params = { programs: 1000, metrics: 10, days: rows / 10_000, seed: 42 };
    const dir = path.join(ROOT, 'bench/data', String(rows));
    const metaFile = path.join(dir, 'meta.json');
    const meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : null;
    if (meta && ['programs', 'metrics', 'days', 'seed'].every(k => meta[k] === params[k]) && fs.existsSync(path.join(dir, 'measurements.csv'))) return { dir, meta };
    const started = performance.now();
    fs.mkdirSync(dir, { recursive: true });
    const fresh = generate({ ...params, out: dir });
    console.log(`Generated ${fresh.rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { dir, meta: fresh };
}

/** Consecutive-rule triggers per program/metric from a JSON report (large ones are one result per line). */
async function triggersOf(file) {
    const perSeries = {};
    const add = r => {
        const n = r.triggers.filter(t => t.rule === 'consecutive').length;
        if (n) perSeries[`${r.program}/${r.metric}`] = n;
    };
    if (fs.statSync(file).size < 200 * 2 ** 20) {
        JSON.parse(fs.readFileSync(file, 'utf8')).results.forEach(add);
    } else {
        for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
            if (line.startsWith('{"program"')) add(JSON.parse(line.replace(/,$/, '')));
        }
    }
    return perSeries;
}

console.log(`norma check against DuckDB; ${machineLine()}`);
console.log(loadLine('load before'));
const comparisons = [];
const checks = [];
for (const rows of sizes) {
    const { dir, meta } = dataFor(rows);
    const csv = path.join(dir, 'measurements.csv');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-bench-'));
    const report = path.join(tmp, 'report.json');
    let duckAnswer = null;
    const normaArgs = ['check', path.join(dir, 'workspace'), '--data', csv, '--format', 'json', '--output', report, '--as-of', meta.lastDay];
    // 0: the gate passes, 1: it fails (breaches are expected here); anything else is a failure.
    const gate = run => { if (run.status !== 0 && run.status !== 1) throw new Error(`norma check exited ${run.status}:\n${run.stderr}`); };
    fs.rmSync(path.join(dir, 'workspace/.norma-cache'), { recursive: true, force: true });
    runNode(CLI, normaArgs); // fills the cache the second side reads
    const cmp = compare({
        name: `${(rows / 1e6).toLocaleString('en')}M rows (${(fs.statSync(csv).size / 2 ** 20).toFixed(0)} MB CSV)`,
        runs: RUNS, aim: AIMS[rows] ?? {},
        sides: [
            nodeSide('norma check (JSON report)', CLI, normaArgs, { env: { NORMA_CACHE: '0' }, accept: gate }),
            nodeSide('  same, workspace from .norma-cache/', CLI, normaArgs, { accept: gate }),
            nodeSide('DuckDB window query', path.join(ROOT, 'bench/duckdb-run.mjs'), [csv, path.join(dir, 'norms.csv'), meta.lastDay], {
                accept: run => {
                    if (run.status !== 0) throw new Error(`DuckDB exited ${run.status}:\n${run.stderr}`);
                    duckAnswer = JSON.parse(run.stdout);
                },
            }),
        ],
    });
    const normaAnswer = await triggersOf(report);
    fs.rmSync(tmp, { recursive: true, force: true });
    const keys = new Set([...Object.keys(normaAnswer), ...Object.keys(duckAnswer.perSeries)]);
    const differ = [...keys].filter(k => (normaAnswer[k] ?? 0) !== (duckAnswer.perSeries[k] ?? 0)).length;
    const total = Object.values(normaAnswer).reduce((a, b) => a + b, 0);
    checks.push({ rows, normaTriggers: total, duckdbTriggers: duckAnswer.total, differ });
    cmp.note = `${total.toLocaleString('en')} triggers`;
    comparisons.push(cmp);
    const perRow = cmp.sides.map(s => `${s.label}: ${(s.wallMs * 1000 / rows).toFixed(2)} us/row`).join(', ');
    console.log(`  ${cmp.name}: ${cmp.sides.map(s => `${s.wallMs.toFixed(0)} ms`).join(' / ')}, ratio ${cmp.ratio.toFixed(2)}x; ${perRow}`);
}
// Aim: time per row flat from the smallest size to the largest (the cached side: the workspace load is not per row).
if (comparisons.length > 1) {
    const perRow = comparisons.map((c, k) => ({ rows: sizes[k], cpu: c.sides[1].cpuMs * 1000 / sizes[k], wall: c.sides[1].wallMs * 1000 / sizes[k] }));
    console.log(`Time per row, workspace from .norma-cache/ (CPU / wall): ${perRow.map(p => `${p.rows.toLocaleString('en')}: ${p.cpu.toFixed(2)} / ${p.wall.toFixed(2)} us`).join(', ')}`);
    // Start-up weighs on the small sizes; the cost of each extra row between sizes shows whether time grows faster than rows.
    const extra = comparisons.slice(1).map((c, k) => {
        const a = comparisons[k].sides[1];
        const b = c.sides[1];
        const rows = sizes[k + 1] - sizes[k];
        return `${sizes[k].toLocaleString('en')} to ${sizes[k + 1].toLocaleString('en')}: ${((b.cpuMs - a.cpuMs) * 1000 / rows).toFixed(2)} / ${((b.wallMs - a.wallMs) * 1000 / rows).toFixed(2)} us`;
    });
    console.log(`Time per extra row (CPU / wall): ${extra.join(', ')}`);
}
// Where the 10,000-norm workspace load goes (one run, in its own process).
const phasesRun = runNode(await bundleScript('bench/workspace-phases.ts'), [path.join(dataFor(sizes[0]).dir, 'workspace')]);
const phases = phasesRun.status === 0 ? JSON.parse(phasesRun.stdout) : null;
console.log(loadLine('load after'));
printComparisons(comparisons, { title: 'norma check vs DuckDB (whole processes, start-up included)' });
if (phases) {
    console.log(`\nWhere loading the workspace goes (${phases.files} files, ${phases.norms.toLocaleString('en')} norms; one run, Norma's checks included):`);
    printTable([['phase', 'CPU', 'wall'], ...phases.phases.map(p => [p.phase, seconds(p.cpuMs), seconds(p.wallMs)])]);
} else {
    console.log(`The workspace phases could not be measured:\n${phasesRun.stderr}`);
}
saveJson(opt.string('--json'), 'check', { comparisons, checks, phases });
let failed = false;
for (const c of checks) {
    if (c.normaTriggers !== c.duckdbTriggers || c.differ > 0) {
        console.log(`DISAGREEMENT at ${c.rows} rows: Norma found ${c.normaTriggers} triggers, DuckDB ${c.duckdbTriggers}; ${c.differ} program+metric pairs differ.`);
        failed = true;
    } else {
        console.log(`${c.rows.toLocaleString('en')} rows: both found ${c.normaTriggers.toLocaleString('en')} consecutive-miss triggers, the same for every program and metric.`);
    }
}
process.exit(failed ? 1 : 0);
