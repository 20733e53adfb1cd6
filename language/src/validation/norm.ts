/**
 * Norms: thresholds in the metric's unit, sensible ranges and options, a critical floor on
 * the far side of the target, a direction that agrees with the metric's `better`, and one
 * norm per metric and start date in a program or profile. Values are compared after
 * conversion by model/units.ts, so `6min` and `360s` are the same target.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isBound, isMetric, isRange,
    type Bound, type ConsecutiveMisses, type CriticalFloor, type DataWithin, type RespondWithin, type Metric, type Norm, type Profile, type Program,
    type Quantity, type Range, type SampleMinimum, type SamplePrecision,
} from '../generated/ast.js';
import { metricBetter, metricUnit } from '../model/ast-access.js';
import { unitModel } from '../model/build.js';
import type { MetricUnit } from '../model/types.js';
import { dimensionOf, readQuantity, toMetricUnit, UNIT_KINDS, unitLabel, type Conversion } from '../model/units.js';
import { checkIsDay } from './dates.js';
import { CONFIDENCE_LEVELS } from '../engine/sample-size.js';

/** `ServiceLevel >= 20s`: a threshold of another dimension than the metric's unit. */
export const CODE_NORM_WRONG_UNIT = 'norm-wrong-unit';
/** `20sec`: a unit suffix the language does not know. */
export const CODE_UNKNOWN_UNIT = 'unknown-unit';
/** `120%`, or a ratio of 1.5: outside the possible values of the unit. */
export const CODE_QUANTITY_OUT_OF_RANGE = 'quantity-out-of-range';
/** `between 90% and 80%`. */
export const CODE_RANGE_REVERSED = 'range-reversed';
/** `>=` on a lower-is-better metric (warning). */
export const CODE_NORM_AGAINST_METRIC_DIRECTION = 'norm-against-metric-direction';
/** Two `act after`, two `sample` or two `act immediately` in one norm. */
export const CODE_NORM_REPEATED_OPTION = 'norm-repeated-option';
/** `act after 0 consecutive misses`, `sample at least 2.5`. */
export const CODE_NOT_A_WHOLE_COUNT = 'not-a-whole-count';
/** `>= 80% { act immediately above 90% }`: the floor's side does not match the comparison. */
export const CODE_FLOOR_WRONG_SIDE = 'floor-wrong-side';
/** `>= 80% { act immediately below 85% }`: the floor is not beyond the target. */
export const CODE_FLOOR_NOT_BEYOND_TARGET = 'floor-not-beyond-target';
/** `act immediately above` on a higher-is-better metric. */
export const CODE_FLOOR_AGAINST_METRIC_DIRECTION = 'floor-against-metric-direction';
/** `sample valid at 97% confidence ...`: a confidence level without a z value in the table. */
export const CODE_SAMPLE_CONFIDENCE_UNKNOWN = 'sample-confidence-unknown';
/** `sample valid at 95% confidence within 0%` (or 60%, or 5 without %). */
export const CODE_SAMPLE_MARGIN_OUT_OF_RANGE = 'sample-margin-out-of-range';
/** Two norms for one metric in a program (or profile) that start on the same date (or both undated). */
export const CODE_NORM_SAME_START = 'norm-same-start';
/** `act after 3 of 2 misses`: more misses than points looked at. */
export const CODE_MISS_WINDOW_TOO_SHORT = 'miss-window-too-short';
/** `respond within 2 weeks`: these rules count days. */
export const CODE_NOT_DAYS = 'not-days';

// ---------------------------------------------------------------------------------------------------------------------
// Reading a norm against its metric

function metricOf(norm: Norm): Metric | undefined {
    const ref = norm.metric?.ref;
    return isMetric(ref) ? ref : undefined;
}

/** The metric's unit when it is declared well enough to judge thresholds by; otherwise the unit checks stay quiet. */
function unitOf(metric: Metric | undefined): MetricUnit | undefined {
    const unit = metric ? metricUnit(metric) : undefined;
    if (!unit || !UNIT_KINDS.includes(unit.value as never)) return undefined;
    if (unit.value === 'currency' && !/^[A-Z]{3}$/.test(unit.currency ?? '')) return undefined;
    return unitModel(unit.value, unit.currency);
}

function betterOf(metric: Metric | undefined): 'higher' | 'lower' | undefined {
    const better = metric ? metricBetter(metric)?.value : undefined;
    return better === 'higher' || better === 'lower' ? better : undefined;
}

/**
 * A quantity converted to a metric's unit, kept per quantity node: the checks of one norm convert
 * its target and floor several times (70,000 norms in the 10,000-program benchmark). A node is
 * new after each parse, so a kept conversion never outlives its text.
 */
const conversions = new WeakMap<Quantity, { kind: string; currency: string | undefined; result: Conversion }>();

function converted(q: Quantity, unit: MetricUnit): Conversion {
    const known = conversions.get(q);
    if (known && known.kind === unit.kind && known.currency === unit.currency) return known.result;
    const result = toMetricUnit(q, unit);
    conversions.set(q, { kind: unit.kind, currency: unit.currency, result });
    return result;
}

/** The normalised value of a quantity, or undefined when it does not convert (reported elsewhere). */
function valueOf(q: Quantity | undefined, unit: MetricUnit | undefined): number | undefined {
    if (!q || !unit) return undefined;
    const c = converted(q, unit);
    return c.ok ? c.value : undefined;
}

function text(q: Quantity): string {
    return `${q.currency ? q.currency + ' ' : ''}${q.value}`;
}

function normOf(node: AstNode): Norm | undefined {
    let n: AstNode | undefined = node;
    while (n && n.$type !== 'Norm') n = n.$container;
    return n as Norm | undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Thresholds

/** Every quantity of a norm (target, range ends, critical floor) is in the metric's unit and within its possible values. */
export function checkNormUnitMatchesMetric(q: Quantity, accept: ValidationAcceptor): void {
    const read = readQuantity(q);
    if (!read.ok) {
        accept('error', read.message, { node: q, code: CODE_UNKNOWN_UNIT, data: { suffix: read.suffix } });
        return;
    }
    const norm = normOf(q);
    const metric = norm ? metricOf(norm) : undefined;
    const unit = unitOf(metric);
    if (!unit) return;
    const conversion = converted(q, unit);
    if (conversion.ok) return;
    const sameDimension = read.dimension === dimensionOf(unit) || (unit.kind === 'ratio' && read.dimension === 'number');
    const sameCurrency = read.dimension !== 'money' || read.currency === unit.currency;
    if (sameDimension && sameCurrency) {
        const message = read.dimension === 'fraction' ? `A percentage is between 0% and 100%; ${q.value} is not.` : conversion.message;
        accept('error', message, { node: q, code: CODE_QUANTITY_OUT_OF_RANGE });
    } else {
        accept('error', conversion.message.replace('the metric is measured', `${metric!.name} is measured`),
            { node: q, code: CODE_NORM_WRONG_UNIT, data: { unit: unitLabel(unit) } });
    }
}

/** `between A and B` needs A <= B. */
export function checkRangeLowNotAboveHigh(range: Range, accept: ValidationAcceptor): void {
    const unit = unitOf(metricOf(range.$container));
    const low = valueOf(range.low, unit);
    const high = valueOf(range.high, unit);
    if (low === undefined || high === undefined || low <= high) return;
    accept('error', `The range starts above where it ends: write 'between ${text(range.high)} and ${text(range.low)}'.`,
        { node: range, code: CODE_RANGE_REVERSED });
}

/** `>=` / `>` belong to higher-is-better metrics, `<=` / `<` to lower-is-better ones. */
export function checkNormDirectionMatchesMetric(bound: Bound, accept: ValidationAcceptor): void {
    const metric = metricOf(bound.$container);
    const better = betterOf(metric);
    // A bound the parser left without a threshold has nothing to judge (the syntax error says why).
    if (!better || !bound.threshold) return;
    const asksHigh = bound.op === '>=' || bound.op === '>';
    if (asksHigh === (better === 'higher')) return;
    const flipped = ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as const)[bound.op];
    accept('warning',
        `${metric!.name} is better when ${better}, but '${bound.op}' asks for ${asksHigh ? 'at least' : 'at most'} ${text(bound.threshold)}. Did you mean '${flipped}'?`,
        { node: bound, property: 'op', code: CODE_NORM_AGAINST_METRIC_DIRECTION, data: { suggestion: flipped } });
}

// ---------------------------------------------------------------------------------------------------------------------
// Options

const OPTION_WORDS: Record<string, string> = {
    ConsecutiveMisses: 'act after ... consecutive misses',
    CriticalFloor: 'act immediately ...',
    SampleMinimum: 'sample at least ...',
    RespondWithin: 'respond within ...',
    DataWithin: 'data within ...',
    SamplePrecision: 'sample valid at ...',
};

/** At most one trigger rule, one critical floor and one sample minimum per norm. */
export function checkNormOptionsNotRepeated(norm: Norm, accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode>();
    for (const option of norm.options) {
        const first = seen.get(option.$type);
        if (!first) {
            seen.set(option.$type, option);
            continue;
        }
        const line = (first.$cstNode?.range.start.line ?? 0) + 1;
        accept('error', `This norm already says '${OPTION_WORDS[option.$type]}' (line ${line}); keep only one.`,
            { node: option, code: CODE_NORM_REPEATED_OPTION });
    }
}

function isWholeAtLeastOne(count: string): boolean {
    return /^[0-9]+$/.test(count) && Number(count) >= 1;
}

export function checkConsecutiveMissesIsWholeNumber(option: ConsecutiveMisses, accept: ValidationAcceptor): void {
    if (option.window !== undefined) {
        if (!isWholeAtLeastOne(option.count)) {
            accept('error', `The number of misses must be a whole number of at least 1, not ${option.count}.`,
                { node: option, property: 'count', code: CODE_NOT_A_WHOLE_COUNT });
        } else if (!isWholeAtLeastOne(option.window)) {
            accept('error', `The number of points to look back over must be a whole number of at least 1, not ${option.window}.`,
                { node: option, property: 'window', code: CODE_NOT_A_WHOLE_COUNT });
        } else if (Number(option.window) < Number(option.count)) {
            accept('error', `${option.count} misses cannot happen in the last ${option.window} points: write 'act after ${option.count} of ${option.count} misses' or more points.`,
                { node: option, property: 'window', code: CODE_MISS_WINDOW_TOO_SHORT });
        }
        return;
    }
    if (isWholeAtLeastOne(option.count)) return;
    accept('error', `The number of consecutive misses must be a whole number of at least 1, not ${option.count}.`,
        { node: option, property: 'count', code: CODE_NOT_A_WHOLE_COUNT });
}

/** `respond within 2 days`: a whole number of days, 0 or more (0: by the last day of the period itself). */
export function checkRespondWithin(option: RespondWithin, accept: ValidationAcceptor): void {
    checkDays(option, 'respond within', /^[0-9]+$/.test(option.count), '0 or more', accept);
}

/** `data within 3 days`: a whole number of days, at least 1. */
export function checkDataWithin(option: DataWithin, accept: ValidationAcceptor): void {
    checkDays(option, 'data within', isWholeAtLeastOne(option.count), 'at least 1', accept);
}

function checkDays(option: RespondWithin | DataWithin, words: string, whole: boolean, least: string, accept: ValidationAcceptor): void {
    if (!whole) {
        accept('error', `'${words}' takes a whole number of days, ${least}, not ${option.count}.`,
            { node: option, property: 'count', code: CODE_NOT_A_WHOLE_COUNT });
    } else if (option.unit !== 'days' && option.unit !== 'day') {
        accept('error', `'${words}' counts days: write '${words} ${option.count} days', not '${option.unit}'.`,
            { node: option, property: 'unit', code: CODE_NOT_DAYS });
    }
}

export function checkSampleMinimumIsWholeNumber(option: SampleMinimum, accept: ValidationAcceptor): void {
    if (isWholeAtLeastOne(option.count)) return;
    accept('error', `The sample minimum is a number of contacts: a whole number of at least 1, not ${option.count}.`,
        { node: option, property: 'count', code: CODE_NOT_A_WHOLE_COUNT });
}

/** The confidence level is one the z table holds (80, 90, 95, 98, 99%). */
export function checkSampleConfidenceIsKnown(option: SamplePrecision, accept: ValidationAcceptor): void {
    const m = /^([0-9]+)%$/.exec(option.confidence);
    if (m && CONFIDENCE_LEVELS.includes(Number(m[1]))) return;
    accept('error', `The confidence level is one of ${CONFIDENCE_LEVELS.map(c => `${c}%`).join(', ')}, not ${option.confidence}.`,
        { node: option, property: 'confidence', code: CODE_SAMPLE_CONFIDENCE_UNKNOWN });
}

/** The margin of error is a percent above 0 and at most 50 (a proportion is never further off). */
export function checkSampleMarginIsPercent(option: SamplePrecision, accept: ValidationAcceptor): void {
    const m = /^([0-9]+(?:\.[0-9]{1,3})?)%$/.exec(option.margin);
    if (m && Number(m[1]) > 0 && Number(m[1]) <= 50) return;
    accept('error', `The margin of error is a percent above 0% and at most 50%, like 'within 5%', not ${option.margin}.`,
        { node: option, property: 'margin', code: CODE_SAMPLE_MARGIN_OUT_OF_RANGE });
}

// ---------------------------------------------------------------------------------------------------------------------
// Critical floor

/** The side a floor must take for the norm's comparison, or undefined for `between` (either side). */
function sideForComparison(norm: Norm): 'below' | 'above' | undefined {
    const c = norm.comparison;
    if (!isBound(c)) return undefined;
    return c.op === '>=' || c.op === '>' ? 'below' : 'above';
}

/** A `>=`/`>` norm takes a floor `below`; a `<=`/`<` norm a floor `above`. */
export function checkCriticalFloorSideMatchesNorm(floor: CriticalFloor, accept: ValidationAcceptor): void {
    const norm = floor.$container;
    const wanted = sideForComparison(norm);
    const c = norm.comparison;
    if (!wanted || floor.side === wanted || !isBound(c) || !c.threshold) return;
    accept('error',
        `The norm asks for ${c.op} ${text(c.threshold)}, so its critical floor must be '${wanted}' a value ${wanted === 'below' ? 'under' : 'over'} ${text(c.threshold)}, not '${floor.side}'.`,
        { node: floor, property: 'side', code: CODE_FLOOR_WRONG_SIDE, data: { suggestion: wanted } });
}

/** A floor `below` sits under the target (the low end of a range); a floor `above` over it (the high end). */
export function checkCriticalFloorBelowTarget(floor: CriticalFloor, accept: ValidationAcceptor): void {
    const norm = floor.$container;
    const wanted = sideForComparison(norm);
    if (wanted && floor.side !== wanted) return; // the side is wrong; reported by checkCriticalFloorSideMatchesNorm
    const unit = unitOf(metricOf(norm));
    const value = valueOf(floor.threshold, unit);
    const c = norm.comparison;
    let limit: Quantity | undefined;
    let label: string;
    if (isBound(c)) {
        limit = c.threshold;
        label = 'the target';
    } else if (isRange(c)) {
        limit = floor.side === 'below' ? c.low : c.high;
        label = floor.side === 'below' ? 'the low end' : 'the high end';
    } else {
        return;
    }
    const target = valueOf(limit, unit);
    if (value === undefined || target === undefined) return;
    const beyond = floor.side === 'below' ? value < target : value > target;
    if (beyond) return;
    accept('error',
        `The critical floor ${text(floor.threshold)} must be ${floor.side === 'below' ? 'under' : 'over'} ${label} ${text(limit)}: it marks misses too far off to wait for a streak.`,
        { node: floor, property: 'threshold', code: CODE_FLOOR_NOT_BEYOND_TARGET });
}

/** On a higher-is-better metric a floor is `below`; on a lower-is-better one `above`. */
export function checkCriticalFloorSideMatchesMetric(floor: CriticalFloor, accept: ValidationAcceptor): void {
    const norm = floor.$container;
    const wanted = sideForComparison(norm);
    if (wanted && floor.side !== wanted) return; // reported by checkCriticalFloorSideMatchesNorm
    const metric = metricOf(norm);
    const better = betterOf(metric);
    if (!better) return;
    const side = better === 'higher' ? 'below' : 'above';
    if (floor.side === side) return;
    accept('error',
        `${metric!.name} is better when ${better}, so a critical floor is '${side}' a value, not '${floor.side}'.`,
        { node: floor, property: 'side', code: CODE_FLOOR_AGAINST_METRIC_DIRECTION, data: { suggestion: side } });
}

// ---------------------------------------------------------------------------------------------------------------------
// Dates and superseding

export function checkNormFromIsDay(norm: Norm, accept: ValidationAcceptor): void {
    checkIsDay(norm, 'from', norm.from, "A 'from' date", accept);
}

/** In one program (or profile), each metric has at most one norm per start date; an undated norm starts at the beginning. */
export function checkNormStartsAreDistinct(owner: Program | Profile, accept: ValidationAcceptor): void {
    const where = owner.$type === 'Program' ? 'program' : 'profile';
    const first = new Map<string, Norm>();
    for (const norm of owner.norms) {
        const metric = norm.metric?.ref?.name ?? norm.metric?.$refText;
        const key = `${metric}@${norm.from ?? ''}`;
        const earlier = first.get(key);
        if (!earlier) {
            first.set(key, norm);
            continue;
        }
        const line = (earlier.$cstNode?.range.start.line ?? 0) + 1;
        const start = norm.from ? `from ${norm.from}` : "with no 'from' date";
        accept('error',
            `This ${where} already has a norm for ${metric} ${start} (line ${line}); a later norm needs its own 'from' date.`,
            norm.from
                ? { node: norm, property: 'from', code: CODE_NORM_SAME_START }
                : { node: norm, property: 'metric', code: CODE_NORM_SAME_START });
    }
}
