// Where loading a workspace goes: the phases of one Langium build of the given .norma files
// with Norma's checks (parse, index, scopes, link, reference index, validate), then the model
// build, each timed in CPU seconds of this process (user + system) and wall time. Printed as
// one JSON line for bench/check-bench.mjs, which bundles this file with esbuild.
//   node bench/data/workspace-phases.mjs <folder>
import '../language/src/polyfill.js';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createNormaServices } from '../language/src/norma-module.js';
import { collectFiles } from '../language/src/workspace/files.js';
import { buildModel } from '../language/src/model/build.js';
import { locate } from '../language/src/workspace/workspace.js';

const phases: { phase: string; wallMs: number; cpuMs: number }[] = [];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let lastWall = performance.now();
let lastCpu = cpu();
const mark = (phase: string) => {
    const wall = performance.now();
    const c = cpu();
    phases.push({ phase, wallMs: wall - lastWall, cpuMs: c - lastCpu });
    lastWall = wall;
    lastCpu = c;
};

const files = collectFiles(process.argv.slice(2));
const texts = files.map(f => fs.readFileSync(f, 'utf8'));
mark('read files');
const { shared, Norma } = createNormaServices(EmptyFileSystem);
Norma.validation.NormaValidator.asOf = '2026-10-31';
mark('create services');
const documents = files.map((f, i) => shared.workspace.LangiumDocumentFactory.fromString(texts[i], URI.file(f)));
for (const d of documents) shared.workspace.LangiumDocuments.addDocument(d);
mark('parse');
const names: [DocumentState, string][] = [
    [DocumentState.IndexedContent, 'index'], [DocumentState.ComputedScopes, 'scopes'], [DocumentState.Linked, 'link'],
    [DocumentState.IndexedReferences, 'reference index'], [DocumentState.Validated, 'validate (Norma checks)'],
];
for (const [state, name] of names) shared.workspace.DocumentBuilder.onBuildPhase(state, () => mark(name));
await shared.workspace.DocumentBuilder.build(documents, { validation: true });
const model = buildModel(documents, locate);
mark('model build');
process.stdout.write(JSON.stringify({ files: files.length, norms: model.norms.length, phases }) + '\n');
