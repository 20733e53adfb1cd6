/**
 * The semantic model of one declaration under the cursor (a metric, a norm), read off the AST
 * for hover, code lens and code actions, without building the whole workspace's model. Reads
 * the AST the way `model/build.ts` does (same accessors, same unit conversion); must not
 * report problems, that is the validator's job.
 */
import type { AstNode } from 'langium';
import {
    isConsecutiveMisses, isCriticalFloor, isMetric, isProfile, isProgram, isRange, isSampleMinimum,
    type Metric, type Norm,
} from '../generated/ast.js';
import { metricBetter, metricDescription, metricFamily, metricPeriod, metricUnit } from '../model/ast-access.js';
import { DEFAULT_CONSECUTIVE_MISSES, unitModel } from '../model/build.js';
import type { Better, Family, Grain, MetricModel, NormModel, SourceRef } from '../model/types.js';
import { toMetricUnit } from '../model/units.js';

function sourceOf(node: AstNode): SourceRef {
    const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return { file: '', line: start.line + 1, column: start.character + 1 };
}

export function metricModelOf(m: Metric): MetricModel {
    const unit = metricUnit(m);
    const description = metricDescription(m)?.value;
    return {
        id: m.name,
        title: m.title ?? m.name,
        family: (metricFamily(m)?.value ?? 'service') as Family,
        unit: unitModel(unit?.value, unit?.currency),
        better: (metricBetter(m)?.value ?? 'higher') as Better,
        period: (metricPeriod(m)?.value ?? 'daily') as Grain,
        ...(description !== undefined ? { description } : {}),
        source: sourceOf(m),
    };
}

/** The metric a norm is for, when it resolves. */
export function metricOfNorm(norm: Norm): Metric | undefined {
    const target = norm.metric?.ref;
    return isMetric(target) ? target : undefined;
}

/** A norm's model as written (window end unknown here), or undefined when a threshold does not convert. */
export function normModelOf(norm: Norm, metric: MetricModel): NormModel | undefined {
    const convert = (q: { value: string; currency?: string } | undefined) => {
        if (!q) return undefined;
        const c = toMetricUnit(q, metric.unit);
        return c.ok ? c.value : undefined;
    };
    const c = norm.comparison;
    const range = isRange(c);
    const target = convert(range ? c.low : c?.threshold);
    const high = range ? convert(c.high) : undefined;
    if (target === undefined || (range && high === undefined)) return undefined;
    const owner = norm.$container;
    const consecutive = norm.options.find(isConsecutiveMisses);
    const floor = norm.options.find(isCriticalFloor);
    const sample = norm.options.find(isSampleMinimum);
    const floorValue = floor ? convert(floor.threshold) : undefined;
    const program = isProgram(owner) ? owner.name : isProfile(owner) ? owner.name : '';
    return {
        id: `${program}.${metric.id}${norm.from ? '@' + norm.from : ''}`,
        program,
        metric: metric.id,
        op: range ? 'between' : (c.op as NormModel['op']),
        target,
        ...(high !== undefined ? { high } : {}),
        from: norm.from ?? null,
        until: null,
        consecutive: consecutive ? Number(consecutive.count) : DEFAULT_CONSECUTIVE_MISSES,
        critical: floor && floorValue !== undefined ? { side: floor.side as 'below' | 'above', threshold: floorValue } : null,
        sampleMinimum: sample ? Number(sample.count) : null,
        profile: isProfile(owner) ? owner.name : null,
        source: sourceOf(norm),
    };
}
