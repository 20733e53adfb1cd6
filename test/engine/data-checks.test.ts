import { describe, expect, test } from 'vitest';
import {
    check, checkActions, checkMeasurements, evaluate, NormaDataError, type Action, type DataIssue, type Measurement,
} from '../../language/src/engine/index.js';
import { action, metric, model, norm, program } from './helpers.js';

const m = model({
    programs: [program('AcmeBilling'), program('Globex')],
    metrics: [
        metric('ServiceLevel'),
        metric('Csat', { unit: { kind: 'ratio' }, family: 'satisfaction' }),
        metric('Aht', { unit: { kind: 'seconds' }, better: 'lower', family: 'efficiency' }),
        metric('Calls', { unit: { kind: 'count' }, family: 'efficiency' }),
        metric('Cost', { unit: { kind: 'currency', currency: 'EUR' }, family: 'cost' }),
        metric('Nps', { unit: { kind: 'score' }, family: 'satisfaction' }),
        metric('Qa', { period: 'monthly', family: 'quality' }),
        metric('Weekly', { period: 'weekly' }),
        metric('Hourly', { period: 'hourly' }),
        metric('Half', { period: 'interval30' }),
        metric('Quarter', { period: 'interval15' }),
    ],
    norms: [norm('AcmeBilling', 'ServiceLevel')],
});

const row = (over: Partial<Measurement> = {}): Measurement =>
    ({ program: 'AcmeBilling', metric: 'ServiceLevel', period: '2026-01-05', value: 81, ...over });

function issuesOf(rows: Measurement[]): DataIssue[] {
    return checkMeasurements(m, rows);
}

function only(rows: Measurement[]): DataIssue {
    const issues = issuesOf(rows);
    expect(issues).toHaveLength(1);
    return issues[0];
}

describe('measurement rows', () => {
    test('good rows have no issue, in every unit and grain', () => {
        expect(issuesOf([
            row(),
            row({ metric: 'Csat', value: 0.82 }),
            row({ metric: 'Aht', value: 372 }),
            row({ metric: 'Calls', value: 0, sample: 0 }),
            row({ metric: 'Cost', value: 3.1 }),
            row({ metric: 'Nps', value: -12 }),
            row({ metric: 'Qa', period: '2026-01', sample: 212 }),
            row({ metric: 'Weekly', period: '2026-W02' }),
            row({ metric: 'Hourly', period: '2026-01-05T09:00' }),
            row({ metric: 'Half', period: '2026-01-05T09:30' }),
            row({ metric: 'Quarter', period: '2026-01-05T09:45' }),
            row({ value: 0, period: '2026-01-08' }), row({ value: 100, period: '2026-01-06' }), row({ sample: null, period: '2026-01-07' }),
            // a metric the program has no norm for: accepted (and ignored by the evaluation)
            row({ program: 'Globex', metric: 'Calls', value: 12 }),
        ])).toEqual([]);
    });

    test('unknown program, with did-you-mean', () => {
        expect(only([row({ program: 'AcmeBiling' })])).toEqual({
            kind: 'measurement', index: 0, field: 'program', message: "Unknown program 'AcmeBiling'. Did you mean 'AcmeBilling'?",
        });
        expect(only([row({ program: 'Zzzzzzzz' })]).message).toBe("Unknown program 'Zzzzzzzz'.");
        expect(only([row({ program: '' })]).message).toBe('The program is missing.');
    });

    test('unknown metric, with did-you-mean', () => {
        const issue = only([row({ metric: 'ServiceLvl' })]);
        expect(issue.field).toBe('metric');
        expect(issue.message).toBe("Unknown metric 'ServiceLvl'. Did you mean 'ServiceLevel'?");
        expect(only([row({ metric: undefined as unknown as string })]).message).toBe('The metric is missing.');
    });

    test('a period that does not parse', () => {
        const issue = only([row({ period: '2026-02-30' })]);
        expect(issue.field).toBe('period');
        expect(issue.message).toBe("'2026-02-30' is not a valid period: February 2026 has 28 days");
        expect(only([row({ period: 'Jan 5' })]).message).toMatch(/^'Jan 5' is not a period: write a day 2026-01-05/);
    });

    test.each([
        ['ServiceLevel', '2026-01', '2026-01 is a month, but ServiceLevel is measured daily: write a day like 2026-01-01.'],
        ['ServiceLevel', '2026-W02', '2026-W02 is an ISO week, but ServiceLevel is measured daily: write a day like 2026-01-05.'],
        ['Qa', '2026-01-05', '2026-01-05 is a day, but Qa is measured monthly: write a month like 2026-01.'],
        ['Weekly', '2026-01-07', '2026-01-07 is a day, but Weekly is measured weekly: write an ISO week like 2026-W02.'],
        ['Hourly', '2026-01-05T09:30', '2026-01-05T09:30 is an interval start at 09:30, but Hourly is measured hourly: write an hour start like 2026-01-05T09:00.'],
        ['Half', '2026-01-05T09:15', '2026-01-05T09:15 is an interval start at 09:15, but Half is measured every 30 minutes: write a half-hour start like 2026-01-05T09:30.'],
        ['Quarter', '2026-01-05T09:10', '2026-01-05T09:10 is an interval start at 09:10, but Quarter is measured every 15 minutes: write a quarter-hour start like 2026-01-05T09:45.'],
        ['Quarter', '2026-01-05', '2026-01-05 is a day, but Quarter is measured every 15 minutes: write a quarter-hour start like 2026-01-05T09:45.'],
    ])('%s with period %s', (metricId, period, message) => {
        expect(only([row({ metric: metricId, period })])).toMatchObject({ field: 'period', message });
    });

    test.each([
        [NaN], [Infinity], ['78.4'], [null], [undefined],
    ])('value %j is not a number', value => {
        const issue = only([row({ value: value as number })]);
        expect(issue.field).toBe('value');
        expect(issue.message).toMatch(/^The value must be a number, not /);
    });

    test.each([
        ['ServiceLevel', 100.1, 'ServiceLevel is a percent, written 0 to 100: 100.1 is outside that range.'],
        ['ServiceLevel', -1, 'ServiceLevel is a percent, written 0 to 100: -1 is outside that range.'],
        ['Csat', 82, 'Csat is a ratio, written 0 to 1: 82 is outside that range (82% is written 0.82).'],
        ['Csat', -0.1, 'Csat is a ratio, written 0 to 1: -0.1 is outside that range.'],
        ['Aht', -5, 'Aht is a duration (in seconds): -5 cannot be negative.'],
        ['Calls', -1, 'Calls is a count: -1 cannot be negative.'],
        ['Cost', -3, 'Cost is an amount of money: -3 cannot be negative.'],
    ])('%s value %d is out of range', (metricId, value, message) => {
        expect(only([row({ metric: metricId, value })])).toMatchObject({ field: 'value', message });
    });

    test.each([[-1], [12.5], ['50'], [NaN]])('sample %j is not a non-negative integer', sample => {
        const issue = only([row({ sample: sample as number })]);
        expect(issue.field).toBe('sample');
        expect(issue.message).toMatch(/^The sample must be a whole number/);
    });

    test('the same program, metric and period twice names the first row', () => {
        const issues = issuesOf([row(), row({ period: '2026-01-06' }), row({ value: 70 }), row({ value: 71 })]);
        expect(issues).toEqual([
            { kind: 'measurement', index: 2, field: 'period', message: 'The same program, metric and period already appear in row 0.', duplicateOf: 0 },
            { kind: 'measurement', index: 3, field: 'period', message: 'The same program, metric and period already appear in row 0.', duplicateOf: 0 },
        ]);
        // a different program, metric or period is not a repeat
        expect(issuesOf([row(), row({ program: 'Globex' }), row({ metric: 'Aht' }), row({ period: '2026-01-04' })])).toEqual([]);
    });

    test('repeats are found in any row order, and rows at the wrong grain are never the first of a repeat', () => {
        const dup = (index: number, first: number): DataIssue =>
            ({ kind: 'measurement', index, field: 'period', message: `The same program, metric and period already appear in row ${first}.`, duplicateOf: first });
        // in increasing order, then back to an earlier period, then forward again past the last one
        expect(issuesOf([
            row({ period: '2026-01-05' }), row({ period: '2026-01-07' }), row({ period: '2026-01-05' }),
            row({ period: '2026-01-08' }), row({ period: '2026-01-07' }), row({ period: '2026-01-08' }), row({ period: '2026-01-06' }),
        ])).toEqual([dup(2, 0), dup(4, 1), dup(5, 3)]);
        // a week for a daily metric is reported for its grain and is not a repeat of anything
        const weekly = issuesOf([
            row({ metric: 'Weekly', period: '2026-01-05' }), row({ metric: 'Weekly', period: '2026-W02' }),
            row({ metric: 'Weekly', period: '2026-W01' }), row({ metric: 'Weekly', period: '2026-W02' }),
        ]);
        expect(weekly.map(i => [i.index, i.field, i.duplicateOf])).toEqual([[0, 'period', undefined], [3, 'period', 1]]);
        // interleaved series are told apart; an unknown program's rows are never repeats
        expect(issuesOf([
            row(), row({ metric: 'Aht' }), row({ program: 'Nope' }), row({ program: 'Nope' }), row({ metric: 'Aht' }), row(),
        ]).map(i => [i.index, i.field, i.duplicateOf])).toEqual([[2, 'program', undefined], [3, 'program', undefined], [4, 'period', 1], [5, 'period', 0]]);
    });

    test('check evaluates the rows it checked like evaluate does', () => {
        const mm = model({ programs: [program('AcmeBilling')], metrics: [metric('ServiceLevel')], norms: [norm('AcmeBilling', 'ServiceLevel')] });
        const rows = [row({ period: '2026-01-07', value: 70 }), row({ period: '2026-01-05', value: 90 }), row({ period: '2026-01-06', value: 60 })];
        const options = { asOf: '2026-02-01', actions: [] };
        expect(check(mm, rows, options)).toEqual(evaluate(mm, rows, options));
        expect(check(mm, rows, options).results[0].points.map(p => p.period)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    });

    test('every problem of a row is reported, not only the first', () => {
        const issues = issuesOf([row({ program: 'Nope', metric: 'Nope', period: 'x', value: NaN, sample: -1 })]);
        expect(issues.map(i => i.field)).toEqual(['program', 'metric', 'period', 'value', 'sample']);
    });

    test('a row that is not an object', () => {
        expect(only([null as unknown as Measurement]).field).toBe('row');
    });

    test('indices are positions in the array', () => {
        const issues = issuesOf([row(), row({ period: '2026-01-06' }), row({ period: '2026-01-07', value: 200 })]);
        expect(issues.map(i => i.index)).toEqual([2]);
    });
});

describe('action rows', () => {
    const checkOne = (a: Partial<Action>) => checkActions(m, [action('2026-01-05', { program: 'AcmeBilling', metric: 'ServiceLevel', ...a })]);

    test('a good action has no issue', () => {
        expect(checkOne({ due: '2026-01-20', closed: '2026-01-05', result: 'done' })).toEqual([]);
        expect(checkOne({ due: '', closed: '' })).toEqual([]);
    });

    test('an action without an owner is no error (SPEC §3a: a warning from check, and it answers nothing)', () => {
        expect(checkOne({ owner: '' })).toEqual([]);
        expect(checkOne({ owner: '   ' })).toEqual([]);
    });

    test.each([
        [{ opened: '' }, 'opened', 'The opened date is missing: write a day like 2026-01-05.'],
        [{ opened: '2026-01' }, 'opened', "The opened date must be a day like 2026-01-05, not '2026-01'."],
        [{ opened: '2026-02-30' }, 'opened', "The opened date must be a day like 2026-01-05, not '2026-02-30' ('2026-02-30' is not a valid period: February 2026 has 28 days)."],
        [{ due: '2026-13-01' }, 'due', "The due date must be a day like 2026-01-05, not '2026-13-01' ('2026-13-01' is not a valid period: the month must be 01 to 12)."],
        [{ closed: 'soon' }, 'closed', "The closed date must be a day like 2026-01-05, not 'soon'."],
        [{ closed: '2026-01-04' }, 'closed', 'The action is closed (2026-01-04) before it was opened (2026-01-05).'],
        [{ program: 'AcmeBillin' }, 'program', "Unknown program 'AcmeBillin'. Did you mean 'AcmeBilling'?"],
        [{ metric: 'ServiceLevl' }, 'metric', "Unknown metric 'ServiceLevl'. Did you mean 'ServiceLevel'?"],
    ] as const)('%j: %s', (over, field, message) => {
        expect(checkOne(over)).toEqual([{ kind: 'action', index: 0, field, message }]);
    });
});

describe('check refuses bad data', () => {
    test('throws NormaDataError with every issue, measurements and actions', () => {
        let error: unknown;
        try {
            check(m, [row(), row()], { asOf: '2026-02-01', actions: [action('2026-01-05', { opened: '' })] });
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(NormaDataError);
        const e = error as NormaDataError;
        expect(e.name).toBe('NormaDataError');
        expect(e.issues.map(i => [i.kind, i.index, i.field])).toEqual([
            ['measurement', 1, 'period'], ['action', 0, 'program'], ['action', 0, 'metric'], ['action', 0, 'opened'],
        ]);
        expect(e.message).toMatch(/^The data has 4 problems/);
    });

    test('good data gives a verdict', () => {
        expect(check(m, [row()], { asOf: '2026-02-01' }).results[0].verdict).toBe('met');
    });
});
