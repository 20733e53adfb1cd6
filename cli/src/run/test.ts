/**
 * `norma test [paths...]`: runs the declarative norm tests (`*.normtest.csv`, see
 * language/src/norm-tests/fixture.ts and docs/language.md) against the workspace, through the
 * engine's `check`, and prints pass or fail per case with the difference.
 *
 * Paths: folders are searched for both `.norma` files (the workspace) and `*.normtest.csv`
 * files (the cases); a `.norma` file joins the workspace; a `.normtest.csv` file is a case.
 * Without a folder or `.norma` file, the workspace is the current folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    NORM_TEST_SUFFIX, parseNormTest, runNormTest, type CaseResult, type FixtureError, type NormTestFixture,
} from '../../../language/src/norm-tests/index.js';
import { readActions, type DataRead } from '../../../language/src/data/index.js';
import type { Action } from '../../../language/src/engine/types.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';
import { findFiles } from '../../../language/src/workspace/files.js';
import { today } from '../dates.js';
import { colorFor, colors, writeOutput } from '../terminal.js';
import { normTestJunit } from '../formats/normtest-junit.js';

/** Every `*.normtest.csv` under the given files and folders, sorted. */
export function findNormTests(paths: string[]): string[] {
    try {
        return [...new Set(findFiles(paths, NORM_TEST_SUFFIX).map(p => path.resolve(p)))].sort();
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}

function show(file: string): string {
    return path.relative(process.cwd(), file).split(path.sep).join('/') || file;
}

export interface NormTestCase {
    fixture: NormTestFixture;
    /** The case's actions, read by the data layer as `norma check --actions` reads them. */
    actions: DataRead<Action> | null;
}

/** Reads and parses every case (and its actions file); errors are located. */
export async function readNormTests(files: string[]): Promise<{ cases: NormTestCase[]; errors: FixtureError[] }> {
    const cases: NormTestCase[] = [];
    const errors: FixtureError[] = [];
    for (const file of files) {
        const parsed = parseNormTest(show(file), fs.readFileSync(file, 'utf8'));
        errors.push(...parsed.errors);
        if (!parsed.fixture) continue;
        const named = parsed.fixture.actionsFile;
        const actionsPath = named ? path.resolve(path.dirname(file), named) : file.slice(0, -NORM_TEST_SUFFIX.length) + '.actions.csv';
        let actions: DataRead<Action> | null = null;
        if (fs.existsSync(actionsPath)) {
            actions = await readActions([show(actionsPath)]);
            if (actions.errors.length) {
                errors.push(...actions.errors.map(e => ({ file: e.file, line: e.line, column: e.column, message: e.message })));
                continue;
            }
        } else if (named) {
            errors.push({ file: show(file), line: 1, column: 1, message: `The actions file ${named} does not exist (looked for ${show(actionsPath)}).` });
            continue;
        }
        cases.push({ fixture: parsed.fixture, actions });
    }
    return { cases, errors };
}

function workspacePaths(paths: string[]): string[] {
    const ws = paths.filter(p => !p.endsWith(NORM_TEST_SUFFIX));
    return ws.length ? ws : ['.'];
}

export async function run(paths: string[], opts: { format: string; output?: string }): Promise<void> {
    const searched = paths.length ? paths : ['.'];
    const files = findNormTests(searched);
    if (!files.length) throw new UsageError(`No norm test (*${NORM_TEST_SUFFIX}) found in ${searched.join(', ')}.`);
    const ws = await loadOrExplain(workspacePaths(paths), today(), { quietWarnings: true });
    const { cases, errors } = await readNormTests(files);
    const results: CaseResult[] = [];
    for (const c of cases) {
        const outcome = runNormTest(ws.model, c.fixture, c.actions);
        if (outcome.ok) results.push(outcome.result);
        else errors.push(...outcome.errors);
    }
    const ce = colors(colorFor(process.stderr));
    for (const e of errors) process.stderr.write(`${e.file}:${e.line}:${e.column} ${ce.red('error')} ${e.message}\n`);
    const failed = results.filter(r => !r.passed).length;
    if (opts.format === 'junit') {
        writeOutput(normTestJunit(results, errors), opts.output, 'junit');
    } else if (opts.format === 'json') {
        writeOutput(JSON.stringify({
            schema: 1,
            summary: { cases: results.length, passed: results.length - failed, failed, invalid: new Set(errors.map(e => e.file)).size },
            cases: results,
            errors,
        }, null, 2), opts.output, 'json');
    } else {
        const c = colors(!opts.output && colorFor(process.stdout));
        const lines: string[] = [];
        for (const r of results) {
            const head = r.passed ? c.green('PASS') : c.red('FAIL');
            lines.push(`${head}  ${r.file}${r.description ? `  ${c.dim(r.description)}` : ''}  (${r.checks} check${r.checks === 1 ? '' : 's'}, as of ${r.asOf})`);
            for (const f of r.failures) {
                lines.push(`      ${r.file}:${f.line}:${f.column} ${f.subject}: expected ${c.green(f.expected)}, got ${c.red(f.actual)}`);
                if (f.reason) lines.push(`        ${c.dim(f.reason)}`);
            }
        }
        const invalid = new Set(errors.map(e => e.file)).size;
        lines.push(`${results.length} case${results.length === 1 ? '' : 's'}: ${results.length - failed} passed, ${failed} failed${invalid ? `; ${invalid} invalid fixture file${invalid === 1 ? '' : 's'}` : ''}.`);
        writeOutput(lines.join('\n'), opts.output);
    }
    process.exitCode = errors.length ? ExitCode.InvalidInput : failed ? ExitCode.GateFailed : ExitCode.Ok;
}
