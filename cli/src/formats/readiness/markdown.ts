/** `norma assess --format markdown`: a table of programs, then per program what cost points, for a pull request or wiki page. */
import { escapeMarkdown as md } from '../escape.js';
import type { ReadinessFormat } from './format.js';
import { certificationText, DEFINITIONS, headlineText, pointsText, scoreLine, share, title, verdictText } from './words.js';

export const markdown: ReadinessFormat = result => {
    const out = [`# Audit readiness as of ${result.asOf}`, ''];
    out.push('| Program | Standard | Score | Points | Pass mark | Result | Certification | Last 6 months meeting target |');
    out.push('|---|---|---|---|---|---|---|---|');
    for (const p of result.programs) {
        out.push(`| ${md(p.program)} | ${md(p.standard)} | ${share(p.score)} | ${pointsText(p.points.earned)} of ${pointsText(p.points.possible)} | ${p.passMark === null ? '—' : `${p.passMark}%`} | **${verdictText(p)}** | ${md(certificationText(p))} | ${share(p.headline.last6.meetingTarget)} |`);
    }
    out.push('');
    for (const p of result.programs) {
        out.push(`## ${md(title(p))}`, '', `Score ${md(scoreLine(p))}: **${verdictText(p)}**.`, '');
        out.push('| Category | Earned | Possible |', '|---|---|---|');
        for (const k of p.categories) out.push(`| ${md(k.title)} | ${pointsText(k.earned)} | ${pointsText(k.possible)} |`);
        out.push('');
        if (p.costliest.length) out.push(`Costliest: ${p.costliest.map(q => `${md(q.id)} (−${pointsText(q.lost)})`).join(', ')}.`, '');
        if (p.unassessed.length) out.push(`Unassessed: ${p.unassessed.map(md).join(', ')}.`, '');
        if (p.stale.length) out.push(`Stale: ${p.stale.map(md).join(', ')}.`, '');
        out.push(`Certification: ${md(certificationText(p))}.`, '');
        out.push(`Last 6 months: ${md(headlineText(p.headline.last6))}. Last 12 months: ${md(headlineText(p.headline.last12))}.`, '');
    }
    out.push(`_Score: ${md(DEFINITIONS.score)}. Meeting target: ${md(DEFINITIONS.meetingTarget)}. Meeting or improving: ${md(DEFINITIONS.meetingOrImproving)}. Certification: ${md(DEFINITIONS.certification)}. ${md(DEFINITIONS.stale(result.staleAfterDays))}._`, '');
    return out.join('\n');
};
