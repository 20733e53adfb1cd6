import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erlangA, erlangC, fewestAgents } from '../../language/src/engine/queueing.js';

// DOMAIN.md's worked example: 100 calls per 30 minutes, AHT 180 s, 20 s threshold.
const load = { offered: 100, intervalSeconds: 1800, aht: 180 };

describe('Erlang C', () => {
    it('reproduces the published worked example at 13 and 14 agents', () => {
        const thirteen = erlangC(load, 13, 20);
        const fourteen = erlangC(load, 14, 20);
        expect(thirteen.serviceLevel).toBeCloseTo(0.795595, 6);
        expect(fourteen.serviceLevel).toBeCloseTo(0.88835, 6);
        expect(fourteen.occupancy).toBeCloseTo(0.7142857, 7);
        expect(fourteen.probabilityWait).toBeCloseTo(0.1741319, 7);
        expect(fourteen.asa).toBeCloseTo(7.84, 2);
    });
    it('finds 13 agents as the fewest for 79%, 14 for 80%', () => {
        expect(fewestAgents(load, { thresholdSeconds: 20, serviceLevel: 0.79 }).agents).toBe(13);
        expect(fewestAgents(load, { thresholdSeconds: 20, serviceLevel: 0.8 }).agents).toBe(14);
    });
});

describe('Erlang A', () => {
    it('reproduces the published worked example with 5 minutes mean patience at 14 agents', () => {
        const figures = erlangA(load, 14, 20, 300);
        expect(figures.probabilityWait).toBeCloseTo(0.14526, 5);
        expect(figures.probabilityAbandon).toBeCloseTo(0.013984, 6);
        expect(figures.occupancy).toBeCloseTo(0.704297, 6);
        expect(figures.asa / 60).toBeCloseTo(0.069919, 6);
        expect(figures.serviceLevel).toBeCloseTo(0.916792, 6);
    });
});

describe('staffing properties', () => {
    // An independent Erlang C: DOMAIN.md's formula summed in logarithms (lgamma by summation).
    function directErlangCWait(traffic: number, agents: number): number {
        const logTerm = (k: number) => k * Math.log(traffic) - logFactorial(k);
        const logTop = logTerm(agents) + Math.log(agents / (agents - traffic));
        const terms = Array.from({ length: agents }, (_, k) => logTerm(k));
        const peak = Math.max(logTop, ...terms);
        const top = Math.exp(logTop - peak);
        const bottom = terms.reduce((sum, t) => sum + Math.exp(t - peak), 0) + top;
        return top / bottom;
    }
    function logFactorial(n: number): number {
        let sum = 0;
        for (let i = 2; i <= n; i++) sum += Math.log(i);
        return sum;
    }

    it('agrees with the textbook formula from 1 to 800 agents without overflow', () => {
        for (const [offered, aht] of [[100, 180], [2000, 240], [9000, 300]] as const) {
            const traffic = (offered / 1800) * aht;
            for (let agents = Math.floor(traffic) + 1; agents <= Math.floor(traffic) + 60; agents += 7) {
                const ours = erlangC({ offered, intervalSeconds: 1800, aht }, agents, 20).probabilityWait;
                expect(Number.isFinite(ours)).toBe(true);
                expect(ours).toBeCloseTo(directErlangCWait(traffic, agents), 9);
            }
        }
    });

    it('service level rises with every agent added, and the agents found are the fewest meeting the target', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 3000 }),
                fc.integer({ min: 30, max: 900 }),
                fc.integer({ min: 5, max: 120 }),
                fc.integer({ min: 50, max: 95 }),
                fc.option(fc.integer({ min: 30, max: 900 }), { nil: undefined }),
                (offered, aht, threshold, percent, patience) => {
                    const work = { offered, intervalSeconds: 1800, aht };
                    const target = { thresholdSeconds: threshold, serviceLevel: percent / 100, patienceSeconds: patience };
                    const found = fewestAgents(work, target);
                    expect(found.serviceLevel).toBeGreaterThanOrEqual(percent / 100);
                    if (found.agents > 1) {
                        const fewer = patience === undefined ? erlangC(work, found.agents - 1, threshold) : erlangA(work, found.agents - 1, threshold, patience);
                        expect(fewer.serviceLevel).toBeLessThan(percent / 100);
                        expect(fewer.serviceLevel).toBeLessThanOrEqual(found.serviceLevel);
                    }
                    const at = (agents: number) =>
                        (patience === undefined ? erlangC(work, agents, threshold) : erlangA(work, agents, threshold, patience)).serviceLevel;
                    for (let agents = Math.max(1, found.agents - 6); agents <= found.agents + 6; agents++) {
                        expect(at(agents + 1)).toBeGreaterThanOrEqual(at(agents) - 1e-12);
                    }
                },
            ),
            { numRuns: 60, seed: 14 },
        );
    });

    it('Erlang A approaches Erlang C as callers become endlessly patient', () => {
        const c = erlangC(load, 14, 20);
        const a = erlangA(load, 14, 20, 1e9);
        expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
        expect(a.probabilityWait).toBeCloseTo(c.probabilityWait, 5);
        expect(a.probabilityAbandon).toBeLessThan(1e-6);
    });

    it('needs no agents for no calls', () => {
        expect(fewestAgents({ offered: 0, intervalSeconds: 1800, aht: 180 }, { thresholdSeconds: 20, serviceLevel: 0.8 }).agents).toBe(0);
    });
});
