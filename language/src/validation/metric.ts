/**
 * Metric declarations: every metric says its family, unit, direction (`better`) and period,
 * so that norms can be unit-checked and measurements read. The words themselves are checked
 * in vocabulary.ts.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Metric } from '../generated/ast.js';
import { metricBetter, metricFamily, metricPeriod, metricUnit } from '../model/ast-access.js';
import { DIRECTIONS, FAMILIES, GRAINS, UNIT_KINDS } from '../model/units.js';

/** A metric without `family`, `unit`, `better` or `period`. */
export const CODE_METRIC_MISSING_PROPERTY = 'metric-missing-property';

const REQUIRED: { keyword: string; present: (m: Metric) => unknown; choices: readonly string[] }[] = [
    { keyword: 'family', present: metricFamily, choices: FAMILIES },
    { keyword: 'unit', present: metricUnit, choices: UNIT_KINDS },
    { keyword: 'better', present: metricBetter, choices: DIRECTIONS },
    { keyword: 'period', present: metricPeriod, choices: GRAINS },
];

export function checkMetricHasRequiredProperties(metric: Metric, accept: ValidationAcceptor): void {
    if (isBeingTyped(metric)) return;
    for (const { keyword, present, choices } of REQUIRED) {
        if (present(metric)) continue;
        accept('error', `The metric '${metric.name}' needs a '${keyword}' line: ${keyword} ${choices.join(' | ')}.`,
            { node: metric, property: 'name', code: CODE_METRIC_MISSING_PROPERTY, data: { keyword } });
    }
}

/** A metric cut short by a syntax error (no closing brace, or a parse error inside): its missing lines are not news. */
function isBeingTyped(metric: Metric): boolean {
    const cst = metric.$cstNode;
    if (!cst || !cst.text.trimEnd().endsWith('}')) return true;
    const errors = AstUtils.getDocument(metric).parseResult.parserErrors;
    return errors.some(e => e.token.startOffset >= cst.offset && e.token.startOffset < cst.end);
}
