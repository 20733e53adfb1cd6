#!/usr/bin/env node
// Start-up of small CLI jobs against the start-up of Node itself (`node` running an empty
// module), both as whole processes through the same wrapper, interleaved (bench/harness.mjs).
//   node bench/startup-bench.mjs [--runs 10] [--json results.json]
// Aim of issue 12: the example check (`npm run example`) under 3x an empty Node.
import * as path from 'node:path';
import { ROOT, compare, loadLine, machineLine, nodeSide, options, printComparisons, saveJson } from './harness.mjs';

const opt = options();
const RUNS = opt.number('--runs', 10);
const CLI = path.join(ROOT, 'cli/bin/norma.js');
const EMPTY = path.join(ROOT, 'bench/empty.mjs');
const example = ['check', 'examples/copc-cx', '--data', 'examples/copc-cx/data', '--actions', 'examples/copc-cx/actions.csv', '--as-of', '2026-10-31'];
const anyExit = { accept: run => { if (run.status === null || run.status > 1) throw new Error(`exited ${run.status}:\n${run.stderr}`); } };

const cases = [
    { name: 'norma --version', args: ['--version'] },
    { name: 'norma --help', args: ['--help'] },
    { name: 'norma validate (example)', args: ['validate', 'examples/copc-cx'] },
    { name: 'norma check (example)', args: example, aim: { ratio: 3 } },
];
console.log(`Start-up against an empty Node; ${machineLine()}`);
console.log(loadLine('load before'));
const comparisons = cases.map(c => compare({
    name: c.name, runs: RUNS, warmup: 1, aim: c.aim ?? {},
    sides: [
        nodeSide(c.args[0] === 'check' ? `${c.name}, workspace from .norma-cache/` : c.name, CLI, c.args, anyExit),
        // The check again, loading the workspace (the first check of a clone, or of edited norms).
        ...(c.args[0] === 'check' ? [nodeSide(`${c.name}, NORMA_CACHE=0`, CLI, c.args, { ...anyExit, env: { NORMA_CACHE: '0' } })] : []),
        nodeSide('node (empty module)', EMPTY),
    ],
}));
console.log(loadLine('load after'));
printComparisons(comparisons, { title: 'CLI start-up (whole processes)' });
saveJson(opt.string('--json'), 'startup', { comparisons });
