// When `check` exits 2 (language errors, bad data), every report asked for is still written
// and says what is wrong (SPEC §3a): SARIF at the data file's line or the .norma line (valid
// against the schema), a JUnit error case per problem (valid against the Ant schema), JSON
// with `errors` and `"passed": false`, Markdown and HTML naming each problem.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { norma, workspace } from '../cli/run-norma.js';
import { hasCommand, IN_CI, SCHEMAS } from './env.js';

const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8'));
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uri', (s: string) => { try { new URL(s); return true; } catch { return false; } });
ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validateSarif = ajv.compile(schema);
const XMLLINT = hasCommand('xmllint');
if (!XMLLINT && IN_CI) throw new Error('xmllint is missing in CI: install Debian package libxml2-utils.');

const NORMS = `metric SL "Service level" { family service unit percent better higher period daily }
program Acme "Acme" {
    norm SL >= 80%
}
`;

function check(files: Record<string, string>, extra: string[] = []) {
    const dir = workspace(files);
    const r = norma(['check', 'ws.norma', '--data', 'data.csv', '--as-of', '2026-01-31',
        '--format', 'json', '--format', 'sarif:out/norma.sarif', '--format', 'junit:out/junit.xml',
        '--format', 'markdown:out/summary.md', '--format', 'html:out/report.html', ...extra], { cwd: dir });
    const read = (f: string) => fs.readFileSync(path.join(dir, 'out', f), 'utf8');
    return { r, dir, read };
}

function junitValid(dir: string): void {
    if (!XMLLINT) return;
    const v = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'junit-ant.xsd'), path.join(dir, 'out/junit.xml')], { encoding: 'utf8' });
    expect(v.status, v.stderr).toBe(0);
}

describe('reports on bad input (exit 2)', () => {
    it('bad data: every format is written and names each row by file, line and column', () => {
        const { r, dir, read } = check({
            'ws.norma': NORMS,
            'data.csv': 'program,metric,period,value\nAcme,SL,2026-01-05,8O\nAcme,SL,2026-01-07,81\n',
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('data.csv:2:20 error');

        const json = JSON.parse(r.stdout);
        expect(json).toMatchObject({ schema: 1, asOf: '2026-01-31', passed: false, summary: { passed: false } });
        expect(json.errors).toEqual([expect.objectContaining({ kind: 'data', file: 'data.csv', line: 2, column: 20, field: 'value' })]);

        const sarif = JSON.parse(read('norma.sarif'));
        expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
        const results = sarif.runs[0].results;
        expect(results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) =>
            [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine, x.locations[0].physicalLocation.region.startColumn]))
            .toEqual([['data-error', 'error', 'data.csv', 2, 20]]);
        expect(sarif.runs[0].invocations[0]).toMatchObject({ executionSuccessful: false, exitCode: 2 });

        const xml = read('junit.xml');
        expect(xml.match(/<testcase /g)).toHaveLength(1);
        expect(xml).toContain('errors="1"');
        expect(xml).toMatch(/<error type="data-error" message="value &apos;8O&apos; is not a number[^"]*">data\.csv:2:20 error /);
        junitValid(dir);

        expect(read('summary.md')).toContain('| `data.csv:2:20` | value \'8O\' is not a number');
        expect(read('summary.md')).toContain('**No verdict: The data has 1 problem; no verdict is given until they are fixed.**');
        const html = read('report.html');
        expect(html).toContain('<div class="gate failed" id="gate" data-passed="false">No verdict: The data has 1 problem');
        expect(html).toContain('<td class="src">data.csv:2:20</td>');
    });

    it('rows the engine refuses: one result, case and error per row, the repeat naming the first row', () => {
        const { r, dir, read } = check({
            'ws.norma': NORMS,
            'data.csv': 'program,metric,period,value\nAcme,SLX,2026-01-06,80\nAcme,SL,2026-01-07,81\nAcme,SL,2026-01-07,82\n',
        });
        expect(r.code).toBe(2);
        const json = JSON.parse(r.stdout);
        expect(json.errors.map((e: { line: number; message: string }) => [e.line, e.message])).toEqual([
            [2, expect.stringMatching(/SLX.*Did you mean 'SL'/)],
            [4, 'The same program, metric and period already appear at data.csv:3.'],
        ]);
        const sarif = JSON.parse(read('norma.sarif'));
        expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
        expect(sarif.runs[0].results.map((x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.locations[0].physicalLocation.region.startLine)).toEqual([2, 4]);
        expect(read('junit.xml').match(/<error type="data-error"/g)).toHaveLength(2);
        junitValid(dir);
        expect(read('summary.md').match(/^\| `data\.csv:\d+:\d+` \|/gm)).toHaveLength(2);
    });

    it('language errors: SARIF results at the .norma line, JUnit and JSON errors of kind language', () => {
        const { r, dir, read } = check({
            'ws.norma': NORMS.replace('norm SL >=', 'norm SLL >='),
            'data.csv': 'program,metric,period,value\nAcme,SL,2026-01-05,81\n',
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/ws\.norma:3:10 error/);
        const json = JSON.parse(r.stdout);
        expect(json.passed).toBe(false);
        expect(json.errors).toEqual([expect.objectContaining({ kind: 'language', file: 'ws.norma', line: 3, column: 10, code: 'unknown-name' })]);
        const sarif = JSON.parse(read('norma.sarif'));
        expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
        const at = sarif.runs[0].results[0];
        expect([at.ruleId, at.locations[0].physicalLocation.artifactLocation.uri, at.locations[0].physicalLocation.region.startLine]).toEqual(['language-error', 'ws.norma', 3]);
        expect(at.message.text).toContain("Unknown metric 'SLL'");
        expect(read('junit.xml')).toContain('<error type="language-error"');
        junitValid(dir);
        expect(read('summary.md')).toContain('| `ws.norma:3:10` |');
        expect(read('report.html')).toContain('ws.norma:3:10');
    });

    it('a good check still writes its usual reports (no error list)', () => {
        const { r, read } = check({ 'ws.norma': NORMS, 'data.csv': 'program,metric,period,value\nAcme,SL,2026-01-30,81\n' });
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).errors).toBeUndefined();
        expect(JSON.parse(read('norma.sarif')).runs[0].invocations[0].executionSuccessful).toBe(true);
    });
});
