/** `norma assess` in the terminal: per program and standard, the score, pass or fail, what cost points, expiry and the headline. */
import { colors } from '../../terminal.js';
import type { ReadinessFormat } from './format.js';
import { certificationText, DEFINITIONS, failing, headlineText, pointsText, scoreLine, share, title, verdictText } from './words.js';

export const pretty: ReadinessFormat = (result, context) => {
    const c = colors(context.color);
    const out: string[] = [`Audit readiness as of ${result.asOf}`, ''];
    for (const p of result.programs) {
        const verdict = verdictText(p);
        const mark = verdict === 'pass' ? c.green('PASS') : verdict === 'fail' ? c.red('FAIL') : c.yellow('NO PASS MARK');
        out.push(c.bold(title(p)));
        out.push(`  ${mark}  score ${scoreLine(p)}`);
        for (const k of p.categories) {
            if (k.possible === 0 && k.earned === 0) continue;
            out.push(`    ${k.title.padEnd(28)} ${pointsText(k.earned).padStart(5)} of ${pointsText(k.possible)}`);
        }
        if (p.costliest.length) out.push(`  Costliest: ${p.costliest.map(q => `${q.id} -${pointsText(q.lost)} (${q.status ?? (p.stale.includes(q.id) ? 'stale' : 'unassessed')})`).join(', ')}`);
        if (p.unassessed.length) out.push(`  Unassessed: ${p.unassessed.join(', ')}`);
        if (p.stale.length) out.push(`  Stale: ${p.stale.join(', ')}`);
        out.push(`  Certification: ${certificationText(p)}`);
        out.push(`  Last 6 months: ${headlineText(p.headline.last6)}`);
        out.push(`  Last 12 months: ${headlineText(p.headline.last12)}`);
        out.push('');
    }
    for (const v of result.providers) {
        out.push(`Provider ${v.provider} · ${v.standard}: ${share(v.score)} (${pointsText(v.earned)} of ${pointsText(v.possible)} points over ${v.programs.join(', ')})`);
    }
    if (result.providers.length) out.push('');
    out.push(c.dim(`Score: ${DEFINITIONS.score}. Certification: ${DEFINITIONS.certification}. Meeting target: ${DEFINITIONS.meetingTarget}; meeting or improving: ${DEFINITIONS.meetingOrImproving}. Stale: ${DEFINITIONS.stale(result.staleAfterDays)}.`));
    const failed = failing(result);
    out.push(failed.length ? c.red(`${failed.length} program${failed.length === 1 ? '' : 's'} would fail the audit: ${failed.map(p => `${p.program} (${p.standard})`).join(', ')}.`) : c.green('Every program with a pass mark would pass.'));
    return out.join('\n') + '\n';
};
