/**
 * `--format pretty`: the terminal report. One line per norm with its verdict and reason,
 * grouped by program; then requirements, the summary and the gate. Colour only when allowed.
 */
import type { CheckResult, NormResult, Verdict } from '../../../language/src/engine/types.js';
import { colors, type Colors } from '../terminal.js';
import type { TextFormat } from './format.js';
import { formatRule, metricsById, verdictWords } from './values.js';
import { plural } from '../diagnostics.js';

const MARK: Record<Verdict, string> = {
    'met': '✓', 'at-risk': '!', 'action-planned': '~', 'action-required': '✗', 'overdue': '✗', 'stale': '⌛', 'no-data': '?',
};

function paint(c: Colors, verdict: Verdict, text: string): string {
    switch (verdict) {
        case 'met': return c.green(text);
        case 'action-planned': return c.cyan(text);
        case 'at-risk': return c.yellow(text);
        default: return c.red(text);
    }
}

export const pretty: TextFormat = (result, context) => {
    const c = colors(context.color);
    const metrics = metricsById(context.model);
    const programs = new Map(context.model.programs.map(p => [p.id, p]));
    const lines: string[] = [];
    lines.push(c.bold(`Norma check as of ${result.asOf}: ${plural(result.summary.norms, 'norm')} in ${plural(programs.size, 'program')}`));
    const byProgram = new Map<string, NormResult[]>();
    for (const r of result.results) byProgram.set(r.program, [...(byProgram.get(r.program) ?? []), r]);
    const width = Math.max(0, ...result.results.map(r => formatRule(r.norm, metrics.get(r.metric)).length));
    for (const [programId, results] of byProgram) {
        const program = programs.get(programId);
        lines.push('', `${c.bold(programId)}${program && program.title !== programId ? c.dim(`  ${program.title}`) : ''}`);
        for (const r of results) {
            const verdict = paint(c, r.verdict, `${MARK[r.verdict]} ${verdictWords(r.verdict).padEnd(15)}`);
            const rule = formatRule(r.norm, metrics.get(r.metric)).padEnd(width);
            lines.push(`  ${verdict} ${rule}  ${r.reason} ${c.dim(`(${r.norm.source})`)}`);
        }
    }
    const unsatisfied = result.requirements.filter(r => !r.satisfied);
    if (result.requirements.length) {
        lines.push('', c.bold('Requirements'));
        if (unsatisfied.length === 0) lines.push(`  ${c.green('✓')} all ${result.requirements.length} requirements with a needed norm are satisfied`);
        for (const r of unsatisfied) lines.push(`  ${c.red('✗ unsatisfied')} ${r.program}: ${r.id}  ${r.reason}`);
    }
    if (result.upcoming.length) {
        lines.push('', c.bold('Not yet in force'));
        for (const u of result.upcoming) lines.push(`  ${u.program} ${u.metric} from ${u.from} ${c.dim(`(${u.source})`)}`);
    }
    if (result.warnings.length) {
        lines.push('', c.bold(`Warnings (${result.warnings.length})`));
        for (const w of result.warnings) lines.push(`  ${c.yellow('!')} ${w.message}${w.source ? ' ' + c.dim(`(${w.source})`) : ''}`);
    }
    lines.push('', summaryLine(result), headlineLine(result), gateLine(result, c));
    return lines.join('\n');
};

function summaryLine(result: CheckResult): string {
    const s = result.summary;
    const parts = [
        [s.met, 'met'], [s.atRisk, 'at risk'], [s.actionPlanned, 'action planned'],
        [s.actionRequired, 'action required'], [s.overdue, 'overdue'], [s.stale, 'stale'], [s.noData, 'no data'],
    ].filter(([n]) => (n as number) > 0).map(([n, w]) => `${n} ${w}`);
    return `Summary: ${plural(s.norms, 'norm')}${parts.length ? ': ' + parts.join(', ') : ''}.`;
}

function headlineLine(result: CheckResult): string {
    const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
    return `Meeting target: ${pct(result.summary.meetingTarget)} of norms with data; meeting or improving: ${pct(result.summary.meetingOrImproving)}.`;
}

function gateLine(result: CheckResult, c: Colors): string {
    if (result.summary.passed) return c.green(c.bold('Gate: passed.'));
    const s = result.summary;
    const reasons = [
        [s.actionRequired, 'action required'], [s.overdue, 'overdue'], [s.stale, 'stale'], [s.noData, 'no data'],
        [s.requirementsUnsatisfied, s.requirementsUnsatisfied === 1 ? 'unsatisfied requirement' : 'unsatisfied requirements'],
    ].filter(([n]) => (n as number) > 0).map(([n, w]) => `${n} ${w}`);
    return c.red(c.bold(`Gate: failed${reasons.length ? ` (${reasons.join(', ')})` : ' (--fail-on)'}.`));
}
