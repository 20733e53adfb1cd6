#!/usr/bin/env node
// The workspace at scale: for 1,000 and 5,000 generated program files (10,000 with --big),
//  - `norma validate <folder>` against Langium's own build of the same files (parse + link, no
//    Norma check: bench/langium-build.ts), both whole processes, interleaved (bench/harness.mjs);
//  - the language server on the same files (bench/lsp-session.mjs): initial diagnostics,
//    completion p95, edit -> diagnostics p95, peak memory.
// Aims of issue 12: 10,000 files validated in under 10 s; edit -> diagnostics p95 under 50 ms at
// 10,000; cost per file flat from 1,000 to 10,000.
//   node bench/workspace-bench.mjs [--big] [--programs N] [--runs 2] [--no-lsp] [--json results.json]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, bundleScript, compare, loadLine, machineLine, nodeSide, options, printComparisons, printTable, saveJson, seconds } from './harness.mjs';
import { lspSession } from './lsp-session.mjs';
import { writeProgramWorkspace } from './program-files.mjs';

const opt = options();
const RUNS = opt.number('--runs', 2);
const sizes = opt.number('--programs', 0) ? [opt.number('--programs')] : opt.flag('--big') ? [1000, 5000, 10000] : [1000, 5000];
const CLI = path.join(ROOT, 'cli/bin/norma.js');

// Langium's build, bundled like the CLI (same polyfill first), into the git-ignored bench/data.
const LANGIUM_BUILD = await bundleScript('bench/langium-build.ts');

console.log(`The workspace at scale; ${machineLine()}`);
console.log(loadLine('load before'));
const comparisons = [];
const lsp = [];
for (const programs of sizes) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-ws-bench-'));
    const workspace = writeProgramWorkspace(folder, programs);
    const cmp = compare({
        name: `${programs.toLocaleString('en')} program files`, runs: RUNS,
        aim: programs === 10000 ? { wallMs: 10_000 } : {},
        sides: [
            nodeSide('norma validate', CLI, ['validate', folder, '--as-of', '2026-10-31']),
            nodeSide('Langium build (parse + link)', LANGIUM_BUILD, [folder]),
        ],
    });
    comparisons.push(cmp);
    console.log(`  ${cmp.name}: validate ${seconds(cmp.sides[0].wallMs)} (${(cmp.sides[0].cpuMs / programs).toFixed(2)} ms CPU per file), Langium ${seconds(cmp.sides[1].wallMs)}`);
    if (!opt.flag('--no-lsp')) {
        const r = await lspSession(folder, programs, workspace);
        if (r.stderr) console.error(r.stderr);
        lsp.push({ programs, ...r });
        console.log(`  language server: initial ${seconds(r.initialMs)}, edit p95 ${r.edits.p95.toFixed(1)} ms`);
    }
    fs.rmSync(folder, { recursive: true, force: true });
}
console.log(loadLine('load after'));
printComparisons(comparisons, { title: '`norma validate` against Langium\'s own build of the same files (whole processes)' });
const perFile = c => `${(c.sides[0].cpuMs / Number(c.name.replace(/\D/g, ''))).toFixed(2)} ms`;
console.log('CPU per file (norma validate): ' + comparisons.map(c => `${c.name}: ${perFile(c)}`).join('; '));
if (lsp.length) {
    console.log('\nThe language server on the same files (one session per size)');
    const ms = x => `${x.toFixed(1)} ms`;
    printTable([
        ['program files', 'initial diagnostics', 'CPU (initial)', 'completion p50 / p95', 'edit -> diagnostics p50 / p95', 'CPU per edit', 'peak memory', 'aim (edit p95 < 50 ms at 10k)'],
        ...lsp.map(r => [r.programs.toLocaleString('en'), seconds(r.initialMs), seconds(r.initialCpuMs), `${ms(r.completion.p50)} / ${ms(r.completion.p95)}`,
            `${ms(r.edits.p50)} / ${ms(r.edits.p95)}`, r.edits.cpuMs === null ? 'n/a' : ms(r.edits.cpuMs), `${(r.peakKb / 1024).toFixed(0)} MB`,
            r.programs === 10000 ? (r.edits.p95 < 50 ? 'holds' : 'MISSED') : '']),
    ]);
}
saveJson(opt.string('--json'), 'workspace', { comparisons, lsp: lsp.map(({ stderr, ...r }) => r) });
