/**
 * `--format markdown`: a compact summary for a pull-request comment or a CI job summary. The
 * gate is the first line; then the counts and the audit headline; then a table of the norms
 * that fail the gate (program, metric, rule, verdict, the deciding periods and values, the
 * norm's `file:line`) and the unsatisfied requirements; everything else folded in `<details>`.
 * Every text from `.norma` files or data is escaped (see escape.ts). Tables stop after
 * MAX_ROWS rows to stay under the 65,536 characters of a GitHub comment.
 */
import type { NormResult } from '../../../language/src/engine/types.js';
import { escapeMarkdown as md } from './escape.js';
import { countParts, decidingText, gateReasons, isFailing, percent, ruleText, unsatisfied } from './facts.js';
import type { TextFormat } from './format.js';
import { metricsById, VERDICT_ORDER, verdictWords } from './values.js';

const MAX_ROWS = 150;

export const markdown: TextFormat = (result, context) => {
    const metrics = metricsById(context.model);
    const s = result.summary;
    const lines: string[] = [];
    lines.push(s.passed
        ? `### ✅ Norma gate passed as of ${md(result.asOf)}`
        : `### ❌ Norma gate failed as of ${md(result.asOf)}: ${md(gateReasons(result))}`);
    lines.push('');
    const counts = countParts(result);
    lines.push(`**${s.norms} norm${s.norms === 1 ? '' : 's'}**${counts.length ? ': ' + counts.join(' · ') : ''}`
        + (result.requirements.length ? ` — requirements: ${result.requirements.length - s.requirementsUnsatisfied} of ${result.requirements.length} satisfied` : ''));
    lines.push('');
    lines.push(`Meeting target: ${percent(s.meetingTarget)} of norms with data · meeting or improving: ${percent(s.meetingOrImproving)}`);

    const sort = (a: NormResult, b: NormResult) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict);
    const failing = result.results.filter(r => isFailing(r.verdict)).sort(sort);
    const rest = result.results.filter(r => !isFailing(r.verdict)).sort(sort);
    const header = ['| Program | Metric | Rule | Verdict | Periods | Values | Where |', '|---|---|---|---|---|---|---|'];
    const row = (r: NormResult) => {
        const metric = metrics.get(r.metric);
        const d = decidingText(r, metric);
        return `| ${md(r.program)} | ${md(r.metric)} | ${md(ruleText(r.norm, metric, false))} | ${md(verdictWords(r.verdict))} | ${md(d.periods)} | ${md(d.values)} | ${md(r.norm.source)} |`;
    };
    if (failing.length) {
        lines.push('', `#### Failing norms (${failing.length})`, '', ...header, ...failing.slice(0, MAX_ROWS).map(row));
        if (failing.length > MAX_ROWS) lines.push('', `…and ${failing.length - MAX_ROWS} more; see the full report.`);
    }
    const missing = unsatisfied(result);
    if (missing.length) {
        lines.push('', `#### Unsatisfied requirements (${missing.length})`, '', '| Program | Requirement | Why |', '|---|---|---|');
        lines.push(...missing.slice(0, MAX_ROWS).map(r => `| ${md(r.program)} | ${md(r.id)} | ${md(r.reason)} |`));
        if (missing.length > MAX_ROWS) lines.push('', `…and ${missing.length - MAX_ROWS} more.`);
    }
    if (rest.length) {
        const parts = countParts({ ...result, summary: { ...s, actionRequired: 0, overdue: 0, stale: 0, noData: 0 } });
        lines.push('', `<details><summary>${rest.length} other norm${rest.length === 1 ? '' : 's'}: ${parts.join(', ')}</summary>`, '');
        lines.push('| Program | Metric | Rule | Verdict | Reason | Where |', '|---|---|---|---|---|---|');
        for (const r of rest.slice(0, MAX_ROWS)) {
            const metric = metrics.get(r.metric);
            lines.push(`| ${md(r.program)} | ${md(r.metric)} | ${md(ruleText(r.norm, metric, false))} | ${md(verdictWords(r.verdict))} | ${md(r.reason)} | ${md(r.norm.source)} |`);
        }
        if (rest.length > MAX_ROWS) lines.push('', `…and ${rest.length - MAX_ROWS} more.`);
        lines.push('', '</details>');
    }
    if (result.warnings.length) {
        lines.push('', `#### Warnings (${result.warnings.length})`, '');
        lines.push(...result.warnings.slice(0, MAX_ROWS).map(w => `- ⚠️ ${md(w.message)}${w.source ? ` (${md(w.source)})` : ''}`));
        if (result.warnings.length > MAX_ROWS) lines.push('', `…and ${result.warnings.length - MAX_ROWS} more.`);
    }
    if (result.upcoming.length) {
        lines.push('', `<details><summary>${result.upcoming.length} norm${result.upcoming.length === 1 ? '' : 's'} not yet in force</summary>`, '');
        lines.push(...result.upcoming.slice(0, MAX_ROWS).map(u => `- ${md(u.program)} ${md(u.metric)} from ${md(u.from)} (${md(u.source)})`));
        lines.push('', '</details>');
    }
    return lines.join('\n') + '\n';
};
