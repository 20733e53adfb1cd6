// The conventions CI engineers expect of every command, through the built binary: the exit-code
// section of --help, a closed pipe ending the run quietly, plain errors for unwritable outputs,
// FORCE_COLOR/NO_COLOR, one rule for paths, comma lists, and the smaller flags of each command.
// Commands are read off `norma --help`, so a command added to cli/src/main.ts is covered too.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorFor } from '../../cli/src/terminal.js';
import { hasCommand, SCHEMAS } from '../formats/env.js';
import { BIN, norma, REPO, tempDir, workspace } from './run-norma.js';

const EXAMPLE = path.join(REPO, 'examples/copc-cx');
const RECORDS_EXAMPLE = path.join(REPO, 'examples/contact-records');
const CHECK_EXAMPLE = ['check', EXAMPLE, '--data', path.join(EXAMPLE, 'data'), '--actions', path.join(EXAMPLE, 'actions.csv'), '--as-of', '2026-10-31'];

/** The commands `norma --help` lists (every command main.ts registers). */
function registeredCommands(): string[] {
    const help = norma(['--help']).stdout;
    const section = help.slice(help.indexOf('Commands:'));
    return [...section.matchAll(/^ {2}([a-z][\w-]*)\b/gm)].map(m => m[1]).filter(c => c !== 'help');
}

/** Runs norma with a shell pipeline after it; returns what norma wrote to stderr and its exit code. */
function piped(args: string[], pipe: string): { stderr: string; code: number; out: string } {
    const dir = tempDir('norma-pipe-');
    const quoted = args.map(a => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const script = `"${process.execPath}" "${BIN}" ${quoted} 2>"${dir}/err"; echo $? >"${dir}/code"`;
    const r = spawnSync('sh', ['-c', `{ ${script}; } | ${pipe}`], { encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    return { stderr: fs.readFileSync(path.join(dir, 'err'), 'utf8'), code: Number(fs.readFileSync(path.join(dir, 'code'), 'utf8')), out: r.stdout };
}

/** Runs norma with its stdout already closed by the reader: every write fails with EPIPE. */
function closedStdout(args: string[]): Promise<{ stderr: string; code: number | null }> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('close', code => resolve({ stderr, code }));
    });
}

const COMMANDS = registeredCommands();

describe('every registered command', () => {
    it('is found in norma --help', () => {
        expect(COMMANDS).toEqual(expect.arrayContaining(['validate', 'check', 'compile', 'init', 'lsp', 'fmt', 'diff', 'test']));
    });

    it.each(COMMANDS)('%s --help ends with an exit-code section', (command) => {
        const r = norma([command, '--help']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Exit codes?: .*\b0\b/m);
        expect(r.stdout.match(/^Exit codes?:/gm)).toHaveLength(1);
    });

    it('norma --help has one too', () => {
        expect(norma(['--help']).stdout).toMatch(/^Exit codes: 0 /m);
    });

    it.each(COMMANDS)('%s --help is quiet when stdout is already closed', async (command) => {
        const r = await closedStdout([command, '--help']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
    });
});

describe('a closed pipe (EPIPE) ends the run quietly', () => {
    it.each([
        ['check --format json', [...CHECK_EXAMPLE, '--format', 'json'], 1],
        ['check --format html', [...CHECK_EXAMPLE, '--format', 'html'], 1],
        ['check (pretty)', CHECK_EXAMPLE, 1],
        ['validate --format sarif', ['validate', EXAMPLE, '--format', 'sarif'], 0],
        ['help check', ['help', 'check'], 0],
        ['test --format json', ['test', EXAMPLE, '--format', 'json'], 0],
        ...['markdown', 'junit', 'sarif', 'github'].map(f => [`check --format ${f}`, [...CHECK_EXAMPLE, '--format', f], 1]),
        ['validate --format github', ['validate', EXAMPLE, '--format', 'github'], 0],
        ['measure (CSV rows)', ['measure', RECORDS_EXAMPLE, '--records', `Calls=${path.join(RECORDS_EXAMPLE, 'records/calls.csv')}`], 0],
        ['staff', ['staff', RECORDS_EXAMPLE, '--records', `Calls=${path.join(RECORDS_EXAMPLE, 'records/calls.csv')}`], 0],
        ['assess', ['assess', EXAMPLE, '--data', path.join(EXAMPLE, 'data'), '--actions', path.join(EXAMPLE, 'actions.csv'), '--assessment', path.join(EXAMPLE, 'assessment.csv'), '--as-of', '2026-10-31'], 1],
        ['diff', ['diff', EXAMPLE, EXAMPLE], 0],
    ] as [string, string[], number][])('%s | head -c 1', (_, args, code) => {
        const r = piped(args, 'head -c 1');
        expect(r.out).toHaveLength(1);
        expect(r.stderr).not.toMatch(/EPIPE|Error:|\n\s+at \S/);
        expect([0, code]).toContain(r.code);
    });

    it('keeps the exit code decided before the pipe closed', async () => {
        const r = await closedStdout(['check', EXAMPLE, '--data', path.join(EXAMPLE, 'data'), '--format', 'json', '--as-of', '2026-10-31']);
        expect(r.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
        expect([0, 1]).toContain(r.code);
    });
});

describe('colour', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    const withEnv = (env: Record<string, string | undefined>, f: () => boolean) => {
        const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
        for (const [k, v] of Object.entries(env)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
        try { return f(); } finally { for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; } }
    };

    it('is on for a terminal, off for a pipe', () => {
        expect(withEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined }, () => colorFor(tty))).toBe(true);
        expect(withEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined }, () => colorFor(pipe))).toBe(false);
    });

    it('FORCE_COLOR=0 turns it off even on a terminal; FORCE_COLOR=1 turns it on for a pipe; NO_COLOR wins', () => {
        expect(withEnv({ NO_COLOR: undefined, FORCE_COLOR: '0' }, () => colorFor(tty))).toBe(false);
        expect(withEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }, () => colorFor(pipe))).toBe(true);
        expect(withEnv({ NO_COLOR: '1', FORCE_COLOR: '1' }, () => colorFor(tty))).toBe(false);
    });

    it('FORCE_COLOR=0 leaves the output of the binary plain, FORCE_COLOR=1 colours it', () => {
        expect(norma(CHECK_EXAMPLE, { env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\x1b[');
        expect(norma(CHECK_EXAMPLE, { env: { FORCE_COLOR: '1' } }).stdout).toContain('\x1b[');
    });
});

describe('an output that cannot be written', () => {
    it.each([
        ['check --format junit:/proc/x.xml', [...CHECK_EXAMPLE, '--format', 'junit:/proc/x.xml'], '/proc/x.xml'],
        ['check --format json --output', [...CHECK_EXAMPLE, '--format', 'json', '--output', '/proc/norma/x.json'], '/proc/norma/x.json'],
        ['check --format json: (streamed)', [...CHECK_EXAMPLE, '--format', 'json:/proc/y.json'], '/proc/y.json'],
        ['validate --output', ['validate', EXAMPLE, '--format', 'sarif', '--output', '/proc/x.sarif'], '/proc/x.sarif'],
        ['compile --out', ['compile', EXAMPLE, '--out', '/proc/compiled'], '/proc/compiled'],
        ['test --output', ['test', EXAMPLE, '--format', 'junit', '--output', '/proc/t.xml'], '/proc/t.xml'],
        ['init', ['init', '/proc/starter'], '/proc/starter'],
    ])('%s: a plain error naming it, exit 2', (_, args, file) => {
        const r = norma(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^error Cannot (write|use) ${file.replace(/[/.]/g, '\\$&')}`, 'm'));
        expect(r.stderr).not.toMatch(/unexpected problem|\n\s+at /);
    });

    it('a report under a file (not a folder): says so, exit 2', () => {
        const dir = tempDir('norma-out-');
        fs.writeFileSync(path.join(dir, 'reports'), 'a file, not a folder');
        const file = path.join(dir, 'reports', 'june', 'check.json');
        const r = norma([...CHECK_EXAMPLE, '--format', 'json', '--output', file]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`Cannot write ${file}: a part of the path is a file, not a folder.`);
        expect(r.stderr).not.toMatch(/unexpected problem|\n\s+at /);
    });
});

describe('one rule for paths: relative to the current folder', () => {
    const cwd = path.dirname(REPO);  // one folder above the workspace root and the repository
    const shown = path.relative(cwd, EXAMPLE).split(path.sep).join('/');

    it.each(['pretty', 'markdown', 'junit', 'html', 'github'])('in check --format %s', (format) => {
        const r = norma([...CHECK_EXAMPLE, '--format', format], { cwd });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(format === 'github' ? `file=${shown}/programs/acme-telecom.norma,` : `${shown}/programs/acme-telecom.norma:`);
        expect(r.stdout).not.toMatch(/[ ("'>|=]programs\/acme-telecom\.norma:/);
    });

    it('as in validate and in the warnings of check', () => {
        expect(norma(['validate', EXAMPLE], { cwd }).stdout).toContain(`${shown}/programs/acme-telecom.norma:`);
        expect(norma(CHECK_EXAMPLE, { cwd }).stderr).toContain(`${shown}/programs/acme-telecom.norma:`);
    });

    it('while json keeps the compiled module\'s paths, relative to the workspace root', () => {
        const r = norma([...CHECK_EXAMPLE, '--format', 'json'], { cwd });
        expect(JSON.parse(r.stdout).results.map((x: { norm: { source: string } }) => x.norm.source)).toContain('programs/acme-telecom.norma:20');
    });
});

describe('--format github', () => {
    it('check: workflow commands at the norms\' file and line, and the gate', () => {
        const r = norma([...CHECK_EXAMPLE, '--format', 'github'], { cwd: REPO });
        expect(r.code).toBe(1);
        const lines = r.stdout.trim().split('\n');
        expect(lines.at(-1)).toMatch(/^Gate: failed as of 2026-10-31 \(/);
        const commands = lines.slice(0, -1);
        expect(commands.length).toBeGreaterThan(3);
        for (const line of commands) {
            const m = /^::(error|warning|notice) file=([^,]+),line=(\d+)(?:,col=\d+)?,title=[^:]+::(.+)$/.exec(line);
            expect(m, line).not.toBeNull();
            expect(fs.existsSync(path.join(REPO, m![2])), m![2]).toBe(true);
            expect(m![4]).not.toMatch(/[\r\n]/);
        }
        expect(commands.filter(l => l.startsWith('::error'))).toHaveLength(5);  // 1 action required, 1 overdue, 1 stale, 1 no data, 1 requirement
        expect(r.stdout).toContain('::error file=examples/copc-cx/programs/acme-telecom.norma,line=20,title=Norma%3A AcmeBillingVoice ServiceLevel action required::');
        expect(r.stdout).toMatch(/>= 85%25 from 2026-08-01: action required/);  // % escaped as the runner expects
    });

    it('check: --fail-on makes an at-risk norm an error annotation', () => {
        const r = norma([...CHECK_EXAMPLE, '--format', 'github', '--fail-on', 'at-risk'], { cwd: REPO });
        expect(r.stdout).not.toMatch(/^::warning .*at risk/m);
        expect(r.stdout).toMatch(/^::error .*at risk/m);
    });

    it('check on bad data: an error annotation at the data row, exit 2', () => {
        const dir = workspace({
            'm.norma': 'metric M "m" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\nprogram P {\n    norm M >= 80%\n}\n',
            'data.csv': 'program,metric,period,value,sample\nP,M,2026-01-01,90,\nP,M,2026-01-02,lots,\n',
        });
        const r = norma(['check', '.', '--data', 'data.csv', '--as-of', '2026-01-31', '--format', 'github'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stdout).toMatch(/^::error file=data\.csv,line=3,col=\d+,title=Norma data problem::/m);
        expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^No verdict: /);
    });

    it('validate: one annotation per diagnostic with line and column', () => {
        const r = norma(['validate', EXAMPLE, '--format', 'github', '--as-of', '2026-10-31'], { cwd: REPO });
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^::warning file=examples\/copc-cx\/programs\/acme-telecom\.norma,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=Norma certification-lapsed::The certification/m);
    });
});

describe('lists: --fail-on a,b is --fail-on a --fail-on b', () => {
    it('gives the same result and exit code', () => {
        const comma = norma([...CHECK_EXAMPLE, '--format', 'json', '--fail-on', 'at-risk,action-planned']);
        const repeated = norma([...CHECK_EXAMPLE, '--format', 'json', '--fail-on', 'at-risk', '--fail-on', 'action-planned']);
        const spaced = norma([...CHECK_EXAMPLE, '--format', 'json', '--fail-on', 'at-risk', 'action-planned']);
        expect(comma.code).toBe(1);
        expect(comma.stdout).toBe(repeated.stdout);
        expect(comma.stdout).toBe(spaced.stdout);
    });

    it('names a value that is not a verdict, exit 2', () => {
        const r = norma([...CHECK_EXAMPLE, '--fail-on', 'at-risk,bogus']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("'bogus' is not one of at-risk, action-planned, action-required, overdue, stale, no-data");
    });
});

describe('two formats to one file', () => {
    it('is rejected before anything is evaluated', () => {
        const dir = tempDir();
        const r = norma([...CHECK_EXAMPLE, '--format', `junit:${dir}/out.xml`, '--format', `sarif:${dir}/./out.xml`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--format junit and --format sarif both write .*out\.xml/);
        expect(fs.existsSync(path.join(dir, 'out.xml'))).toBe(false);
    });

    it('also through --output', () => {
        const dir = tempDir();
        const r = norma([...CHECK_EXAMPLE, '--format', 'pretty', '--format', `json:${dir}/r`, '--output', `${dir}/r`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/both write/);
    });

    it('is rejected by norma assess too', () => {
        const dir = tempDir();
        const r = norma(['assess', EXAMPLE, '--data', path.join(EXAMPLE, 'data'), '--actions', path.join(EXAMPLE, 'actions.csv'),
            '--assessment', path.join(EXAMPLE, 'assessment.csv'), '--as-of', '2026-10-31',
            '--format', `junit:${dir}/out.xml`, '--format', `html:${dir}/out.xml`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--format junit and --format html both write .*out\.xml/);
        expect(fs.existsSync(path.join(dir, 'out.xml'))).toBe(false);
    });
});

describe('validate --fail-on warning', () => {
    const METRIC = 'metric M "m" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\n';
    it('exits 1 on warnings, 0 without, 2 on errors', () => {
        const warned = norma(['validate', EXAMPLE, '--fail-on', 'warning']);
        expect(warned.stdout).toMatch(/ warning /);
        expect(warned.code).toBe(1);
        expect(norma(['validate', EXAMPLE]).code).toBe(0);
        expect(norma(['validate', workspace({ 'm.norma': METRIC }), '--fail-on', 'warning']).code).toBe(0);
        expect(norma(['validate', workspace({ 'm.norma': METRIC, 'p.norma': 'program P {\n    norm Nope >= 1%\n}\n' }), '--fail-on', 'warning']).code).toBe(2);
    });
});

describe('norma init', () => {
    it('refuses to overwrite, listing the files, and writes nothing', () => {
        const dir = tempDir();
        expect(norma(['init', dir]).code).toBe(0);
        fs.writeFileSync(path.join(dir, 'actions.csv'), 'mine\n');
        const r = norma(['init', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/nothing was written/);
        for (const f of ['actions.csv', 'metrics/metrics.norma', 'programs/helpdesk.norma']) expect(r.stderr).toContain(`  ${f}`);
        expect(fs.readFileSync(path.join(dir, 'actions.csv'), 'utf8')).toBe('mine\n');
    });

    it('refuses an existing starter file even when the folder holds no .norma file', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'actions.csv'), 'mine\n');
        const r = norma(['init', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('  actions.csv');
        expect(fs.readFileSync(path.join(dir, 'actions.csv'), 'utf8')).toBe('mine\n');
    });

    it('with --force overwrites and says which files it overwrote', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'actions.csv'), 'mine\n');
        const r = norma(['init', dir, '--force']);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('Overwrote 1 file (--force):\n  actions.csv\n');
        expect(fs.readFileSync(path.join(dir, 'actions.csv'), 'utf8')).not.toBe('mine\n');
    });
});

describe('norma test --format junit|json', () => {
    const failing = () => {
        const dir = tempDir();
        fs.cpSync(EXAMPLE, dir, { recursive: true });
        const file = path.join(dir, 'tests/acme-service-level.normtest.csv');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('2026-07-31,,,action-planned,', '2026-07-31,,,met,'));
        return dir;
    };

    it('junit: one test case per case file, valid against the Ant JUnit schema', () => {
        const dir = tempDir();
        const r = norma(['test', EXAMPLE, '--format', 'junit', '--output', path.join(dir, 'tests.xml')]);
        expect(r.code).toBe(0);
        const xml = fs.readFileSync(path.join(dir, 'tests.xml'), 'utf8');
        expect(xml.match(/<testcase /g)).toHaveLength(fs.readdirSync(path.join(EXAMPLE, 'tests')).filter(f => f.endsWith('.normtest.csv')).length);
        expect(xml).toContain('failures="0"');
        if (hasCommand('xmllint')) {
            const v = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'junit-ant.xsd'), path.join(dir, 'tests.xml')], { encoding: 'utf8' });
            expect(v.status, v.stderr).toBe(0);
        }
    });

    it('junit: a wrong expectation is a failure naming file, line and the difference; exit 1', () => {
        const dir = failing();
        const r = norma(['test', dir, '--format', 'junit'], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('failures="1"');
        expect(r.stdout).toMatch(/<failure type="norm-test" message="1 expectation not met">tests\/acme-service-level\.normtest\.csv:\d+:\d+ .*expected met, got action-planned/);
    });

    it('json: the same cases, machine-readable', () => {
        const dir = failing();
        const r = norma(['test', dir, '--format', 'json'], { cwd: dir });
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).summary).toMatchObject({ failed: 1 });
    });
});

describe('norma fmt --check --diff', () => {
    it('prints a unified diff of each file that would change, rewrites nothing, exits 1', () => {
        const messy = 'metric M "m" { family service\n  unit percent better higher period daily }\n';
        const dir = workspace({ 'm.norma': messy, 'ok.norma': 'metric N "n" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\n' });
        const r = norma(['fmt', '--check', '--diff'], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('--- a/m.norma\n+++ b/m.norma\n@@ -1,2 +1,6 @@\n-metric M "m" { family service\n-  unit percent better higher period daily }\n+metric M "m" {\n+    family service\n');
        expect(r.stdout).not.toContain('ok.norma');
        expect(fs.readFileSync(path.join(dir, 'm.norma'), 'utf8')).toBe(messy);
        expect(norma(['fmt', '--diff'], { cwd: dir }).code).toBe(1);
        expect(norma(['fmt', '--check', '--diff', 'ok.norma'], { cwd: dir })).toMatchObject({ code: 0, stdout: '1 file already formatted.\n' });
    });
});

describe('norma --version', () => {
    it('prints the version of package.json', () => {
        const r = norma(['--version']);
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    });
});
