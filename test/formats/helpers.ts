// Builds CheckResults for the format tests through the real pipeline: the workspace loader,
// the data readers and the engine's `check`, exactly as `norma check` feeds the formats.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspaceFromDisk } from '../../language/src/workspace/workspace.js';
import { check } from '../../language/src/engine/index.js';
import type { CheckResult } from '../../language/src/engine/types.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { readActions, readMeasurements } from '../../language/src/data/index.js';
import type { ReportContext } from '../../cli/src/formats/format.js';

import { REPO } from './env.js';

export { hasCommand, IN_CI, REPO, SCHEMAS } from './env.js';
export const RESULTS_DIR = path.join(REPO, 'test-results/formats');

export interface Case {
    name: string;
    /** Workspace folder, relative to the repository. */
    dir: string;
    data: string[];
    actions: string[];
    asOf: string;
}

/** The shipped example, and a small workspace holding every verdict kind and markup in its titles. */
export const CASES: Case[] = [
    { name: 'example', dir: 'examples/copc-cx', data: ['examples/copc-cx/data'], actions: ['examples/copc-cx/actions.csv'], asOf: '2026-10-31' },
    {
        name: 'every-verdict', dir: 'test/formats/fixtures/every-verdict', data: ['test/formats/fixtures/every-verdict/data'],
        actions: ['test/formats/fixtures/every-verdict/actions.csv'], asOf: '2026-02-20',
    },
];

export interface Evaluated { result: CheckResult; context: ReportContext; model: NormaModel; root: string }

const cache = new Map<string, Promise<Evaluated>>();

export function evaluate(c: Case): Promise<Evaluated> {
    if (!cache.has(c.name)) cache.set(c.name, run(c));
    return cache.get(c.name)!;
}

async function run(c: Case): Promise<Evaluated> {
    const ws = await loadWorkspaceFromDisk([path.join(REPO, c.dir)], { asOf: c.asOf });
    if (!ws.model) throw new Error(`${c.dir} has language errors: ${JSON.stringify(ws.diagnostics.filter(d => d.severity === 'error'))}`);
    const m = await readMeasurements(c.data.map(d => path.join(REPO, d)));
    const a = await readActions(c.actions.map(d => path.join(REPO, d)));
    if (m.errors.length || a.errors.length) throw new Error(`bad data in ${c.name}: ${JSON.stringify([...m.errors, ...a.errors].slice(0, 3))}`);
    const result = check(ws.model, m.rows, { asOf: c.asOf, actions: a.rows });
    const root = path.resolve(ws.root);
    return { result, model: ws.model, root, context: { model: ws.model, diagnostics: ws.diagnostics, color: false, root, actions: a.rows } };
}

export function writeResult(name: string, text: string | Buffer): string {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, name);
    fs.writeFileSync(file, text);
    return file;
}

/** The line of a `.norma` file that a `file:line` source names. */
export function sourceLine(root: string, source: string): string {
    const colon = source.lastIndexOf(':');
    const text = fs.readFileSync(path.join(root, source.slice(0, colon)), 'utf8');
    return text.split(/\r?\n/)[Number(source.slice(colon + 1)) - 1] ?? '';
}
