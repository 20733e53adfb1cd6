import { describe, expect, test } from 'vitest';
import {
    check, evaluate, type Action, type CheckResult, type Measurement, type NormResult,
} from '../../language/src/engine/index.js';
import type { ExclusionModel, NormModel } from '../../language/src/model/types.js';
import { action, day, exclusion, metric, model, norm, program, series } from './helpers.js';

interface Run {
    norm?: Partial<NormModel>;
    actions?: Action[];
    asOf?: string;
    exclusions?: ExclusionModel[];
}

function runAll(rows: Measurement[], o: Run = {}): CheckResult {
    const m = model({ norms: [norm('Acme', 'SL', o.norm)], exclusions: o.exclusions ?? [] });
    return check(m, rows, { asOf: o.asOf ?? '2026-12-31', actions: o.actions ?? [] });
}

function run(values: (number | [number, number | null])[], o: Run = {}): NormResult {
    return runAll(series(values), o).results[0];
}

const statuses = (r: NormResult) => r.points.map(p => p.status + (p.critical ? '!' : ''));
const rules = (r: NormResult) => r.triggers.map(t => `${t.rule}@${t.periods.join(',')}`);

describe('point status by the comparison', () => {
    test.each([
        ['>=', 80, undefined, [79.99, 80, 80.01], ['missed', 'met', 'met']],
        ['>', 80, undefined, [79.99, 80, 80.01], ['missed', 'missed', 'met']],
        ['<=', 80, undefined, [79.99, 80, 80.01], ['met', 'met', 'missed']],
        ['<', 80, undefined, [79.99, 80, 80.01], ['met', 'missed', 'missed']],
        ['between', 70, 90, [69.9, 70, 80, 90, 90.1], ['missed', 'met', 'met', 'met', 'missed']],
    ] as const)('%s %d', (op, target, high, values, expected) => {
        const r = run([...values], { norm: { op, target, high, consecutive: 99 } });
        expect(statuses(r)).toEqual(expected);
    });

    test('critical below: a missed point under the floor (the floor itself is not critical)', () => {
        const r = run([69.9, 70, 75, 85], { norm: { critical: { side: 'below', threshold: 70 }, consecutive: 99 } });
        expect(statuses(r)).toEqual(['missed!', 'missed', 'missed', 'met']);
    });

    test('critical above, for a lower-is-better norm', () => {
        const r = run([30.1, 30, 25, 10], { norm: { op: '<=', target: 20, critical: { side: 'above', threshold: 30 }, consecutive: 99 } });
        expect(statuses(r)).toEqual(['missed!', 'missed', 'missed', 'met']);
    });

    test('unsampled: sample missing or below the minimum; the minimum itself is enough', () => {
        const r = run([[90, 49], [90, 50], [70, null], [70, 0], 90], { norm: { sampleMinimum: 50 } });
        expect(statuses(r)).toEqual(['unsampled', 'met', 'unsampled', 'unsampled', 'unsampled']);
        expect(r.points[0]).toEqual({ period: '2026-01-01', value: 90, sample: 49, status: 'unsampled' });
        expect(r.points[4]).toEqual({ period: '2026-01-05', value: 90, status: 'unsampled' });
    });

    test('without a sample minimum a missing sample is fine', () => {
        expect(statuses(run([90, [70, 3]]))).toEqual(['met', 'missed']);
    });

    test('points are small: period, value, status (and sample, critical, exclusion when they apply)', () => {
        const r = run([90, [60, 12]], { norm: { critical: { side: 'below', threshold: 70 } } });
        expect(r.points).toEqual([
            { period: '2026-01-01', value: 90, status: 'met' },
            { period: '2026-01-02', value: 60, sample: 12, status: 'missed', critical: true },
        ]);
    });
});

describe('triggers', () => {
    test('three consecutive misses fire once, with the three points', () => {
        const r = run([90, 78.1, 77, 79.2, 90]);
        expect(r.triggers).toEqual([{
            rule: 'consecutive', periods: ['2026-01-02', '2026-01-03', '2026-01-04'], values: [78.1, 77, 79.2],
            answeredBy: null, answers: [], overdue: false,
        }]);
    });

    test('two misses then a met do not fire; the met breaks the streak', () => {
        expect(run([70, 70, 90, 70, 70]).triggers).toEqual([]);
    });

    test('six misses in a row fire twice; the streak restarts from zero', () => {
        expect(rules(run([1, 2, 3, 4, 5, 6, 7]))).toEqual([
            'consecutive@2026-01-01,2026-01-02,2026-01-03', 'consecutive@2026-01-04,2026-01-05,2026-01-06',
        ]);
    });

    test('N from the norm', () => {
        expect(rules(run([1, 2, 90, 1, 2], { norm: { consecutive: 2 } }))).toEqual([
            'consecutive@2026-01-01,2026-01-02', 'consecutive@2026-01-04,2026-01-05',
        ]);
        expect(rules(run([1, 90, 1], { norm: { consecutive: 1 } }))).toHaveLength(2);
    });

    test('every critical point fires', () => {
        const r = run([60, 90, 60], { norm: { critical: { side: 'below', threshold: 70 } } });
        expect(rules(r)).toEqual(['critical@2026-01-01', 'critical@2026-01-03']);
        expect(r.triggers[0].values).toEqual([60]);
    });

    test('a critical point counts as a miss in the streak', () => {
        const r = run([75, 60, 75], { norm: { critical: { side: 'below', threshold: 70 } } });
        expect(rules(r)).toEqual(['critical@2026-01-02', 'consecutive@2026-01-01,2026-01-02,2026-01-03']);
    });

    test('a critical point that completes a streak fires both', () => {
        const r = run([75, 75, 60], { norm: { critical: { side: 'below', threshold: 70 } } });
        expect(rules(r)).toEqual(['critical@2026-01-03', 'consecutive@2026-01-01,2026-01-02,2026-01-03']);
    });

    test('unsampled points neither extend nor break a streak, and are left out of its periods', () => {
        const r = run([[70, 100], [70, 1], [90, 1], [70, 100], [70, 100]], { norm: { sampleMinimum: 50 } });
        expect(rules(r)).toEqual(['consecutive@2026-01-01,2026-01-04,2026-01-05']);
        // an unsampled critical value fires nothing
        expect(run([[10, 1]], { norm: { sampleMinimum: 50, critical: { side: 'below', threshold: 70 } } }).triggers).toEqual([]);
    });

    test('excluded points neither extend nor break a streak', () => {
        const r = run([70, 90, 70, 70], {
            exclusions: [exclusion('Storm', { start: '2026-01-02', end: '2026-01-02' })],
        });
        expect(statuses(r)).toEqual(['missed', 'excluded', 'missed', 'missed']);
        expect(rules(r)).toEqual(['consecutive@2026-01-01,2026-01-03,2026-01-04']);
    });
});

describe('answers', () => {
    const misses = [70, 70, 70]; // trigger fires at 2026-01-03

    test.each([
        ['same program and metric, opened on the firing day', action('2026-01-03'), true],
        ['opened after the firing day', action('2026-01-10'), true],
        ['opened the day before the firing day', action('2026-01-02'), false],
        ['opened on the first day of the streak only', action('2026-01-01'), false],
        ['another metric', action('2026-01-05', { metric: 'AHT' }), false],
        ['another program', action('2026-01-05', { program: 'Globex' }), false],
        ['opened after asOf', action('2026-02-05'), false],
    ])('%s: answered %s', (_, a, answered) => {
        const m = model({
            metrics: [metric('SL'), metric('AHT', { unit: { kind: 'seconds' }, better: 'lower' })],
            programs: [program('Acme'), program('Globex')],
        });
        const r = check(m, series(misses), { asOf: '2026-02-01', actions: [a] }).results[0];
        expect(r.triggers[0].answeredBy !== null).toBe(answered);
        expect(r.verdict).toBe(answered ? 'action-planned' : 'action-required');
    });

    test('an action without an owner does not answer (evaluate without data checks)', () => {
        const r = evaluate(model(), series(misses), { asOf: '2026-02-01', actions: [action('2026-01-05', { owner: ' ' })] }).results[0];
        expect(r.verdict).toBe('action-required');
    });

    test('the earliest answering action is chosen, whatever the input order', () => {
        const actions = [
            action('2026-01-09', { owner: 'Late' }),
            action('2026-01-01', { owner: 'TooEarly' }),
            action('2026-01-04', { owner: 'First' }),
            action('2026-01-04', { owner: 'SameDaySecond' }),
        ];
        const r = run(misses, { actions });
        expect(r.triggers[0].answeredBy).toEqual({ opened: '2026-01-04', owner: 'First', due: null, closed: null, result: null });
    });

    test('each trigger is answered by the earliest action since its own firing period', () => {
        const r = run([70, 70, 70, 90, 70, 70, 70], { actions: [action('2026-01-04', { owner: 'A' }), action('2026-01-08', { owner: 'B' })] });
        expect(r.triggers.map(t => t.answeredBy?.owner)).toEqual(['A', 'B']);
        expect(r.verdict).toBe('action-planned');
    });

    test.each([
        ['due before asOf, not closed', { due: '2026-01-31' }, true],
        ['due on asOf', { due: '2026-02-01' }, false],
        ['due after asOf', { due: '2026-02-10' }, false],
        ['no due date', {}, false],
        ['due before asOf but closed', { due: '2026-01-20', closed: '2026-01-25' }, false],
        ['due before asOf, closed only after asOf', { due: '2026-01-20', closed: '2026-02-05' }, true],
    ])('%s: overdue %s', (_, over, overdue) => {
        const r = run(misses, { asOf: '2026-02-01', actions: [action('2026-01-05', over)] });
        expect(r.triggers[0].overdue).toBe(overdue);
        expect(r.verdict).toBe(overdue ? 'overdue' : 'action-planned');
    });
});

describe('verdict precedence', () => {
    const critical = { critical: { side: 'below' as const, threshold: 50 } };
    test.each([
        ['no point in the window', [], {}, 'no-data'],
        ['only unsampled points', [[90, 1], [70, 2]], { norm: { sampleMinimum: 50 } }, 'no-data'],
        ['one trigger unanswered, another answered', [70, 70, 70, 90, 70, 70, 70], { actions: [action('2026-01-04')] }, 'action-required'],
        ['unanswered beats overdue', [70, 70, 70, 90, 70, 70, 70], { actions: [action('2026-01-04', { due: '2026-01-05' })] }, 'action-required'],
        ['overdue beats planned', [70, 70, 70, 90, 70, 70, 70],
            { actions: [action('2026-01-04', { due: '2026-01-05' }), action('2026-01-08')] }, 'overdue'],
        ['every trigger answered', [70, 70, 70, 90, 90], { actions: [action('2026-01-04')] }, 'action-planned'],
        ['planned beats at-risk and met later', [70, 70, 70, 90, 70], { actions: [action('2026-01-03')] }, 'action-planned'],
        ['a missed point without trigger', [90, 70, 90], {}, 'at-risk'],
        ['a critical point unanswered', [90, 40, 90], { norm: critical }, 'action-required'],
        ['every point met', [90, 80, 85], {}, 'met'],
        ['met points and unsampled ones', [[90, 60], [10, 1]], { norm: { sampleMinimum: 50 } }, 'met'],
    ] as const)('%s: %s', (_, values, o, verdict) => {
        expect(run(values as unknown as number[], { asOf: '2026-02-01', ...(o as Run) }).verdict).toBe(verdict);
    });
});

describe('windows', () => {
    const rows = series([70, 70, 70, 90, 90, 90, 90, 90, 90, 90]); // 2026-01-01 .. 2026-01-10

    test('from (inclusive), until (exclusive) and asOf (inclusive) bound the points', () => {
        const r = runAll(rows, { norm: { from: '2026-01-03', until: '2026-01-08' }, asOf: '2026-01-06' }).results[0];
        expect(r.points.map(p => p.period)).toEqual(['2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06']);
    });

    test('a dated norm supersedes the earlier one from its date, each with its own rules', () => {
        const m = model({
            norms: [
                norm('Acme', 'SL', { until: '2026-01-04' }),
                norm('Acme', 'SL', { from: '2026-01-04', target: 95, consecutive: 2 }),
            ],
        });
        const result = check(m, rows, { asOf: '2026-01-31' });
        const [early, late] = result.results;
        expect(early.points).toHaveLength(3);
        expect(early.verdict).toBe('action-required');
        expect(late.points).toHaveLength(7);
        expect(late.points[0].period).toBe('2026-01-04');
        expect(rules(late)).toHaveLength(3); // 7 misses against 95%, N = 2
        expect(late.norm.from).toBe('2026-01-04');
    });

    test('points come out in period order whatever the input order', () => {
        const r = runAll([...rows].reverse()).results[0];
        expect(r.points.map(p => p.period)).toEqual(rows.map(p => p.period));
    });

    test('norms starting after asOf are upcoming: not judged, not counted', () => {
        const m = model({ norms: [norm('Acme', 'SL', { until: '2026-07-01' }), norm('Acme', 'SL', { from: '2026-07-01', target: 85 })] });
        const result = check(m, rows, { asOf: '2026-06-30' });
        expect(result.results.map(r => r.norm.id)).toEqual(['Acme.SL']);
        expect(result.upcoming).toEqual([{ program: 'Acme', metric: 'SL', id: 'Acme.SL@2026-07-01', from: '2026-07-01', source: 'programs/acme.norma:12' }]);
        expect(result.summary.norms).toBe(1);
        // on its first day it is judged
        expect(check(m, rows, { asOf: '2026-07-01' }).results.map(r => r.verdict)).toEqual(['action-required', 'no-data']);
    });

    test('rows for a metric the program has no norm for are ignored', () => {
        const m = model({ metrics: [metric('SL'), metric('Extra')] });
        const result = check(m, [...rows, ...series([1, 2, 3], 'Acme', 'Extra')], { asOf: '2026-01-31' });
        expect(result.results).toHaveLength(1);
    });
});

describe('weeks and months', () => {
    test('a weekly norm: a week belongs to the window its Monday starts in', () => {
        const m = model({ metrics: [metric('SL', { period: 'weekly' })], norms: [norm('Acme', 'SL', { from: '2026-01-01' })] });
        const rows = ['2026-W01', '2026-W02', '2026-W03', '2026-W04'].map((period, i) => ({ program: 'Acme', metric: 'SL', period, value: 70 + i }));
        // 2026-W01 starts 2025-12-29: before the norm's window. 2026-W04 starts 2026-01-19: after asOf.
        const r = check(m, rows, { asOf: '2026-01-18' }).results[0];
        expect(r.points.map(p => p.period)).toEqual(['2026-W02', '2026-W03']);
        expect(check(m, rows, { asOf: '2026-01-19' }).results[0].points).toHaveLength(3);
    });

    test('a monthly norm is judged from the month of its first day; a month counts from its first day', () => {
        const m = model({ metrics: [metric('QA', { period: 'monthly', family: 'quality' })], norms: [norm('Acme', 'QA', { target: 98, sampleMinimum: 50 })] });
        const rows = [
            { program: 'Acme', metric: 'QA', period: '2026-03', value: 97, sample: 200 },
            { program: 'Acme', metric: 'QA', period: '2026-01', value: 97, sample: 200 },
            { program: 'Acme', metric: 'QA', period: '2026-02', value: 97, sample: 200 },
        ];
        const r = check(m, rows, { asOf: '2026-03-01' }).results[0];
        expect(rules(r)).toEqual(['consecutive@2026-01,2026-02,2026-03']);
        expect(r.reason).toBe('3 consecutive misses (2026-01 97%, 2026-02 97%, 2026-03 97%) with no action opened since 2026-03');
        // an action opened on the first day of the firing month answers it
        expect(check(m, rows, { asOf: '2026-03-31', actions: [action('2026-03-01', { metric: 'QA' })] }).results[0].verdict).toBe('action-planned');
        expect(check(m, rows, { asOf: '2026-03-31', actions: [action('2026-02-28', { metric: 'QA' })] }).results[0].verdict).toBe('action-required');
    });

    test('interval norms: intervals on the asOf day are in', () => {
        const m = model({ metrics: [metric('SL', { period: 'interval30' })] });
        const rows = ['2026-01-05T09:00', '2026-01-05T09:30', '2026-01-06T00:00'].map(period => ({ program: 'Acme', metric: 'SL', period, value: 85 }));
        expect(check(m, rows, { asOf: '2026-01-05' }).results[0].points).toHaveLength(2);
    });
});

describe('exclusions', () => {
    test('a covering exclusion excuses points, naming itself; its end spans the whole period', () => {
        const r = run([70, 70, 70, 70, 70], {
            asOf: '2026-02-01',
            exclusions: [exclusion('Storm', { start: '2026-01-02', end: '2026-01-03' })],
        });
        expect(statuses(r)).toEqual(['missed', 'excluded', 'excluded', 'missed', 'missed']);
        expect(r.points[1]).toEqual({ period: '2026-01-02', value: 70, status: 'excluded', exclusion: 'Storm' });
        expect(rules(r)).toEqual(['consecutive@2026-01-01,2026-01-04,2026-01-05']);
    });

    test('a week or month exclusion covers the days inside it', () => {
        const week = run([70, 70, 70, 70, 70, 70], { exclusions: [exclusion('W', { start: '2026-W01', end: '2026-W01' })] });
        // 2026-W01 runs 2025-12-29 .. 2026-01-04
        expect(statuses(week)).toEqual(['excluded', 'excluded', 'excluded', 'excluded', 'missed', 'missed']);
        const month = run([70, 70], { exclusions: [exclusion('M', { start: '2025-12', end: '2026-01' })] });
        expect(statuses(month)).toEqual(['excluded', 'excluded']);
    });

    test('an interval exclusion covers intervals from its start through its end interval', () => {
        const m = model({
            metrics: [metric('SL', { period: 'interval30' })],
            exclusions: [exclusion('Outage', { start: '2026-01-05T09:30', end: '2026-01-05T10:00' })],
        });
        const rows = ['09:00', '09:30', '10:00', '10:30'].map(t => ({ program: 'Acme', metric: 'SL', period: `2026-01-05T${t}`, value: 85 }));
        expect(statuses(check(m, rows, { asOf: '2026-01-05' }).results[0])).toEqual(['met', 'excluded', 'excluded', 'met']);
    });

    test('only the named programs and metrics; an empty list names them all', () => {
        const m = model({
            programs: [program('Acme'), program('Globex')],
            metrics: [metric('SL'), metric('AHT', { unit: { kind: 'seconds' }, better: 'lower' })],
            norms: [norm('Acme', 'SL'), norm('Acme', 'AHT', { op: '<=', target: 360 }), norm('Globex', 'SL')],
            exclusions: [exclusion('X', { programs: ['Acme'], metrics: ['SL'] }), exclusion('All', { programs: ['Globex'], metrics: [], start: '2026-01-02', end: '2026-01-02' })],
        });
        const rows = [...series([90, 90]), ...series([300, 300], 'Acme', 'AHT'), ...series([90, 90], 'Globex')];
        const s = check(m, rows, { asOf: '2026-01-31' }).results.map(statuses);
        expect(s).toEqual([['excluded', 'met'], ['met', 'met'], ['met', 'excluded']]);
    });

    test('excluded beats unsampled', () => {
        const r = run([[90, 1]], { norm: { sampleMinimum: 50 }, exclusions: [exclusion('X')] });
        expect(statuses(r)).toEqual(['excluded']);
    });

    test('a window whose points are all excluded is no-data, and says why', () => {
        const r = run([70, 70], { asOf: '2026-01-31', exclusions: [exclusion('Storm', { end: '2026-01-02' })] });
        expect(r.verdict).toBe('no-data');
        expect(r.reason).toBe("No point to judge in the norm's window (up to 2026-01-31): 2 points excluded by Storm");
    });

    test('an exclusion still in force on its expiry day applies', () => {
        expect(run([70], { asOf: '2026-01-31', exclusions: [exclusion('X', { expires: '2026-01-31' })] }).points[0].status).toBe('excluded');
    });

    test('an expired exclusion is no longer applied: its points are judged, and a warning names it and its expiry (SPEC §3a)', () => {
        const rows = series([90, 70, 70]);
        const r = check(model({ exclusions: [exclusion('Storm', { start: '2026-01-02', end: '2026-01-03', expires: '2026-01-31' })] }), rows, { asOf: '2026-02-01' });
        expect(r.results[0].points.map(p => p.status)).toEqual(['met', 'missed', 'missed']);
        expect(r.warnings).toEqual([{
            code: 'exclusion-expired',
            message: 'Exclusion Storm expired on 2026-01-31, so as of 2026-02-01 it no longer excuses Acme SL 2026-01-02 and 1 more: those points are judged as usual. Renew the exclusion (with a new approval) or remove it.',
            source: 'programs/acme.norma:1', exclusion: 'Storm', expired: '2026-01-31',
        }]);
    });

    // Found by the SQL differential test: the expired one came first in the model and hid the one in force.
    test('an expired exclusion never hides one still in force over the same days', () => {
        const m = model({ exclusions: [
            exclusion('Old', { start: '2026-01-01', end: '2026-01-02', expires: '2026-01-31' }),
            exclusion('Renewed', { start: '2026-01-02', end: '2026-01-03', expires: '2026-12-31' })] });
        const r = check(m, series([70, 70, 70]), { asOf: '2026-02-01' });
        expect(r.results[0].points.map(p => `${p.status} ${p.exclusion ?? ''}`)).toEqual(['missed ', 'excluded Renewed', 'excluded Renewed']);
        // Old still shows where it alone would have excused a point.
        expect(r.warnings.map(w => w.message)).toEqual([expect.stringContaining('Exclusion Old expired on 2026-01-31, so as of 2026-02-01 it no longer excuses Acme SL 2026-01-01: that point is judged')]);
    });

    test('an expired exclusion that excuses nothing is no error', () => {
        const r = run([90], { asOf: '2026-02-01', exclusions: [exclusion('Old', { start: '2025-01-01', end: '2025-01-31', expires: '2025-03-01' })] });
        expect(r.verdict).toBe('met');
    });
});

describe('result shape', () => {
    test('norm reference with file:line source, unit and options', () => {
        const m = model({
            metrics: [metric('Cost', { unit: { kind: 'currency', currency: 'EUR' }, better: 'lower', family: 'cost' })],
            norms: [norm('Acme', 'Cost', { op: 'between', target: 2, high: 4, profile: 'VoiceDefaults' })],
        });
        const r = check(m, [{ program: 'Acme', metric: 'Cost', period: '2026-01-01', value: 3.1 }], { asOf: '2026-01-31' });
        expect(r.schema).toBe(1);
        expect(r.asOf).toBe('2026-01-31');
        expect(r.results[0].norm).toEqual({
            id: 'Acme.Cost', op: 'between', target: 2, high: 4, unit: 'currency', currency: 'EUR', from: null, until: null,
            consecutive: 3, critical: null, sampleMinimum: null, profile: 'VoiceDefaults', source: 'programs/acme.norma:12',
        });
        expect(r.results[0].reason).toBe('Met on 1 of 1 point; latest 2026-01-01 EUR 3.10 (target between EUR 2.00 and EUR 4.00)');
    });

    test('a bad asOf is refused', () => {
        expect(() => check(model(), [], { asOf: '2026-02-30' })).toThrow(/asOf must be a day/);
    });

    test('the result is plain JSON', () => {
        const r = runAll(series([70, 70, 70, 90]), { actions: [action('2026-01-03', { due: '2026-01-10', result: 'coaching' })] });
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });

    test('many series at once: results follow the model order', () => {
        const m = model({
            programs: [program('A'), program('B')],
            norms: [norm('A', 'SL'), norm('B', 'SL')],
        });
        const rows = [...series([90], 'B'), ...series([70], 'A')];
        expect(check(m, rows, { asOf: day(40) }).results.map(r => [r.program, r.verdict])).toEqual([['A', 'at-risk'], ['B', 'met']]);
    });
});
