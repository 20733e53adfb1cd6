// norma diff: one test per kind of change (model vs model), the CLI on folders and on git
// revisions of a repository made in the test, and replay over data where a loosened norm flips a verdict.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { diffModels, replay, thresholdEffect, type Change } from '../../language/src/diff/index.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { columnsOf } from '../../language/src/engine/columns.js';
import type { Measurement } from '../../language/src/engine/types.js';
import { norma, tempDir, workspace } from '../cli/run-norma.js';
import { BASE } from './base-workspace.js';


async function model(text: string): Promise<NormaModel> {
    const ws = await loadWorkspace([{ path: 'ws.norma', text }]);
    const errors = ws.diagnostics.filter(d => d.severity === 'error');
    expect(errors, errors.map(e => `${e.line}:${e.column} ${e.message}`).join('\n')).toEqual([]);
    return ws.model!;
}

function edit(text: string, from: string, to: string): string {
    expect(text, `the base holds ${JSON.stringify(from)}`).toContain(from);
    return text.replace(from, to);
}

async function diffOf(from: string, to: string): Promise<Change[]> {
    const base = await model(BASE);
    return diffModels(base, await model(edit(BASE, from, to))).changes;
}

describe('semantic diff: one test per kind of change', () => {
    it('finds nothing in an identical or merely reformatted workspace', async () => {
        expect(diffModels(await model(BASE), await model(BASE.replace(/\n {4}/g, '\n  ') + '\n// a comment\n')).changes).toEqual([]);
    });

    it('tightens a norm (higher target on >=)', async () => {
        const [c, ...rest] = await diffOf('norm ServiceLevel >= 80% {', 'norm ServiceLevel >= 82% {');
        expect(rest).toEqual([]);
        expect(c).toMatchObject({ kind: 'norm-threshold', effect: 'tightened', program: 'Acme', metric: 'ServiceLevel', summary: '>= 80% -> >= 82%' });
    });

    it('loosens a norm of a lower-is-better metric, via a profile, on every program it reaches', async () => {
        const changes = await diffOf('norm AHT <= 6min', 'norm AHT <= 7min');
        expect(changes.map(c => [c.kind, c.effect, c.program, c.profile])).toEqual([
            ['norm-threshold', 'loosened', 'Acme', 'Voice'],
            ['norm-threshold', 'loosened', 'Beta', 'Voice'],
        ]);
        expect(changes[0].summary).toBe('<= 6min -> <= 7min (via profile Voice)');
    });

    it('tightens <= 6min to <= 5min', async () => {
        const changes = await diffOf('norm AHT <= 6min', 'norm AHT <= 5min');
        expect(changes.every(c => c.effect === 'tightened')).toBe(true);
    });

    it('knows between: narrower tightens, wider loosens, a shift is judged on the side that matters', async () => {
        expect((await diffOf('between 70% and 90%', 'between 75% and 90%'))[0]).toMatchObject({ kind: 'norm-threshold', effect: 'tightened' });
        expect((await diffOf('between 70% and 90%', 'between 65% and 95%'))[0]).toMatchObject({ kind: 'norm-threshold', effect: 'loosened' });
        expect((await diffOf('between 70% and 90%', 'between 75% and 95%'))[0]).toMatchObject({ kind: 'norm-threshold', effect: 'tightened' });
        expect(thresholdEffect({ op: 'between', target: 300, high: 360 }, { op: 'between', target: 200, high: 330 }, 'lower')).toBe('tightened');
        expect(thresholdEffect({ op: '>=', target: 80 }, { op: '>', target: 80 }, 'higher')).toBe('tightened');
    });

    it('reports a norm added and a norm removed', async () => {
        const added = await diffOf('norm CEA >= 98% { sample at least 50 }', 'norm CEA >= 98% { sample at least 50 }\n    norm CEA >= 99% from 2026-09-01');
        expect(added).toEqual([expect.objectContaining({ kind: 'norm-added', effect: 'tightened', program: 'Acme', metric: 'CEA', summary: 'norm >= 99% from 2026-09-01 added' })]);
        const removed = await diffOf('    norm CEA >= 97%\n', '');
        expect(removed).toEqual([expect.objectContaining({ kind: 'norm-removed', effect: 'loosened', program: 'Beta', metric: 'CEA' })]);
    });

    it('reports an effective date moved', async () => {
        const [c, ...rest] = await diffOf('from 2026-07-01', 'from 2026-08-01');
        expect(rest).toEqual([]);
        expect(c).toMatchObject({ kind: 'norm-effective-date', before: '2026-07-01', after: '2026-08-01', program: 'Acme' });
    });

    it('reports the trigger rule (N) changed', async () => {
        expect(await diffOf('act after 3 consecutive misses', 'act after 2 consecutive misses')).toEqual([
            expect.objectContaining({ kind: 'norm-trigger-rule', effect: 'tightened', before: 3, after: 2 }),
        ]);
        expect((await diffOf('act after 3 consecutive misses', 'act after 4 consecutive misses'))[0].effect).toBe('loosened');
    });

    it('reports the critical floor changed, added or removed', async () => {
        expect((await diffOf('act immediately below 70%', 'act immediately below 60%'))[0])
            .toMatchObject({ kind: 'norm-critical-floor', effect: 'loosened', summary: 'act immediately below 70% -> act immediately below 60%' });
        expect((await diffOf('act immediately below 70%', 'act immediately below 75%'))[0].effect).toBe('tightened');
        expect((await diffOf('        act immediately below 70%\n', ''))[0]).toMatchObject({ kind: 'norm-critical-floor', effect: 'loosened' });
    });

    it('reports the sample minimum changed', async () => {
        expect((await diffOf('sample at least 50', 'sample at least 30'))[0]).toMatchObject({ kind: 'norm-sample-minimum', effect: 'tightened', before: 50, after: 30 });
        expect((await diffOf('sample at least 50', 'sample at least 80'))[0].effect).toBe('loosened');
    });

    it("reports a metric's unit, direction and period changed, and the programs it touches", async () => {
        const unit = await diffOf('unit seconds', 'unit minutes');
        expect(unit).toEqual([expect.objectContaining({ kind: 'metric-unit', metric: 'AHT', programs: ['Acme', 'Beta'], before: 'seconds', after: 'minutes' })]);
        expect(unit[0].summary).toContain('touches Acme, Beta');
        const dir = await diffOf('better higher\n    period monthly', 'better lower\n    period monthly');
        expect(dir).toEqual([expect.objectContaining({ kind: 'metric-direction', metric: 'CEA', programs: ['Acme', 'Beta'], before: 'higher', after: 'lower' })]);
        const period = await diffOf('period monthly', 'period weekly');
        expect(period).toEqual([expect.objectContaining({ kind: 'metric-period', metric: 'CEA', before: 'monthly', after: 'weekly', programs: ['Acme', 'Beta'] })]);
    });

    it('reports a program leaving a profile: the norms it loses, via the profile', async () => {
        const changes = await diffOf('    applies COPC\n    uses Voice\n    norm ServiceLevel between', '    applies COPC\n    norm ServiceLevel between');
        expect(changes.map(c => c.kind).sort()).toEqual(['norm-removed', 'program-uses']);
        expect(changes.find(c => c.kind === 'norm-removed')).toMatchObject({ program: 'Beta', metric: 'AHT', profile: 'Voice', effect: 'loosened' });
    });

    it('reports a norm moved from a profile into the program', async () => {
        const changes = await diffOf('    norm CEA >= 97%\n', '    norm CEA >= 97%\n    norm AHT <= 6min\n');
        expect(changes).toEqual([expect.objectContaining({ kind: 'norm-origin', program: 'Beta', before: 'Voice', after: null })]);
    });

    it('reports requirements added and removed', async () => {
        const added = await diffOf('    category Perf "Performance" {\n', '    category Perf "Performance" {\n        requirement PF3 "Satisfaction" { needs norm for family satisfaction }\n');
        expect(added).toEqual([expect.objectContaining({ kind: 'requirement-added', subject: 'requirement COPC.Perf.PF3', effect: 'tightened', programs: ['Acme', 'Beta'] })]);
        const removed = await diffOf('        requirement PF2 "Every program tracks accuracy" {\n            needs norm for family quality\n        }\n', '');
        expect(removed).toEqual([expect.objectContaining({ kind: 'requirement-removed', subject: 'requirement COPC.Perf.PF2', effect: 'loosened' })]);
    });

    it('reports programs added and removed', async () => {
        const added = await diffOf('exclusion Storm', 'program Gamma "Gamma sales" {\n    norm ServiceLevel >= 70%\n}\nexclusion Storm');
        expect(added.map(c => c.kind)).toEqual(['program-added', 'norm-added']);
        const base = BASE;
        const start = base.indexOf('program Beta');
        const end = base.indexOf('exclusion Storm');
        const removed = diffModels(await model(base), await model(base.slice(0, start) + base.slice(end))).changes;
        expect(removed.map(c => c.kind)).toEqual(['program-removed', 'norm-removed', 'norm-removed', 'norm-removed']);
    });

    it('reports the certification date changed', async () => {
        expect(await diffOf('certified 2025-04-01', 'certified 2026-04-01')).toEqual([
            expect.objectContaining({ kind: 'program-certified', program: 'Acme', before: '2025-04-01', after: '2026-04-01' }),
        ]);
    });

    it('reports exclusions added, removed and widened', async () => {
        const start = BASE.indexOf('exclusion Storm');
        const removed = diffModels(await model(BASE), await model(BASE.slice(0, start))).changes;
        expect(removed).toEqual([expect.objectContaining({ kind: 'exclusion-removed', subject: 'exclusion Storm', effect: 'tightened' })]);
        const added = diffModels(await model(BASE.slice(0, start)), await model(BASE)).changes;
        expect(added).toEqual([expect.objectContaining({ kind: 'exclusion-added', effect: 'loosened' })]);
        expect(added[0].summary).toContain('approved by Acme vendor management');
        const widened = await diffOf('periods 2026-01-12 to 2026-01-13', 'periods 2026-01-12 to 2026-01-15');
        expect(widened).toEqual([expect.objectContaining({ kind: 'exclusion-changed', effect: 'loosened' })]);
    });

    it("reports a standard's version changed", async () => {
        expect(await diffOf('version "7.0"', 'version "7.1"')).toEqual([expect.objectContaining({ kind: 'standard-version', before: '7.0', after: '7.1' })]);
    });
});

const DATA = `program,metric,period,value,sample
Acme,ServiceLevel,2026-01-05,78,
Acme,ServiceLevel,2026-01-06,77,
Acme,ServiceLevel,2026-01-07,76,
Acme,ServiceLevel,2026-01-08,81,
Beta,ServiceLevel,2026-01-05,80,
`;

describe('replay over data', () => {
    it('lists a verdict flipped by a loosened norm, with the misses behind it', async () => {
        const before = await model(BASE);
        const after = await model(edit(BASE, 'norm ServiceLevel >= 80% {', 'norm ServiceLevel >= 75% {'));
        const rows = DATA.trim().split('\n').slice(1).map(l => {
            const [program, metric, period, value] = l.split(',');
            return { program, metric, period, value: Number(value), sample: null };
        });
        const r = replay(before, after, rows, { asOf: '2026-01-09' });
        expect(r.flips).toEqual([expect.objectContaining({
            program: 'Acme', metric: 'ServiceLevel', before: 'action-required', after: 'met', direction: 'better',
        })]);
        expect(r.flips[0].details).toContain('3 fewer misses in January');
        // And the other way round: tightening flips it back.
        const back = replay(after, before, rows, { asOf: '2026-01-09' });
        expect(back.flips[0]).toMatchObject({ before: 'met', after: 'action-required', direction: 'worse' });
        expect(back.flips[0].details).toContain('3 more misses in January');
    });

    it('leaves out rows only one version can judge', async () => {
        const before = await model(BASE);
        const after = await model(edit(BASE, 'profile Voice {', 'metric FCR "First contact resolution" {\n    family resolution\n    unit percent\n    better higher\n    period monthly\n}\nprofile Voice {'));
        const rows = [{ program: 'Acme', metric: 'FCR', period: '2026-01', value: 70, sample: null }];
        const r = replay(before, after, rows, { asOf: '2026-01-31' });
        expect(r.dropped).toEqual([expect.objectContaining({ side: 'old', index: 0 })]);
    });

    it('gives the same replay from the columns the data layer reads as from row objects', async () => {
        const before = await model(BASE);
        const rows: Measurement[] = [
            ...DATA.trim().split('\n').slice(1).map(l => {
                const [program, metric, period, value] = l.split(',');
                return { program, metric, period, value: Number(value), sample: null };
            }),
            // A metric only the new version has: left out of the old one.
            { program: 'Acme', metric: 'FCR', period: '2026-01', value: 70, sample: null },
        ];
        const withFcr = edit(BASE, 'profile Voice {', 'metric FCR "First contact resolution" {\n    family resolution\n    unit percent\n    better higher\n    period monthly\n}\nprofile Voice {');
        const newer = await model(edit(withFcr, 'norm ServiceLevel >= 80% {', 'norm ServiceLevel >= 75% {'));
        const fromRows = replay(before, newer, rows, { asOf: '2026-01-31' });
        const fromColumns = replay(before, newer, columnsOf(rows), { asOf: '2026-01-31' });
        expect(fromRows.dropped).toEqual([expect.objectContaining({ side: 'old', index: 5 })]);
        expect(JSON.stringify(fromColumns)).toBe(JSON.stringify(fromRows));
        expect(fromColumns.flips.length).toBeGreaterThan(0);
    });
});

// ---------------------------------------------------------------------------- the CLI

function git(dir: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Norma Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
}

function write(dir: string, file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
}

describe('norma diff on folders', () => {
    it('prints the changes and exits 0; --fail-on loosened exits 1', () => {
        const dir = workspace({
            'old/ws.norma': BASE,
            'new/ws.norma': BASE.replace('norm ServiceLevel >= 80% {', 'norm ServiceLevel >= 75% {').replace('version "7.0"', 'version "7.1"'),
        });
        const r = norma(['diff', 'old', 'new'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('loosened   Acme ServiceLevel: >= 80% -> >= 75%');
        expect(r.stdout).toContain('standard COPC: version 7.0 -> 7.1');
        const gate = norma(['diff', 'old', 'new', '--fail-on', 'loosened', '--format', 'markdown'], { cwd: dir });
        expect(gate.code).toBe(1);
        expect(gate.stdout).toContain('| 🔻 loosened | Acme ServiceLevel | >= 80% -> >= 75% |');
        expect(gate.stdout).toContain('1 change loosens the norms');
        const json = JSON.parse(norma(['diff', 'old', 'new', '--format', 'json'], { cwd: dir }).stdout);
        expect(json).toMatchObject({ schema: 1, summary: { changes: 2, loosened: 1, passed: true } });
    });

    it('replays over data: a loosened norm flips a verdict; --fail-on flipped exits 1', () => {
        const dir = workspace({
            'old/ws.norma': BASE,
            'new/ws.norma': BASE.replace('norm ServiceLevel >= 80% {', 'norm ServiceLevel >= 75% {'),
            'data/kpis.csv': DATA,
        });
        const r = norma(['diff', 'old', 'new', '--data', 'data', '--as-of', '2026-01-09', '--fail-on', 'flipped'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('Acme ServiceLevel: action-required -> met; 3 fewer misses in January');
        expect(r.stdout).toContain('1 verdict flips over the data');
        const json = JSON.parse(norma(['diff', 'old', 'new', '--data', 'data', '--as-of', '2026-01-09', '--format', 'json'], { cwd: dir }).stdout);
        expect(json.replay.flips).toEqual([expect.objectContaining({ program: 'Acme', metric: 'ServiceLevel', before: 'action-required', after: 'met' })]);
    });

    it('exits 2 naming the side with language errors', () => {
        const dir = workspace({ 'old/ws.norma': BASE, 'new/ws.norma': BASE.replace('norm CEA >= 97%', 'norm CEX >= 97%') });
        const r = norma(['diff', 'old', 'new'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/new: new\/ws\.norma:\d+:\d+ error .*CEX/);
        expect(r.stderr).toContain('The new side (new) has language errors');
    });

    it('exits 2 on bad data and on an argument that is neither a folder nor a revision', () => {
        const dir = workspace({ 'old/ws.norma': BASE, 'new/ws.norma': BASE, 'data/kpis.csv': 'program,metric,period,value\nAcme,Nope,2026-01-05,80\n' });
        const bad = norma(['diff', 'old', 'new', '--data', 'data', '--as-of', '2026-01-09'], { cwd: dir });
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/kpis\.csv:2:\d+/);
        const r = norma(['diff', 'old', 'nowhere'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("'nowhere' is neither a folder nor a file");
    });
});

describe('norma diff on git revisions', () => {
    function repo(): string {
        const dir = tempDir('norma-diff-git-');
        git(dir, 'init', '-q');
        write(dir, 'norms/ws.norma', BASE);
        write(dir, 'other/broken.norma', 'program Broken { norm Nope >= 1 }\n');
        git(dir, 'add', '.');
        git(dir, 'commit', '-q', '-m', 'base');
        git(dir, 'branch', 'before');
        write(dir, 'norms/ws.norma', BASE.replace('act after 3 consecutive misses', 'act after 5 consecutive misses').replace('certified 2025-04-01', 'certified 2026-03-01'));
        git(dir, 'commit', '-q', '-am', 'relax the trigger rule');
        return dir;
    }

    it('reads both trees through git, restricted to a path, without a checkout', () => {
        const dir = repo();
        const r = norma(['diff', 'before', 'HEAD', 'norms'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Acme ServiceLevel: acts after 3 -> 5 consecutive misses');
        expect(r.stdout).toContain('program Acme: certified 2025-04-01 -> 2026-03-01');
        expect(r.stdout).toContain('norms/ws.norma:');
        // The working tree was not touched.
        expect(git(dir, 'status', '--porcelain')).toBe('');
    });

    it('defaults to the current folder inside the repository', () => {
        const dir = repo();
        const r = norma(['diff', 'HEAD~1', 'HEAD', '--fail-on', 'loosened'], { cwd: path.join(dir, 'norms') });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('loosened   Acme ServiceLevel: acts after 3 -> 5');
    });

    it('mixes a revision and a folder, and names the side with errors', () => {
        const dir = repo();
        const mixed = norma(['diff', 'before', 'norms', 'norms'], { cwd: dir });
        expect(mixed.code).toBe(0);
        expect(mixed.stdout).toContain('acts after 3 -> 5');
        const whole = norma(['diff', 'before', 'HEAD'], { cwd: dir });
        expect(whole.code).toBe(2);
        expect(whole.stderr).toMatch(/old: before:other\/broken\.norma:1:\d+ error/);
    });

    it('follows imports outside the path', () => {
        const dir = tempDir('norma-diff-git-');
        git(dir, 'init', '-q');
        const metrics = BASE.slice(0, BASE.indexOf('profile Voice'));
        const rest = BASE.slice(BASE.indexOf('profile Voice'));
        write(dir, 'shared/metrics.norma', metrics);
        write(dir, 'programs/acme.norma', `import "../shared/metrics.norma"\n${rest}`);
        git(dir, 'add', '.');
        git(dir, 'commit', '-q', '-m', 'base');
        write(dir, 'shared/metrics.norma', metrics.replace('period monthly', 'period weekly'));
        git(dir, 'commit', '-q', '-am', 'weekly accuracy');
        const r = norma(['diff', 'HEAD~1', 'HEAD', 'programs'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('metric CEA: period monthly -> weekly; touches Acme, Beta');
    });
});
