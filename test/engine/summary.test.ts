import { describe, expect, test } from 'vitest';
import { check, type Measurement, type Verdict } from '../../language/src/engine/index.js';
import { action, metric, model, norm, program, requirement, series } from './helpers.js';

const programs = ['A', 'B', 'C', 'D', 'E'].map(id => program(id));

function summaryOf(rowsByProgram: Record<string, (number | [number, number | null])[]>, failOn: Verdict[] = [], better: 'higher' | 'lower' = 'higher') {
    const ids = Object.keys(rowsByProgram);
    const m = model({
        programs: ids.map(id => program(id)),
        metrics: [metric('SL', { better, unit: { kind: 'count' } })],
        norms: ids.map(id => norm(id, 'SL', better === 'higher' ? { consecutive: 99, sampleMinimum: 10 } : { op: '<=', target: 20, consecutive: 99, sampleMinimum: 10 })),
    });
    const rows: Measurement[] = ids.flatMap(id => series(rowsByProgram[id].map(v => (Array.isArray(v) ? v : [v, 100])), id));
    return check(m, rows, { asOf: '2026-12-31', failOn }).summary;
}

describe('meetingTarget and meetingOrImproving', () => {
    test('share of norms with data whose latest judged point is met', () => {
        const s = summaryOf({
            A: [70, 90],          // latest met
            B: [90, 70],          // latest missed
            C: [90, [10, 1]],     // latest judged (90) met; the unsampled one is left out
            D: [],                // no data: left out of both shares
        });
        expect(s.meetingTarget).toBe(2 / 3);
        expect(s.meetingOrImproving).toBe(2 / 3);
        expect(s.noData).toBe(1);
    });

    test('sustained improvement: each of the last three judged points better than the one before', () => {
        const s = summaryOf({
            A: [60, 65, 70, 75],              // improving, still missing
            B: [60, 65, 65, 75],              // a tie breaks it
            C: [65, 70, 75],                  // three points only: not enough
            D: [50, 60, [99, 1], 65, 70],     // unsampled point left out: 50, 60, 65, 70
            E: [90, 60, 65, 70, 79],          // only the last four count
        });
        expect(s.meetingTarget).toBe(0);
        expect(s.meetingOrImproving).toBe(3 / 5);
    });

    test('improvement follows the metric direction', () => {
        const s = summaryOf({ A: [40, 35, 30, 25], B: [25, 30, 35, 40] }, [], 'lower');
        expect(s.meetingTarget).toBe(0);
        expect(s.meetingOrImproving).toBe(1 / 2);
    });

    test('both null when no norm has data', () => {
        const s = summaryOf({ A: [], B: [[90, 1]] });
        expect(s.meetingTarget).toBeNull();
        expect(s.meetingOrImproving).toBeNull();
    });
});

describe('counts and the gate', () => {
    test('counts per verdict', () => {
        const m = model({
            programs,
            metrics: [metric('SL')],
            norms: programs.map(p => norm(p.id, 'SL')),
        });
        const rows = [
            ...series([90], 'A'),             // met
            ...series([70, 90], 'B'),         // at-risk
            ...series([70, 70, 70], 'C'),     // action-required
            ...series([70, 70, 70], 'D'),     // action-planned
        ];
        const s = check(m, rows, { asOf: '2026-12-31', actions: [action('2026-01-03', { program: 'D' })] }).summary;
        expect(s).toMatchObject({ norms: 5, met: 1, atRisk: 1, actionRequired: 1, actionPlanned: 1, overdue: 0, noData: 1, passed: false });
    });

    const gate = (values: number[], o: { failOn?: Verdict[]; due?: string; withAction?: boolean } = {}) => {
        const actions = o.withAction ? [action('2026-01-03', { due: o.due ?? null })] : [];
        return check(model(), series(values), { asOf: '2026-02-01', actions, failOn: o.failOn }).summary.passed;
    };

    test.each([
        ['met passes', [90], {}, true],
        ['at-risk passes by default', [70, 90], {}, true],
        ['at-risk fails with --fail-on at-risk', [70, 90], { failOn: ['at-risk'] as Verdict[] }, false],
        ['action-planned passes', [70, 70, 70], { withAction: true }, true],
        ['action-planned fails with --fail-on action-planned', [70, 70, 70], { withAction: true, failOn: ['action-planned'] as Verdict[] }, false],
        ['action-required fails', [70, 70, 70], {}, false],
        ['overdue fails', [70, 70, 70], { withAction: true, due: '2026-01-10' }, false],
        ['no-data fails', [], {}, false],
        ['met passes with --fail-on at-risk', [90], { failOn: ['at-risk'] as Verdict[] }, true],
    ] as const)('%s', (_, values, o, passed) => {
        expect(gate([...values], o)).toBe(passed);
    });
});

describe('requirements', () => {
    const m = (norms = [norm('Acme', 'SL')]) => model({
        metrics: [metric('SL', { family: 'service' }), metric('CEA', { family: 'quality' }), metric('AHT', { family: 'efficiency', unit: { kind: 'seconds' } })],
        programs: [program('Acme', { applies: ['COPC'] }), program('Other', { applies: [] })],
        norms,
        requirements: [
            requirement('COPC.Performance.PF1', { needs: [{ family: 'service' }] }),
            requirement('COPC.Performance.PF2', { needs: [{ family: 'quality' }] }),
            requirement('COPC.Performance.PF3', { needs: [{ metric: 'AHT' }] }),
            requirement('COPC.Leadership.LP1', { evidence: ['document'] }),
            requirement('ISO.X.Y', { standard: 'ISO', needs: [{ family: 'service' }] }),
        ],
    });

    test('satisfied by a norm of the family or for the metric; unsatisfied otherwise; evidence-only not reported', () => {
        const r = check(m([norm('Acme', 'SL'), norm('Acme', 'AHT', { op: '<=', target: 360 })]), series([90]), { asOf: '2026-01-31' });
        expect(r.requirements).toEqual([
            { id: 'COPC.Performance.PF1', program: 'Acme', satisfied: true, reason: 'Acme has a service norm (SL)' },
            { id: 'COPC.Performance.PF2', program: 'Acme', satisfied: false, reason: 'Acme has no quality norm, which COPC.Performance.PF2 needs' },
            { id: 'COPC.Performance.PF3', program: 'Acme', satisfied: true, reason: 'Acme has a norm for AHT' },
        ]);
        expect(r.summary.requirementsUnsatisfied).toBe(1);
        expect(r.summary.passed).toBe(false);
    });

    test('a norm not yet in force still satisfies a static need', () => {
        const r = check(m([norm('Acme', 'SL'), norm('Acme', 'CEA', { from: '2027-01-01' }), norm('Acme', 'AHT', { op: '<=', target: 360 })]),
            [...series([90]), ...series([300], 'Acme', 'AHT')], { asOf: '2026-01-31' });
        expect(r.requirements.every(q => q.satisfied)).toBe(true);
        expect(r.summary.passed).toBe(true);
        expect(r.upcoming).toHaveLength(1);
    });

    test('a requirement with several needs wants them all', () => {
        const model2 = m([norm('Acme', 'SL')]);
        model2.requirements = [requirement('COPC.P.Both', { needs: [{ family: 'service' }, { metric: 'CEA' }] })];
        const [q] = check(model2, series([90]), { asOf: '2026-01-31' }).requirements;
        expect(q).toEqual({ id: 'COPC.P.Both', program: 'Acme', satisfied: false, reason: 'Acme has no norm for CEA, which COPC.P.Both needs' });
    });
});
