/**
 * `.norma-cache/` next to the workspace: its resolved model and diagnostics, keyed by the
 * content of every file it was built from, so `norma check` on an unchanged workspace skips
 * parsing, linking and validating (and never loads Langium). Any change to a file, a file added
 * or removed, another `--as-of` or another build of Norma is a miss and the workspace loads as
 * usual. Safe to delete; it tells git to ignore it. NORMA_CACHE=0 turns it off.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectFiles, commonRoot } from '../../language/src/workspace/files.js';
import type { LoadedWorkspace } from '../../language/src/workspace/workspace.js';
import type { WorkspaceOutcome } from './load.js';

/** Set by scripts/build.mjs, a new value per build; absent when the sources run unbundled (tests), which never cache. */
declare const NORMA_BUILD: string | undefined;
const BUILD: string | undefined = typeof NORMA_BUILD === 'string' ? NORMA_BUILD : undefined;

export const CACHE_FOLDER = '.norma-cache';

interface Entry {
    build: string;
    asOf: string;
    /** The `.norma` files found under the paths (absolute), before loading. */
    listed: string[];
    /** Every file the workspace was built from (the listed ones and what they import), with its hash. */
    files: { path: string; hash: string }[];
    outcome: WorkspaceOutcome;
}

const enabled = () => BUILD !== undefined && process.env.NORMA_CACHE !== '0';
const hashOf = (text: string) => createHash('sha256').update(text).digest('base64');
const absolute = (paths: string[]) => (paths.length ? paths : ['.']).map(p => path.resolve(p));

function entryFile(paths: string[]): string {
    const given = absolute(paths);
    const key = hashOf([...given].sort().join('\0')).replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
    return path.join(commonRoot(given), CACHE_FOLDER, `workspace-${key}.json`);
}

/** The cached outcome when every file is as it was; undefined otherwise (a stale, unreadable or absent cache is a miss). */
export function readWorkspaceCache(paths: string[], asOf: string): WorkspaceOutcome | undefined {
    if (!enabled()) return undefined;
    try {
        const file = entryFile(paths);
        if (!fs.existsSync(file)) return undefined;
        const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Entry;
        if (entry.build !== BUILD || entry.asOf !== asOf || !entry.outcome?.model) return undefined;
        const listed = collectFiles(absolute(paths));
        if (listed.length !== entry.listed.length || listed.some((f, i) => f !== entry.listed[i])) return undefined;
        for (const f of entry.files) {
            if (hashOf(fs.readFileSync(f.path, 'utf8')) !== f.hash) return undefined;
        }
        return entry.outcome;
    } catch {
        return undefined;
    }
}

/**
 * Loads the workspace with `load` and caches the outcome when it has no error. The files are
 * listed before loading, so a file added or removed meanwhile makes the entry a miss later.
 */
export async function loadAndCache(paths: string[], asOf: string, load: () => Promise<LoadedWorkspace>): Promise<LoadedWorkspace> {
    let listed: string[] | undefined;
    try { listed = enabled() ? collectFiles(absolute(paths)) : undefined; } catch { /* the loader reports a missing path */ }
    const ws = await load();
    if (listed && ws.model) writeEntry(paths, asOf, listed, ws);
    return ws;
}

function writeEntry(paths: string[], asOf: string, listed: string[], ws: LoadedWorkspace): void {
    const entry: Entry = {
        build: BUILD!,
        asOf,
        listed,
        files: ws.files.map(f => ({ path: path.resolve(ws.root, f.path), hash: hashOf(f.text) })),
        outcome: { root: ws.root, fileCount: ws.files.length, diagnostics: ws.diagnostics, model: ws.model },
    };
    try {
        const file = entryFile(paths);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const ignore = path.join(path.dirname(file), '.gitignore');
        if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Norma\'s cache of resolved workspaces: safe to delete.\n*\n');
        // Written aside and renamed, so a reader never sees half an entry.
        const partial = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(partial, JSON.stringify(entry));
        fs.renameSync(partial, file);
    } catch {
        // The cache only saves time: a read-only folder means loading as usual next time.
    }
}
