/** The calendar arithmetic behind date and period validation. */
import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, periodKind, periodProblem, periodStart } from '../../language/src/validation/dates.js';

describe('dates', () => {
    it('tells the kind of a period', () => {
        expect(['2026-01-05', '2026-W02', '2026-01', '2026-01-05T09:30'].map(periodKind)).toEqual(['day', 'week', 'month', 'interval']);
    });

    it('knows which periods exist', () => {
        expect(periodProblem('2028-02-29')).toBeUndefined();
        expect(periodProblem('2026-02-29')).toBe('2026-02-29 is not a date: February 2026 has 28 days.');
        expect(periodProblem('2026-W53')).toBeUndefined(); // 2026 starts on a Thursday
        expect(periodProblem('2027-W53')).toBe('2027-W53 is not a week: 2027 has weeks 01 to 52.');
        expect(periodProblem('2026-W00')).toBe('2026-W00 is not a week: 2026 has weeks 01 to 53.');
        expect(periodProblem('2026-01-05T24:00')).toBe('2026-01-05T24:00 is not a time of day: write hours 00 to 23 and minutes 00 to 59.');
    });

    it('finds where a period starts (ISO weeks start on Monday)', () => {
        expect(periodStart('2026-W01')).toBe('2025-12-29T00:00');
        expect(periodStart('2026-W02')).toBe('2026-01-05T00:00');
        expect(periodStart('2026-03')).toBe('2026-03-01T00:00');
    });

    it('adds months, clamping to the end of the month', () => {
        expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
        expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
        expect(addMonths('2025-04-01', 24)).toBe('2027-04-01');
        expect(daysBetween('2026-02-01', '2026-02-15')).toBe(14);
    });
});
