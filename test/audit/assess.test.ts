// The scoring rules of `norma assess`, each on a small inline model: points arithmetic,
// not-applicable leaving the denominator, needs requirements judged by Norma, unassessed and
// stale rows, the pass mark, certification expiry, and the 6- and 12-month headline.
import { describe, expect, test } from 'vitest';
import { assess, certificationOf, checkAssessments, headlineOver, type Assessment } from '../../language/src/audit/index.js';
import { meetsPassMark } from '../../language/src/audit/score.js';
import { check } from '../../language/src/engine/index.js';
import type { NormaModel, StandardModel } from '../../language/src/model/types.js';
import { metric, model, norm, program, requirement } from '../engine/helpers.js';

const src = { file: 'standards/s.norma', line: 1, column: 1 };

/** Standard S: category A (A1 10 points, A2 20, A3 without points = 1) and category B (B1 needs a service norm, 30 points). */
function workspace(passMark: number | null = 80, over: Partial<NormaModel> = {}): NormaModel {
    const standard: StandardModel = {
        id: 'S', title: 'S', version: null, passMark, source: src,
        categories: [
            { id: 'S.A', name: 'A', title: 'Evidence', requirements: ['S.A.A1', 'S.A.A2', 'S.A.A3'] },
            { id: 'S.B', name: 'B', title: 'Performance', requirements: ['S.B.B1'] },
        ],
    };
    return {
        ...model({
            programs: [program('Acme', { applies: ['S'], provider: 'North', certified: '2025-04-01' }), program('Globex', { applies: ['S'], provider: 'North' })],
            norms: [norm('Acme', 'SL')],
            requirements: [
                requirement('S.A.A1', { points: 10, evidence: ['document'] }),
                requirement('S.A.A2', { points: 20, evidence: ['record'] }),
                requirement('S.A.A3', { evidence: ['record'] }),
                requirement('S.B.B1', { points: 30, needs: [{ family: 'service' }] }),
            ],
        }),
        standards: [standard],
        ...over,
    };
}

const row = (requirement: string, status: string, assessed = '2026-09-01', program = 'Acme'): Assessment =>
    ({ requirement, program, status, evidence: null, assessor: 'R. Patel', assessed });

function run(rows: Assessment[], m = workspace(), options: { asOf?: string; staleAfterDays?: number } = {}) {
    const asOf = options.asOf ?? '2026-10-31';
    const result = assess(m, check(m, [], { asOf }), rows, { asOf, staleAfterDays: options.staleAfterDays });
    return { result, acme: result.programs.find(p => p.program === 'Acme')!, globex: result.programs.find(p => p.program === 'Globex')! };
}

describe('points', () => {
    test('compliant earns all, partial half, not-compliant none; a needs requirement is compliant when Norma finds it satisfied', () => {
        const { acme } = run([row('A1', 'compliant'), row('A2', 'partial'), row('A3', 'not-compliant')]);
        expect(acme.requirements.map(q => [q.id, q.points, q.earned, q.status, q.by])).toEqual([
            ['S.A.A1', 10, 10, 'compliant', 'assessment'],
            ['S.A.A2', 20, 10, 'partial', 'assessment'],
            ['S.A.A3', 1, 0, 'not-compliant', 'assessment'],
            ['S.B.B1', 30, 30, 'compliant', 'norma'],
        ]);
        expect(acme.points).toEqual({ earned: 50, possible: 61 });
        expect(acme.categories).toEqual([
            { category: 'A', title: 'Evidence', earned: 20, possible: 31 },
            { category: 'B', title: 'Performance', earned: 30, possible: 30 },
        ]);
        expect(acme.score).toBe(50 / 61);
    });

    test('a needs requirement Norma finds unsatisfied earns nothing (Globex has no service norm)', () => {
        const { globex } = run([row('A1', 'compliant', '2026-09-01', 'Globex')]);
        const b1 = globex.requirements.find(q => q.id === 'S.B.B1')!;
        expect([b1.status, b1.earned, b1.by]).toEqual(['not-compliant', 0, 'norma']);
        expect(b1.reason).toContain('Globex has no service norm');
    });

    test('not-applicable leaves the requirement out of the points possible', () => {
        const { acme } = run([row('A1', 'compliant'), row('A2', 'not-applicable'), row('A3', 'compliant')]);
        expect(acme.points).toEqual({ earned: 41, possible: 41 });
        expect(acme.categories[0]).toEqual({ category: 'A', title: 'Evidence', earned: 11, possible: 11 });
        expect(acme.score).toBe(1);
    });

    test('a requirement with neither a needs rule nor a row earns nothing and is listed as unassessed', () => {
        const { acme } = run([row('A1', 'compliant')]);
        expect(acme.unassessed).toEqual(['S.A.A2', 'S.A.A3']);
        expect(acme.points).toEqual({ earned: 40, possible: 61 });
        expect(acme.costliest).toEqual([{ id: 'S.A.A2', lost: 20, status: null }, { id: 'S.A.A3', lost: 1, status: null }]);
    });

    test('a row for a needs requirement counts for nothing and is warned about', () => {
        const { acme, result } = run([row('B1', 'not-compliant')]);
        expect(acme.requirements.find(q => q.id === 'S.B.B1')!.earned).toBe(30);
        expect(result.warnings).toEqual([{ index: 0, message: "S.B.B1 is assessed by Norma from Acme's norms (its needs rule); this row counts for nothing." }]);
    });

    test('the costliest requirements: most points lost first, up to five', () => {
        const { acme } = run([row('A1', 'partial'), row('A2', 'not-compliant'), row('A3', 'compliant')]);
        expect(acme.costliest).toEqual([{ id: 'S.A.A2', lost: 20, status: 'not-compliant' }, { id: 'S.A.A1', lost: 5, status: 'partial' }]);
    });
});

describe('stale assessments', () => {
    test('a row older than the allowed age earns nothing and is listed; on the limit it still counts', () => {
        const { acme } = run([row('A1', 'compliant', '2025-10-31'), row('A2', 'compliant', '2025-10-30')], workspace(), { staleAfterDays: 365 });
        expect(acme.stale).toEqual(['S.A.A2']);
        const a2 = acme.requirements.find(q => q.id === 'S.A.A2')!;
        expect([a2.earned, a2.stale, a2.status]).toEqual([0, true, null]);
        expect(acme.requirements.find(q => q.id === 'S.A.A1')!.earned).toBe(10);
        expect(acme.unassessed).toEqual(['S.A.A3']);
    });

    test('the age is configurable', () => {
        expect(run([row('A1', 'compliant', '2026-09-01')], workspace(), { staleAfterDays: 30 }).acme.stale).toEqual(['S.A.A1']);
        expect(run([row('A1', 'compliant', '2026-09-01')], workspace(), { staleAfterDays: 60 }).acme.stale).toEqual([]);
    });
});

describe('the pass mark', () => {
    test('passes at exactly the mark, fails just under it; without a mark there is no verdict and no failure', () => {
        // 50 of 61 is 81.96%: pass at 80%, fail at 82%.
        const rows = [row('A1', 'compliant'), row('A2', 'partial'), row('A3', 'not-compliant')];
        expect(run(rows, workspace(80)).acme.passed).toBe(true);
        expect(run(rows, workspace(82)).acme.passed).toBe(false);
        expect(run(rows, workspace(82)).result.passed).toBe(false);
        expect(run(rows, workspace(null)).acme.passed).toBeNull();
        expect(run(rows, workspace(null)).result.passed).toBe(true);
    });

    test('compares in whole numbers: 17 of 20 is exactly 85%', () => {
        expect(meetsPassMark(17, 20, 85)).toBe(true);
        expect(meetsPassMark(16.5, 20, 82.5)).toBe(true);
        expect(meetsPassMark(16.5, 20, 82.500001)).toBe(false);
        expect(meetsPassMark(0, 0, 50)).toBe(false);
    });

    test('per provider: the points of its programs summed', () => {
        const { result } = run([row('A1', 'compliant'), row('A1', 'compliant', '2026-09-01', 'Globex')]);
        expect(result.providers).toEqual([{ provider: 'North', standard: 'S', programs: ['Acme', 'Globex'], earned: 40 + 10, possible: 122, score: 50 / 122 }]);
    });
});

describe('certification expiry', () => {
    test('24 months after the certified day; 0 days left on the day itself, negative once lapsed', () => {
        expect(certificationOf({ certified: '2025-04-01' }, '2026-10-31')).toEqual({ certified: '2025-04-01', expires: '2027-04-01', daysLeft: 152 });
        expect(certificationOf({ certified: '2025-04-01' }, '2027-04-01').daysLeft).toBe(0);
        expect(certificationOf({ certified: '2025-04-01' }, '2027-04-02').daysLeft).toBe(-1);
        expect(certificationOf({ certified: '2024-06-15' }, '2026-10-31')).toEqual({ certified: '2024-06-15', expires: '2026-06-15', daysLeft: -138 });
        // A leap day certifies to the 28th of February two years on.
        expect(certificationOf({ certified: '2024-02-29' }, '2026-02-28')).toEqual({ certified: '2024-02-29', expires: '2026-02-28', daysLeft: 0 });
        expect(certificationOf({ certified: null }, '2026-10-31')).toEqual({ certified: null, expires: null, daysLeft: null });
    });

    test('in the result of each program', () => {
        const { acme, globex } = run([]);
        expect(acme.certification.daysLeft).toBe(152);
        expect(globex.certification).toEqual({ certified: null, expires: null, daysLeft: null });
    });
});

describe('the COPC headline, month by month', () => {
    // A monthly metric: one point a month. Acme's norm >= 80.
    const m = model({ metrics: [metric('SL', { period: 'monthly' })], norms: [norm('Acme', 'SL'), norm('Acme', 'AHT', { op: '<=', target: 300 })] });
    m.metrics.push(metric('AHT', { period: 'monthly', better: 'lower', unit: { kind: 'seconds' } }));
    const months = (from: number, values: number[]) => values.map((value, i) => {
        const k = from + i;
        return { period: `${2025 + Math.floor((k - 1) / 12)}-${String(((k - 1) % 12) + 1).padStart(2, '0')}`, value };
    });
    const metrics = new Map(m.metrics.map(x => [x.id, x]));

    test('over the last 6 months: every month judges each norm by its latest point up to that month', () => {
        // SL from 2025-11 (k = 11) to 2026-10 (k = 22): met, then missed in the last three months.
        const sl = months(11, [85, 85, 85, 85, 85, 85, 85, 85, 85, 70, 70, 70]).map(r => ({ program: 'Acme', metric: 'SL', ...r }));
        const result = check(m, sl, { asOf: '2026-10-31' });
        const h6 = headlineOver(result.results, metrics, '2026-10-31', 6);
        expect(h6.monthly.map(x => [x.month, x.judged, x.meeting])).toEqual([
            ['2026-05', 1, 1], ['2026-06', 1, 1], ['2026-07', 1, 1], ['2026-08', 1, 0], ['2026-09', 1, 0], ['2026-10', 1, 0],
        ]);
        expect([h6.from, h6.to, h6.judged, h6.meeting, h6.meetingTarget]).toEqual(['2026-05', '2026-10', 6, 3, 0.5]);
        const h12 = headlineOver(result.results, metrics, '2026-10-31', 12);
        expect([h12.from, h12.judged, h12.meeting, h12.meetingTarget]).toEqual(['2025-11', 12, 9, 0.75]);
        // The latest point alone would say 0% (the check's summary).
        expect(result.summary.meetingTarget).toBe(0);
    });

    test('meeting or improving counts a missed norm whose last three points each beat the one before', () => {
        // AHT <= 300: 400, 390, 350, 320 (missed but improving each month), then 290 (met).
        const aht = months(18, [400, 390, 350, 320, 290]).map(r => ({ program: 'Acme', metric: 'AHT', ...r }));
        const result = check(m, aht, { asOf: '2026-10-31' });
        const h6 = headlineOver(result.results, metrics, '2026-10-31', 6);
        expect(h6.monthly.map(x => [x.month, x.judged, x.meeting, x.meetingOrImproving])).toEqual([
            ['2026-05', 0, 0, 0], ['2026-06', 1, 0, 0], ['2026-07', 1, 0, 0], ['2026-08', 1, 0, 0], ['2026-09', 1, 0, 1], ['2026-10', 1, 1, 1],
        ]);
        expect([h6.meetingTarget, h6.meetingOrImprovingShare]).toEqual([1 / 5, 2 / 5]);
    });

    test('a month cut at as-of, and nothing judged gives null, not 0% or 100%', () => {
        const sl = [{ program: 'Acme', metric: 'SL', period: '2026-10', value: 85 }];
        const result = check(m, sl, { asOf: '2026-10-15' });
        expect(headlineOver(result.results, metrics, '2026-10-15', 6).meetingTarget).toBe(1);
        const none = headlineOver(check(m, [], { asOf: '2026-10-31' }).results, metrics, '2026-10-31', 6);
        expect([none.judged, none.meetingTarget, none.meetingOrImprovingShare]).toEqual([0, null, null]);
    });
});

describe('assessment rows', () => {
    test('each problem located by row and field: unknown names with a did-you-mean, statuses, days, repeats', () => {
        const { issues } = checkAssessments(workspace(), [
            row('A1', 'compliant'),
            row('A9', 'compliant'),
            row('A2', 'complient'),
            row('A3', 'partial', '2026-13-01'),
            row('A3', 'partial', '2026-09-01', 'Acmee'),
            row('A1', 'partial'),
            row('A2', 'compliant', '2026-11-01', 'Globex'),
        ], '2026-10-31');
        expect(issues).toEqual([
            { index: 1, field: 'requirement', message: "Unknown requirement 'A9'. Did you mean 'A1'?" },
            { index: 2, field: 'status', message: "Unknown status 'complient': write compliant, partial, not-compliant, not-applicable. Did you mean 'compliant'?" },
            { index: 3, field: 'assessed', message: "The assessed date '2026-13-01' is not a day: write it like 2026-09-30." },
            { index: 4, field: 'program', message: "Unknown program 'Acmee'. Did you mean 'Acme'?" },
            { index: 5, field: 'requirement', message: 'Acme S.A.A1 is already assessed in row 1; keep one row per program and requirement.', duplicateOf: 0 },
            { index: 6, field: 'assessed', message: 'The assessment of 2026-11-01 is after the day assessed as of (2026-10-31).' },
        ]);
    });

    test('a requirement of a standard the program does not apply is an error', () => {
        const m = workspace();
        m.programs[1] = { ...m.programs[1], applies: [] };
        expect(checkAssessments(m, [row('A1', 'compliant', '2026-09-01', 'Globex')], '2026-10-31').issues.map(i => i.message))
            .toEqual(['Globex does not apply S, so S.A.A1 is not assessed for it.']);
    });
});
