/**
 * Norma's one calendar: periods as written in data and in `.norma` files: a day `2026-01-05`,
 * an ISO week `2026-W02` (weeks start on Monday, ISO-8601 week-year rules), a month `2026-01`,
 * or an interval start `2026-01-05T09:30`. The engine, the language validator, the SQL
 * generator, `--as-of` and norm-test fixtures all read days and periods here, so they cannot
 * disagree on what exists. Years run from 0001 to 9999: `0000-01-01` is not a day anywhere.
 * Calendar arithmetic is plain UTC arithmetic on day numbers: no time zones, no Date objects.
 * Parsing reads char codes and caches by string, because a data file repeats the same few
 * periods over and over (1,000,000 rows parse in a few tens of milliseconds).
 * Lives in `engine/` because the engine is bundled standalone and imports nothing outside it.
 */
import type { Grain } from '../model/types.js';

export type PeriodKind = 'day' | 'week' | 'month' | 'interval';

export interface Period {
    ok: true;
    kind: PeriodKind;
    /** Start in minutes since 1970-01-01T00:00 (UTC calendar arithmetic). */
    start: number;
    /**
     * End (exclusive) in the same minutes: the next day, week or month. An interval is known only
     * by its start (its length is the metric's grain), so its end is its start plus one minute.
     */
    end: number;
    /** Day number of the first day (days since 1970-01-01). */
    dayNumber: number;
    /** The first day, YYYY-MM-DD (a week's Monday, a month's 1st, an interval's date). */
    day: string;
    /** Minutes past midnight, for intervals (0 otherwise). */
    minuteOfDay: number;
    /**
     * The UTC offset in minutes of an interval named with one (`2026-10-25T01:30+01:00`): computed
     * intervals on the night clocks go back carry it where a local time repeats (SPEC §6.2). Two
     * intervals with the same local start sort by it: the larger offset came first.
     */
    offset?: number;
}

export interface PeriodError {
    ok: false;
    /** Why it does not parse, in plain words. */
    reason: string;
}

export type PeriodResult = Period | PeriodError;

const MINUTES_PER_DAY = 1440;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
const FORMATS = 'write a day 2026-01-05, an ISO week 2026-W02, a month 2026-01 or an interval start 2026-01-05T09:30';

const cache = new Map<string, PeriodResult>();
const CACHE_LIMIT = 200_000;
/** The longest period there is: an interval start with its UTC offset, 2026-10-25T01:30+01:00. */
const LONGEST_PERIOD = 22;

/**
 * Parses a period; the result is shared and must not be mutated. Only texts that can be a
 * period are cached, each as a copy: a value read from a data file is often a slice of the whole
 * file's text, and a cached slice (or a reason quoting it) would keep that file in memory for
 * as long as the process lives (the language server re-reads the data on every check).
 */
export function parsePeriod(text: string): PeriodResult {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    if (typeof text !== 'string' || text.length > LONGEST_PERIOD) return parseUncached(text);
    const own = Array.from(text).join('');
    const result = parseUncached(own);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(own, result);
    return result;
}

/** A day `YYYY-MM-DD` as a day number, or undefined when it is not a valid day. */
export function dayNumberOf(text: string | null | undefined): number | undefined {
    if (typeof text !== 'string') return undefined;
    const p = parsePeriod(text);
    return p.ok && p.kind === 'day' ? p.dayNumber : undefined;
}

/**
 * Above any UTC offset (they run from -14:00 to +14:00, 840 minutes): where an interval named without
 * an offset meets one with an offset at the same local start, the one without sorts first.
 */
export const NO_OFFSET_RANK = 1023;

/**
 * Period order: by start; at the same local start (the night clocks go back), the interval named
 * without an offset first, then the larger offset (it came first). A total order, so a series never
 * depends on the order of the rows in a file.
 */
export function comparePeriods(p: Period, q: Period): number {
    return p.start - q.start || (q.offset ?? NO_OFFSET_RANK) - (p.offset ?? NO_OFFSET_RANK);
}

/** Whether a period is written at a metric's grain. */
export function fitsGrain(period: Period | string, grain: Grain): boolean {
    const p = typeof period === 'string' ? parsePeriod(period) : period;
    if (!p.ok) return false;
    switch (grain) {
        case 'daily': return p.kind === 'day';
        case 'weekly': return p.kind === 'week';
        case 'monthly': return p.kind === 'month';
        case 'hourly': return p.kind === 'interval' && p.minuteOfDay % 60 === 0;
        case 'interval30': return p.kind === 'interval' && p.minuteOfDay % 30 === 0;
        case 'interval15': return p.kind === 'interval' && p.minuteOfDay % 15 === 0;
        default: return false;
    }
}

/** `a day like 2026-01-05`: how to write a period of that grain, with an example near `day`. */
export function grainExample(grain: Grain, day: string): string {
    switch (grain) {
        case 'daily': return `a day like ${day}`;
        case 'weekly': return `an ISO week like ${isoWeekOf(dayNumberOf(day) ?? 0)}`;
        case 'monthly': return `a month like ${day.slice(0, 7)}`;
        case 'hourly': return `an hour start like ${day}T09:00`;
        case 'interval30': return `a half-hour start like ${day}T09:30`;
        case 'interval15': return `a quarter-hour start like ${day}T09:45`;
        default: return `a period`;
    }
}

/** What a parsed period is, in words: `a day`, `an ISO week`, `a month`, `an interval start at 09:10`. */
export function describeKind(p: Period): string {
    switch (p.kind) {
        case 'day': return 'a day';
        case 'week': return 'an ISO week';
        case 'month': return 'a month';
        default: return `an interval start at ${pad2(Math.floor(p.minuteOfDay / 60))}:${pad2(p.minuteOfDay % 60)}`;
    }
}

/** Words for a grain: `daily`, `every 15 minutes`. */
export function grainWords(grain: Grain): string {
    switch (grain) {
        case 'interval15': return 'every 15 minutes';
        case 'interval30': return 'every 30 minutes';
        default: return grain;
    }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const mp = (month + 9) % 12;
    const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(dayNumber: number): string {
    const z = dayNumber + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** ISO weekday, Monday = 1 .. Sunday = 7. */
export function isoWeekday(dayNumber: number): number {
    // 1970-01-01 was a Thursday (4).
    return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday of ISO week 1 of a week-year (the week holding January 4th). */
export function isoWeekOneMonday(year: number): number {
    const jan4 = daysFromCivil(year, 1, 4);
    return jan4 - (isoWeekday(jan4) - 1);
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
    return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

/** `2026-W02` of the ISO week holding a day. */
export function isoWeekOf(dayNumber: number): string {
    const thursday = dayNumber - isoWeekday(dayNumber) + 4;
    const year = Number(formatDay(thursday).slice(0, 4));
    const week = Math.floor((thursday - isoWeekOneMonday(year)) / 7) + 1;
    return `${String(year).padStart(4, '0')}-W${pad2(week)}`;
}

export function daysInMonth(year: number, month: number): number {
    if (month === 2) return isLeapYear(year) ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad2(n: number): string {
    return n < 10 ? `0${n}` : String(n);
}

/** Value of `length` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(text: string, at: number, length: number): number {
    let value = 0;
    for (let i = at; i < at + length; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) return -1;
        value = value * 10 + c;
    }
    return value;
}

function fail(text: string, reason: string): PeriodError {
    return { ok: false, reason: `'${text}' is not a valid period: ${reason}` };
}

function parseUncached(text: string): PeriodResult {
    if (typeof text !== 'string') return { ok: false, reason: `the period is missing: ${FORMATS}` };
    const n = text.length;
    if (n === 0) return { ok: false, reason: `the period is empty: ${FORMATS}` };
    const year = digits(text, 0, 4);
    if (year < 0 || n < 7 || text.charCodeAt(4) !== 45 /* - */) {
        return { ok: false, reason: `'${text}' is not a period: ${FORMATS}` };
    }
    if (year < 1) return fail(text, 'the year must be 0001 or later');
    if (text.charCodeAt(5) === 87 /* W */) {
        const week = n === 8 ? digits(text, 6, 2) : -1;
        if (week < 0) return { ok: false, reason: `'${text}' is not a period: an ISO week is written 2026-W02` };
        const weeks = isoWeeksInYear(year);
        if (week < 1 || week > weeks) return fail(text, `week-year ${year} has weeks W01 to W${weeks}`);
        const monday = isoWeekOneMonday(year) + (week - 1) * 7;
        return period('week', monday * MINUTES_PER_DAY, (monday + 7) * MINUTES_PER_DAY, monday, 0);
    }
    const month = digits(text, 5, 2);
    if (month < 0 || (n !== 7 && n !== 10 && n !== 16 && n !== 22)) return { ok: false, reason: `'${text}' is not a period: ${FORMATS}` };
    if (month < 1 || month > 12) return fail(text, 'the month must be 01 to 12');
    if (n === 7) {
        const first = daysFromCivil(year, month, 1);
        const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
        return period('month', first * MINUTES_PER_DAY, next * MINUTES_PER_DAY, first, 0);
    }
    const day = text.charCodeAt(7) === 45 ? digits(text, 8, 2) : -1;
    if (day < 0) return { ok: false, reason: `'${text}' is not a period: ${FORMATS}` };
    const monthDays = daysInMonth(year, month);
    if (day < 1 || day > monthDays) return fail(text, `${MONTH_NAMES[month - 1]} ${year} has ${monthDays} days`);
    const dayNumber = daysFromCivil(year, month, day);
    if (n === 10) {
        return period('day', dayNumber * MINUTES_PER_DAY, (dayNumber + 1) * MINUTES_PER_DAY, dayNumber, 0, text);
    }
    const hour = text.charCodeAt(10) === 84 /* T */ && text.charCodeAt(13) === 58 /* : */ ? digits(text, 11, 2) : -1;
    const minute = hour < 0 ? -1 : digits(text, 14, 2);
    if (hour < 0 || minute < 0) {
        return { ok: false, reason: `'${text}' is not a period: an interval start is written 2026-01-05T09:30` };
    }
    if (hour > 23) return fail(text, 'the hour must be 00 to 23');
    if (minute > 59) return fail(text, 'the minute must be 00 to 59');
    const minuteOfDay = hour * 60 + minute;
    const start = dayNumber * MINUTES_PER_DAY + minuteOfDay;
    if (n === 22) {
        // `+01:00` / `-05:00` after the local start: a local time that repeats on a daylight-saving day.
        const sign = text.charCodeAt(16);
        const oh = digits(text, 17, 2);
        const om = text.charCodeAt(19) === 58 ? digits(text, 20, 2) : -1;
        if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0 || oh > 14 || om > 59) {
            return { ok: false, reason: `'${text}' is not a period: an interval start with its UTC offset is written 2026-10-25T01:30+01:00` };
        }
        const offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
        return { ...period('interval', start, start + 1, dayNumber, minuteOfDay, text.slice(0, 10)), offset };
    }
    return period('interval', start, start + 1, dayNumber, minuteOfDay, text.slice(0, 10));
}

function period(kind: PeriodKind, start: number, end: number, dayNumber: number, minuteOfDay: number, day?: string): Period {
    return { ok: true, kind, start, end, dayNumber, day: day ?? formatDay(dayNumber), minuteOfDay };
}

/** A day `YYYY-MM-DD` that exists in the calendar. */
export function isDay(text: string | null | undefined): text is string {
    return dayNumberOf(text) !== undefined;
}

/** The kind of a period by its shape (`2026-W02` is a week even when week 54 does not exist). */
export function periodKindOf(text: string): PeriodKind {
    if (text.charCodeAt(5) === 87 /* W */) return 'week';
    if (text.length === 7) return 'month';
    if (text.length === 16 || text.length === 22) return 'interval';
    return 'day';
}

/** How a kind of period reads in messages: `a month`, `an interval start`. */
export function kindWords(kind: PeriodKind): string {
    switch (kind) {
        case 'day': return 'a day';
        case 'week': return 'a week';
        case 'month': return 'a month';
        default: return 'an interval start';
    }
}

/**
 * Why a period written in a `.norma` file does not exist (`2026-02-30`, `2026-13`, `2026-W54`,
 * `2026-01-05T25:00`, `0000-01-01`), in plain words; undefined when it exists.
 */
export function periodProblem(text: string): string | undefined {
    const year = digits(text, 0, 4);
    const kind = periodKindOf(text);
    if (year === 0) return `${text} is not a ${kind === 'week' ? 'week' : 'date'}: years start at 0001.`;
    if (kind === 'week') {
        const week = digits(text, 6, 2);
        const weeks = isoWeeksInYear(year);
        return week < 1 || week > weeks ? `${text} is not a week: ${year} has weeks 01 to ${weeks}.` : undefined;
    }
    const month = digits(text, 5, 2);
    if (month < 1 || month > 12) return `${text} is not a date: there is no month ${text.slice(5, 7)}.`;
    if (kind === 'month') return undefined;
    const day = digits(text, 8, 2);
    const days = daysInMonth(year, month);
    if (day < 1 || day > days) return `${text} is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days.`;
    if (kind === 'interval') {
        const hour = digits(text, 11, 2);
        const minute = digits(text, 14, 2);
        if (hour > 23 || minute > 59) return `${text} is not a time of day: write hours 00 to 23 and minutes 00 to 59.`;
    }
    const parsed = parsePeriod(text);
    return parsed.ok ? undefined : parsed.reason;
}

/** The first instant of a period, as a sortable `YYYY-MM-DDTHH:MM` (a week starts on Monday); undefined when it does not exist. */
export function periodStartText(text: string): string | undefined {
    const p = parsePeriod(text);
    return p.ok ? minuteText(p.start) : undefined;
}

/** The end (exclusive) of a period, as `YYYY-MM-DDTHH:MM`: the next day, week or month; an interval start plus one minute. */
export function periodEndText(text: string): string | undefined {
    const p = parsePeriod(text);
    return p.ok ? minuteText(p.end) : undefined;
}

function minuteText(minutes: number): string {
    const day = Math.floor(minutes / MINUTES_PER_DAY);
    const m = minutes - day * MINUTES_PER_DAY;
    return `${formatDay(day)}T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** Whole days from `a` to `b` (both days YYYY-MM-DD that exist). */
export function daysBetween(a: string, b: string): number {
    const from = dayNumberOf(a);
    const to = dayNumberOf(b);
    if (from === undefined || to === undefined) throw new RangeError(`daysBetween needs two days, not '${a}' and '${b}'.`);
    return to - from;
}

/** The same day `months` later (clamped to the month's last day: 2024-02-29 + 12 months = 2025-02-28). */
export function addMonths(day: string, months: number): string {
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7)) - 1 + months;
    const y = year + Math.floor(month / 12);
    const m = (month % 12) + 1;
    const d = Math.min(Number(day.slice(8, 10)), daysInMonth(y, m));
    return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Today's day in UTC, `YYYY-MM-DD`: the default `--as-of`. */
export function todayUtc(now: Date = new Date()): string {
    return formatDay(Math.floor(now.getTime() / 86_400_000));
}
