/**
 * The action log: every improvement action read (`--actions`) for the programs in the report,
 * with its owner, dates, result, whether it is open, closed or overdue, and the triggers it
 * answered (as the engine linked them). Reads the result and the rows; evaluates nothing.
 */
import type { Action, CheckResult, TriggerResult } from '../../../../language/src/engine/types.js';
import { escapeHtml as h } from '../escape.js';

function answers(t: TriggerResult, a: Action): boolean {
    const by = t.answeredBy;
    return by !== null && by.opened === a.opened && by.owner === a.owner;
}

export function actionLog(result: CheckResult, actions: readonly Action[]): string {
    const programs = new Set(result.results.map(r => r.program));
    const rows = actions.filter(a => programs.has(a.program))
        .map((a, i) => ({ a, i }))
        .sort((x, y) => (x.a.program < y.a.program ? -1 : x.a.program > y.a.program ? 1 : 0) || (x.a.opened < y.a.opened ? -1 : x.a.opened > y.a.opened ? 1 : 0) || x.i - y.i)
        .map(({ a }) => a);
    const out = ['<section id="actions"><h2>Action log</h2>'];
    if (rows.length === 0) {
        out.push('<p class="sub">No improvement action was given (<code>--actions</code>).</p></section>');
        return out.join('');
    }
    out.push('<p class="sub">Every improvement action for these programs: who owns it, when it was opened and is due, how it ended, and the triggers it answered.</p>');
    out.push('<table class="actions cards"><thead><tr><th>Program</th><th>Metric</th><th>Owner</th><th>Opened</th><th>Due</th><th>Closed</th><th>Status</th><th>Result</th><th>Triggers answered</th></tr></thead><tbody>');
    for (const a of rows) {
        const answered = result.results.filter(r => r.program === a.program && r.metric === a.metric)
            .flatMap(r => r.triggers.filter(t => answers(t, a)).map(t => ({ t, overdue: t.overdue })));
        const overdue = answered.some(x => x.overdue);
        const status = a.closed ? 'closed' : overdue || (a.due && a.due < result.asOf) ? 'overdue' : 'open';
        const triggers = answered.length
            ? answered.map(({ t }) => `${t.rule === 'critical' ? 'critical point' : `${t.periods.length} consecutive misses`} ${t.periods[0]}${t.periods.length > 1 ? `–${t.periods[t.periods.length - 1]}` : ''}`).join('; ')
            : 'none';
        out.push(`<tr data-action-owner="${h(a.owner)}" data-status="${status}">`
            + `<td data-label="Program">${h(a.program)}</td><td data-label="Metric">${h(a.metric)}</td><td data-label="Owner">${h(a.owner)}</td>`
            + `<td data-label="Opened">${h(a.opened)}</td><td data-label="Due">${h(a.due ?? '—')}</td><td data-label="Closed">${h(a.closed ?? '—')}</td>`
            + `<td data-label="Status"><span class="status ${status}">${status}</span></td><td data-label="Result">${h(a.result ?? '—')}</td><td data-label="Triggers answered">${h(triggers)}</td></tr>`);
    }
    out.push('</tbody></table></section>');
    return out.join('');
}
