// norma test: parsing fixtures (with located errors), running cases through the engine, and the command.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { parseNormTest, runNormTest, normsExercised } from '../../language/src/norm-tests/index.js';
import { readActions } from '../../language/src/data/index.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { norma, REPO, workspace } from '../cli/run-norma.js';

const NORMS = `metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
    better higher
    period daily
    data within 30 days // the cases check as of the month's end
}
metric CEA "Critical error accuracy" {
    family quality
    unit percent
    better higher
    period monthly
}
program Acme "Acme billing" {
    norm ServiceLevel >= 80% {
        act immediately below 70%
    }
    norm ServiceLevel >= 85% from 2026-07-01
    norm CEA >= 98% { sample at least 50 }
}
exclusion Storm "Telephony outage" {
    program Acme
    metrics ServiceLevel
    periods 2026-01-12 to 2026-01-13
    approved by "Acme vendor management"
    expires 2026-12-31
}
`;

const STREAK = `# Three misses in a row need an action plan
as-of,2026-01-31,,,,
program,metric,period,value,sample,expect
Acme,ServiceLevel,2026-01-05,82,,met
Acme,ServiceLevel,2026-01-06,78,,missed
Acme,ServiceLevel,2026-01-07,77,,missed
Acme,ServiceLevel,2026-01-08,76,,missed trigger
Acme,ServiceLevel,2026-01-09,65,,critical
Acme,ServiceLevel,2026-01-12,40,,excluded Storm
Acme,ServiceLevel,,,,action-required
Acme,CEA,2026-01,99,30,unsampled
Acme,CEA,,,,no-data
`;

async function model(): Promise<NormaModel> {
    const ws = await loadWorkspace([{ path: 'ws.norma', text: NORMS }]);
    expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return ws.model!;
}

async function run(m: NormaModel, text: string, actions?: string) {
    const parsed = parseNormTest('case.normtest.csv', text);
    expect(parsed.errors).toEqual([]);
    const a = actions ? await readActions([{ name: 'case.actions.csv', text: actions }]) : null;
    expect(a?.errors ?? []).toEqual([]);
    return runNormTest(m, parsed.fixture!, a);
}

describe('norm-test fixtures', () => {
    it('reads the preamble, points with expected statuses and verdict rows', () => {
        const { fixture, errors } = parseNormTest('tests/streak.normtest.csv', STREAK);
        expect(errors).toEqual([]);
        expect(fixture).toMatchObject({ name: 'streak', description: 'Three misses in a row need an action plan', asOf: '2026-01-31' });
        expect(fixture!.points).toHaveLength(7);
        expect(fixture!.points[3].expect).toMatchObject({ status: 'missed', trigger: true });
        expect(fixture!.points[5].expect).toMatchObject({ status: 'excluded', exclusion: 'Storm' });
        expect(fixture!.verdicts.map(v => [v.metric, v.verdict, v.at])).toEqual([['ServiceLevel', 'action-required', null], ['CEA', 'no-data', null]]);
    });

    it('accepts semicolons, quotes, as-of: value and columns in any order', () => {
        const { fixture, errors } = parseNormTest('x.normtest.csv', 'as-of: 2026-01-31\nexpect;value;period;metric;program\nmet;"81.5";2026-01-05;ServiceLevel;Acme\nmet;;;ServiceLevel;Acme\n');
        expect(errors).toEqual([]);
        expect(fixture!.points[0]).toMatchObject({ value: 81.5, sample: null, period: '2026-01-05' });
    });

    it('locates every mistake by line and column', () => {
        const text = [
            'as-of,2026-02-30',
            'program,metric,period,value,sample,expect,colour',
            'Acme,ServiceLevel,2026-01-05,78%,,met',
            'Acme,ServiceLevel,2026-01-06,78,12.5,missd',
            'Acme,ServiceLevel,,,,great',
            'Acme,ServiceLevel,2026-01-07,70,,at-risk',
            'Acme,ServiceLevel,2026-01-08,70,,met,,surplus',
        ].join('\n');
        const { fixture, errors } = parseNormTest('bad.normtest.csv', text);
        expect(fixture).toBeUndefined();
        const at = errors.map(e => `${e.line}:${e.column} ${e.message}`);
        expect(at).toEqual(expect.arrayContaining([
            expect.stringMatching(/^1:7 as-of '2026-02-30' is not a day/),
            expect.stringMatching(/^2:43 Unknown column 'colour'/),
            expect.stringMatching(/^3:30 The value '78%' is not a number/),
            expect.stringMatching(/^4:33 The sample '12.5' is not a whole number/),
            expect.stringMatching(/^4:38 Unknown point status 'missd'/),
            expect.stringMatching(/^5:22 Unknown verdict 'great'/),
            expect.stringMatching(/^6:34 Unknown point status 'at-risk'.*is a verdict/),
            expect.stringMatching(/^7:\d+ A value outside the columns: 'surplus'/),
        ]));
    });

    it('reads quoting as the data files do: a stray quote is one error at its place, and the next rows are still read', () => {
        const text = 'as-of,2026-01-31\nprogram,metric,period,value,sample,expect\nAcme,ServiceLevel,2026-01-05,"80"x,,met\n"Acme","Service""Level",2026-01-06,81,,met\n';
        const { errors } = parseNormTest('q.normtest.csv', text);
        expect(errors[0]).toMatchObject({ file: 'q.normtest.csv', line: 3, column: 34, message: 'Unexpected text after a closing quote: quote the whole value.' });
        expect(errors).toHaveLength(1);
    });

    it('needs an as-of, a header and an expectation', () => {
        expect(parseNormTest('a.normtest.csv', 'program,metric,period,value,expect\nAcme,ServiceLevel,2026-01-05,80,met\n').errors[0].message).toContain('as-of');
        expect(parseNormTest('a.normtest.csv', 'as-of,2026-01-31\n').errors[0].message).toContain('No header row');
        expect(parseNormTest('a.normtest.csv', 'as-of,2026-01-31\nprogram,metric,period,value,expect\nAcme,ServiceLevel,2026-01-05,80,\n').errors[0].message).toContain('expects nothing');
    });
});

describe('running a case', () => {
    it('passes when the engine agrees with every expectation', async () => {
        const outcome = await run(await model(), STREAK);
        expect(outcome.ok && outcome.result.failures).toEqual([]);
        expect(outcome.ok && outcome.result).toMatchObject({ passed: true, checks: 9, norms: ['Acme.CEA', 'Acme.ServiceLevel'] });
    });

    it('fails with the difference: a point status, a trigger, a verdict with its reason', async () => {
        const text = STREAK.replace('2026-01-08,76,,missed trigger', '2026-01-08,76,,missed').replace(',,,,action-required', ',,,,met');
        const outcome = await run(await model(), text);
        if (!outcome.ok) throw new Error('expected a run');
        expect(outcome.result.passed).toBe(false);
        expect(outcome.result.failures).toEqual([
            expect.objectContaining({ line: 7, subject: 'Acme ServiceLevel 2026-01-08', expected: 'missed', actual: 'missed trigger' }),
            expect.objectContaining({ line: 10, subject: 'Acme ServiceLevel', expected: 'met', actual: 'action-required', reason: expect.any(String) }),
        ]);
    });

    it('uses the actions of the case: action-planned, overdue', async () => {
        const m = await model();
        const text = STREAK.replace(',,,,action-required', ',,,,action-planned');
        const actions = 'program,metric,opened,owner,due,closed,result\nAcme,ServiceLevel,2026-01-09,Team lead,2026-03-01,,\n';
        const planned = await run(m, text, actions);
        expect(planned.ok && planned.result.failures).toEqual([]);
        const overdue = await run(m, STREAK.replace(',,,,action-required', ',,,,overdue'), actions.replace('2026-03-01', '2026-01-20'));
        expect(overdue.ok && overdue.result.failures).toEqual([]);
    });

    it('reads its actions file as check --actions does: an extra column, JSON, an action error at its line', async () => {
        const m = await model();
        const text = STREAK.replace(',,,,action-required', ',,,,action-planned');
        const extra = 'program,metric,opened,owner,due,closed,result,ticket\nAcme,ServiceLevel,2026-01-09,Team lead,2026-03-01,,,CX-12\n';
        const planned = await run(m, text, extra);
        expect(planned.ok && planned.result.failures).toEqual([]);
        const json = await readActions([{ name: 'case.actions.json', text: '[{"program":"Acme","metric":"ServiceLevel","opened":"2026-01-09","owner":"Team lead","due":"2026-03-01"}]' }]);
        const fromJson = runNormTest(m, parseNormTest('c.normtest.csv', text).fixture!, json);
        expect(fromJson.ok && fromJson.result.failures).toEqual([]);
        const bad = await readActions([{ name: 'case.actions.csv', text: 'program,metric,opened,owner\nAcme,ServiceLevel,2026-13-40,Lead\n' }]);
        const refused = runNormTest(m, parseNormTest('c.normtest.csv', text).fixture!, bad);
        expect(refused.ok).toBe(false);
        if (!refused.ok) expect(refused.errors[0]).toMatchObject({ file: 'case.actions.csv', line: 2, column: 19 });
    });

    it('picks the norm in force on a given day for a verdict row', async () => {
        const m = await model();
        const text = 'as-of,2026-07-02\nprogram,metric,period,value,expect\nAcme,ServiceLevel,2026-07-01,83,missed\nAcme,ServiceLevel,2026-06-30,83,met\nAcme,ServiceLevel,2026-06-15,,met\nAcme,ServiceLevel,,,at-risk\n';
        const outcome = await run(m, text);
        expect(outcome.ok && outcome.result.failures).toEqual([]);
        expect(outcome.ok && outcome.result.norms).toEqual(['Acme.ServiceLevel', 'Acme.ServiceLevel@2026-07-01']);
        const parsed = parseNormTest('c.normtest.csv', text);
        expect(normsExercised(m, parsed.fixture!)).toEqual(['Acme.ServiceLevel', 'Acme.ServiceLevel@2026-07-01']);
    });

    it('is an invalid fixture when the engine refuses a row, located at the field', async () => {
        const m = await model();
        const parsed = parseNormTest('c.normtest.csv', 'as-of,2026-01-31\nprogram,metric,period,value,expect\nAcme,ServiceLevl,2026-01-05,80,met\nAcme,CEA,2026-01-05,99,met\nAcme,Nothing,,,met\n');
        const outcome = runNormTest(m, parsed.fixture!, null);
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        const at = outcome.errors.map(e => `${e.line}:${e.column} ${e.message}`);
        expect(at).toEqual(expect.arrayContaining([
            expect.stringMatching(/^3:6 .*ServiceLevl.*Did you mean 'ServiceLevel'/),
            expect.stringMatching(/^4:10 /),
            expect.stringMatching(/^5:6 Unknown metric 'Nothing'/),
        ]));
    });
});

describe('norma test', () => {
    const FAILING = 'as-of,2026-01-31\nprogram,metric,period,value,sample,expect\nAcme,ServiceLevel,2026-01-05,78,,met\nAcme,ServiceLevel,,,,met\n';

    it('passes, fails (exit 1) and refuses an invalid fixture (exit 2)', () => {
        const dir = workspace({ 'ws.norma': NORMS, 'tests/streak.normtest.csv': STREAK });
        const pass = norma(['test'], { cwd: dir });
        expect(pass.stderr).toBe('');
        expect(pass.code).toBe(0);
        expect(pass.stdout).toContain('PASS  tests/streak.normtest.csv  Three misses in a row need an action plan  (9 checks, as of 2026-01-31)');
        expect(pass.stdout).toContain('1 case: 1 passed, 0 failed.');

        fs.writeFileSync(path.join(dir, 'tests/wrong.normtest.csv'), FAILING);
        const fail = norma(['test', '.'], { cwd: dir });
        expect(fail.code).toBe(1);
        expect(fail.stdout).toContain('FAIL  tests/wrong.normtest.csv');
        expect(fail.stdout).toContain('tests/wrong.normtest.csv:3:34 Acme ServiceLevel 2026-01-05: expected met, got missed');
        expect(fail.stdout).toContain('2 cases: 1 passed, 1 failed.');
        const json = JSON.parse(norma(['test', '--format', 'json'], { cwd: dir }).stdout);
        expect(json).toMatchObject({ schema: 1, summary: { cases: 2, passed: 1, failed: 1 } });

        fs.writeFileSync(path.join(dir, 'tests/bad.normtest.csv'), 'as-of,2026-01-31\nprogram,metric,period,value,sample,expect\nAcme,ServiceLevel,2026-01-05,78,,great\n');
        const bad = norma(['test'], { cwd: dir });
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('tests/bad.normtest.csv:3:34 error Unknown point status');
    });

    it('exits 2 when there is no case', () => {
        const dir = workspace({ 'ws.norma': NORMS });
        const r = norma(['test'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('No norm test');
    });

    const exampleTests = path.join(REPO, 'examples/copc-cx/tests');
    it.skipIf(!fs.existsSync(exampleTests))("runs the example's norm tests: they pass", () => {
        const r = norma(['test', 'examples/copc-cx']);
        expect(r.stderr).toBe('');
        expect(r.stdout).not.toContain('FAIL');
        expect(r.code).toBe(0);
    });
});
