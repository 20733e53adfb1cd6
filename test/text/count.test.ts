// formatCount writes counts exactly as toLocaleString('en-US') does (without loading ICU's data).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../language/src/text/count.js';

describe('formatCount', () => {
    it('groups thousands with commas', () => {
        expect([0, 7, 999, 1000, 12345, 1_000_000, -4321].map(formatCount)).toEqual(['0', '7', '999', '1,000', '12,345', '1,000,000', '-4,321']);
    });

    it('matches toLocaleString("en-US") for every integer, and for numbers that are not safe integers', () => {
        fc.assert(fc.property(fc.oneof(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.double(), fc.constant(-0)), n => {
            expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
        }));
    });
});
