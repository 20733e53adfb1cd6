/**
 * `norma test --format junit`: the norm tests as an Apache Ant JUnit report (as Conftest's
 * `verify` gives), so CI shows each case as a test. One `testsuite`, one `testcase` per case
 * file (classname `norma test`, name the file and its description); each wrong expectation is
 * part of the case's `failure`, and a fixture that cannot be read is an `error` of its file.
 * Valid against `junit-ant.xsd`, like the check report (see junit.ts).
 */
import * as os from 'node:os';
import type { CaseResult, FixtureError } from '../../../language/src/norm-tests/index.js';
import { escapeXml as x } from './escape.js';

export function normTestJunit(results: CaseResult[], errors: FixtureError[]): string {
    const invalid = new Map<string, FixtureError[]>();
    for (const e of errors) invalid.set(e.file, [...(invalid.get(e.file) ?? []), e]);
    const cases: string[] = [];
    for (const r of results) {
        const attrs = `name="${x(r.file + (r.description ? ` (${r.description})` : ''))}" classname="norma test" time="0"`;
        if (r.passed) {
            cases.push(`    <testcase ${attrs}/>`);
            continue;
        }
        const lines = r.failures.map(f => `${r.file}:${f.line}:${f.column} ${f.subject}: expected ${f.expected}, got ${f.actual}${f.reason ? `\n  ${f.reason}` : ''}`);
        const n = r.failures.length;
        cases.push(`    <testcase ${attrs}>`,
            `      <failure type="norm-test" message="${x(`${n} expectation${n === 1 ? '' : 's'} not met`)}">${x(lines.join('\n'))}</failure>`,
            '    </testcase>');
    }
    for (const [file, list] of invalid) {
        cases.push(`    <testcase name="${x(file)}" classname="norma test" time="0">`,
            `      <error type="invalid-fixture" message="${x(list[0].message)}">${x(list.map(e => `${e.file}:${e.line}:${e.column} ${e.message}`).join('\n'))}</error>`,
            '    </testcase>');
    }
    const failed = results.filter(r => !r.passed).length;
    const timestamp = new Date().toISOString().slice(0, 19);
    const hostname = os.hostname().replace(/\s+/g, '') || 'localhost';
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites>',
        `  <testsuite name="norma test" package="norma" id="0" timestamp="${timestamp}" hostname="${x(hostname)}" tests="${results.length + invalid.size}" failures="${failed}" errors="${invalid.size}" skipped="0" time="0">`,
        '    <properties/>',
        ...cases,
        `    <system-out>${x(results.map(r => `${r.passed ? 'PASS' : 'FAIL'}  ${r.file} (${r.checks} check${r.checks === 1 ? '' : 's'}, as of ${r.asOf})`).join('\n'))}</system-out>`,
        '    <system-err></system-err>',
        '  </testsuite>',
        '</testsuites>',
        '',
    ].join('\n');
}
