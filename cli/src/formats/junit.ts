/**
 * `--format junit`: the Apache Ant JUnit XML report that CI systems read. One `testsuite` per
 * program, one `testcase` per norm (classname the program, name the norm's id and rule) and
 * one per `needs` requirement. `action-required`, `overdue`, `stale`, `no-data` and an unsatisfied
 * requirement are failures carrying the reason, the deciding periods and values and the
 * norm's `file:line`; `at-risk` and `action-planned` pass, with their reason in the suite's
 * `system-out` (the Ant schema has no output per test case). Valid against `junit-ant.xsd`:
 * every suite has `properties`, `system-out`, `system-err`, `hostname`, `timestamp`, `id`
 * and `package`.
 */
import * as os from 'node:os';
import type { NormResult } from '../../../language/src/engine/types.js';
import { escapeXml as x } from './escape.js';
import { byProgram, decidingText, isFailing, programIds, ruleText } from './facts.js';
import type { TextFormat } from './format.js';
import { metricsById, verdictWords } from './values.js';

interface Case {
    name: string;
    failure?: { type: string; message: string; detail: string };
    out?: string;
}

export const junit: TextFormat = (result, context) => {
    const metrics = metricsById(context.model);
    const programs = new Map(context.model.programs.map(p => [p.id, p]));
    const results = byProgram(result);
    const timestamp = new Date().toISOString().slice(0, 19);
    const hostname = os.hostname().replace(/\s+/g, '') || 'localhost';
    const suites: string[] = [];
    const ids = programIds(result, context.model).filter(p => results.has(p) || result.requirements.some(r => r.program === p));
    ids.forEach((programId, id) => {
        const program = programs.get(programId);
        const cases: Case[] = (results.get(programId) ?? []).map(r => normCase(r, ruleText(r.norm, metrics.get(r.metric)), metrics.get(r.metric)));
        for (const req of result.requirements.filter(r => r.program === programId)) {
            cases.push({
                name: `requirement ${req.id}`,
                failure: req.satisfied ? undefined : { type: 'requirement-unsatisfied', message: req.reason, detail: `${req.id}: ${req.reason}` },
                out: `${req.id}: ${req.satisfied ? 'satisfied' : 'unsatisfied'}: ${req.reason}`,
            });
        }
        const failed = cases.filter(c => c.failure).length;
        const properties = [
            ['program', programId], ['title', program?.title], ['client', program?.client ?? undefined],
            ['provider', program?.provider ?? undefined], ['channel', program?.channel ?? undefined],
            ['asOf', result.asOf], ['source', program ? `${program.source.file}:${program.source.line}` : undefined],
        ].filter((p): p is [string, string] => typeof p[1] === 'string' && p[1] !== '');
        const lines = [
            `  <testsuite name="${x(programId)}" package="${x(program?.client ?? programId)}" id="${id}" timestamp="${timestamp}" hostname="${x(hostname)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">`,
            '    <properties>',
            ...properties.map(([name, value]) => `      <property name="${x(name)}" value="${x(value)}"/>`),
            '    </properties>',
        ];
        for (const c of cases) {
            const attrs = `name="${x(c.name)}" classname="${x(programId)}" time="0"`;
            if (!c.failure) {
                lines.push(`    <testcase ${attrs}/>`);
            } else {
                lines.push(`    <testcase ${attrs}>`);
                lines.push(`      <failure type="${x(c.failure.type)}" message="${x(c.failure.message)}">${x(c.failure.detail)}</failure>`);
                lines.push('    </testcase>');
            }
        }
        lines.push(`    <system-out>${x(cases.map(c => c.out).filter(Boolean).join('\n'))}</system-out>`);
        lines.push('    <system-err></system-err>');
        lines.push('  </testsuite>');
        suites.push(lines.join('\n'));
    });
    if (result.warnings.length) {
        // Warnings do not fail the gate: passing cases, one per warning, so CI lists them by name.
        const lines = [
            `  <testsuite name="warnings" package="norma" id="${ids.length}" timestamp="${timestamp}" hostname="${x(hostname)}" tests="${result.warnings.length}" failures="0" errors="0" skipped="0" time="0">`,
            '    <properties>',
            `      <property name="asOf" value="${x(result.asOf)}"/>`,
            '    </properties>',
            ...result.warnings.map(w => `    <testcase name="${x(`warning ${w.code}: ${w.message}${w.source ? ` (${w.source})` : ''}`)}" classname="warnings" time="0"/>`),
            `    <system-out>${x(result.warnings.map(w => `warning: ${w.message}${w.source ? ` (${w.source})` : ''}`).join('\n'))}</system-out>`,
            '    <system-err></system-err>',
            '  </testsuite>',
        ];
        suites.push(lines.join('\n'));
    }
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        // The Ant schema allows no attribute on testsuites: totals are on each testsuite.
        '<testsuites>',
        ...suites,
        '</testsuites>',
        '',
    ].join('\n');
};

function normCase(r: NormResult, rule: string, metric: Parameters<typeof decidingText>[1]): Case {
    const name = `${r.norm.id}: ${rule}`;
    const deciding = decidingText(r, metric, 50);
    const out = `${r.norm.id} (${r.norm.source}): ${verdictWords(r.verdict)}: ${r.reason}`;
    if (!isFailing(r.verdict)) return { name, out };
    const detail = [
        `${verdictWords(r.verdict)}: ${r.reason}`,
        `norm: ${rule} (${r.norm.id})`,
        `at: ${r.norm.source}`,
        `periods: ${deciding.periods}`,
        `values: ${deciding.values}`,
    ].join('\n');
    return { name, out, failure: { type: r.verdict, message: `${verdictWords(r.verdict)}: ${r.reason}`, detail } };
}
