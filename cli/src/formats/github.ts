/**
 * `--format github`: GitHub Actions workflow commands (`::error file=...,line=...::message`),
 * which the runner turns into annotations on the `.norma` lines of the pull request, as
 * Conftest's `--output github` does. For check: one annotation per norm that is not met (error
 * for a verdict that fails the gate, warning for at-risk, notice for action-planned) and per
 * unsatisfied requirement (on the program), then the gate line. For validate: one per diagnostic.
 * Paths are relative to the current folder (the job's working directory, usually the checkout).
 */
import * as path from 'node:path';
import type { NormResult } from '../../../language/src/engine/types.js';
import type { Diagnostic } from '../../../language/src/workspace/workspace.js';
import { gateReasons, isFailing, parseSource, ruleText, unsatisfied } from './facts.js';
import type { TextFormat } from './format.js';
import { metricsById, verdictWords } from './values.js';

type Level = 'error' | 'warning' | 'notice';

/** Escaping of workflow-command data (the message). */
export function data(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of workflow-command property values (file, title). */
function property(text: string): string {
    return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A file as the runner resolves it: relative to the current folder, POSIX separators. */
export function fromCwd(root: string, file: string): string {
    return path.relative(process.cwd(), path.resolve(root, file)).split(path.sep).join('/') || file;
}

export function workflowCommand(level: Level, where: { file: string; line: number; col?: number; endLine?: number; endColumn?: number }, title: string, message: string): string {
    const props = [`file=${property(where.file)}`, `line=${where.line}`];
    if (where.col) props.push(`col=${where.col}`);
    if (where.endLine) props.push(`endLine=${where.endLine}`);
    if (where.endColumn && where.endLine === where.line) props.push(`endColumn=${where.endColumn}`);
    props.push(`title=${property(title)}`);
    return `::${level} ${props.join(',')}::${data(message)}`;
}

function levelOf(r: NormResult, failOn: ReadonlySet<string>): Level {
    if (isFailing(r.verdict) || failOn.has(r.verdict)) return 'error';
    return r.verdict === 'at-risk' ? 'warning' : 'notice';
}

export const github: TextFormat = (result, context) => {
    const metrics = metricsById(context.model);
    const failOn = new Set<string>(context.failOn ?? []);
    const lines: string[] = [];
    for (const r of result.results) {
        if (r.verdict === 'met') continue;
        const { file, line } = parseSource(r.norm.source);
        const rule = ruleText(r.norm, metrics.get(r.metric));
        lines.push(workflowCommand(levelOf(r, failOn), { file: fromCwd(context.root, file), line }, `Norma: ${r.program} ${r.metric} ${verdictWords(r.verdict)}`, `${r.program} ${rule}: ${verdictWords(r.verdict)}. ${r.reason}`));
    }
    const programs = new Map(context.model.programs.map(p => [p.id, p]));
    for (const req of unsatisfied(result)) {
        const program = programs.get(req.program);
        const where = program ? { file: fromCwd(context.root, program.source.file), line: program.source.line, col: program.source.column } : undefined;
        const message = `${req.program}: requirement ${req.id} is not satisfied: ${req.reason}`;
        lines.push(where ? workflowCommand('error', where, `Norma: requirement ${req.id}`, message) : `::error title=${property(`Norma: requirement ${req.id}`)}::${data(message)}`);
    }
    for (const w of result.warnings ?? []) {
        // Data rows are named from the current folder, `.norma` lines from the workspace.
        const at = w.source ? parseSource(w.source) : undefined;
        const file = at ? (w.code === 'exclusion-expired' ? fromCwd(context.root, at.file) : at.file) : undefined;
        lines.push(file ? workflowCommand('warning', { file, line: at!.line }, `Norma: ${w.code}`, w.message) : `::warning title=${property(`Norma: ${w.code}`)}::${data(w.message)}`);
    }
    lines.push(result.summary.passed ? `Gate: passed as of ${result.asOf}.` : `Gate: failed as of ${result.asOf} (${gateReasons(result)}).`);
    return lines.join('\n');
};

/** `norma validate --format github`: the language diagnostics as annotations. */
export function githubDiagnostics(diagnostics: Diagnostic[], root: string): string {
    return diagnostics.map(d => workflowCommand(
        d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice',
        { file: fromCwd(root, d.file), line: d.line, col: d.column, endLine: d.endLine, endColumn: d.endColumn },
        `Norma${d.code ? ` ${d.code}` : ''}`, d.message,
    )).join('\n');
}
