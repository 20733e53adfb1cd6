/**
 * The document fuzzer: seeded mutations of the examples and the validation fixtures, each
 * taken through every step a user can reach (parse, link, validate, model, evaluation against
 * the example's data, formatter, JS/JSON/SQL generators), and of the example's data files
 * through the readers and the engine. A crash is any exception escaping a step (a
 * NormaDataError or a FormatError is an answer, not a crash); a swallowed exception is Langium's
 * "An error occurred during validation". The figures are what the closing note of issue 15 reports.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { loadWorkspace, type SourceFile } from '../../language/src/workspace/workspace.js';
import { formatText } from '../../language/src/lsp/norma-formatter.js';
import { generateJsModule } from '../../language/src/generators/js.js';
import { generateModelJson } from '../../language/src/generators/json.js';
import { generateSql } from '../../language/src/generators/sql.js';
import { check } from '../../language/src/engine/index.js';
import { NormaDataError } from '../../language/src/engine/errors.js';
import type { Action, Measurement } from '../../language/src/engine/types.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { readActions, readMeasurements } from '../../language/src/data/index.js';
import { takeSwallowedExceptions } from '../swallowed.js';
import { int, mutate, pick, random } from './mutate.js';

export const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/copc-cx');
const AS_OF = '2026-10-31';

export interface Failure {
    kind: 'crash' | 'swallowed' | 'unlocated';
    step: string;
    message: string;
    /** The file written with the input that failed. */
    reproducer: string;
}

export interface DocumentFigures {
    documents: number;
    dataFiles: number;
    crashes: number;
    swallowed: number;
    unlocated: number;
    failures: Failure[];
    slowest: { ms: number; bytes: number; index: number };
    /** Heap after garbage collection: before the first document, once warm (a tenth of the documents, 1,000 at most), at the end. */
    heapStartMb: number;
    heapWarmMb: number;
    heapEndMb: number;
}

function normaFiles(dir: string): string[] {
    return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter(e => e.isFile() && e.name.endsWith('.norma'))
        .map(e => path.join(e.parentPath, e.name)).sort();
}

/** The corpus: the example workspace as a whole, and each validation fixture on its own. */
function corpus(): { workspace: SourceFile[]; singles: string[] } {
    const workspace = normaFiles(EXAMPLE).map(f => ({ path: path.relative(EXAMPLE, f), text: fs.readFileSync(f, 'utf8') }));
    const singles = [
        ...normaFiles(path.join(REPO, 'test/validation/resources')).map(f => fs.readFileSync(f, 'utf8').replace(/[»«]/g, '')),
        ...workspace.map(f => f.text),
    ];
    return { workspace, singles };
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** The heap after garbage collection, in MB. */
const heapMb = () => {
    gc();
    return Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
};

export async function fuzzDocuments(options: { documents: number; dataFiles: number; seed: number; out: string }): Promise<DocumentFigures> {
    const r = random(options.seed);
    const { workspace, singles } = corpus();
    const measurements = await readMeasurements([path.join(EXAMPLE, 'data')]);
    const actions = await readActions([path.join(EXAMPLE, 'actions.csv')]);
    const exampleModel = (await loadWorkspace(workspace, { asOf: AS_OF })).model;
    if (!exampleModel || measurements.errors.length) throw new Error('The example workspace does not load: fix it before fuzzing.');
    fs.mkdirSync(options.out, { recursive: true });
    const figures: DocumentFigures = {
        documents: 0, dataFiles: 0, crashes: 0, swallowed: 0, unlocated: 0, failures: [],
        slowest: { ms: 0, bytes: 0, index: -1 }, heapStartMb: heapMb(), heapWarmMb: 0, heapEndMb: 0,
    };
    const fail = (kind: Failure['kind'], step: string, message: string, input: string, name: string) => {
        figures[kind === 'crash' ? 'crashes' : kind === 'swallowed' ? 'swallowed' : 'unlocated']++;
        if (figures.failures.length >= 50) return;
        const reproducer = path.join(options.out, name);
        fs.writeFileSync(reproducer, input);
        figures.failures.push({ kind, step, message: message.slice(0, 500), reproducer });
    };
    takeSwallowedExceptions();
    const warm = Math.min(1000, Math.floor(options.documents / 10));
    for (let i = 0; i < options.documents; i++) {
        if (i === warm) figures.heapWarmMb = heapMb();
        // One in eight documents is the whole example with one file mutated (names across files).
        const whole = int(r, 8) === 0;
        const target = whole ? int(r, workspace.length) : -1;
        const base = whole ? workspace[target].text : pick(r, singles);
        const text = mutate(base, r);
        const files = whole ? workspace.map((f, k) => (k === target ? { ...f, text } : f)) : [{ path: 'fuzz.norma', text }];
        const name = `doc-${options.seed}-${i}.norma`;
        const started = performance.now();
        let step = 'load';
        try {
            const ws = await loadWorkspace(files, { asOf: AS_OF });
            for (const d of ws.diagnostics) if (!(d.line >= 1 && d.column >= 1)) fail('unlocated', 'diagnostic', JSON.stringify(d), text, name);
            if (ws.model) {
                step = 'evaluation';
                evaluate(ws.model, measurements.rows, actions.rows);
                step = 'generators';
                generateJsModule(ws.model);
                generateModelJson(ws.model);
                generateSql(ws.model);
            }
            step = 'formatter';
            await formatText(text).catch((e: Error) => { if (e.name !== 'FormatError') throw e; });
        } catch (error) {
            fail('crash', step, (error as Error).stack ?? String(error), text, name);
        }
        for (const s of takeSwallowedExceptions()) fail('swallowed', 'validation', s, text, name);
        const ms = performance.now() - started;
        if (ms > figures.slowest.ms) figures.slowest = { ms: Math.round(ms), bytes: text.length, index: i };
        figures.documents++;
        // A long run leaves its figures so far, in case it is stopped before the end.
        if (figures.documents % 5000 === 0) progress(options.out, figures);
    }
    await fuzzData(options, r, exampleModel, figures, fail);
    figures.heapEndMb = heapMb();
    return figures;
}

function progress(out: string, figures: DocumentFigures): void {
    const { failures: _, ...counts } = figures;
    fs.appendFileSync(path.join(out, 'progress.log'), `${new Date().toISOString()} ${JSON.stringify({ ...counts, heapNowMb: heapMb() })}\n`);
}

function evaluate(model: NormaModel, rows: Measurement[], actions: Action[]): void {
    try {
        check(model, rows, { asOf: AS_OF, actions });
    } catch (error) {
        if (!(error instanceof NormaDataError)) throw error;
    }
}

const DATA = ['data/measurements.csv', 'data/qa-evaluations.json', 'data/surveys.ndjson', 'actions.csv'];

/** The example's data files mutated, through the readers and the engine: located errors or a result. */
async function fuzzData(
    options: { dataFiles: number; seed: number; out: string },
    r: () => number,
    model: NormaModel,
    figures: DocumentFigures,
    fail: (kind: Failure['kind'], step: string, message: string, input: string, name: string) => void,
): Promise<void> {
    const texts = DATA.map(f => ({ file: f, text: fs.readFileSync(path.join(EXAMPLE, f), 'utf8') }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-fuzz-data-'));
    try {
        for (let i = 0; i < options.dataFiles; i++) {
            const source = pick(r, texts);
            // Data files are long: mutate a slice near the top, keep the rest.
            const cut = Math.min(source.text.length, 2000 + int(r, 4000));
            const text = mutate(source.text.slice(0, cut), r) + (int(r, 2) ? source.text.slice(cut) : '');
            const isActions = source.file === 'actions.csv';
            const file = path.join(dir, `${i}${path.extname(source.file)}`);
            fs.writeFileSync(file, text);
            const name = `data-${options.seed}-${i}${path.extname(source.file)}`;
            try {
                const read = isActions ? await readActions([file]) : await readMeasurements([file]);
                for (const e of read.errors) if (!(e.line >= 1 && e.column >= 1 && e.file)) fail('unlocated', 'data', JSON.stringify(e), text, name);
                if (read.errors.length === 0) {
                    if (isActions) evaluate(model, [], read.rows as Action[]);
                    else evaluate(model, read.rows as Measurement[], []);
                }
            } catch (error) {
                fail('crash', 'data', (error as Error).stack ?? String(error), text, name);
            } finally {
                fs.rmSync(file, { force: true });
            }
            figures.dataFiles++;
            if (figures.dataFiles % 1000 === 0) progress(options.out, figures);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
