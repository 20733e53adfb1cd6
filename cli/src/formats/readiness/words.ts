/**
 * What the readiness figures mean, in the words every readiness format prints beside them,
 * and the figures as people read them (`42.5 of 60 points`, `71%`). Selects and words; never scores.
 */
import type { AssessResult, HeadlineSpan, ProgramAssessment } from '../../../../language/src/audit/types.js';

export const DEFINITIONS = {
    score: 'points earned of points possible: compliant earns all of a requirement\'s points, partial half, not-compliant none; not-applicable is left out; a requirement with a needs rule is assessed by Norma from the norms',
    passMark: 'the standard\'s pass at: the share of points to earn',
    certification: 'COPC certification lapses 24 months after its date unless renewed; days left from the as-of day',
    meetingTarget: 'month by month, the share of norms with data whose latest point met its target (norm-months pooled over the span)',
    meetingOrImproving: 'as meeting target, counting also a norm whose last three points each beat the one before',
    stale: (days: number) => `an assessment older than ${days} days earns nothing until assessed again`,
};

export function pointsText(n: number): string {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function share(x: number | null): string {
    return x === null ? 'n/a' : `${Math.floor(x * 1000) / 10}%`;
}

export function verdictText(p: ProgramAssessment): string {
    return p.passed === null ? 'no pass mark' : p.passed ? 'pass' : 'fail';
}

export function scoreLine(p: ProgramAssessment): string {
    const mark = p.passMark === null ? 'no pass mark set' : `pass at ${p.passMark}%`;
    return `${share(p.score)} (${pointsText(p.points.earned)} of ${pointsText(p.points.possible)} points; ${mark})`;
}

export function certificationText(p: ProgramAssessment): string {
    const c = p.certification;
    if (c.certified === null) return 'not certified';
    if (c.daysLeft === null) return `certified ${c.certified}`;
    return c.daysLeft >= 0
        ? `certified ${c.certified}, expires ${c.expires}: ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'} left`
        : `certified ${c.certified}, lapsed ${c.expires}: ${-c.daysLeft} day${c.daysLeft === -1 ? '' : 's'} ago`;
}

export function headlineText(h: HeadlineSpan): string {
    return `${share(h.meetingTarget)} meeting target, ${share(h.meetingOrImprovingShare)} meeting or improving `
        + `(${h.meeting} and ${h.meetingOrImproving} of ${h.judged} norm-months, ${h.from} to ${h.to})`;
}

export function title(p: ProgramAssessment): string {
    const who = [p.provider, p.client ? `for ${p.client}` : ''].filter(Boolean).join(' ');
    return `${p.program} · ${p.standard}${who ? ` (${who})` : ''}`;
}

export function failing(result: AssessResult): ProgramAssessment[] {
    return result.programs.filter(p => p.passed === false);
}
