/**
 * `norma assess --format junit`: one suite per program and standard, one test case per
 * requirement (failing when it earns less than its points: not-compliant, partial, unassessed
 * or stale) and one for the pass mark, so CI shows what would fail the audit.
 */
import * as os from 'node:os';
import { escapeXml as x } from '../escape.js';
import type { ReadinessFormat } from './format.js';
import { pointsText, scoreLine, verdictText } from './words.js';

export const junit: ReadinessFormat = result => {
    const timestamp = new Date().toISOString().slice(0, 19);
    const hostname = os.hostname().replace(/\s+/g, '') || 'localhost';
    const suites = result.programs.map((p, id) => {
        const cases: string[] = [];
        let failures = 0;
        const name = `${p.program}.${p.standard}`;
        const mark = `pass mark: ${scoreLine(p)}`;
        if (p.passed === false) {
            failures++;
            cases.push(`<testcase classname="${x(name)}" name="pass mark" time="0"><failure type="audit-failed" message="${x(mark)}">${x(mark)}</failure></testcase>`);
        } else {
            cases.push(`<testcase classname="${x(name)}" name="pass mark" time="0"/>`);
        }
        for (const q of p.requirements) {
            const label = `requirement ${q.id} (${pointsText(q.earned)} of ${pointsText(q.points)} points)`;
            if (q.status === 'not-applicable' || q.earned >= q.points) {
                cases.push(`<testcase classname="${x(name)}" name="${x(label)}" time="0"/>`);
            } else {
                failures++;
                const type = q.stale ? 'stale' : q.status ?? 'unassessed';
                cases.push(`<testcase classname="${x(name)}" name="${x(label)}" time="0"><failure type="${x(type)}" message="${x(q.reason)}">${x(`${q.id}: ${q.reason}`)}</failure></testcase>`);
            }
        }
        return `<testsuite name="${x(`readiness ${name}`)}" package="${x(p.program)}" id="${id}" tests="${cases.length}" failures="${failures}" errors="0" time="0" timestamp="${timestamp}" hostname="${x(hostname)}">`
            + `<properties><property name="result" value="${x(verdictText(p))}"/></properties>${cases.join('')}<system-out>${x(mark)}</system-out><system-err></system-err></testsuite>`;
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
};
