/**
 * The reports of a check that gave no verdict (exit 2): language errors or bad data. Every
 * machine-readable format asked for is still written and carries the problems, so CI
 * annotates what went wrong instead of finding no file (SPEC §3a): SARIF results at the data
 * file's line or the `.norma` line, a JUnit error case per problem, JSON with `errors` and
 * `"passed": false`; Markdown and HTML say what is wrong. `pretty` has nothing to add: the
 * problems are on stderr.
 */
import { data as githubData, workflowCommand } from './github.js';
import * as os from 'node:os';
import type { CheckProblems } from '../../../language/src/check/index.js';
import { displayDataPath } from '../../../language/src/data/index.js';
import { displayPath } from '../diagnostics.js';
import { escapeHtml as h, escapeMarkdown as md, escapeXml as x } from './escape.js';
import type { Report } from './format.js';
import { CSS } from './html.js';
import { location, rule, run } from './sarif.js';

export interface ProblemContext {
    asOf: string;
    /** Absolute path of the workspace root (`.norma` files in diagnostics are relative to it). */
    root: string;
}

export type ProblemFormat = (problems: CheckProblems, context: ProblemContext) => Report;

/** One problem, wherever it is: a `.norma` file (language) or a data or actions file. */
export interface Problem {
    kind: 'language' | 'data';
    /** Relative to the current folder, with `/`. */
    file: string;
    /** 1-based; 0 for a file as a whole (it is missing, or cannot be read). */
    line: number;
    column: number;
    endLine?: number;
    endColumn?: number;
    message: string;
    code?: string;
    field?: string;
}

/** Language errors first, then data problems, each in file and line order as found. */
export function problemList(problems: CheckProblems, root: string): Problem[] {
    return [
        ...problems.language.map((d): Problem => ({
            kind: 'language', file: displayPath(root, d.file), line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
            message: d.message, code: d.code && d.code.trim() ? d.code : 'norma-syntax',
        })),
        ...problems.data.map((e): Problem => ({
            kind: 'data', file: displayDataPath(e.file), line: e.line, column: e.column, message: e.message, ...(e.field ? { field: e.field } : {}),
        })),
    ];
}

function where(p: Problem): string {
    return p.line > 0 ? `${p.file}:${p.line}:${Math.max(1, p.column)}` : p.file;
}

function headline(problems: CheckProblems): string {
    return problems.message.split('\n')[0].replace(/:$/, '.');
}

const json: ProblemFormat = (problems, context) => JSON.stringify({
    schema: 1,
    asOf: context.asOf,
    passed: false,
    summary: { passed: false },
    message: headline(problems),
    errors: problemList(problems, context.root),
}, null, 2);

const sarif: ProblemFormat = (problems, context) => {
    const list = problemList(problems, context.root);
    const rules = [
        rule('language-error', 'LanguageError', 'error', 'A .norma file has an error: no verdict is given until it is fixed.', 'The workspace does not load: fix the error in the .norma file (see the message), then check again.'),
        rule('data-error', 'DataError', 'error', 'A data or actions file has a problem: no verdict is given until it is fixed.', 'A row cannot be read or judged (a value that is not a number, an unknown program or metric, a period of the wrong grain, a repeated row...): fix the file at that line, then check again.'),
    ];
    const results = list.map(p => ({
        ruleId: p.kind === 'language' ? 'language-error' : 'data-error',
        ruleIndex: p.kind === 'language' ? 0 : 1,
        kind: 'fail',
        level: 'error',
        message: { text: p.message },
        // Paths are already relative to the current folder.
        locations: [location(process.cwd(), p.file, p.line, p.column, p.endLine, p.endColumn)],
        properties: { ...(p.code ? { code: p.code } : {}), ...(p.field ? { field: p.field } : {}) },
    }));
    return JSON.stringify(run(rules, results, {
        invocations: [{
            executionSuccessful: false,
            exitCode: 2,
            toolExecutionNotifications: [{ level: 'error', message: { text: headline(problems) } }],
            properties: { asOf: context.asOf, passed: false },
        }],
        properties: { passed: false },
    }), null, 2);
};

const junit: ProblemFormat = (problems, context) => {
    const list = problemList(problems, context.root);
    const hostname = os.hostname().replace(/\s+/g, '') || 'localhost';
    const timestamp = new Date().toISOString().slice(0, 19);
    const cases = list.map(p => {
        const type = p.kind === 'language' ? 'language-error' : 'data-error';
        return [
            `    <testcase name="${x(`${where(p)} ${p.message}`)}" classname="${x(p.kind === 'language' ? 'norma.language' : 'norma.data')}" time="0">`,
            `      <error type="${type}" message="${x(p.message)}">${x(`${where(p)} error ${p.message}`)}</error>`,
            '    </testcase>',
        ].join('\n');
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites>',
        `  <testsuite name="norma input" package="norma" id="0" timestamp="${timestamp}" hostname="${x(hostname)}" tests="${list.length}" failures="0" errors="${list.length}" skipped="0" time="0">`,
        '    <properties>',
        `      <property name="asOf" value="${x(context.asOf)}"/>`,
        '    </properties>',
        ...cases,
        `    <system-out></system-out>`,
        `    <system-err>${x(problems.message)}</system-err>`,
        '  </testsuite>',
        '</testsuites>',
        '',
    ].join('\n');
};

const MAX_ROWS = 200;

const markdown: ProblemFormat = (problems, context) => {
    const list = problemList(problems, context.root);
    const shown = list.slice(0, MAX_ROWS);
    const lines = [
        `# Norma report as of ${md(context.asOf)}`,
        '',
        `**No verdict: ${md(headline(problems))}**`,
        '',
        '| Where | Problem |',
        '|---|---|',
        ...shown.map(p => `| \`${where(p)}\` | ${md(p.message)} |`),
    ];
    if (list.length > shown.length) lines.push('', `... and ${list.length - shown.length} more problems.`);
    lines.push('', 'Fix these and run the check again; until then the gate fails.', '');
    return lines.join('\n');
};

const html: ProblemFormat = (problems, context) => {
    const list = problemList(problems, context.root);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Norma report as of ${h(context.asOf)}: no verdict</title>
<style>${CSS}</style>
</head>
<body><main>
<h1>Norma report</h1><p class="sub">As of ${h(context.asOf)}</p>
<div class="gate failed" id="gate" data-passed="false">No verdict: ${h(headline(problems))}</div>
<section id="problems"><h2>Problems (${list.length})</h2><table><tr><th>Where</th><th>Problem</th></tr>
${list.map(p => `<tr><td class="src">${h(where(p))}</td><td>${h(p.message)}</td></tr>`).join('\n')}
</table></section>
<footer>Fix these and run the check again; until then the gate fails.</footer>
</main></body>
</html>
`;
};

/** GitHub workflow commands: an error annotation at each problem's line, then why there is no verdict. */
const github: ProblemFormat = (problems, context) => [
    ...problemList(problems, context.root).map(p => (p.line > 0
        ? workflowCommand('error', { file: p.file, line: p.line, col: Math.max(1, p.column), endLine: p.endLine, endColumn: p.endColumn }, p.kind === 'language' ? `Norma ${p.code ?? 'language error'}` : 'Norma data problem', p.message)
        : `::error title=Norma data problem::${githubData(`${p.file}: ${p.message}`)}`)),
    `No verdict: ${headline(problems)}`,
].join('\n');

/** The problem report of each format of `norma check`; `pretty` has none (stderr says it all). */
export const PROBLEM_FORMATS: Record<string, ProblemFormat | undefined> = { json, sarif, junit, markdown, html, github };
