// `npm ci` on the oldest supported Node (20.20) warns about a dependency whose `engines` exclude
// it. The lock is what `npm ci` installs, so its `engines` fields are what it will warn about.
// Langium 4.4 needs chevrotain ~13.2, and every chevrotain from 12 on declares Node 22
// (chevrotain-allstar, Langium's other parser dependency, needs ^13 too): no pin avoids that one,
// and README's Install section says so. langium-cli's commander 15 (Node 22.12) is avoided by an
// `overrides` pin to the commander 14 the CLI already uses.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm's own range reader (a dependency of the toolchain, untyped here).
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } | null };

const REPO = path.resolve(import.meta.dirname, '../..');
const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string }; overrides?: Record<string, unknown> };
const OLDEST = semver.minVersion(manifest.engines.node)!.version;

/**
 * Packages of the lock that `npm ci` installed here (optional ones for other platforms are
 * skipped, as npm skips them) whose declared Node range leaves out `version`.
 */
function excluding(version: string): string[] {
    return Object.entries(lock.packages)
        .filter(([key, p]) => key && (!p.optional || fs.existsSync(path.join(REPO, key))))
        .filter(([, p]) => !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(version, p.engines.node))
        .map(([key, p]) => `${key.replace(/^.*node_modules\//, '')}@${p.version}`)
        .sort();
}

describe('engine warnings of npm ci on the oldest supported Node', () => {
    it(`come from chevrotain alone (Langium 4.4's parser; no version of it supports Node ${OLDEST})`, () => {
        expect(OLDEST).toBe('20.20.0');
        expect(excluding(OLDEST)).toEqual(['chevrotain@13.2.0']);
        expect(excluding('22.12.0')).toEqual([]);
    });

    it('never come from what the installed package pulls (its runtime dependencies)', () => {
        const runtime = Object.entries(lock.packages).filter(([key, p]) => key && !(p as { dev?: boolean }).dev);
        expect(runtime.map(([key]) => key)).toContain('node_modules/@duckdb/node-api');
        for (const [key, p] of runtime) {
            const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
            if (range) expect(semver.satisfies(OLDEST, range), `${key} ${range}`).toBe(true);
        }
    });

    it('keeps langium-cli on commander 14 (commander 15 needs Node 22.12)', () => {
        expect(manifest.overrides).toEqual({ 'langium-cli': { commander: '14.0.3' } });
        expect(lock.packages['node_modules/langium-cli/node_modules/commander']).toBeUndefined();
        expect(lock.packages['node_modules/commander'].version).toBe('14.0.3');
    });

    it('are explained in the README', () => {
        const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
        expect(readme).toMatch(/EBADENGINE[^\n]*chevrotain/);
    });
});
