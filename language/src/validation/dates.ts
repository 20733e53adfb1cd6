/**
 * The check that a date property (`from`, `certified`, `expires`) is a real day. The calendar
 * itself (which days, weeks and months exist) is `engine/calendar.ts`, shared with the engine.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { kindWords, periodKindOf, periodProblem } from '../engine/calendar.js';

/** `from 2026-02-30` or `certified 2026-13-01`: a date that is not in the calendar. */
export const CODE_INVALID_DATE = 'invalid-date';
/** `from 2026-07`: a date property needs a day, not a week, month or interval. */
export const CODE_NOT_A_DAY = 'not-a-day';

/**
 * Reports a date property (`from`, `certified`, `expires`) that is not a day of the calendar.
 * `what` names the property in the message: `A 'from' date is a day (YYYY-MM-DD) ...`.
 */
export function checkIsDay<N extends AstNode>(node: N, property: string, text: string | undefined, what: string, accept: ValidationAcceptor): void {
    if (text === undefined) return;
    const kind = periodKindOf(text);
    const info = { node, property: property as never };
    if (kind !== 'day') {
        accept('error', `${what} is a day written YYYY-MM-DD, but ${text} is ${kindWords(kind)}.`, { ...info, code: CODE_NOT_A_DAY });
        return;
    }
    const problem = periodProblem(text);
    if (problem) accept('error', problem, { ...info, code: CODE_INVALID_DATE });
}
