/**
 * SPEC §3a, exact numbers: thresholds and values compare as the decimals they are written as,
 * in the engine and in the compiled module. The expected statuses here come from integer
 * arithmetic on the digits (written in this file, independent of the code under test).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { check, type CheckResult, type Measurement } from '../../language/src/engine/index.js';
import { generateJsModule } from '../../language/src/generators/js.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';

/** An exact rational: units / 10^scale. */
interface Exact { units: bigint; scale: number }

function exact(text: string): Exact {
    const [int, frac = ''] = text.split('.');
    return { units: BigInt(int + frac), scale: frac.length };
}
function cmp(a: Exact, b: Exact): number {
    const s = Math.max(a.scale, b.scale);
    const x = a.units * 10n ** BigInt(s - a.scale);
    const y = b.units * 10n ** BigInt(s - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
}
function text(e: Exact): string {
    const neg = e.units < 0n;
    let digits = (neg ? -e.units : e.units).toString().padStart(e.scale + 1, '0');
    if (e.scale > 0) digits = `${digits.slice(0, -e.scale)}.${digits.slice(-e.scale)}`;
    return (neg ? '-' : '') + digits;
}
function plus(a: Exact, units: bigint, scale: number): Exact {
    const s = Math.max(a.scale, scale);
    return { units: a.units * 10n ** BigInt(s - a.scale) + units * 10n ** BigInt(s - scale), scale: s };
}

/** How a literal is written for a metric, and what it is in the data's unit. */
interface UnitCase {
    metric: string;
    suffix: string;
    /** The literal's value in the data's unit: multiply by `factor`, then divide by 10^`shift`. */
    factor: bigint;
    shift: number;
    /** Largest literal number allowed (percent 0..100, ratio 0..1). */
    max: number;
}
const UNITS: UnitCase[] = [
    { metric: 'Pct', suffix: '%', factor: 1n, shift: 0, max: 100 },
    { metric: 'Ratio', suffix: '%', factor: 1n, shift: 2, max: 100 },
    { metric: 'Ratio', suffix: '', factor: 1n, shift: 0, max: 1 },
    { metric: 'Secs', suffix: 's', factor: 1n, shift: 0, max: 5000 },
    { metric: 'Secs', suffix: 'min', factor: 60n, shift: 0, max: 500 },
    { metric: 'Secs', suffix: 'h', factor: 3600n, shift: 0, max: 50 },
    { metric: 'Mins', suffix: 'min', factor: 60n, shift: 0, max: 500 },
    { metric: 'Money', suffix: 'EUR', factor: 1n, shift: 0, max: 5000 },
    { metric: 'Count', suffix: '', factor: 1n, shift: 0, max: 5000 },
];
const METRICS = `
metric Pct { family service unit percent better higher period daily }
metric Ratio { family service unit ratio better higher period daily }
metric Secs { family efficiency unit seconds better lower period daily }
metric Mins { family efficiency unit minutes better lower period daily }
metric Money { family cost unit currency EUR better lower period daily }
metric Count { family people unit count better higher period daily }
`;

function literal(u: UnitCase, number: string): string {
    return u.suffix === 'EUR' ? `EUR ${number}` : `${number}${u.suffix}`;
}
function normalised(u: UnitCase, number: string): Exact {
    const e = exact(number);
    return { units: e.units * u.factor, scale: e.scale + u.shift };
}
function inRange(u: UnitCase, v: Exact): boolean {
    if (v.units < 0n) return false;
    if (u.metric === 'Pct') return cmp(v, exact('100')) <= 0;
    if (u.metric === 'Ratio') return cmp(v, exact('1')) <= 0;
    return true;
}

const OPS = ['>=', '>', '<=', '<'] as const;
const caseArb = fc.record({
    unit: fc.constantFrom(...UNITS),
    op: fc.constantFrom(...OPS),
    whole: fc.integer({ min: 0, max: 5000 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }),
    /** How many places finer than the threshold "just above/below" is. */
    finer: fc.integer({ min: 1, max: 4 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function numberOf(c: Case): string {
    const whole = c.whole % (c.unit.max + 1);
    let n = c.fraction === undefined ? String(whole) : `${whole}.${c.fraction}`;
    if (Number(n) > c.unit.max) n = String(c.unit.max);
    return n;
}

async function compiledCheck(model: NormaModel): Promise<(rows: Measurement[], options: { asOf: string }) => CheckResult> {
    const source = generateJsModule(model);
    const mod = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
    return mod.check;
}

describe('exact numbers (SPEC §3a)', () => {
    test('random decimal thresholds in every unit: values equal to, just above and just below them get the status decimal arithmetic says', async () => {
        await fc.assert(fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 12 }), async (cases) => {
            const programs = cases.map((c, i) => `program P${i} { norm ${c.unit.metric} ${c.op} ${literal(c.unit, numberOf(c))} }`);
            const ws = await loadWorkspace([{ path: 'w.norma', text: METRICS + programs.join('\n') }]);
            expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
            const rows: Measurement[] = [];
            const expected = new Map<string, string>();
            cases.forEach((c, i) => {
                const threshold = normalised(c.unit, numberOf(c));
                const step = threshold.scale + c.finer;
                const values = [threshold, plus(threshold, 1n, step), plus(threshold, -1n, step)];
                values.forEach((v, k) => {
                    if (!inRange(c.unit, v)) return;
                    const period = `2026-01-0${k + 1}`;
                    rows.push({ program: `P${i}`, metric: c.unit.metric, period, value: Number(text(v)) });
                    const order = cmp(v, threshold);
                    const met = c.op === '>=' ? order >= 0 : c.op === '>' ? order > 0 : c.op === '<=' ? order <= 0 : order < 0;
                    expected.set(`P${i} ${period}`, met ? 'met' : 'missed');
                });
            });
            const statuses = (r: CheckResult) => new Map(r.results.flatMap(n => n.points.map(p => [`${n.program} ${p.period}`, p.status])));
            const engine = check(ws.model!, rows, { asOf: '2026-01-31' });
            expect(statuses(engine)).toEqual(expected);
            const compiled = await compiledCheck(ws.model!);
            expect(compiled(rows, { asOf: '2026-01-31' })).toEqual(engine);
        }), { numRuns: 25 });
    }, 60_000);

    test('critical floors in s, min and h: a value is critical exactly when its decimal crosses the floor', async () => {
        const floorArb = fc.record({
            unit: fc.constantFrom(UNITS[3], UNITS[4], UNITS[5]),
            whole: fc.integer({ min: 1, max: 50 }),
            fraction: fc.stringMatching(/^[0-9]{1,2}$/),
            finer: fc.integer({ min: 1, max: 3 }),
        });
        await fc.assert(fc.asyncProperty(floorArb, async (c) => {
            const number = `${c.whole}.${c.fraction}`;
            const ws = await loadWorkspace([{ path: 'w.norma', text: `${METRICS}program P { norm Secs <= 0s { act immediately above ${literal(c.unit, number)} } }` }]);
            expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
            const floor = normalised(c.unit, number);
            const step = floor.scale + c.finer;
            const values = [floor, plus(floor, 1n, step), plus(floor, -1n, step)];
            const rows = values.map((v, k) => ({ program: 'P', metric: 'Secs', period: `2026-01-0${k + 1}`, value: Number(text(v)) }));
            const r = check(ws.model!, rows, { asOf: '2026-01-31' }).results[0];
            expect(r.points.map(p => p.critical === true)).toEqual([false, true, false]);
        }), { numRuns: 40 });
    }, 60_000);

    describe('the float reproducers of issue 10', () => {
        async function statusOf(normText: string, metric: string, value: number): Promise<{ status: string; critical: boolean }> {
            const ws = await loadWorkspace([{ path: 'w.norma', text: `${METRICS}program P { ${normText} }` }]);
            const r = check(ws.model!, [{ program: 'P', metric, period: '2026-01-01', value }], { asOf: '2026-01-31' }).results[0];
            return { status: r.points[0].status, critical: r.points[0].critical === true };
        }
        test('246 s meets <= 4.1min (4.1 * 60 is 245.99999999999997 in binary floats)', async () => {
            expect(await statusOf('norm Secs <= 4.1min', 'Secs', 246)).toEqual({ status: 'met', critical: false });
            expect(await statusOf('norm Mins <= 4.1min', 'Mins', 246)).toEqual({ status: 'met', critical: false });
        });
        test('492 s is not critical for `above 8.2min`', async () => {
            expect(await statusOf('norm Secs <= 6min { act immediately above 8.2min }', 'Secs', 492)).toEqual({ status: 'missed', critical: false });
            expect(await statusOf('norm Secs <= 6min { act immediately above 8.2min }', 'Secs', 492.001)).toEqual({ status: 'missed', critical: true });
        });
        test('0.824 meets >= 82.4% on a ratio metric', async () => {
            expect(await statusOf('norm Ratio >= 82.4%', 'Ratio', 0.824)).toEqual({ status: 'met', critical: false });
            expect(await statusOf('norm Ratio >= 82.4%', 'Ratio', 0.8239)).toEqual({ status: 'missed', critical: false });
        });
        test('the model carries each threshold as exact decimal text for generated code', async () => {
            const ws = await loadWorkspace([{ path: 'w.norma', text: `${METRICS}program P {
                norm Secs between 1.1min and 4.1min { act immediately above 8.2min }
                norm Ratio >= 82.4%
            }` }]);
            const [ratio, secs] = ws.model!.norms;
            expect(ratio).toMatchObject({ target: 0.824, targetExact: '0.824' });
            expect(secs).toMatchObject({ target: 66, targetExact: '66', high: 246, highExact: '246', critical: { threshold: 492, thresholdExact: '492' } });
        });
    });
});
