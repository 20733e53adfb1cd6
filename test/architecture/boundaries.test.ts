/**
 * The layers of docs/architecture.md, enforced: `language/` never imports `cli/`; the engine
 * imports nothing outside `engine/` at run time (it is bundled standalone into compiled
 * checks); the core DI module imports no editor service; and the CLI's start-up loads only
 * what a command uses (test/cli/startup.test.ts checks the same of the built bundle).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LANGUAGE = path.join(REPO, 'language/src');

interface Import { file: string; spec: string; typeOnly: boolean; dynamic: boolean; resolved: string | null }

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'generated' || e.name === 'engine-bundle' ? [] : sourceFiles(full);
        return e.name.endsWith('.ts') ? [full] : [];
    });
}

/** Every static import/export-from, dynamic import() and require() of a file. */
export function importsOf(file: string): Import[] {
    const source = fs.readFileSync(file, 'utf8');
    const found: Import[] = [];
    const add = (spec: string, typeOnly: boolean, dynamic = false) => found.push({
        file: path.relative(REPO, file), spec, typeOnly, dynamic,
        resolved: spec.startsWith('.') ? path.relative(REPO, path.resolve(path.dirname(file), spec)) : null,
    });
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) add(m[2], !!m[1]);
    for (const m of source.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1], false, true);
    return found;
}

describe('import boundaries', () => {
    const files = sourceFiles(LANGUAGE);

    it('reads the imports it checks (the scanner finds relative, package, type-only and dynamic imports)', () => {
        const all = files.flatMap(importsOf);
        expect(all.length).toBeGreaterThan(100);
        expect(all.some(i => i.typeOnly)).toBe(true);
        expect(all.some(i => i.spec === 'langium')).toBe(true);
        const probe = path.join(REPO, 'test/architecture/fixtures/probe.ts.txt');
        expect(importsOf(probe).map(i => [i.spec, i.typeOnly])).toEqual([
            ['../../../cli/src/main.js', false], ['../../../cli/src/exit-codes.js', true], ['../../../cli/src/terminal.js', false],
            ['node:fs', false], ['../../../cli/src/load.js', false],
        ]);
    });

    it('language/ never imports cli/ (not even a type)', () => {
        const offending = files.flatMap(importsOf).filter(i => i.resolved?.startsWith('cli/') || /(^|\/)cli\/src\//.test(i.spec));
        expect(offending.map(i => `${i.file} imports ${i.spec}`)).toEqual([]);
    });

    it('the engine imports nothing outside engine/ at run time (type-only imports of the model are fine)', () => {
        const engine = files.filter(f => f.startsWith(path.join(LANGUAGE, 'engine') + path.sep));
        expect(engine.length).toBeGreaterThan(10);
        const offending = engine.flatMap(importsOf).filter(i => !i.typeOnly && !(i.resolved?.startsWith('language/src/engine/')));
        expect(offending.map(i => `${i.file} imports ${i.spec}`)).toEqual([]);
    });

    it('the core DI module imports no editor service', () => {
        const core = importsOf(path.join(LANGUAGE, 'norma-module.ts'));
        const editor = core.filter(i => i.spec === 'langium/lsp' || i.spec.startsWith('vscode-languageserver') || i.resolved?.startsWith('language/src/lsp/'));
        expect(editor.map(i => i.spec)).toEqual([]);
        // And what the core module reaches (validation, model, workspace, data) stays clear of lsp/ too.
        const reached = new Set<string>();
        const queue = [path.join(LANGUAGE, 'norma-module.ts')];
        while (queue.length) {
            const file = queue.pop()!;
            if (reached.has(file)) continue;
            reached.add(file);
            for (const i of importsOf(file)) {
                if (!i.resolved || i.typeOnly) continue;
                const target = path.join(REPO, i.resolved).replace(/\.js$/, '.ts');
                if (fs.existsSync(target)) queue.push(target);
            }
        }
        expect([...reached].map(f => path.relative(REPO, f)).filter(f => f.startsWith('language/src/lsp/'))).toEqual([]);
    });
});

/** The packages a file loads before any of its code runs: its static, non-type imports, followed through the sources. */
function packagesLoadedBy(entry: string): Map<string, string> {
    const packages = new Map<string, string>();
    const reached = new Set<string>();
    const queue = [path.join(REPO, entry)];
    while (queue.length) {
        const file = queue.pop()!;
        if (reached.has(file)) continue;
        reached.add(file);
        for (const i of importsOf(file)) {
            if (i.typeOnly || i.dynamic) continue;
            if (!i.resolved) {
                if (!packages.has(i.spec)) packages.set(i.spec, i.file);
                continue;
            }
            const target = path.join(REPO, i.resolved).replace(/\.js$/, '.ts');
            if (fs.existsSync(target)) queue.push(target);
        }
    }
    return packages;
}

describe('start-up: what the CLI loads before a command needs it', () => {
    const heavy = /^(langium|chevrotain|vscode-languageserver|pg$|@duckdb\/|papaparse$)/;
    const shown = (packages: Map<string, string>) => [...packages].filter(([p]) => heavy.test(p) || p === 'commander').map(([p, by]) => `${p} (by ${by})`);

    it('registering the commands (--help, --version) loads commander and picocolors, no other library', () => {
        const packages = packagesLoadedBy('cli/src/main.ts');
        expect([...packages.keys()].filter(p => !p.startsWith('node:')).sort()).toEqual(['commander', 'picocolors']);
    });

    it('a check, assess or staff run loads no Langium, DuckDB or pg until it needs them (a cached workspace, --data)', () => {
        for (const run of ['cli/src/run/check.ts', 'cli/src/run/assess.ts', 'cli/src/run/staff.ts']) {
            const packages = packagesLoadedBy(run);
            expect(shown(packages).filter(p => !/^(commander|papaparse) /.test(p)), run).toEqual([]);
            // It does read CSV: the walk sees the data readers, so an empty answer above is not a blind one.
            expect(packages.has('papaparse'), run).toBe(true);
        }
    });
});
