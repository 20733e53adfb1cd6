/**
 * The one calendar (engine/calendar.ts): what the validator, the engine, the SQL generator,
 * `--as-of` and norm-test fixtures agree exists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    addMonths, daysBetween, formatDay, isDay, parsePeriod, periodEndText, periodKindOf, periodProblem, periodStartText, todayUtc,
} from '../../language/src/engine/calendar.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { parseNormTest } from '../../language/src/norm-tests/index.js';
import { parseAsOf } from '../../cli/src/dates.js';

describe('calendar', () => {
    it('tells the kind of a period', () => {
        expect(['2026-01-05', '2026-W02', '2026-01', '2026-01-05T09:30'].map(periodKindOf)).toEqual(['day', 'week', 'month', 'interval']);
    });

    it('knows which periods exist', () => {
        expect(periodProblem('2028-02-29')).toBeUndefined();
        expect(periodProblem('2026-02-29')).toBe('2026-02-29 is not a date: February 2026 has 28 days.');
        expect(periodProblem('2026-W53')).toBeUndefined(); // 2026 starts on a Thursday
        expect(periodProblem('2027-W53')).toBe('2027-W53 is not a week: 2027 has weeks 01 to 52.');
        expect(periodProblem('2026-W00')).toBe('2026-W00 is not a week: 2026 has weeks 01 to 53.');
        expect(periodProblem('2026-01-05T24:00')).toBe('2026-01-05T24:00 is not a time of day: write hours 00 to 23 and minutes 00 to 59.');
    });

    it('finds where a period starts and ends (ISO weeks start on Monday)', () => {
        expect(periodStartText('2026-W01')).toBe('2025-12-29T00:00');
        expect(periodStartText('2026-W02')).toBe('2026-01-05T00:00');
        expect(periodStartText('2026-03')).toBe('2026-03-01T00:00');
        expect(periodEndText('2026-02')).toBe('2026-03-01T00:00');
        expect(periodEndText('2026-W53')).toBe('2027-01-04T00:00');
        expect(periodEndText('2026-12-31')).toBe('2027-01-01T00:00');
        expect(periodEndText('2026-01-05T09:30')).toBe('2026-01-05T09:31');
    });

    it('adds months, clamping to the end of the month, and counts days', () => {
        expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
        expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
        expect(addMonths('2025-04-01', 24)).toBe('2027-04-01');
        expect(daysBetween('2026-02-01', '2026-02-15')).toBe(14);
        expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
        expect(todayUtc(new Date('2026-03-01T23:59:59Z'))).toBe('2026-03-01');
    });

    it('says the same as the engine about every period it is asked about', () => {
        const text = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), fc.integer({ min: 0, max: 3 }))
            .map(([y, m, d, k]) => {
                const yy = String(y).padStart(4, '0');
                const mm = String(m).padStart(2, '0');
                const dd = String(d).padStart(2, '0');
                return [`${yy}-${mm}-${dd}`, `${yy}-${mm}`, `${yy}-W${String(d + 20).padStart(2, '0')}`, `${yy}-${mm}-${dd}T${dd}:30`][k];
            });
        fc.assert(fc.property(text, t => {
            expect(periodProblem(t) === undefined).toBe(parsePeriod(t).ok);
        }), { numRuns: 3000 });
    });

    it('agrees with Date on every day from 0001 to 9999 that it formats', () => {
        fc.assert(fc.property(fc.integer({ min: -719162, max: 2932896 }), n => {
            expect(formatDay(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10).padStart(10, '0'));
        }), { numRuns: 2000 });
    });
});

// Year 0000: ISO 8601 allows it only by agreement; Norma refuses it everywhere (before this, the
// validator accepted `from 0000-01-01` while the engine refused the period).
describe('0000-01-01 is not a day, in every part of Norma', () => {
    it('the calendar and the engine', () => {
        expect(isDay('0000-01-01')).toBe(false);
        expect(periodProblem('0000-01-01')).toBe('0000-01-01 is not a date: years start at 0001.');
        expect(periodProblem('0000-W01')).toBe('0000-W01 is not a week: years start at 0001.');
        expect(parsePeriod('0000-01-01').ok).toBe(false);
        expect(isDay('0001-01-01')).toBe(true);
    });

    it('the language validator', async () => {
        const ws = await loadWorkspace([{ path: 'a.norma', text: `metric M "m" { family service unit percent better higher period daily }
program P "p" { norm M >= 80% from 0000-01-01 }` }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error').map(d => [d.code, d.message])).toEqual([
            ['invalid-date', '0000-01-01 is not a date: years start at 0001.'],
        ]);
    });

    it('--as-of and norm-test fixtures', () => {
        expect(() => parseAsOf('0000-01-01')).toThrow(/not a day/);
        expect(parseAsOf('2026-02-01')).toBe('2026-02-01');
        expect(parseNormTest('a.normtest.csv', 'as-of,0000-01-01\nprogram,metric,period,value,expect\nP,M,,,met\n').errors[0].message)
            .toBe("as-of '0000-01-01' is not a day: write it like 2026-01-31.");
    });
});
