// --format junit: valid against the Apache Ant JUnit schema by a real validator (xmllint),
// one suite per program, one case per norm and requirement, failures carry the reason.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { junit } from '../../cli/src/formats/junit.js';
import { isFailing } from '../../cli/src/formats/facts.js';
import { CASES, evaluate, hasCommand, IN_CI, SCHEMAS, writeResult } from './helpers.js';

const XMLLINT = hasCommand('xmllint');
if (!XMLLINT && IN_CI) throw new Error('xmllint is missing in CI: install Debian package libxml2-utils (apt-get install -y libxml2-utils).');
if (!XMLLINT) console.warn('SKIPPED: JUnit schema validation needs xmllint (Debian package libxml2-utils).');

function xmllint(file: string): { code: number; out: string } {
    const r = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'junit-ant.xsd'), file], { encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe.each(CASES)('junit on $name', (c) => {
    it.skipIf(!XMLLINT)('is valid against junit-ant.xsd (xmllint --schema)', async () => {
        const { result, context } = await evaluate(c);
        const file = writeResult(`${c.name}.junit.xml`, junit(result, context));
        const r = xmllint(file);
        expect(r.out).toContain('validates');
        expect(r.code).toBe(0);
    });

    it('has one suite per program and one failure per failing norm and unsatisfied requirement', async () => {
        const { result, context } = await evaluate(c);
        const xml = junit(result, context);
        const programs = new Set([...result.results.map(r => r.program), ...result.requirements.map(r => r.program)]);
        expect(xml.match(/<testsuite /g)).toHaveLength(programs.size);
        expect(xml.match(/<testcase /g)).toHaveLength(result.results.length + result.requirements.length);
        const failing = result.results.filter(r => isFailing(r.verdict)).length + result.requirements.filter(r => !r.satisfied).length;
        expect((xml.match(/<failure /g) ?? []).length).toBe(failing);
        expect(failing).toBeGreaterThan(0);
        for (const r of result.results.filter(x => isFailing(x.verdict))) {
            expect(xml).toContain(`type="${r.verdict}"`);
            expect(xml).toContain(`at: ${r.norm.source}`);
        }
    });
});

describe('junit on every verdict kind', () => {
    it('fails action-required, overdue, no-data and unsatisfied requirements; passes at-risk and action-planned with the reason in system-out', async () => {
        const { result, context } = await evaluate(CASES[1]);
        expect(new Set(result.results.map(r => r.verdict))).toEqual(new Set(['met', 'at-risk', 'action-planned', 'action-required', 'overdue', 'no-data']));
        const xml = junit(result, context);
        for (const v of ['action-required', 'overdue', 'no-data', 'requirement-unsatisfied']) expect(xml).toContain(`<failure type="${v}"`);
        for (const v of ['at-risk', 'action-planned']) expect(xml).not.toContain(`<failure type="${v}"`);
        const atRisk = result.results.find(r => r.verdict === 'at-risk')!;
        const out = /<system-out>([\s\S]*?)<\/system-out>/.exec(xml.slice(xml.indexOf(`name="${atRisk.program}"`)))![1];
        expect(out).toContain(`${atRisk.norm.id} (${atRisk.norm.source}): at risk:`);
        // The deciding periods and values of a consecutive-miss trigger.
        expect(xml).toContain('periods: 2026-01-05, 2026-01-06, 2026-01-07');
        expect(xml).toContain('values: 75%, 74%, 77%');
    });

    it('renders markup in titles as text (<script>, ]]>, &)', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const xml = junit(result, context);
        expect(xml).not.toContain('<script>');
        expect(xml).not.toContain(']]>');
        expect(xml).toContain('Acme &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; ]]&gt; &amp; billing');
    });

    it('escapes control characters XML cannot hold', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const bad = { ...result, results: result.results.map((r, i) => (i === 0 ? { ...r, reason: 'bell\u0007 and <tag> & "quote"' } : r)) };
        const xml = junit(bad, context);
        expect(xml).not.toContain('\u0007');
        if (XMLLINT) expect(xmllint(writeResult('control-chars.junit.xml', xml)).code).toBe(0);
    });
});
