/** How values and rules read in reports: `80%`, `6min`, `EUR 3.10`, `ServiceLevel >= 80%`. Shared by the formats. */
import type { MetricModel, NormaModel } from '../../../language/src/model/types.js';
import type { NormRef, Verdict } from '../../../language/src/engine/types.js';

export function formatValue(value: number, metric: MetricModel | undefined): string {
    const round = (n: number) => String(Math.round(n * 100) / 100);
    switch (metric?.unit.kind) {
        case 'percent': return `${round(value)}%`;
        case 'minutes': return value % 60 === 0 ? `${value / 60}min` : `${round(value)}s`;
        case 'hours': return value % 3600 === 0 ? `${value / 3600}h` : value % 60 === 0 ? `${value / 60}min` : `${round(value)}s`;
        case 'seconds': return `${round(value)}s`;
        case 'currency': return `${metric.unit.currency} ${value.toFixed(2)}`;
        default: return round(value);
    }
}

export function formatRule(norm: NormRef, metric: MetricModel | undefined): string {
    const bound = norm.op === 'between'
        ? `between ${formatValue(norm.target, metric)} and ${formatValue(norm.high ?? norm.target, metric)}`
        : `${norm.op} ${formatValue(norm.target, metric)}`;
    return `${metric?.id ?? ''} ${bound}${norm.from ? ` from ${norm.from}` : ''}`.trim();
}

export function metricsById(model: NormaModel): Map<string, MetricModel> {
    return new Map(model.metrics.map(m => [m.id, m]));
}

/** Verdict words for people: `action required`, `no data`. */
export function verdictWords(verdict: Verdict): string {
    return verdict.replace('-', ' ');
}

/** Verdicts that fail the gate by default (SPEC §3). */
export const FAILING_VERDICTS: readonly Verdict[] = ['action-required', 'overdue', 'no-data'];

export const VERDICT_ORDER: readonly Verdict[] = ['action-required', 'overdue', 'no-data', 'at-risk', 'action-planned', 'met'];
