// The language server on one generated workspace (bench/lsp-session.mjs); bench/workspace-bench.mjs
// runs it at several sizes beside `norma validate` and Langium's own build.
// Usage: node bench/lsp-bench.mjs [--programs 1000] [--keep]   (NORMA_LSP_SERVER overrides the bundle)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, loadLine, machineLine, options } from './harness.mjs';
import { lspSession, SERVER } from './lsp-session.mjs';
import { writeProgramWorkspace } from './program-files.mjs';

const opt = options();
const PROGRAMS = opt.number('--programs', 1000);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-lsp-bench-'));
const workspace = writeProgramWorkspace(folder, PROGRAMS);
console.log(`Norma language server benchmark (${path.relative(ROOT, SERVER)}); ${machineLine()}`);
console.log(loadLine('load before'));
const r = await lspSession(folder, PROGRAMS, workspace);
if (!opt.flag('--keep')) fs.rmSync(folder, { recursive: true, force: true });
const ms = x => `${x.toFixed(1)} ms`;
console.log(loadLine('load after'));
console.log(`workspace: ${PROGRAMS} program files (${r.lines} lines) + metrics + standard + a ${r.largeLines}-line file; ${r.errors} errors`);
console.log(`initialize -> diagnostics for all ${r.files} files: ${ms(r.initialMs)}`);
console.log(`completion after 'norm ' (${r.completion.items} items), ${r.completion.requests} requests: p50 ${ms(r.completion.p50)}, p95 ${ms(r.completion.p95)}`);
console.log(`edit -> diagnostics, ${r.edits.count} edits: p50 ${ms(r.edits.p50)}, p95 ${ms(r.edits.p95)}; server CPU per edit ${r.edits.cpuMs === null ? 'n/a' : ms(r.edits.cpuMs)}`);
console.log(`server peak memory (VmHWM): ${(r.peakKb / 1024).toFixed(0)} MB`);
if (r.stderr) console.error(r.stderr);
