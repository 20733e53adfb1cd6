import { describe, expect, test } from 'vitest';
import { check, formatDuration, formatValue, type Action } from '../../language/src/engine/index.js';
import type { NormModel } from '../../language/src/model/types.js';
import { action, metric, model, norm, series } from './helpers.js';

function reason(values: (number | [number, number | null])[], n: Partial<NormModel> = {}, actions: Action[] = [], asOf = '2026-02-01'): string {
    return check(model({ norms: [norm('Acme', 'SL', n)] }), series(values), { asOf, actions }).results[0].reason;
}

describe('formatting values in the metric unit', () => {
    test.each([
        [{ kind: 'percent' }, 78.14, '78.14%'],
        [{ kind: 'percent' }, 77, '77%'],
        [{ kind: 'percent' }, 79.2, '79.2%'],
        [{ kind: 'ratio' }, 0.8234, '0.823'],
        [{ kind: 'seconds' }, 20, '20s'],
        [{ kind: 'seconds' }, 12.34, '12.3s'],
        [{ kind: 'minutes' }, 360, '6min'],
        [{ kind: 'seconds' }, 372, '6min 12s'],
        [{ kind: 'seconds' }, 359.6, '6min'],
        [{ kind: 'hours' }, 5400, '1h 30min'],
        [{ kind: 'hours' }, 7200, '2h'],
        [{ kind: 'seconds' }, 3599.9, '1h'],
        [{ kind: 'currency', currency: 'EUR' }, 3.1, 'EUR 3.10'],
        [{ kind: 'count' }, 42, '42'],
        [{ kind: 'score' }, -12.346, '-12.35'],
    ] as const)('%j %d is %s', (unit, value, text) => {
        expect(formatValue(value, unit)).toBe(text);
    });

    test('negative durations', () => {
        expect(formatDuration(-90)).toBe('-1min 30s');
    });
});

describe('reasons name periods and values', () => {
    test('met', () => {
        expect(reason([82, 85, 82.4])).toBe('Met on 3 of 3 points; latest 2026-01-03 82.4% (target >= 80%)');
        expect(reason([[82, 60], [85, 10], [82.4, 70]], { sampleMinimum: 50 }))
            .toBe('Met on 2 of 3 points (1 unsampled); latest 2026-01-03 82.4% (target >= 80%)');
    });

    test('at-risk', () => {
        expect(reason([82, 78, 85])).toBe('Missed on 1 of 3 judged points, latest miss 2026-01-02 78%; latest 2026-01-03 85% '
            + '(target >= 80%); no trigger yet (action after 3 consecutive misses)');
        expect(reason([82, 78], { critical: { side: 'below', threshold: 70 } })).toBe('Missed on 1 of 2 judged points, latest miss 2026-01-02 78% '
            + '(target >= 80%); no trigger yet (action after 3 consecutive misses or one below 70%)');
    });

    test('action-required: consecutive', () => {
        expect(reason([78.1, 77, 79.2])).toBe('3 consecutive misses (2026-01-01 78.1%, 2026-01-02 77%, 2026-01-03 79.2%) with no action opened since 2026-01-03');
    });

    test('action-required: critical, then more', () => {
        expect(reason([65], { critical: { side: 'below', threshold: 70 } })).toBe('2026-01-01 65% below the critical floor 70% with no action opened since 2026-01-01');
        expect(reason([65, 90, 60, 90, 50], { critical: { side: 'below', threshold: 70 } })).toBe(
            '2026-01-01 65% below the critical floor 70% with no action opened since 2026-01-01; '
            + '2 more unanswered triggers since, the latest 2026-01-05 50% below the critical floor 70%');
    });

    test('overdue', () => {
        expect(reason([78, 77, 79], {}, [action('2026-01-04', { owner: 'Dana', due: '2026-01-20' })])).toBe(
            'The action of Dana opened 2026-01-04 for 3 consecutive misses (2026-01-01 78%, 2026-01-02 77%, 2026-01-03 79%) '
            + 'was due 2026-01-20 and is not closed as of 2026-02-01');
    });

    test('action-planned', () => {
        expect(reason([78, 77, 79], {}, [action('2026-01-04', { owner: 'Dana', due: '2026-02-20' })])).toBe(
            '3 consecutive misses (2026-01-01 78%, 2026-01-02 77%, 2026-01-03 79%) answered by the action of Dana opened 2026-01-04, due 2026-02-20');
        expect(reason([78, 77, 79, 78, 77, 79], {}, [action('2026-01-06', { owner: 'Dana', closed: '2026-01-20' })])).toBe(
            'All 2 triggers answered; the latest: 3 consecutive misses (2026-01-04 78%, 2026-01-05 77%, 2026-01-06 79%) '
            + 'answered by the action of Dana opened 2026-01-06, closed 2026-01-20');
    });

    test('no-data', () => {
        expect(reason([])).toBe("No data in the norm's window (up to 2026-02-01)");
        expect(check(model({ norms: [norm('Acme', 'SL', { from: '2026-01-10', until: '2026-03-01' })] }), series([90]), { asOf: '2026-02-01' }).results[0].reason)
            .toBe("No data in the norm's window (from 2026-01-10, before 2026-03-01, up to 2026-02-01)");
        expect(reason([[90, 10], [90, null]], { sampleMinimum: 50 })).toBe(
            "No point to judge in the norm's window (up to 2026-02-01): 2 points with a sample below 50 (latest 2026-01-02 90%, no sample)");
    });

    test('durations read as durations', () => {
        const m = model({
            metrics: [metric('AHT', { unit: { kind: 'seconds' }, better: 'lower', family: 'efficiency' })],
            norms: [norm('Acme', 'AHT', { op: '<=', target: 360 })],
        });
        const r = check(m, series([372, 400, 361], 'Acme', 'AHT'), { asOf: '2026-02-01' }).results[0];
        expect(r.reason).toBe('3 consecutive misses (2026-01-01 6min 12s, 2026-01-02 6min 40s, 2026-01-03 6min 1s) with no action opened since 2026-01-03');
    });
});
