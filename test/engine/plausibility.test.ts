/** SPEC §3a, plausibility: values in a likely wrong scale are a warning naming the metric, the program and the fix. */
import { describe, expect, test } from 'vitest';
import { check } from '../../language/src/engine/index.js';
import { metric, model, norm, series } from './helpers.js';

describe('plausibility warnings', () => {
    test('a percent metric whose values are all within 0..1: fractions sent for percents', () => {
        const r = check(model(), series([0.86, 0.91, 0.79]), { asOf: '2026-01-04' });
        expect(r.warnings).toEqual([{
            code: 'implausible-scale',
            message: 'All 3 SL values of Acme lie within 0..1 (2026-01-01: 0.86): percents are written 0 to 100, so 0.86 reads as 0.86%. If they are fractions, multiply by 100 (86).',
            row: { kind: 'measurement', index: 0 },
        }]);
        expect(check(model(), series([0.86, 91, 0.79]), { asOf: '2026-01-04' }).warnings).toEqual([]);
        expect(check(model(), series([0, 0]), { asOf: '2026-01-04' }).warnings).toEqual([]);
    });

    test('a seconds metric whose values are all under 20: minutes or hours sent for seconds', () => {
        const m = model({ metrics: [metric('AHT', { unit: { kind: 'seconds' }, better: 'lower' })], norms: [norm('Acme', 'AHT', { op: '<=', target: 360 })] });
        const r = check(m, series([5.3, 6.1].reverse(), 'Acme', 'AHT'), { asOf: '2026-01-03' });
        expect(r.warnings.map(w => w.message)).toEqual([
            'All 2 AHT values of Acme are under 20 seconds (2026-01-01: 6.1), though its norm asks for minutes: durations are written in seconds. If they are minutes, multiply by 60 (366); if hours, by 3600.',
        ]);
        expect(r.warnings[0].row).toEqual({ kind: 'measurement', index: 0 });
        expect(check(m, series([5.3, 310], 'Acme', 'AHT'), { asOf: '2026-01-03' }).warnings).toEqual([]);
        // A speed of answer of 12 s under `<= 20s` is no mistake.
        const asa = model({ metrics: [metric('ASA', { unit: { kind: 'seconds' }, better: 'lower' })], norms: [norm('Acme', 'ASA', { op: '<=', target: 20 })] });
        expect(check(asa, series([12, 9], 'Acme', 'ASA'), { asOf: '2026-01-03' }).warnings).toEqual([]);
    });
});
