// The formats through the built CLI: several outputs from one run, `validate --format sarif`,
// and the progress bar: on a terminal (a pseudo-terminal made by util-linux `script`) it
// shows; piped, or with CI set, it does not.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, norma, tempDir } from '../cli/run-norma.js';
import { hasCommand, IN_CI, REPO, SCHEMAS } from './env.js';

const EXAMPLE = ['examples/copc-cx', '--data', 'examples/copc-cx/data', '--actions', 'examples/copc-cx/actions.csv', '--as-of', '2026-10-31'];

describe('several outputs from one run', () => {
    it('--format junit:out/junit.xml --format sarif:out/norma.sarif --format pretty writes each and prints pretty', () => {
        const out = tempDir('norma-out-');
        const r = norma(['check', ...EXAMPLE, '--format', `junit:${out}/out/junit.xml`, '--format', `sarif:${out}/out/norma.sarif`, '--format', 'pretty']);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^Norma check as of 2026-10-31: 60 norms in 5 programs/);
        expect(r.stdout).toContain('Gate: failed');
        const xml = fs.readFileSync(path.join(out, 'out/junit.xml'), 'utf8');
        expect(xml).toMatch(/^<\?xml/);
        expect(xml.match(/<testcase /g)!.length).toBeGreaterThanOrEqual(60);
        const sarif = JSON.parse(fs.readFileSync(path.join(out, 'out/norma.sarif'), 'utf8'));
        expect(sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId !== 'requirement-unsatisfied').length + sarif.runs[0].properties.met.length).toBe(60);
        if (hasCommand('xmllint')) {
            const v = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'junit-ant.xsd'), path.join(out, 'out/junit.xml')], { encoding: 'utf8' });
            expect(v.status, v.stderr).toBe(0);
        }
    });

    it('markdown and html go to their files; json to stdout; the formats agree on the counts', () => {
        const out = tempDir('norma-out-');
        const r = norma(['check', ...EXAMPLE, '--format', `markdown:${out}/summary.md`, '--format', `html:${out}/report.html`, '--format', 'json']);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        const md = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
        expect(md).toContain(`**${json.summary.norms} norms**`);
        const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
        expect(html.match(/<tr data-norm=/g)).toHaveLength(json.results.length);
    });

    it('refuses an unknown format with exit 2, naming the new ones', () => {
        const r = norma(['check', ...EXAMPLE, '--format', 'pdf']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('pretty, json, junit, sarif, markdown, html');
    });
});

describe('validate --format sarif', () => {
    it('writes SARIF with the diagnostics and keeps the exit code', () => {
        const dir = tempDir('norma-validate-');
        fs.writeFileSync(path.join(dir, 'a.norma'), 'metric SL "S" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\nprogram Acme "Acme" {\n    norm SL >= 2min\n}\n');
        const r = norma(['validate', dir, '--format', 'sarif'], { cwd: dir });
        expect(r.code).toBe(2);
        const log = JSON.parse(r.stdout);
        expect(log.version).toBe('2.1.0');
        const result = log.runs[0].results[0];
        expect(result.level).toBe('error');
        expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('a.norma');
        expect(result.locations[0].physicalLocation.region.startLine).toBe(8);
        const ok = norma(['validate', 'examples/copc-cx', '--format', 'sarif']);
        expect(ok.code).toBe(0);
        expect(JSON.parse(ok.stdout).runs[0].results.every((x: { level: string }) => x.level !== 'error')).toBe(true);
    });
});

describe('progress on stderr', () => {
    const SCRIPT = hasCommand('script');
    if (!SCRIPT && IN_CI) throw new Error('util-linux `script` is missing in CI (Debian package bsdutils).');
    let dir: string;
    beforeAll(() => {
        // 300,000 rows (7.6 MB): a bar, then the evaluation's line.
        dir = tempDir('norma-progress-');
        let ws = 'metric SL "Service" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\n';
        for (let p = 0; p < 200; p++) ws += `program P${p} "P${p}" {\n    norm SL >= 80%\n}\n`;
        fs.writeFileSync(path.join(dir, 'ws.norma'), ws);
        const rows = ['program,metric,period,value,sample'];
        for (let p = 0; p < 200; p++) {
            for (let d = 0; d < 1500; d++) rows.push(`P${p},SL,${new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10)},${80 + ((d * 7 + p) % 15)},100`);
        }
        fs.mkdirSync(path.join(dir, 'data'));
        fs.writeFileSync(path.join(dir, 'data/m.csv'), rows.join('\n') + '\n');
    });
    const args = () => [`${dir}/ws.norma`, '--data', `${dir}/data`, '--as-of', '2026-02-09', '--format', `json:${dir}/out.json`];

    /** Runs norma on a pseudo-terminal; returns everything the terminal received. */
    function onTerminal(extraEnv: Record<string, string | undefined>, shellArgs = args().map(a => `'${a}'`).join(' ')): { code: number; screen: string } {
        // The bar shows at once (it waits 300 ms by default): a fast machine reads these 7.6 MB in less.
        const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', TERM: 'xterm', NORMA_PROGRESS_DELAY_MS: '0', ...extraEnv };
        for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
        const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" check ${shellArgs}`, '/dev/null'], { env: env as NodeJS.ProcessEnv, encoding: 'utf8', cwd: REPO });
        return { code: r.status ?? -1, screen: r.stdout };
    }

    it.skipIf(!SCRIPT)('shows a bar with percent and bytes on a terminal, then erases it', () => {
        const r = onTerminal({ CI: undefined });
        expect(r.code).toBe(0);
        expect(r.screen).toMatch(/\rReading data {2}█+░* +\d+% {2}[\d.]+ (MB|kB) of 7\.6 MB\x1b\[K/);
        expect(r.screen).toContain('100%  7.6 MB of 7.6 MB');
        expect(r.screen).toContain('Evaluating 300,000 rows');
        expect(r.screen.endsWith('\r\x1b[K') || /\r\x1b\[K\s*$/.test(r.screen)).toBe(true);
        expect(JSON.parse(fs.readFileSync(`${dir}/out.json`, 'utf8')).summary.norms).toBe(200);
    });

    it.skipIf(!SCRIPT)('counts stdin on a terminal and reads it whole', () => {
        const r = onTerminal({ CI: undefined }, `'${dir}/ws.norma' --data - --as-of 2026-02-09 --format 'json:${dir}/stdin.json' < '${dir}/data/m.csv'`);
        expect(r.code).toBe(0);
        expect(r.screen).toMatch(/Reading data {2}[\d.]+ MB/);
        const json = JSON.parse(fs.readFileSync(`${dir}/stdin.json`, 'utf8'));
        expect(json.summary.norms).toBe(200);
        expect(json.results.reduce((n: number, x: { points: unknown[] }) => n + x.points.length, 0)).toBe(300000);
    });

    it.skipIf(!SCRIPT)('shows nothing on a terminal when CI is set', () => {
        const r = onTerminal({ CI: 'true' });
        expect(r.code).toBe(0);
        expect(r.screen).toBe('');
    });

    it('shows nothing when stderr is piped', () => {
        const r = norma(['check', ...args()], { env: { CI: undefined } });
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe('');
    });
});

describe('the progress delay', () => {
    it('is 300 ms unless NORMA_PROGRESS_DELAY_MS names another number of milliseconds', async () => {
        const { progressDelay, PROGRESS_DELAY_MS } = await import('../../cli/src/progress.js');
        expect(PROGRESS_DELAY_MS).toBe(300);
        expect(progressDelay({})).toBe(300);
        expect(progressDelay({ NORMA_PROGRESS_DELAY_MS: '0' })).toBe(0);
        expect(progressDelay({ NORMA_PROGRESS_DELAY_MS: '1500' })).toBe(1500);
        for (const bad of ['', ' ', 'soon', '-5', 'Infinity']) expect(progressDelay({ NORMA_PROGRESS_DELAY_MS: bad })).toBe(300);
    });
});
