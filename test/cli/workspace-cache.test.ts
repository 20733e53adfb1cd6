// .norma-cache/: `norma check` on an unchanged workspace reuses the resolved model, and any
// change to what the model was built from (a file's text, a file added, an imported file, the
// as-of day) is a miss, so a cached run never shows anything but what a fresh load would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { norma, REPO, tempDir } from './run-norma.js';

const EXAMPLE = path.join(REPO, 'examples/copc-cx');

/** A copy of the example workspace (without its cache) in a temp folder. */
function copyExample(): string {
    const dir = path.join(tempDir('norma-cache-'), 'copc-cx');
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: src => !src.includes('.norma-cache') });
    return dir;
}

const checkArgs = (dir: string, asOf = '2026-10-31') => ['check', dir, '--data', path.join(dir, 'data'), '--actions', path.join(dir, 'actions.csv'), '--as-of', asOf];

/** Marks the cached diagnostics, so a run shows whether it read the cache. */
function markCache(dir: string): void {
    const folder = path.join(dir, '.norma-cache');
    const [entry] = fs.readdirSync(folder).filter(f => f.endsWith('.json'));
    const file = path.join(folder, entry);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.outcome.diagnostics.push({ file: 'metrics/cache-marker.norma', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning', message: 'read from the cache' });
    fs.writeFileSync(file, JSON.stringify(data));
}

describe('norma check with .norma-cache/', () => {
    it('gives the same report from the cache, and the cache tells git to ignore it', () => {
        const dir = copyExample();
        const fresh = norma(checkArgs(dir));
        expect(fresh.code).toBe(1);
        expect(fs.readFileSync(path.join(dir, '.norma-cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
        const cached = norma(checkArgs(dir));
        expect(cached).toEqual(fresh);
        markCache(dir);
        expect(norma(checkArgs(dir)).stderr).toContain('read from the cache');
    }, 60_000);

    it('loads the workspace again when a file changes, appears or the as-of day moves', () => {
        const dir = copyExample();
        norma(checkArgs(dir));
        markCache(dir);
        const programs = path.join(dir, 'programs');
        const file = path.join(programs, fs.readdirSync(programs).find(f => f.endsWith('.norma'))!);
        const text = fs.readFileSync(file, 'utf8');

        fs.writeFileSync(file, text.replace(/^(\s*)norm (\w+)/m, '$1norm $2Typo'));
        const edited = norma(checkArgs(dir));
        expect(edited.code).toBe(2);
        expect(edited.stderr).not.toContain('read from the cache');
        expect(edited.stderr).toMatch(/Unknown metric '\w+Typo'/);

        fs.writeFileSync(file, text);
        norma(checkArgs(dir));
        markCache(dir);
        fs.writeFileSync(path.join(programs, 'zz-twin.norma'), text);
        const added = norma(checkArgs(dir));
        expect(added.code).toBe(2);
        expect(added.stderr).toContain('names must be unique');
        fs.rmSync(path.join(programs, 'zz-twin.norma'));

        norma(checkArgs(dir));
        markCache(dir);
        expect(norma(checkArgs(dir, '2026-10-30')).stderr).not.toContain('read from the cache');
    }, 120_000);

    it('is written by the worker thread that loads the workspace beside large data, and read the same way', () => {
        const dir = copyExample();
        const env = { NORMA_WORKSPACE_WORKER: '1' };
        const fresh = norma(checkArgs(dir), { env });
        expect(fs.readdirSync(path.join(dir, '.norma-cache')).filter(f => f.endsWith('.json'))).toHaveLength(1);
        expect(norma(checkArgs(dir), { env })).toEqual(fresh);
    }, 60_000);

    it('ignores an unreadable entry, and NORMA_CACHE=0 writes none', () => {
        const dir = copyExample();
        const fresh = norma(checkArgs(dir));
        const folder = path.join(dir, '.norma-cache');
        for (const f of fs.readdirSync(folder).filter(f => f.endsWith('.json'))) fs.writeFileSync(path.join(folder, f), '{"build":');
        expect(norma(checkArgs(dir))).toEqual(fresh);

        const off = copyExample();
        const uncached = norma(checkArgs(off), { env: { NORMA_CACHE: '0' } });
        // Paths are shown relative to the current folder, wherever the clone is: swap the copies' own folder names.
        const same = (text: string) => text.replaceAll(path.basename(path.dirname(off)), path.basename(path.dirname(dir)));
        expect({ ...uncached, stdout: same(uncached.stdout), stderr: same(uncached.stderr) }).toEqual(fresh);
        expect(fs.existsSync(path.join(off, '.norma-cache'))).toBe(false);
    }, 60_000);
});
