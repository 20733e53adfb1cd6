/**
 * Finding and reading `.norma` (and other) files, with no Langium, so a command can list files
 * without loading the parser; and the file system as Norma meets it in hostile workspaces: only regular files are read (never a
 * FIFO, a device such as /dev/zero, or a socket), with a size cap and strict UTF-8; folder
 * walks follow links once (a link loop or a dangling link is one skipped entry, not the end of
 * the run); output folders are created one level at a time (Node 20's recursive mkdir loops
 * forever under /proc).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_CHARS, formatCount } from '../parser/limits.js';

/** A path left out of a walk, and why, in plain words. */
export interface Skipped {
    path: string;
    reason: string;
}

/** Why a path cannot be read as a source file, or undefined when it can. */
export function notReadable(file: string): string | undefined {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch (error) {
        return linkProblem(file, error as NodeJS.ErrnoException);
    }
    if (stat.isDirectory()) return 'is a folder, not a file';
    if (!stat.isFile()) return 'is not a regular file (a pipe, device or socket), so it is not read';
    // UTF-8 takes at most 4 bytes per character: a bigger file cannot be under the limit.
    if (stat.size > MAX_FILE_CHARS * 4) return `has ${formatCount(stat.size)} bytes, more than the ${formatCount(MAX_FILE_CHARS)} characters Norma reads in one file`;
    return undefined;
}

/** A file's text, or where and why it is not UTF-8 text (line and column 1-based). */
export type ReadText = { text: string } | { line: number; column: number; message: string };

/** Reads a regular file as strict UTF-8 (a leading byte-order mark is dropped). */
export function readText(file: string): ReadText {
    const problem = notReadable(file);
    if (problem) return { line: 1, column: 1, message: `This path ${problem}.` };
    const bytes = fs.readFileSync(file);
    try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
    } catch {
        const at = firstInvalidUtf8(bytes);
        const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
        const line = (before.match(/\n/g)?.length ?? 0) + 1;
        const column = before.length - before.lastIndexOf('\n');
        return { line, column, message: `This file is not UTF-8 text (byte ${at + 1} is not valid UTF-8); Norma reads only UTF-8 text files.` };
    }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
    let lo = 0;
    let hi = bytes.length;
    // The longest valid prefix, by bisection (a valid prefix may end inside a character: stream mode).
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
            lo = mid;
        } catch {
            hi = mid - 1;
        }
    }
    // A prefix valid in stream mode may end in the lead bytes of the broken character.
    for (let start = lo; start >= Math.max(0, lo - 3); start--) {
        try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, start));
            return start;
        } catch { /* still inside the broken character */ }
    }
    return lo;
}

function linkProblem(file: string, error: NodeJS.ErrnoException): string {
    let isLink = false;
    try { isLink = fs.lstatSync(file).isSymbolicLink(); } catch { /* the path itself is missing */ }
    if (error.code === 'ELOOP') return 'is a symbolic link that loops';
    if (isLink) return 'is a symbolic link to nothing';
    if (error.code === 'ENOENT') return 'does not exist';
    return `cannot be read (${error.code ?? error.message})`;
}

/** Every `.norma` file under the given files and folders, sorted (a file named directly is taken whatever its name). */
export function collectFiles(paths: string[], skipped?: Skipped[]): string[] {
    return findFiles(paths, '.norma', { anyNamedFile: true, skipped });
}

/** The deepest folder holding every given path (a file's own folder for a single file). */
export function commonRoot(paths: string[]): string {
    const dirs = paths.map(p => (isFolder(p) ? p : path.dirname(p)));
    let root = dirs[0];
    while (!dirs.every(d => d === root || d.startsWith(root + path.sep))) root = path.dirname(root);
    return root;
}

/**
 * Files ending with `suffix` under the given files and folders (recursively; hidden folders and
 * node_modules skipped; each real folder visited once), sorted and without repeats. Entries
 * that cannot be read (broken or looping links, pipes, devices) go to `skipped`. Throws on a
 * given path that does not exist.
 */
export function findFiles(paths: string[], suffix: string, options: { anyNamedFile?: boolean; skipped?: Skipped[] } = {}): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const skip = (p: string, reason: string) => options.skipped?.push({ path: p, reason });
    const visit = (p: string, named: boolean) => {
        const problem = notReadable(p);
        if (problem === 'is a folder, not a file') {
            const real = fs.realpathSync(p);
            if (seen.has(real)) return;
            seen.add(real);
            let entries: string[];
            try {
                entries = fs.readdirSync(p).sort();
            } catch (error) {
                skip(p, `cannot be listed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
                return;
            }
            for (const entry of entries) {
                if (entry === 'node_modules' || entry.startsWith('.')) continue;
                const child = path.join(p, entry);
                if (entry.endsWith(suffix) || isFolder(child)) visit(child, false);
            }
        } else if (named && problem === 'does not exist') {
            throw new Error(`No such file or folder: ${p}`);
        } else if (problem && !problem.startsWith('has ')) {
            // Too large files are kept: reading them gives a located error.
            skip(p, problem);
        } else if (named ? options.anyNamedFile || p.endsWith(suffix) : true) {
            out.push(p);
        }
    };
    for (const p of paths) visit(p, true);
    return [...new Set(out)].sort();
}

function isFolder(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

/**
 * Creates a folder and its parents one level at a time (Node's recursive mkdir never returns for a
 * path under /proc). Throws a plain error when a parent is not a folder or cannot be written (under
 * /proc, a read-only mount...); it keeps the system's code and path, so the CLI can say it in its words.
 */
export function ensureFolder(folder: string): void {
    const absolute = path.resolve(folder);
    const missing: string[] = [];
    let at = absolute;
    for (;;) {
        const stat = fs.statSync(at, { throwIfNoEntry: false });
        if (stat) {
            if (!stat.isDirectory()) throw folderError(`Cannot create the folder ${absolute}: ${at} is not a folder.`, 'ENOTDIR', at);
            break;
        }
        missing.unshift(at);
        const parent = path.dirname(at);
        if (parent === at) break;
        at = parent;
    }
    for (const dir of missing) {
        try {
            fs.mkdirSync(dir);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'EEXIST' && fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
            throw folderError(`Cannot create the folder ${dir} (${code ?? (error as Error).message}); choose a folder you can write to.`, code, dir);
        }
    }
}

function folderError(message: string, code: string | undefined, at: string): Error {
    return Object.assign(new Error(message), { code, path: at });
}

/** Writes a file, creating its folder first; a plain error when the place cannot be written. */
export function writeTextFile(file: string, text: string): void {
    ensureFolder(path.dirname(path.resolve(file)));
    try {
        fs.writeFileSync(file, text);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(`Cannot write ${file} (${code ?? (error as Error).message}); choose a file you can write to.`);
    }
}
