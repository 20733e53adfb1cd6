// The shared benchmark harness: every benchmark in bench/ compares sides (Norma against a
// yardstick) the same way, so their figures mean the same thing.
//
// - Each side runs as a whole child process (start-up included), measured alike: wall time,
//   CPU seconds (user + system of the child, all its threads) and peak resident memory.
//   Node scripts run through bench/child-usage.mjs, which reports process.resourceUsage() of
//   the child itself at exit (works on every OS Node runs on); other programs run under GNU
//   `/usr/bin/time` when it is there (wall time only otherwise).
// - Runs are interleaved (A B A B ...), so a burst of load from elsewhere hits both sides; the
//   figure is the median of the pairwise ratios A_i / B_i, with their range, never a best-of-N.
// - The machine's load (1-minute load average against the CPU count) is stated before and after.
//
// Usage from a benchmark:
//   import { compare, nodeSide, printComparisons, machineLine, loadLine, options } from './harness.mjs';
//   const cmp = compare({ name: '1M rows', aim: { ratio: 1.5 }, runs: 3, sides: [
//       nodeSide('norma check', 'cli/bin/norma.js', ['check', ...]),
//       nodeSide('DuckDB query', 'bench/duckdb-run.mjs', [...]),
//   ]});
//   printComparisons([cmp]);
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD_USAGE = path.join(ROOT, 'bench/child-usage.mjs');
const USAGE_MARK = 'norma-bench-usage=';
const GNU_TIME = '/usr/bin/time';

/** Command-line options: `--name value` numbers and strings, `--flag` booleans. */
export function options(argv = process.argv.slice(2)) {
    const at = name => argv.indexOf(name);
    return {
        number: (name, fallback) => (at(name) >= 0 ? Number(argv[at(name) + 1]) : fallback),
        string: (name, fallback) => (at(name) >= 0 ? argv[at(name) + 1] : fallback),
        flag: name => at(name) >= 0,
    };
}

/** One run of a Node script as a child process: { wallMs, cpuMs, userMs, sysMs, maxRssKb, status, stdout, stderr }. */
export function runNode(script, args = [], { cwd = ROOT, env = {}, input } = {}) {
    const started = performance.now();
    const child = spawnSync(process.execPath, [CHILD_USAGE, path.resolve(ROOT, script), ...args], {
        cwd, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
    });
    const wallMs = performance.now() - started;
    const at = child.stderr.lastIndexOf(USAGE_MARK);
    const usage = at >= 0 ? JSON.parse(child.stderr.slice(at + USAGE_MARK.length).split('\n')[0]) : null;
    return {
        wallMs,
        userMs: usage ? usage.userMs : null,
        sysMs: usage ? usage.sysMs : null,
        cpuMs: usage ? usage.userMs + usage.sysMs : null,
        maxRssKb: usage ? usage.maxRssKb : null,
        status: child.status,
        stdout: child.stdout,
        stderr: at >= 0 ? child.stderr.slice(0, at).replace(/\n$/, '') : child.stderr,
    };
}

/** One run of any program; CPU and memory from GNU time when installed. */
export function runCommand(command, args = [], { cwd = ROOT, env = {}, input } = {}) {
    const timed = fs.existsSync(GNU_TIME);
    const started = performance.now();
    const child = spawnSync(timed ? GNU_TIME : command, timed ? ['-f', `${USAGE_MARK}%U %S %M`, command, ...args] : args, {
        cwd, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env },
    });
    const wallMs = performance.now() - started;
    const at = child.stderr.lastIndexOf(USAGE_MARK);
    const [user, sys, rss] = at >= 0 ? child.stderr.slice(at + USAGE_MARK.length).trim().split(/\s+/).map(Number) : [];
    return {
        wallMs,
        userMs: at >= 0 ? user * 1000 : null,
        sysMs: at >= 0 ? sys * 1000 : null,
        cpuMs: at >= 0 ? (user + sys) * 1000 : null,
        maxRssKb: at >= 0 ? rss : null,
        status: child.status,
        stdout: child.stdout,
        stderr: at >= 0 ? child.stderr.slice(0, at).replace(/\n$/, '') : child.stderr,
    };
}

/**
 * A side of a comparison running a Node script. `accept(run)` may throw to fail the benchmark
 * (a wrong exit code, a wrong answer); by default any exit code but 0 fails it.
 */
export function nodeSide(label, script, args = [], { accept, ...spawnOptions } = {}) {
    return { label, run: () => checked(label, runNode(script, args, spawnOptions), accept) };
}

export function commandSide(label, command, args = [], { accept, ...spawnOptions } = {}) {
    return { label, run: () => checked(label, runCommand(command, args, spawnOptions), accept) };
}

function checked(label, run, accept) {
    if (accept) accept(run);
    else if (run.status !== 0) throw new Error(`${label} exited with ${run.status}:\n${run.stderr.slice(-4000)}`);
    return run;
}

export const median = xs => {
    const s = xs.filter(x => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
    if (s.length === 0) return null;
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs the sides interleaved, `runs` rounds of A B (C ...), after `warmup` unrecorded rounds
 * (file cache, JIT of the spawn path). The last side is the yardstick: every other side gets
 * the median of its pairwise ratios to it; the first side is the one judged. `aim` is { ratio } (side 0 at most that many times side 1), { wallMs } (side 0
 * under that), and/or { rssMb } (side 0's peak memory under that).
 */
export function compare({ name, sides, runs = 3, warmup = 0, aim = {}, note }) {
    for (let i = 0; i < warmup; i++) for (const side of sides) side.run();
    const results = sides.map(side => ({ label: side.label, runs: [] }));
    for (let i = 0; i < runs; i++) {
        sides.forEach((side, s) => results[s].runs.push(side.run()));
    }
    const yardstick = results[results.length - 1].runs;
    const summaries = results.map((r, s) => {
        const ratios = s < results.length - 1 ? r.runs.map((a, i) => a.wallMs / yardstick[i].wallMs) : [];
        const cpuRatios = s < results.length - 1 ? r.runs.map((a, i) => (a.cpuMs && yardstick[i].cpuMs ? a.cpuMs / yardstick[i].cpuMs : null)) : [];
        return {
            label: r.label,
            runs: r.runs,
            wallMs: median(r.runs.map(x => x.wallMs)),
            cpuMs: median(r.runs.map(x => x.cpuMs)),
            maxRssKb: Math.max(0, ...r.runs.map(x => x.maxRssKb ?? 0)) || null,
            ratio: median(ratios), ratioMin: ratios.length ? Math.min(...ratios) : null, ratioMax: ratios.length ? Math.max(...ratios) : null,
            cpuRatio: median(cpuRatios),
        };
    });
    const { ratio, ratioMin, ratioMax, cpuRatio } = summaries[0];
    const cmp = { name, runs, note, aim, sides: summaries, ratio, ratioMin, ratioMax, cpuRatio };
    cmp.verdict = judge(cmp);
    return cmp;
}

function judge(cmp) {
    const [a] = cmp.sides;
    const misses = [];
    if (cmp.aim.ratio !== undefined && !(cmp.ratio <= cmp.aim.ratio)) misses.push(`ratio above ${cmp.aim.ratio}x`);
    if (cmp.aim.wallMs !== undefined && !(a.wallMs <= cmp.aim.wallMs)) misses.push(`above ${seconds(cmp.aim.wallMs)}`);
    if (cmp.aim.rssMb !== undefined && !(a.maxRssKb !== null && a.maxRssKb / 1024 <= cmp.aim.rssMb)) misses.push(`memory above ${cmp.aim.rssMb} MB`);
    if (Object.keys(cmp.aim).length === 0) return '';
    return misses.length ? `MISSED (${misses.join(', ')})` : 'holds';
}

export function aimText(aim) {
    const parts = [];
    if (aim.ratio !== undefined) parts.push(`<= ${aim.ratio}x`);
    if (aim.wallMs !== undefined) parts.push(`< ${seconds(aim.wallMs)}`);
    if (aim.rssMb !== undefined) parts.push(`< ${aim.rssMb} MB`);
    return parts.join(', ');
}

export const seconds = ms => (ms === null || ms === undefined ? 'n/a' : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
export const megabytes = kb => (kb ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');
export const times = x => (x === null || x === undefined ? 'n/a' : `${x.toFixed(2)}x`);

/** The machine, once: CPUs, Node, memory. */
export function machineLine() {
    const cpus = os.cpus();
    return `${cpus.length} CPU (${cpus[0]?.model?.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, `
        + `Node ${process.version}, ${os.platform()} ${os.release()}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The load right now: 1-, 5- and 15-minute load averages against the CPU count. */
export function loadLine(when = 'load') {
    const [one, five, fifteen] = os.loadavg();
    const cpus = os.cpus().length;
    const busy = one > cpus * 0.5 ? ` (busy: other work shares the ${cpus} CPUs, so times are higher; ratios from interleaved runs hold better)` : '';
    return `${when}: ${one.toFixed(2)} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} (1/5/15 min) on ${cpus} CPUs${busy}`;
}

/** Prints comparisons as one table: each side's median wall and CPU time and peak memory, the ratio, the aim. */
export function printComparisons(comparisons, { title } = {}) {
    const header = ['case', 'side', 'wall (median)', 'CPU user+sys', 'peak RSS', 'ratio (median of pairs, range)', 'aim', ''];
    const rows = [header];
    for (const c of comparisons) {
        c.sides.forEach((s, i) => rows.push([
            i === 0 ? c.name : '', s.label, seconds(s.wallMs), seconds(s.cpuMs), megabytes(s.maxRssKb),
            s.ratio !== null ? `${times(s.ratio)} (${times(s.ratioMin)}-${times(s.ratioMax)}; CPU ${times(s.cpuRatio)})` : '',
            i === 0 ? aimText(c.aim) : '', i === 0 ? c.verdict : '',
        ]));
    }
    if (title) console.log(title);
    printTable(rows);
    const runs = [...new Set(comparisons.map(c => c.runs))];
    console.log(`(${runs.join('/')} interleaved runs per side; ratio = the side / the last side of its case; aims judge the first side)`);
}

export function printTable(rows) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => String(r[c] ?? '').length)));
    for (const r of rows) console.log(r.map((cell, c) => String(cell ?? '').padEnd(widths[c])).join('  ').trimEnd());
}

/**
 * Bundles a TypeScript benchmark script that imports Norma's sources (like the CLI: the
 * Object.groupBy polyfill first) into bench/data/<name>.mjs, and returns that path.
 */
export async function bundleScript(entry) {
    const esbuild = await import('esbuild');
    const outfile = path.join(ROOT, 'bench/data', path.basename(entry).replace(/\.ts$/, '.mjs'));
    await esbuild.build({
        entryPoints: [path.join(ROOT, entry)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm',
        logLevel: 'warning', external: ['vscode', '@duckdb/*'],
        banner: { js: `${fs.readFileSync(path.join(ROOT, 'scripts/polyfill-groupby.cjs'), 'utf8')}\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);` },
    });
    return outfile;
}

/** Appends results to a JSON file (`--json <file>`), for the README's figures. */
export function saveJson(file, benchmark, data) {
    if (!file) return;
    const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    const strip = c => ({ ...c, sides: c.sides?.map(({ runs, ...s }) => ({ ...s, runs: runs.map(({ stdout, stderr, ...r }) => r) })) });
    all[benchmark] = { machine: machineLine(), load: os.loadavg(), ...data, comparisons: data.comparisons?.map(strip) };
    // DuckDB returns counts as BigInt, which JSON cannot hold: written as numbers (counts are far below 2^53).
    fs.writeFileSync(file, JSON.stringify(all, (_key, value) => (typeof value === 'bigint' ? Number(value) : value), 2) + '\n');
}
