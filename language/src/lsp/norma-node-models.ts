/**
 * The semantic model of one declaration under the cursor (a metric, a norm), read off the AST
 * for hover, code lens and code actions, without building the whole workspace's model. Uses
 * `model/build.ts`'s own functions, so hover and the model cannot read a declaration differently; must not
 * report problems, that is the validator's job.
 */
import type { AstNode } from 'langium';
import { isMetric, isProfile, isProgram, type Metric, type Norm } from '../generated/ast.js';
import { metricModel, normModel } from '../model/build.js';
import type { MetricModel, NormModel, SourceRef } from '../model/types.js';

function sourceOf(node: AstNode): SourceRef {
    const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return { file: '', line: start.line + 1, column: start.character + 1 };
}

export function metricModelOf(m: Metric): MetricModel {
    return metricModel(m, sourceOf);
}

/** The metric a norm is for, when it resolves. */
export function metricOfNorm(norm: Norm): Metric | undefined {
    const target = norm.metric?.ref;
    return isMetric(target) ? target : undefined;
}

/** A norm's model as written (window end unknown here), or undefined when a threshold does not convert. */
export function normModelOf(norm: Norm, metric: MetricModel): NormModel | undefined {
    const owner = norm.$container;
    const name = isProgram(owner) || isProfile(owner) ? owner.name : '';
    return normModel(name, norm, metric, isProfile(owner) ? owner.name : null, sourceOf);
}
