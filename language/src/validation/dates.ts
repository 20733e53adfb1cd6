/**
 * Days and periods as written in `.norma` files (`2026-01-05`, `2026-W02`, `2026-01`,
 * `2026-01-05T09:30`): what kind each is, whether it exists in the calendar, and the
 * checks that a date property is a real day. Pure calendar arithmetic, no time zones.
 */
import type { AstNode, ValidationAcceptor } from 'langium';

/** `from 2026-02-30` or `certified 2026-13-01`: a date that is not in the calendar. */
export const CODE_INVALID_DATE = 'invalid-date';
/** `from 2026-07`: a date property needs a day, not a week, month or interval. */
export const CODE_NOT_A_DAY = 'not-a-day';

export type PeriodKind = 'day' | 'week' | 'month' | 'interval';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function periodKind(text: string): PeriodKind {
    if (/^\d{4}-W\d{2}$/.test(text)) return 'week';
    if (/^\d{4}-\d{2}$/.test(text)) return 'month';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return 'interval';
    return 'day';
}

/** How a kind of period reads in messages: `a month`, `an interval start`. */
export function describeKind(kind: PeriodKind): string {
    switch (kind) {
        case 'day': return 'a day';
        case 'week': return 'a week';
        case 'month': return 'a month';
        default: return 'an interval start';
    }
}

function isLeap(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
    return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** ISO 8601: a year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year. */
function weeksInYear(year: number): number {
    const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
    return jan1 === 4 || (jan1 === 3 && isLeap(year)) ? 53 : 52;
}

/** Why a period does not exist in the calendar (`2026-02-30`, `2026-13`, `2026-W54`, `2026-01-05T25:00`), or undefined. */
export function periodProblem(text: string): string | undefined {
    const year = Number(text.slice(0, 4));
    const kind = periodKind(text);
    if (kind === 'week') {
        const week = Number(text.slice(6, 8));
        const weeks = weeksInYear(year);
        return week < 1 || week > weeks ? `${text} is not a week: ${year} has weeks 01 to ${weeks}.` : undefined;
    }
    const month = Number(text.slice(5, 7));
    if (month < 1 || month > 12) return `${text} is not a date: there is no month ${text.slice(5, 7)}.`;
    if (kind === 'month') return undefined;
    const day = Number(text.slice(8, 10));
    const days = daysInMonth(year, month);
    if (day < 1 || day > days) return `${text} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days.`;
    if (kind === 'interval') {
        const hour = Number(text.slice(11, 13));
        const minute = Number(text.slice(14, 16));
        if (hour > 23 || minute > 59) return `${text} is not a time of day: write hours 00 to 23 and minutes 00 to 59.`;
    }
    return undefined;
}

/** The first instant of a period, as a sortable `YYYY-MM-DDTHH:MM` (a week starts on Monday). */
export function periodStart(text: string): string {
    switch (periodKind(text)) {
        case 'interval': return text;
        case 'day': return `${text}T00:00`;
        case 'month': return `${text}-01T00:00`;
        case 'week': {
            const year = Number(text.slice(0, 4));
            const week = Number(text.slice(6, 8));
            const jan4 = new Date(Date.UTC(year, 0, 4));
            const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000;
            return `${new Date(monday).toISOString().slice(0, 10)}T00:00`;
        }
    }
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
    return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

/** The same day `months` later (clamped to the month's last day: 2024-02-29 + 12 months = 2025-02-28). */
export function addMonths(day: string, months: number): string {
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7)) - 1 + months;
    const y = year + Math.floor(month / 12);
    const m = (month % 12) + 1;
    const d = Math.min(Number(day.slice(8, 10)), daysInMonth(y, m));
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True when the text is a day that exists. */
export function isRealDay(text: string | undefined): text is string {
    return text !== undefined && periodKind(text) === 'day' && periodProblem(text) === undefined;
}

/**
 * Reports a date property (`from`, `certified`, `expires`) that is not a day of the calendar.
 * `what` names the property in the message: `A 'from' date is a day (YYYY-MM-DD) ...`.
 */
export function checkIsDay<N extends AstNode>(node: N, property: string, text: string | undefined, what: string, accept: ValidationAcceptor): void {
    if (text === undefined) return;
    const kind = periodKind(text);
    const info = { node, property: property as never };
    if (kind !== 'day') {
        accept('error', `${what} is a day written YYYY-MM-DD, but ${text} is ${describeKind(kind)}.`, { ...info, code: CODE_NOT_A_DAY });
        return;
    }
    const problem = periodProblem(text);
    if (problem) accept('error', problem, { ...info, code: CODE_INVALID_DATE });
}
