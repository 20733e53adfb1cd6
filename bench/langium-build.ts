// Langium's own workspace build of the given .norma files, with no Norma check: parse, index,
// scope and link (DocumentBuilder.build with validation off), the framework's share of
// `norma validate`. bench/workspace-bench.mjs bundles this file with esbuild and runs it as a
// whole process beside `norma validate` on the same files.
//   node bench/data/langium-build.mjs <folder>
import '../language/src/polyfill.js';
import * as fs from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { createNormaServices } from '../language/src/norma-module.js';
import { collectFiles } from '../language/src/workspace/workspace.js';

const files = collectFiles(process.argv.slice(2));
const { shared } = createNormaServices(EmptyFileSystem);
const documents = files.map(f => shared.workspace.LangiumDocumentFactory.fromString(fs.readFileSync(f, 'utf8'), URI.file(f)));
for (const d of documents) shared.workspace.LangiumDocuments.addDocument(d);
await shared.workspace.DocumentBuilder.build(documents, { validation: false });
const unresolved = documents.reduce((n, d) => n + d.references.filter(r => r.error).length, 0);
process.stdout.write(`${documents.length} files parsed and linked; ${unresolved} unresolved references\n`);
