/**
 * `norma fmt [paths...] [--check]`: rewrites `.norma` files in the canonical layout, the very
 * layout the language server's formatter gives (`formatText` of language/src/lsp/norma-formatter.ts).
 * Every comment and paragraph break is kept; formatting twice changes nothing.
 * `--check` rewrites nothing, names each file that would change and exits 1 if any would.
 * A file with syntax errors is never rewritten: it is reported `file:line:col` and the exit is 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectFiles } from '../../../language/src/workspace/files.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { colorFor, colors, writeFile, writeOutput, type Colors } from '../terminal.js';
import { createTwoFilesPatch } from 'diff';

/** A unified diff with removed lines red and added lines green (on a terminal). */
function colorDiff(patch: string, c: Colors): string {
    return patch.split('\n').filter(line => !line.startsWith('====')).map(line => {
        if (line.startsWith('+') && !line.startsWith('+++')) return c.green(line);
        if (line.startsWith('-') && !line.startsWith('---')) return c.red(line);
        return line.startsWith('@@') ? c.cyan(line) : line;
    }).join('\n');
}

/** The formatter contract `norma fmt` relies on. */
export type FormatText = (text: string) => Promise<string>;

interface FormatErrorShape {
    name: string;
    problems?: { line: number; column: number; message: string }[];
    message: string;
}

async function defaultFormatter(): Promise<FormatText> {
    const module = await import('../../../language/src/lsp/norma-formatter.js');
    return module.formatText;
}

export interface FmtOutcome {
    changed: string[];
    /** The text before and after formatting of each changed file. */
    changes: Map<string, { before: string; after: string }>;
    unchanged: string[];
    failed: { file: string; line: number; column: number; message: string }[];
}

/** Formats files; writes them back unless `check`. */
export async function formatFiles(files: string[], check: boolean, format: FormatText): Promise<FmtOutcome> {
    const outcome: FmtOutcome = { changed: [], changes: new Map(), unchanged: [], failed: [] };
    for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        let formatted: string;
        try {
            formatted = await format(text);
        } catch (error) {
            const e = error as FormatErrorShape;
            if (e.name !== 'FormatError') throw error;
            const problems = e.problems?.length ? e.problems : [{ line: 1, column: 1, message: e.message }];
            // A problem at the end of the file (a missing '}') has no position of its own: point at the end.
            const lines = text.split('\n');
            const end = { line: lines.length, column: lines[lines.length - 1].length + 1 };
            for (const p of problems) {
                const known = Number.isFinite(p.line) && p.line > 0 && Number.isFinite(p.column) && p.column > 0;
                outcome.failed.push({ file, line: known ? p.line : end.line, column: known ? p.column : end.column, message: p.message });
            }
            continue;
        }
        if (formatted === text) {
            outcome.unchanged.push(file);
        } else {
            outcome.changed.push(file);
            outcome.changes.set(file, { before: text, after: formatted });
            if (!check) writeFile(file, formatted);
        }
    }
    return outcome;
}

export async function run(paths: string[], opts: { check?: boolean; diff?: boolean }): Promise<void> {
    if (opts.diff) opts.check = true;
    let files: string[];
    try {
        files = collectFiles((paths.length ? paths : ['.']).map(p => path.resolve(p)));
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    if (!files.length) throw new UsageError(`No .norma file found in ${paths.length ? paths.join(', ') : 'the current folder'}.`);
    const outcome = await formatFiles(files, Boolean(opts.check), await defaultFormatter());
    const show = (f: string) => path.relative(process.cwd(), f).split(path.sep).join('/') || f;
    const c = colors(colorFor(process.stdout));
    const ce = colors(colorFor(process.stderr));
    for (const f of outcome.failed) process.stderr.write(`${show(f.file)}:${f.line}:${f.column} ${ce.red('error')} ${f.message}\n`);
    const lines = outcome.changed.map(f => (opts.check ? `${show(f)} ${c.yellow('would be reformatted')}` : `${show(f)} ${c.green('formatted')}`));
    if (opts.diff) {
        for (const [file, { before, after }] of outcome.changes) lines.push(colorDiff(createTwoFilesPatch(`a/${show(file)}`, `b/${show(file)}`, before, after, '', '', { context: 3 }), c).trimEnd());
    }
    const n = outcome.changed.length;
    const total = files.length;
    lines.push(opts.check
        ? (n ? `${n} of ${total} file${total === 1 ? '' : 's'} would be reformatted; run norma fmt to fix.` : `${total} file${total === 1 ? '' : 's'} already formatted.`)
        : `${n} of ${total} file${total === 1 ? '' : 's'} reformatted.`);
    if (outcome.failed.length) {
        const bad = new Set(outcome.failed.map(f => f.file)).size;
        lines.push(`${bad} file${bad === 1 ? ' has' : 's have'} syntax errors and ${bad === 1 ? 'was' : 'were'} left untouched.`);
    }
    writeOutput(lines.join('\n'));
    process.exitCode = outcome.failed.length ? ExitCode.InvalidInput : opts.check && n ? ExitCode.GateFailed : ExitCode.Ok;
}
