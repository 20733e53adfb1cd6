/**
 * One point against one norm: met or missed by the comparison (`>= 80%` is met by exactly 80,
 * `between A and B` includes both ends), critical when a missed point crosses the critical floor,
 * unsampled when its sample is missing or below the norm's `sample at least N`.
 */
import type { Better, NormModel } from '../model/types.js';
import { compareExact } from './exact.js';

/** Whether a value meets the norm's comparison, decimal-exact (`<= 4.1min` is met by 246). */
export function meets(norm: Pick<NormModel, 'op' | 'target' | 'high' | 'targetExact' | 'highExact'>, value: number): boolean {
    const c = compareExact(value, norm.target, norm.targetExact);
    switch (norm.op) {
        case '>=': return c >= 0;
        case '>': return c > 0;
        case '<=': return c <= 0;
        case '<': return c < 0;
        case 'between': return c >= 0 && (norm.high === undefined ? c <= 0 : compareExact(value, norm.high, norm.highExact) <= 0);
        default: return false;
    }
}

/** Whether a value crosses the norm's critical floor (`below 70%`: < 70; `above 10min`: > 600), decimal-exact. */
export function crossesFloor(norm: Pick<NormModel, 'critical'>, value: number): boolean {
    const floor = norm.critical;
    if (!floor) return false;
    const c = compareExact(value, floor.threshold, floor.thresholdExact);
    return floor.side === 'below' ? c < 0 : c > 0;
}

/** Whether a point's sample is too small for the norm to judge it. */
export function isUnsampled(norm: Pick<NormModel, 'sampleMinimum'>, sample: number | null | undefined): boolean {
    const minimum = norm.sampleMinimum;
    return minimum !== null && minimum !== undefined && (sample === null || sample === undefined || sample < minimum);
}

/** Whether `a` is better than `b` in the metric's direction. */
export function isBetter(a: number, b: number, better: Better): boolean {
    return better === 'lower' ? a < b : a > b;
}
