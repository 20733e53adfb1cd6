/**
 * `norma diff <old> <new> [paths...]`: the semantic diff of two workspaces, each a folder (or
 * file) on disk or a git revision of the repository around the current folder, read through
 * git without a checkout. With `--data`, both versions are replayed over the data and every
 * verdict that flips is listed.
 *
 * Which files a revision's workspace holds: every `.norma` file of that revision's tree under
 * the given paths (relative to the current folder), or, without paths, under the current
 * folder (at the repository's top level: the whole tree), plus the files they import. A side
 * given as a folder is that folder; paths do not apply to it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedWorkspace, SourceFile } from '../../../language/src/workspace/workspace.js';
// Langium loads on first use (see workspace()), not when `norma --help` starts.
const workspace = () => import('../../../language/src/workspace/workspace.js');
import type { NormaModel } from '../../../language/src/model/types.js';
import { NormaDataError } from '../../../language/src/engine/errors.js';
import type { DataIssue } from '../../../language/src/engine/types.js';
import { diffModels, renderJson, renderMarkdown, renderPretty, replay, type DiffReport } from '../../../language/src/diff/index.js';
import { readActions, readMeasurements, formatDataErrors, type DataError } from '../../../language/src/data/index.js';
import { parseAsOf } from '../dates.js';
import { countLine } from '../diagnostics.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { colorFor, colors, writeOutput } from '../terminal.js';

export interface DiffOptions {
    data?: string[];
    actions?: string[];
    asOf?: string;
    format: string;
    output?: string;
    failOn?: string[];
}

export async function run(oldArg: string, newArg: string, paths: string[], opts: DiffOptions): Promise<void> {
    const asOf = parseAsOf(opts.asOf);
    const failOn = new Set(opts.failOn ?? []);
    if (failOn.has('flipped') && !opts.data) throw new UsageError('--fail-on flipped needs --data: verdicts flip only when both versions are replayed over data.');
    if (opts.actions && !opts.data) throw new UsageError('--actions needs --data.');
    const [before, after] = await Promise.all([loadSide(oldArg, paths, 'old', asOf), loadSide(newArg, paths, 'new', asOf)]);
    const diff = diffModels(before, after);
    const report: DiffReport = { old: oldArg, new: newArg, diff, failures: [] };
    if (opts.data) report.replay = await replayData(before, after, opts.data, opts.actions ?? [], asOf);
    if (failOn.has('loosened') && diff.counts.loosened > 0) {
        report.failures.push(`${diff.counts.loosened} change${diff.counts.loosened === 1 ? ' loosens' : 's loosen'} the norms (--fail-on loosened).`);
    }
    if (failOn.has('flipped') && report.replay && report.replay.flips.length > 0) {
        report.failures.push(`${report.replay.flips.length} verdict${report.replay.flips.length === 1 ? ' flips' : 's flip'} over the data (--fail-on flipped).`);
    }
    const text = opts.format === 'json' ? renderJson(report)
        : opts.format === 'markdown' ? renderMarkdown(report)
            : renderPretty(report, colors(!opts.output && colorFor(process.stdout)));
    writeOutput(text, opts.output, opts.format);
    process.exitCode = report.failures.length ? ExitCode.GateFailed : ExitCode.Ok;
}

/** Loads one side, printing its diagnostics; exit 2 naming the side when it has language errors. */
async function loadSide(arg: string, paths: string[], side: 'old' | 'new', asOf: string): Promise<NormaModel> {
    let ws: LoadedWorkspace;
    let label: (file: string) => string;
    const isFolder = fs.existsSync(arg);
    if (isFolder) {
        ws = await (await workspace()).loadWorkspaceFromDisk([arg], { asOf }).catch((e: Error) => { throw new UsageError(e.message); });
        label = file => path.relative(process.cwd(), path.resolve(ws.root, file)).split(path.sep).join('/') || file;
    } else {
        const rev = resolveRevision(arg);
        ws = await loadRevision(rev.top, arg, rev.commit, paths.length ? paths : ['.'], asOf);
        label = file => `${arg}:${file}`;
    }
    if (ws.files.length === 0) throw new UsageError(`The ${side} side (${arg}) has no .norma file.`);
    const errors = ws.diagnostics.filter(d => d.severity === 'error');
    if (errors.length) {
        const c = colors(colorFor(process.stderr));
        for (const d of errors) process.stderr.write(`${side}: ${label(d.file)}:${d.line}:${d.column} ${c.red('error')} ${d.message}\n`);
        throw new UsageError(`The ${side} side (${arg}) has language errors (${countLine(ws.diagnostics)}); no diff is given.`);
    }
    return relabel(ws.model!, isFolder ? label : (f: string) => f);
}

/** The model with every source file named as the reader sees it (relative to the current folder for a folder side). */
function relabel(model: NormaModel, name: (file: string) => string): NormaModel {
    const fix = <T extends { source: { file: string } }>(items: T[]): T[] => items.map(i => ({ ...i, source: { ...i.source, file: name(i.source.file) } }));
    return {
        ...model,
        standards: fix(model.standards), requirements: fix(model.requirements), metrics: fix(model.metrics),
        programs: fix(model.programs), norms: fix(model.norms), exclusions: fix(model.exclusions),
    };
}

function git(args: string[], cwd: string, input?: string): Buffer {
    return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
}

function resolveRevision(arg: string): { top: string; commit: string } {
    let top: string;
    try {
        top = git(['rev-parse', '--show-toplevel'], process.cwd()).toString().trim();
    } catch {
        throw new UsageError(`'${arg}' is neither a folder nor a file, and the current folder is not in a git repository to read it as a revision.`);
    }
    try {
        const commit = git(['rev-parse', '--verify', '--quiet', `${arg}^{commit}`], process.cwd()).toString().trim();
        return { top, commit };
    } catch {
        throw new UsageError(`'${arg}' is neither a folder nor a file, nor a revision of the git repository at ${top}.`);
    }
}

/** The `.norma` files of a revision under the given paths (relative to the current folder), and what they import. */
export async function loadRevision(top: string, name: string, commit: string, paths: string[], asOf: string): Promise<LoadedWorkspace> {
    const cwd = fs.realpathSync(process.cwd());
    const realTop = fs.realpathSync(top);
    const prefixes = paths.map(p => path.relative(realTop, path.resolve(cwd, p)).split(path.sep).join('/'));
    if (prefixes.some(p => p.startsWith('..'))) throw new UsageError(`The paths ${paths.join(', ')} are outside the repository at ${top}.`);
    const listing = git(['ls-tree', '-r', '-z', '--name-only', commit, '--', ...prefixes.map(p => p || '.')], realTop).toString();
    const tree = new Set(git(['ls-tree', '-r', '-z', '--name-only', commit], realTop).toString().split('\0').filter(Boolean));
    const wanted = listing.split('\0').filter(f => f.endsWith('.norma') && !f.split('/').some(part => part.startsWith('.') || part === 'node_modules'));
    const files = new Map<string, SourceFile>();
    for (const f of readBlobs(realTop, commit, wanted)) files.set(f.path, f);
    for (;;) {
        const ws = await (await workspace()).loadWorkspace([...files.values()], { asOf, root: `${name}:` });
        const missing = ws.diagnostics
            .filter(d => d.code === 'import-not-found')
            .map(d => /\(looked for (.+)\)\.$/.exec(d.message)?.[1])
            .filter((p): p is string => !!p && tree.has(p) && !files.has(p));
        if (!missing.length) return ws;
        for (const f of readBlobs(realTop, commit, [...new Set(missing)])) files.set(f.path, f);
    }
}

/** File texts of a commit, in one `git cat-file --batch`. */
function readBlobs(top: string, commit: string, files: string[]): SourceFile[] {
    if (!files.length) return [];
    const out = git(['cat-file', '--batch'], top, files.map(f => `${commit}:${f}`).join('\n') + '\n');
    const result: SourceFile[] = [];
    let at = 0;
    for (const file of files) {
        const eol = out.indexOf(0x0a, at);
        const header = out.subarray(at, eol).toString();
        const size = Number(header.split(' ')[2]);
        if (!Number.isFinite(size) || header.endsWith('missing')) throw new UsageError(`Cannot read ${file} at ${commit.slice(0, 12)}.`);
        result.push({ path: file, text: out.subarray(eol + 1, eol + 1 + size).toString('utf8') });
        at = eol + 1 + size + 1;
    }
    return result;
}

async function replayData(before: NormaModel, after: NormaModel, data: string[], actionSources: string[], asOf: string) {
    if (data.filter(d => d === '-').length + actionSources.filter(a => a === '-').length > 1) throw new UsageError('Only one source can read stdin (-).');
    const [measurements, actions] = await Promise.all([
        readMeasurements(data),
        actionSources.length ? readActions(actionSources) : Promise.resolve(undefined),
    ]);
    const readErrors: DataError[] = [...measurements.errors, ...(actions?.errors ?? [])];
    if (readErrors.length) throw new UsageError(`The data has ${readErrors.length} problem${readErrors.length === 1 ? '' : 's'}:\n${formatDataErrors(readErrors)}`);
    const locate = (issue: DataIssue) => (issue.kind === 'action' && actions ? actions.locate(issue) : measurements.locate(issue));
    try {
        return replay(before, after, measurements.columns ?? measurements.rows, { asOf, actions: actions?.rows ?? [] });
    } catch (error) {
        if (error instanceof NormaDataError) {
            throw new UsageError(`The data has ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in both versions; no replay is given:\n${formatDataErrors(error.issues.map(locate))}`);
        }
        throw error;
    }
}
