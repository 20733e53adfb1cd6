/**
 * The exclusion register: each exclusion of the workspace with what it covers (programs,
 * metrics, periods), its approver, its expiry (and whether it had expired at as-of), and how
 * many points it excused in this evaluation. Reads the model and the result; evaluates nothing.
 */
import type { CheckResult } from '../../../../language/src/engine/types.js';
import type { NormaModel } from '../../../../language/src/model/types.js';
import { escapeHtml as h } from '../escape.js';

export function exclusionRegister(result: CheckResult, model: NormaModel): string {
    const out = ['<section id="exclusions"><h2>Exclusion register</h2>'];
    if (model.exclusions.length === 0) {
        out.push('<p class="sub">No exclusion is declared.</p></section>');
        return out.join('');
    }
    const excused = new Map<string, number>();
    for (const r of result.results) for (const p of r.points) if (p.exclusion) excused.set(p.exclusion, (excused.get(p.exclusion) ?? 0) + 1);
    out.push('<p class="sub">Points set aside by an approved exclusion are neither met nor missed. An expired exclusion is no longer applied.</p>');
    out.push('<table class="exclusions cards"><thead><tr><th>Exclusion</th><th>Programs</th><th>Metrics</th><th>Periods</th><th>Approved by</th><th>Expires</th><th>Points excused</th><th>Where</th></tr></thead><tbody>');
    for (const x of model.exclusions) {
        const expired = x.expires !== null && x.expires < result.asOf;
        const periods = x.start === x.end ? x.start : `${x.start} to ${x.end}`;
        out.push(`<tr data-exclusion="${h(x.id)}"><td data-label="Exclusion"><b>${h(x.id)}</b>${x.title !== x.id ? `<br>${h(x.title)}` : ''}</td>`
            + `<td data-label="Programs">${h(x.programs.join(', '))}</td><td data-label="Metrics">${h(x.metrics.join(', '))}</td><td data-label="Periods">${h(periods)}</td>`
            + `<td data-label="Approved by">${h(x.approver ?? 'no approver')}</td><td data-label="Expires">${h(x.expires ?? 'never')}${expired ? ' <span class="status overdue">expired</span>' : ''}</td>`
            + `<td data-label="Points excused" class="num">${excused.get(x.id) ?? 0}</td><td data-label="Where" class="src">${h(`${x.source.file}:${x.source.line}`)}</td></tr>`);
    }
    out.push('</tbody></table></section>');
    return out.join('');
}
