/**
 * The sample a monitored proportion needs (DOMAIN.md "Monitoring is sampled"), for a norm that
 * says `sample valid at 95% confidence within 5%`: n0 = z^2 p(1-p) / e^2 with p = 0.5 (the
 * worst case, as QA teams plan it), and with a known population N the finite population
 * correction n = n0 / (1 + (n0 - 1) / N), rounded up. 95% within 5% gives 385; with 1,000
 * calls in the period, 278. Worked in whole numbers (BigInt), so the needed sample never
 * depends on floating-point rounding. Nothing here imports outside the engine.
 */

/** The normal quantile (two-sided) for each confidence level a norm may name, in thousandths as practitioners' tables give it. */
export const Z_THOUSANDTHS: Readonly<Record<string, number>> = { '80': 1282, '90': 1645, '95': 1960, '98': 2326, '99': 2576 };

/** The confidence levels a norm may name, as percents. */
export const CONFIDENCE_LEVELS: readonly number[] = Object.keys(Z_THOUSANDTHS).map(Number).sort((a, b) => a - b);

export interface SamplePrecision {
    /** Confidence level, percent (95). */
    confidence: number;
    /** Margin of error, percent (5). */
    margin: number;
}

/**
 * The smallest sample that estimates a proportion within `margin` percentage points at
 * `confidence`, from a population of `population` (null or undefined: unknown, taken as infinite).
 * Undefined for a confidence level without a z value or a margin that is not above 0.
 */
export function requiredSample(precision: SamplePrecision, population?: number | null): number | undefined {
    const z = Z_THOUSANDTHS[String(precision.confidence)];
    // The margin in hundred-thousandths of one (5% -> 5000): three decimals of a percent are kept exactly.
    const e = Math.round(precision.margin * 1000);
    if (z === undefined || !(e > 0)) return undefined;
    // n0 = (z/1000)^2 * 1/4 / (e/100000)^2 = A / B.
    const A = BigInt(z) * BigInt(z) * 10000n;
    const B = 4n * BigInt(e) * BigInt(e);
    if (population === null || population === undefined) return Number(ceilDiv(A, B));
    if (!Number.isSafeInteger(population) || population <= 0) return undefined;
    // n = n0 N / (N + n0 - 1) = A N / (B N + A - B).
    const N = BigInt(population);
    return Number(ceilDiv(A * N, B * N + A - B));
}

function ceilDiv(a: bigint, b: bigint): bigint {
    return (a + b - 1n) / b;
}

/** `a valid sample at 95% confidence within 5%`, for reasons. */
export function precisionWords(precision: SamplePrecision): string {
    return `a valid sample at ${precision.confidence}% confidence within ${precision.margin}%`;
}
