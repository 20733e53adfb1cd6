/**
 * The readiness summary (when `norma assess` renders the report): per program and standard the
 * score against the pass mark, the certification's days left, the costliest requirements and
 * the 6-month headline, each with its definition. Reads the AssessResult; scores nothing.
 */
import type { AssessResult } from '../../../../language/src/audit/types.js';
import { escapeHtml as h } from '../escape.js';
import { certificationText, DEFINITIONS, headlineText, pointsText, share, verdictText } from '../readiness/words.js';

export function readinessSummary(result: AssessResult): string {
    const out = ['<section id="readiness"><h2>Audit readiness</h2>'];
    out.push(`<p class="sub">Score: ${h(DEFINITIONS.score)}. Headline: ${h(DEFINITIONS.meetingTarget)}.</p>`);
    out.push('<table class="readiness cards"><thead><tr><th>Program</th><th>Standard</th><th>Score</th><th>Result</th><th>Certification</th><th>Costliest</th><th>Last 6 months</th></tr></thead><tbody>');
    for (const p of result.programs) {
        const verdict = verdictText(p);
        const costliest = p.costliest.slice(0, 3).map(q => `${q.id.split('.').slice(-1)[0]} −${pointsText(q.lost)}`).join(', ') || '—';
        out.push(`<tr data-program="${h(p.program)}" data-passed="${p.passed}"><td data-label="Program"><a href="#program-${h(p.program)}">${h(p.program)}</a></td><td data-label="Standard">${h(p.standard)}</td>`
            + `<td data-label="Score" class="num">${share(p.score)} <span class="sub">(${pointsText(p.points.earned)} of ${pointsText(p.points.possible)}${p.passMark !== null ? `; pass at ${p.passMark}%` : ''})</span></td>`
            + `<td data-label="Result"><span class="status ${verdict === 'fail' ? 'overdue' : verdict === 'pass' ? 'closed' : 'open'}">${h(verdict)}</span></td>`
            + `<td data-label="Certification">${h(certificationText(p))}</td><td data-label="Costliest">${h(costliest)}</td><td data-label="Last 6 months">${h(headlineText(p.headline.last6))}</td></tr>`);
    }
    out.push('</tbody></table></section>');
    return out.join('');
}
