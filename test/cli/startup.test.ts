// Start-up: a command loads only what it uses, in the built bundle as users run it. `--help`,
// `--version` and a check whose workspace comes from .norma-cache/ load no chunk holding Langium
// or pg, and never DuckDB's native binding; the same check without the cache does load Langium
// (so the detection is not blind). test/architecture/boundaries.test.ts checks the sources.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, tempDir } from './run-norma.js';

const MODULE_LOG = path.join(REPO, 'test/cli/fixtures/module-log.mjs');
/** What the unminified bundle says above each module it inlines (`// node_modules/langium/lib/...`). */
const LIBRARIES = { langium: '// node_modules/langium/', pg: '// node_modules/pg/' };

/** Runs the built CLI; returns its exit code and which libraries the modules it loaded hold. */
function loaded(args: string[], env: Record<string, string> = {}): { code: number | null; libraries: string[]; modules: string[] } {
    const log = path.join(tempDir('norma-modules-'), 'modules.txt');
    const r = spawnSync(process.execPath, ['--import', MODULE_LOG, BIN, ...args], {
        cwd: REPO, encoding: 'utf8', env: { ...process.env, CI: 'true', NORMA_MODULE_LOG: log, ...env },
    });
    const modules = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const libraries = new Set<string>();
    for (const url of modules) {
        if (url.includes('/@duckdb/')) libraries.add('duckdb');
        if (!url.startsWith('file:') || !url.includes('/dist/')) continue;
        const text = fs.readFileSync(fileURLToPath(url), 'utf8');
        for (const [name, marker] of Object.entries(LIBRARIES)) if (text.includes(marker)) libraries.add(name);
    }
    return { code: r.status, libraries: [...libraries].sort(), modules };
}

function copyExample(): string {
    const dir = path.join(tempDir('norma-startup-'), 'copc-cx');
    fs.cpSync(path.join(REPO, 'examples/copc-cx'), dir, { recursive: true, filter: src => !src.includes('.norma-cache') });
    return dir;
}

const checkArgs = (dir: string) => ['check', dir, '--data', path.join(dir, 'data'), '--actions', path.join(dir, 'actions.csv'), '--as-of', '2026-10-31'];

describe('what a command loads (built bundle)', () => {
    it('the bundle is unminified, so its chunks name the libraries they hold', () => {
        const chunks = fs.readdirSync(path.join(REPO, 'dist')).filter(f => f.endsWith('.mjs')).map(f => fs.readFileSync(path.join(REPO, 'dist', f), 'utf8'));
        for (const marker of Object.values(LIBRARIES)) expect(chunks.some(c => c.includes(marker)), marker).toBe(true);
    });

    it.each([[['--version']], [['--help']], [['check', '--help']], [['staff', '--offered', '100', '--aht', '180s', '--threshold', '20s', '--target', '80%']]])('norma %j loads no Langium, pg or DuckDB', (args) => {
        const run = loaded(args);
        expect(run.code).toBe(0);
        expect(run.modules.length).toBeGreaterThan(1);
        expect(run.libraries).toEqual([]);
    });

    it('a check of a cached workspace loads no Langium, pg or DuckDB; without the cache it loads Langium only', () => {
        const dir = copyExample();
        const fresh = loaded(checkArgs(dir));
        expect(fresh.code).toBe(1);
        expect(fresh.libraries).toEqual(['langium']);
        const cached = loaded(checkArgs(dir));
        expect(cached.code).toBe(1);
        expect(cached.libraries).toEqual([]);
    }, 60_000);
});
