// The shared benchmark harness: runs interleave the sides, the figure is the median of the
// pairwise ratios (not a best-of-N), and a child's CPU and peak memory are read from the child.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM scripts without type declarations
import { compare, median, runNode } from '../../bench/harness.mjs';

describe('bench/harness.mjs', () => {
    it('interleaves the sides and reports the median of pairwise ratios', () => {
        const order: string[] = [];
        // Side A takes 2, 30, 4 (one disturbed run); B takes 1, 10, 1: pairwise ratios 2, 3, 4.
        const a = [2, 30, 4];
        const b = [1, 10, 1];
        const side = (label: string, times: number[]) => {
            let i = 0;
            return { label, run: () => { order.push(label); return { wallMs: times[i++], cpuMs: 1, maxRssKb: 1024 }; } };
        };
        const cmp = compare({ name: 'x', runs: 3, sides: [side('A', a), side('B', b)], aim: { ratio: 3.5 } });
        expect(order).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
        expect(cmp.ratio).toBe(3);
        expect([cmp.ratioMin, cmp.ratioMax]).toEqual([2, 4]);
        expect(cmp.sides[0].wallMs).toBe(4);
        expect(cmp.verdict).toBe('holds');
        expect(compare({ name: 'y', runs: 1, sides: [side('A', [9]), side('B', [1])], aim: { ratio: 3.5 } }).verdict).toMatch(/MISSED/);
    });

    it('takes the median of an even count as the mean of the middle two', () => {
        expect(median([4, 1, 3, 2])).toBe(2.5);
        expect(median([])).toBeNull();
    });

    it('measures a child process: exit code, CPU seconds and peak memory from the child itself', () => {
        const run = runNode(path.join(__dirname, '../../bench/empty.mjs'));
        expect(run.status).toBe(0);
        expect(run.cpuMs).toBeGreaterThan(0);
        expect(run.maxRssKb).toBeGreaterThan(1000);
        expect(run.stderr).not.toContain('norma-bench-usage');
    });
});
