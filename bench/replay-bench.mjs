#!/usr/bin/env node
// `norma diff --data` and `norma staff` on large measurement data, against `norma check` of the
// same rows (the yardstick: read the data once, judge it once), as whole processes, interleaved
// (bench/harness.mjs). Both commands work on the columns the data layer reads (engine/columns.ts),
// as `check` does: a diff judges the rows twice (old and new norms), staff plans every interval.
//
//   node bench/replay-bench.mjs [--rows 1000000] [--runs 3] [--baseline <other checkout>/cli/bin/norma.js] [--json out.json]
//
// --baseline adds the same commands run by another build (say, main before a change) as a side
// of each case, so a before/after figure comes from one interleaved run.
// diff: bench/generate.mjs's workspace (1,000 programs x 10 daily metrics) against a copy whose
//   first 100 programs act after 4 consecutive misses instead of 3; --rows rows of data.
// staff: 100 programs x 4 half-hourly metrics (offered, handle time, agents, service level) with
//   a staffing block, about --rows rows; every interval planned (pretty report).
// The workspace is loaded on every run (NORMA_CACHE=0), so both builds do the same work.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from './generate.mjs';
import { ROOT, compare, loadLine, machineLine, nodeSide, options, printComparisons, saveJson } from './harness.mjs';

const opt = options();
const RUNS = opt.number('--runs', 3);
const ROWS = opt.number('--rows', 1_000_000);
const CLI = path.join(ROOT, 'cli/bin/norma.js');
const BASELINE = opt.string('--baseline');
if (!fs.existsSync(path.join(ROOT, 'dist/cli.mjs'))) {
    console.error('The CLI is not built: run `npm run build` first.');
    process.exit(2);
}

/** bench/data/replay-<rows>/: generated once, reused while meta.json says the same parameters. */
function dataDir(kind, params, write) {
    const dir = path.join(ROOT, 'bench/data', `${kind}-${ROWS}`);
    const metaFile = path.join(dir, 'meta.json');
    const meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : null;
    if (meta && JSON.stringify(meta.params) === JSON.stringify(params)) return { dir, meta };
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const fresh = { params, ...write(dir) };
    fs.writeFileSync(metaFile, JSON.stringify(fresh, null, 2) + '\n');
    return { dir, meta: fresh };
}

function diffData() {
    return dataDir('diff', { programs: 1000, metrics: 10, days: ROWS / 10_000, seed: 42 }, dir => {
        const meta = generate({ programs: 1000, metrics: 10, days: ROWS / 10_000, seed: 42, out: dir });
        const newer = path.join(dir, 'workspace-new');
        fs.cpSync(path.join(dir, 'workspace'), newer, { recursive: true });
        const first = path.join(newer, 'programs-01.norma');
        fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replaceAll('act after 3 consecutive misses', 'act after 4 consecutive misses'));
        return { rows: meta.rows, lastDay: meta.lastDay };
    });
}

const STAFF_METRICS = `metric ServiceLevel "Answered within 20 s" { family service unit percent better higher period interval30 }
metric CallsOffered "Offered calls" { family service unit count better higher period interval30 }
metric AverageHandleTime "Handle time" { family efficiency unit seconds better lower period interval30 }
metric AgentsLoggedIn "Agents logged in" { family people unit count better higher period interval30 }
`;

function staffData() {
    const programs = 100;
    const days = Math.max(1, Math.round(ROWS / (programs * 48 * 4)));
    return dataDir('staff', { programs, days }, dir => {
        const names = Array.from({ length: programs }, (_, p) => `P${String(p + 1).padStart(4, '0')}`);
        fs.mkdirSync(path.join(dir, 'workspace'));
        fs.writeFileSync(path.join(dir, 'workspace/metrics.norma'), STAFF_METRICS);
        fs.writeFileSync(path.join(dir, 'workspace/programs.norma'), names.map(n => `program ${n} {
    norm ServiceLevel >= 80% { act after 3 consecutive misses }
    staffing {
        offered CallsOffered
        handle AverageHandleTime
        agents AgentsLoggedIn
    }
}
`).join(''));
        const fd = fs.openSync(path.join(dir, 'intervals.csv'), 'w');
        fs.writeSync(fd, 'program,metric,period,value,sample\n');
        let rows = 0;
        let lastDay = '';
        for (let d = 0; d < days; d++) {
            lastDay = new Date(Date.UTC(2026, 0, 5) + d * 86_400_000).toISOString().slice(0, 10);
            const lines = [];
            for (let p = 0; p < programs; p++) {
                for (let i = 0; i < 48; i++) {
                    const period = `${lastDay}T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
                    const offered = 20 + ((p * 7 + i * 13 + d * 5) % 120);
                    lines.push(`${names[p]},CallsOffered,${period},${offered},`, `${names[p]},AverageHandleTime,${period},${170 + ((p + i + d) % 60)},`,
                        `${names[p]},AgentsLoggedIn,${period},${Math.max(1, Math.round(offered / 8) + ((i + d) % 5) - 2)},`, `${names[p]},ServiceLevel,${period},${65 + ((p * 3 + i + d * 7) % 30)},${offered}`);
                    rows += 4;
                }
            }
            fs.writeSync(fd, lines.join('\n') + '\n');
        }
        fs.closeSync(fd);
        return { rows, lastDay };
    });
}

const noCache = { NORMA_CACHE: '0' };
const gate = label => run => { if (run.status !== 0 && run.status !== 1) throw new Error(`${label} exited ${run.status}:\n${run.stderr}`); };
/** This build's command, the baseline's (when given), then `norma check` of the same rows. */
function sides(label, args, checkArgs) {
    return [
        nodeSide(label, CLI, args, { env: noCache, accept: gate(label) }),
        ...(BASELINE ? [nodeSide(`${label} (baseline build)`, BASELINE, args, { env: noCache, accept: gate(`${label} (baseline)`) })] : []),
        nodeSide('norma check, same rows', CLI, checkArgs, { env: noCache, accept: gate('norma check') }),
    ];
}

console.log(`norma diff --data and norma staff against norma check of the same rows; ${machineLine()}`);
console.log(loadLine('load before'));
const diff = diffData();
const staff = staffData();
const mrows = rows => `${(rows / 1e6).toLocaleString('en')}M rows`;
const comparisons = [
    compare({
        name: `norma diff --data, ${mrows(diff.meta.rows)}`, runs: RUNS,
        sides: sides('norma diff --data', ['diff', path.join(diff.dir, 'workspace'), path.join(diff.dir, 'workspace-new'), '--data', path.join(diff.dir, 'measurements.csv'), '--as-of', diff.meta.lastDay, '--format', 'json', '--output', path.join(diff.dir, 'diff.json')],
            ['check', path.join(diff.dir, 'workspace-new'), '--data', path.join(diff.dir, 'measurements.csv'), '--as-of', diff.meta.lastDay, '--format', 'json', '--output', path.join(diff.dir, 'check.json')]),
    }),
    compare({
        name: `norma staff, ${mrows(staff.meta.rows)}`, runs: RUNS,
        sides: sides('norma staff', ['staff', path.join(staff.dir, 'workspace'), '--data', path.join(staff.dir, 'intervals.csv'), '--as-of', staff.meta.lastDay, '--threshold', '20s', '--output', path.join(staff.dir, 'staff.txt')],
            ['check', path.join(staff.dir, 'workspace'), '--data', path.join(staff.dir, 'intervals.csv'), '--as-of', staff.meta.lastDay, '--format', 'json', '--output', path.join(staff.dir, 'check.json')]),
    }),
];
console.log(loadLine('load after'));
printComparisons(comparisons, { title: 'diff and staff against check (whole processes, start-up and workspace load included)' });
saveJson(opt.string('--json'), 'replay', { comparisons });
