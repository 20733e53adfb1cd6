/**
 * The check report as a self-contained HTML page for a webview: one table per program with
 * each norm's verdict and reason, then the requirements and the norms not yet in force.
 * Pure text in, text out: every value from the result is HTML-escaped, the page runs no
 * script, and its Content-Security-Policy allows only the nonce'd inline style.
 */
import type { CheckResult, NormResult, Verdict } from '../../language/src/engine/types.js';
import type { MetricModel } from '../../language/src/model/types.js';
import { formatValue, VERDICT_ORDER } from '../../cli/src/formats/values.js';

const VERDICT_LABEL: Record<Verdict, string> = {
    'met': 'met',
    'at-risk': 'at risk',
    'action-planned': 'action planned',
    'action-required': 'action required',
    'overdue': 'overdue',
    'no-data': 'no data',
    'stale': 'stale',
};

export function escapeHtml(text: unknown): string {
    return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `>= 80%`, `<= 6min`, `between EUR 2.50 and EUR 3.10 from 2026-07-01`: as `norma check` prints it. */
function normText(r: NormResult, metric: MetricModel | undefined): string {
    const n = r.norm;
    const bound = n.op === 'between'
        ? `between ${formatValue(n.target, metric)} and ${formatValue(n.high ?? n.target, metric)}`
        : `${n.op} ${formatValue(n.target, metric)}`;
    return `${bound}${n.from ? ` from ${n.from}` : ''}`;
}

/** Results grouped by program, the norms that need attention first (the CLI's verdict order). */
function byProgram(results: NormResult[]): Map<string, NormResult[]> {
    const groups = new Map<string, NormResult[]>();
    for (const r of results) groups.set(r.program, [...(groups.get(r.program) ?? []), r]);
    const rank = (r: NormResult) => VERDICT_ORDER.indexOf(r.verdict);
    for (const rows of groups.values()) rows.sort((a, b) => rank(a) - rank(b));
    return groups;
}

export function summaryLine(result: CheckResult): string {
    const s = result.summary;
    const parts = [
        `${s.norms} norm${s.norms === 1 ? '' : 's'}`,
        `${s.met} met`,
        s.atRisk && `${s.atRisk} at risk`,
        s.actionPlanned && `${s.actionPlanned} action planned`,
        s.actionRequired && `${s.actionRequired} action required`,
        s.overdue && `${s.overdue} overdue`,
        s.noData && `${s.noData} no data`,
        s.stale && `${s.stale} stale`,
        s.requirementsUnsatisfied && `${s.requirementsUnsatisfied} requirement${s.requirementsUnsatisfied === 1 ? '' : 's'} unsatisfied`,
    ].filter(Boolean);
    return `${s.passed ? 'Gate passes' : 'Gate fails'}: ${parts.join(', ')} (as of ${result.asOf}).`;
}

/**
 * What fails the gate, in a few words for the status bar: `2 breaches, 1 no data`.
 * A breach is a norm whose verdict is action required or overdue.
 */
export function gateFailures(result: CheckResult): string {
    const s = result.summary;
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const breaches = s.actionRequired + s.overdue;
    return [
        breaches && plural(breaches, 'breach', 'breaches'),
        s.noData && `${s.noData} no data`,
        s.stale && `${s.stale} stale`,
        s.requirementsUnsatisfied && plural(s.requirementsUnsatisfied, 'unmet requirement', 'unmet requirements'),
    ].filter(Boolean).join(', ') || 'gate fails';
}

export function renderReport(
    result: CheckResult, metrics: readonly MetricModel[], options: { cspSource: string; nonce: string; title: string },
): string {
    const e = escapeHtml;
    const metricById = new Map(metrics.map(m => [m.id, m]));
    const sections: string[] = [];
    for (const [program, rows] of byProgram(result.results)) {
        sections.push(`<h2>Program ${e(program)}</h2>
<table>
<thead><tr><th class="w-metric">Metric</th><th class="w-norm">Norm</th><th class="w-verdict">Verdict</th><th class="w-reason">Reason</th></tr></thead>
<tbody>
${rows.map(r => `<tr class="v-${e(r.verdict)}"><td>${e(r.metric)}<div class="src">${e(r.norm.source)}</div></td><td class="norm">${e(normText(r, metricById.get(r.metric)))}</td><td><span class="verdict">${e(VERDICT_LABEL[r.verdict] ?? r.verdict)}</span></td><td class="reason">${e(r.reason)}</td></tr>`).join('\n')}
</tbody>
</table>`);
    }
    if (result.requirements.length) {
        sections.push(`<h2>Requirements</h2>
<table>
<thead><tr><th class="w-metric">Requirement</th><th class="w-norm">Program</th><th class="w-verdict">Satisfied</th><th class="w-reason">Reason</th></tr></thead>
<tbody>
${result.requirements.map(q => `<tr class="${q.satisfied ? 'v-met' : 'v-action-required'}"><td>${e(q.id)}</td><td>${e(q.program)}</td><td><span class="verdict">${q.satisfied ? 'yes' : 'no'}</span></td><td class="reason">${e(q.reason)}</td></tr>`).join('\n')}
</tbody>
</table>`);
    }
    if (result.upcoming.length) {
        sections.push(`<h2>Not yet in force</h2>
<ul>${result.upcoming.map(u => `<li>${e(u.program)} · ${e(u.metric)} from ${e(u.from)} <span class="src">${e(u.source)}</span></li>`).join('')}</ul>`);
    }
    if (!result.results.length) sections.push('<p>No norm is in force for these programs.</p>');
    const csp = `default-src 'none'; img-src ${options.cspSource}; style-src 'nonce-${options.nonce}'; script-src 'none'; form-action 'none'; frame-src 'none'`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(options.title)}</title>
<style nonce="${e(options.nonce)}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem 2rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; table-layout: fixed; }
.w-metric { width: 30%; } .w-norm { width: 14%; } .w-verdict { width: 17%; } .w-reason { width: 39%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
th { font-weight: 600; }
.summary { font-size: 1.1em; font-weight: 600; }
.src { opacity: 0.7; font-family: var(--vscode-editor-font-family); font-size: 0.85em; overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
table { font-size: 0.95em; }
.verdict { display: inline-block; padding: 1px 6px; border-radius: 3px; }
.v-met .verdict { background: #2e7d3233; }
.v-at-risk .verdict, .v-action-planned .verdict { background: #f9a82544; }
.v-action-required .verdict, .v-overdue .verdict, .v-no-data .verdict, .v-stale .verdict { background: #c6282844; }
</style>
</head>
<body>
<h1>${e(options.title)}</h1>
<p class="summary ${result.summary.passed ? 'v-met' : 'v-action-required'}">${e(summaryLine(result))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
