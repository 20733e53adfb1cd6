// The language server benchmark (issue 3, point 5): a generated workspace of 1,000 program files
// (about 40,000 lines) plus its standards and metrics, served by the bundled server
// (extension/dist/server.cjs; build it with `npm run build`) over stdio to a real LSP client.
// Measures: initialize -> diagnostics for every file; completion latency over 200 requests in a
// large file; edit -> diagnostics latency over 100 edits; the server's peak memory (VmHWM).
// Usage: node bench/lsp-bench.mjs [--programs 1000] [--keep]   (NORMA_LSP_SERVER overrides the bundle)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const proto = require('vscode-languageserver-protocol/node');

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const server = process.env.NORMA_LSP_SERVER ?? path.join(root, 'extension/dist/server.cjs');
const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const PROGRAMS = arg('--programs', 1000);
const COMPLETIONS = 200;
const EDITS = 100;

if (!fs.existsSync(server)) {
    console.error(`The bundled language server ${path.relative(root, server)} is missing: run 'npm run build' first.`);
    process.exit(2);
}

// ---- the generated workspace ------------------------------------------------------------------
const FAMILIES = ['service', 'quality', 'satisfaction', 'resolution', 'efficiency', 'cost', 'sales', 'compliance', 'people'];
const METRICS = Array.from({ length: 30 }, (_, i) => {
    const percent = i % 3 !== 1;
    return {
        name: `Metric${String(i).padStart(2, '0')}`,
        family: FAMILIES[i % FAMILIES.length],
        unit: percent ? 'percent' : 'seconds',
        better: percent ? 'higher' : 'lower',
        norm: percent ? `>= ${70 + (i % 20)}%` : `<= ${3 + (i % 5)}min`,
        floor: percent ? `below ${50 + (i % 10)}%` : `above ${10 + (i % 5)}min`,
    };
});

function metricsFile() {
    return METRICS.map(m => `metric ${m.name} "Metric ${m.name}" {
    family ${m.family}
    unit ${m.unit}
    better ${m.better}
    period daily
    description "Generated for the benchmark."
}
`).join('\n');
}

function standardFile() {
    const categories = Array.from({ length: 5 }, (_, c) => `    category Cat${c} "Category ${c}" {
${Array.from({ length: 8 }, (_, r) => `        requirement R${c}_${r} "Requirement ${r} of category ${c}" {
            ${r === 0 ? `needs norm for family ${FAMILIES[c]}` : 'evidence document'}
        }`).join('\n')}
    }`).join('\n');
    return `// Generated standard.\nstandard BENCH_STD "Benchmark standard" {\n    version "1.0"\n${categories}\n}\n`;
}

/** About 40 lines: properties, six norms with options, one dated norm. */
function programFile(i, norms = 6) {
    const lines = [
        `// Program ${i}, generated.`,
        `program Program${i} "Program number ${i}" {`,
        `    client "Client ${i % 50}"`,
        `    provider "Provider ${i % 7}"`,
        `    channel voice`,
        `    applies BENCH_STD`,
        `    certified 2025-0${1 + (i % 9)}-01`,
        ``,
    ];
    for (let n = 0; n < norms; n++) {
        // Every metric once per 30 norms; in the large file each return starts a month later.
        const m = METRICS[(i + n * 5 + Math.floor(n / 6)) % METRICS.length];
        const round = Math.floor(n / METRICS.length);
        const from = round > 0 ? ` from 2021-${String(round).padStart(2, '0')}-01` : '';
        lines.push(`    norm ${m.name} ${m.norm}${from} {`, `        act after 3 consecutive misses`, `        act immediately ${m.floor}`, `        sample at least 20`, `    }`);
    }
    const dated = METRICS[i % METRICS.length];
    lines.push(`    norm ${dated.name} ${dated.norm} from 2026-07-01`, `}`);
    return lines.join('\n') + '\n';
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-lsp-bench-'));
fs.mkdirSync(path.join(folder, 'programs'));
fs.writeFileSync(path.join(folder, 'metrics.norma'), metricsFile());
fs.writeFileSync(path.join(folder, 'standard.norma'), standardFile());
let lineCount = 0;
for (let i = 0; i < PROGRAMS; i++) {
    const text = programFile(i);
    lineCount += text.split('\n').length - 1;
    fs.writeFileSync(path.join(folder, 'programs', `program${String(i).padStart(4, '0')}.norma`), text);
}
// The large file completion is measured in: one program with 300 norms (about 1,500 lines).
const largeText = programFile(99999, 300);
fs.writeFileSync(path.join(folder, 'large.norma'), largeText);
const fileCount = PROGRAMS + 3;

// ---- the client --------------------------------------------------------------------------------
const child = spawn(process.execPath, [server, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', c => { stderr += c; });
child.on('exit', code => { if (code) { console.error(`The server exited with code ${code}:\n${stderr}`); process.exit(1); } });
const connection = proto.createProtocolConnection(new proto.StreamMessageReader(child.stdout), new proto.StreamMessageWriter(child.stdin));
const published = new Map();
let onPublish = () => {};
connection.onNotification(proto.PublishDiagnosticsNotification.type, params => {
    published.set(params.uri, params.diagnostics);
    onPublish(params);
});
connection.onRequest('workspace/configuration', params => params.items.map(() => null));
connection.onRequest('client/registerCapability', () => null);
connection.listen();

const uri = p => pathToFileURL(path.join(folder, p)).toString();
const percentile = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = x => `${x.toFixed(1)} ms`;

let peakKb = 0;
const sampleMemory = () => {
    try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch { /* not on Linux, or exited */ }
};

// 1. initialize -> diagnostics for every file (the server validates the whole workspace on start).
const t0 = performance.now();
const allPublished = new Promise(resolve => {
    onPublish = () => { if (process.env.DEBUG) console.error("published", published.size); if (published.size >= fileCount) resolve(); };
});
await connection.sendRequest(proto.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).toString(),
    workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
});
await connection.sendNotification(proto.InitializedNotification.type, {});
await allPublished;
const initialMs = performance.now() - t0;
sampleMemory();
const errorList = [...published.values()].flat().filter(d => d.severity === 1);
const errors = errorList.length;
if (process.env.DEBUG) console.error(errorList.slice(0, 5));

// 2. completion after `norm ` in the large file, 200 times.
const large = uri('large.norma');
const largeLines = largeText.split('\n');
const normLine = largeLines.findIndex((l, i) => i > largeLines.length / 2 && l.startsWith('    norm '));
await connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: large, languageId: 'norma', version: 1, text: largeText },
});
const completion = [];
let completionItems = 0;
for (let i = 0; i < COMPLETIONS; i++) {
    const t = performance.now();
    const result = await connection.sendRequest(proto.CompletionRequest.type, {
        textDocument: { uri: large }, position: { line: normLine, character: 9 },
    });
    completion.push(performance.now() - t);
    completionItems = (Array.isArray(result) ? result : result.items).length;
}
sampleMemory();

// 3. edit -> diagnostics: alternately break and fix a metric name in one program file.
const editedName = `programs/program${String(Math.floor(PROGRAMS / 2)).padStart(4, '0')}.norma`;
const edited = uri(editedName);
const editedText = fs.readFileSync(path.join(folder, editedName), 'utf8');
const brokenText = editedText.replace(/norm (Metric\d\d)/, 'norm $1x');
await connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: edited, languageId: 'norma', version: 1, text: editedText },
});
const edits = [];
for (let i = 0; i < EDITS; i++) {
    const broken = i % 2 === 0;
    const done = new Promise(resolve => {
        onPublish = params => {
            if (params.uri === edited && params.diagnostics.some(d => d.severity === 1) === broken) resolve();
        };
    });
    const t = performance.now();
    await connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: edited, version: i + 2 },
        contentChanges: [{ text: broken ? brokenText : editedText }],
    });
    await done;
    edits.push(performance.now() - t);
}
sampleMemory();

await connection.sendRequest(proto.ShutdownRequest.type);
await connection.sendNotification(proto.ExitNotification.type);
await new Promise(resolve => child.on('exit', resolve));
connection.dispose();
if (!process.argv.includes('--keep')) fs.rmSync(folder, { recursive: true, force: true });

console.log(`Norma language server benchmark (${path.relative(root, server)}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'})`);
console.log(`workspace: ${PROGRAMS} program files (${lineCount} lines) + metrics + standard + a ${largeLines.length - 1}-line file; ${errors} errors`);
console.log(`initialize -> diagnostics for all ${fileCount} files: ${ms(initialMs)}`);
console.log(`completion after 'norm ' (${completionItems} items), ${COMPLETIONS} requests: p50 ${ms(percentile(completion, 50))}, p95 ${ms(percentile(completion, 95))}`);
console.log(`edit -> diagnostics, ${EDITS} edits: p50 ${ms(percentile(edits, 50))}, p95 ${ms(percentile(edits, 95))}`);
console.log(`server peak memory (VmHWM): ${(peakKb / 1024).toFixed(0)} MB`);
if (/Error/.test(stderr)) console.error(stderr);
