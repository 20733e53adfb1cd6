// `sample valid at 95% confidence within 5%` (DOMAIN.md "Monitoring is sampled"): the needed
// sample, with and without a known population, and what the engine does with a point under it.
import { describe, expect, test } from 'vitest';
import { check } from '../../language/src/engine/index.js';
import { requiredSample } from '../../language/src/engine/sample-size.js';
import { metric, model, norm } from './helpers.js';

describe('the sample a proportion needs', () => {
    test('95% confidence within 5%: 385 from an infinite population, 278 from 1,000 calls', () => {
        expect(requiredSample({ confidence: 95, margin: 5 })).toBe(385);
        expect(requiredSample({ confidence: 95, margin: 5 }, null)).toBe(385);
        expect(requiredSample({ confidence: 95, margin: 5 }, 1000)).toBe(278);
    });

    test('other levels and margins from the same formula, rounded up', () => {
        // n0 = z^2 / (4 e^2): 1.645^2 / (4 * 0.05^2) = 270.6; 2.576^2 / (4 * 0.03^2) = 1843.3; 1.96^2 / (4 * 0.025^2) = 1536.6
        expect(requiredSample({ confidence: 90, margin: 5 })).toBe(271);
        expect(requiredSample({ confidence: 99, margin: 3 })).toBe(1844);
        expect(requiredSample({ confidence: 95, margin: 2.5 })).toBe(1537);
    });

    test('a small population needs at most all of it; a population of one needs one', () => {
        expect(requiredSample({ confidence: 95, margin: 5 }, 50)).toBe(45);
        expect(requiredSample({ confidence: 95, margin: 5 }, 1)).toBe(1);
        expect(requiredSample({ confidence: 95, margin: 5 }, 100000)).toBe(383);
    });

    test('an unknown level or a margin of 0 gives no figure', () => {
        expect(requiredSample({ confidence: 97, margin: 5 })).toBeUndefined();
        expect(requiredSample({ confidence: 95, margin: 0 })).toBeUndefined();
    });
});

describe('a norm with sample valid at 95% confidence within 5%', () => {
    const qa = metric('QA', { period: 'monthly', family: 'quality' });
    const m = model({ metrics: [qa], norms: [norm('Acme', 'QA', { target: 98, samplePrecision: { confidence: 95, margin: 5 } })] });
    const run = (rows: { period: string; value: number; sample?: number | null; population?: number | null }[]) =>
        check(m, rows.map(r => ({ program: 'Acme', metric: 'QA', ...r })), { asOf: '2026-12-31' }).results[0];

    test('278 evaluations of 1,000 calls are enough, 277 are not; without a population 385 are needed', () => {
        const r = run([
            { period: '2026-01', value: 99, sample: 278, population: 1000 },
            { period: '2026-02', value: 99, sample: 277, population: 1000 },
            { period: '2026-03', value: 99, sample: 384 },
            { period: '2026-04', value: 99, sample: 385 },
            { period: '2026-05', value: 99 },
        ]);
        expect(r.points.map(p => p.status)).toEqual(['met', 'unsampled', 'unsampled', 'met', 'unsampled']);
        expect(r.points.map(p => p.sampleNeeded)).toEqual([undefined, 278, 385, undefined, 385]);
        expect(r.norm.samplePrecision).toEqual({ confidence: 95, margin: 5 });
    });

    test('the reason states the sample needed', () => {
        const met = run([{ period: '2026-01', value: 99, sample: 400 }, { period: '2026-02', value: 99, sample: 212, population: 1000 }]);
        expect(met.verdict).toBe('met');
        expect(met.reason).toBe('Met on 1 of 2 points (1 unsampled: latest 2026-02 sample 212 of the 278 that a valid sample at 95% '
            + 'confidence within 5% needs); latest 2026-01 99% (target >= 98%)');
        const none = run([{ period: '2026-01', value: 90, sample: 100 }]);
        expect(none.verdict).toBe('no-data');
        expect(none.reason).toContain('1 point with too small a sample (latest 2026-01 sample 100 of the 385 that a valid sample at 95% confidence within 5% needs)');
    });

    test('an unsampled point neither extends nor breaks a streak of misses', () => {
        const r = run([
            { period: '2026-01', value: 90, sample: 400 }, { period: '2026-02', value: 90, sample: 400 },
            { period: '2026-03', value: 50, sample: 10 }, { period: '2026-04', value: 90, sample: 400 },
        ]);
        expect(r.triggers.map(t => t.periods)).toEqual([['2026-01', '2026-02', '2026-04']]);
    });
});
