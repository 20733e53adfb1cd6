import { describe, expect, test } from 'vitest';
import { fitsGrain, formatDay, isoWeekOf, isoWeeksInYear, parsePeriod, type Period } from '../../language/src/engine/index.js';

function ok(text: string): Period {
    const p = parsePeriod(text);
    if (!p.ok) throw new Error(`expected ${text} to parse: ${p.reason}`);
    return p;
}

function reason(text: string): string {
    const p = parsePeriod(text);
    if (p.ok) throw new Error(`expected ${text} to be rejected`);
    return p.reason;
}

const DAY = 1440;

describe('parsePeriod', () => {
    test.each([
        ['2026-01-05', 'day', '2026-01-05'],
        ['2026-W02', 'week', '2026-01-05'],
        ['2026-W01', 'week', '2025-12-29'],
        ['2020-W53', 'week', '2020-12-28'],
        ['2015-W53', 'week', '2015-12-28'],
        ['2026-W53', 'week', '2026-12-28'],
        ['2021-W01', 'week', '2021-01-04'],
        ['2026-01', 'month', '2026-01-01'],
        ['2026-12', 'month', '2026-12-01'],
        ['2026-01-05T09:30', 'interval', '2026-01-05'],
        ['2024-02-29', 'day', '2024-02-29'],
        ['2000-02-29', 'day', '2000-02-29'],
        ['1970-01-01', 'day', '1970-01-01'],
    ])('%s is a %s starting %s', (text, kind, day) => {
        const p = ok(text);
        expect(p.kind).toBe(kind);
        expect(p.day).toBe(day);
    });

    test('starts are epoch minutes, UTC calendar arithmetic', () => {
        expect(ok('1970-01-01').start).toBe(0);
        expect(ok('1970-01-02').start).toBe(DAY);
        expect(ok('2026-01-05T09:30').start).toBe(ok('2026-01-05').start + 9 * 60 + 30);
        expect(ok('2026-01-05').start).toBe(Date.UTC(2026, 0, 5) / 60000);
        expect(ok('2026-W02').start).toBe(ok('2026-01-05').start);
        expect(ok('2026-02').start).toBe(ok('2026-02-01').start);
    });

    test('ends span the whole period', () => {
        expect(ok('2026-01-05').end).toBe(ok('2026-01-06').start);
        expect(ok('2026-W02').end).toBe(ok('2026-01-12').start);
        expect(ok('2026-02').end).toBe(ok('2026-03-01').start);
        expect(ok('2026-12').end).toBe(ok('2027-01-01').start);
        expect(ok('2024-02').end - ok('2024-02').start).toBe(29 * DAY);
        expect(ok('2026-01-05T09:30').end).toBe(ok('2026-01-05T09:30').start + 1);
    });

    test.each([
        ['2026-02-30', 'February 2026 has 28 days'],
        ['2026-02-29', 'February 2026 has 28 days'],
        ['1900-02-29', 'February 1900 has 28 days'],
        ['2026-04-31', 'April 2026 has 30 days'],
        ['2026-01-00', 'January 2026 has 31 days'],
        ['2026-W54', 'week-year 2026 has weeks W01 to W53'],
        ['2021-W53', 'week-year 2021 has weeks W01 to W52'],
        ['2026-W00', 'W01 to W53'],
        ['2026-13', 'the month must be 01 to 12'],
        ['2026-00', 'the month must be 01 to 12'],
        ['2026-01-05T25:00', 'the hour must be 00 to 23'],
        ['2026-01-05T24:00', 'the hour must be 00 to 23'],
        ['2026-01-05T09:60', 'the minute must be 00 to 59'],
        ['0000-01-01', 'the year must be 0001 or later'],
    ])('%s is rejected: %s', (text, why) => {
        expect(reason(text)).toContain(why);
        expect(reason(text)).toContain(`'${text}'`);
    });

    test.each(['', 'yesterday', '2026', '2026-1-5', '2026/01/05', '2026-01-05 09:30', '2026-01-05T9:30', '2026-W2',
        '2026-W02-1', '26-01-05', '2026-01-05T09:30:00', '２０２６-01-05', '2026-01-5x'])('%j is not a period', text => {
        expect(reason(text)).toMatch(/period/);
    });

    test('a non-string is rejected, not thrown', () => {
        expect(parsePeriod(undefined as unknown as string).ok).toBe(false);
        expect(parsePeriod(20260105 as unknown as string).ok).toBe(false);
    });

    test('ISO weeks in a year', () => {
        expect(isoWeeksInYear(2020)).toBe(53);
        expect(isoWeeksInYear(2021)).toBe(52);
        expect(isoWeeksInYear(2026)).toBe(53);
        expect(isoWeeksInYear(2027)).toBe(52);
    });

    test('isoWeekOf agrees with parsing, over ten years of days', () => {
        const start = ok('2019-12-01').start / DAY;
        for (let d = start; d < start + 3700; d++) {
            const week = ok(isoWeekOf(d));
            expect(d - week.dayNumber).toBeGreaterThanOrEqual(0);
            expect(d - week.dayNumber).toBeLessThan(7);
            expect(formatDay(d)).toBe(new Date(d * 86400000).toISOString().slice(0, 10));
        }
    });

    test('parsing is fast: 1,000,000 rows well under a second', () => {
        const periods = Array.from({ length: 100 }, (_, i) => formatDay(20454 + i));
        const t = performance.now();
        let sum = 0;
        for (let i = 0; i < 1_000_000; i++) {
            const p = parsePeriod(periods[i % 100]);
            if (p.ok) sum += p.start;
        }
        expect(sum).toBeGreaterThan(0);
        expect(performance.now() - t).toBeLessThan(1000);
    });
});

describe('fitsGrain', () => {
    test.each([
        ['2026-01-05', 'daily', true],
        ['2026-01-05', 'weekly', false],
        ['2026-W02', 'weekly', true],
        ['2026-W02', 'daily', false],
        ['2026-01', 'monthly', true],
        ['2026-01', 'daily', false],
        ['2026-01-01', 'monthly', false],
        ['2026-01-05T09:00', 'hourly', true],
        ['2026-01-05T09:30', 'hourly', false],
        ['2026-01-05T09:30', 'interval30', true],
        ['2026-01-05T09:00', 'interval30', true],
        ['2026-01-05T09:15', 'interval30', false],
        ['2026-01-05T09:15', 'interval15', true],
        ['2026-01-05T09:45', 'interval15', true],
        ['2026-01-05T09:00', 'interval15', true],
        ['2026-01-05T09:10', 'interval15', false],
        ['2026-01-05T09:00', 'daily', false],
        ['2026-01-05', 'hourly', false],
        ['2026-02-30', 'daily', false],
    ] as const)('%s at %s: %s', (text, grain, fits) => {
        expect(fitsGrain(text, grain)).toBe(fits);
    });
});
