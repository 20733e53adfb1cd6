/** How values and rules read in reports: `80%`, `6min`, `EUR 3.10`, `ServiceLevel >= 80%`. Shared by the formats; the engine's formatters do the work. */
import type { MetricModel, NormaModel } from '../../../language/src/model/types.js';
import type { NormRef, Verdict } from '../../../language/src/engine/types.js';
import { formatRule as formatEngineRule, formatValue as formatEngineValue } from '../../../language/src/engine/format.js';

/** Values as the engine writes them in reasons (`80%`, `5min 31s`, `EUR 3.10`): one formatter for every report. */
export function formatValue(value: number, metric: MetricModel | undefined): string {
    return formatEngineValue(value, metric?.unit);
}

/** `ServiceLevel >= 80% from 2026-08-01`. */
export function formatRule(norm: NormRef, metric: MetricModel | undefined): string {
    return `${metric?.id ?? ''} ${formatEngineRule(norm, metric?.unit)}${norm.from ? ` from ${norm.from}` : ''}`.trim();
}

export function metricsById(model: NormaModel): Map<string, MetricModel> {
    return new Map(model.metrics.map(m => [m.id, m]));
}

/** Verdict words for people: `action required`, `no data`. */
export function verdictWords(verdict: Verdict): string {
    return verdict.replace('-', ' ');
}

/** Verdicts that fail the gate by default (SPEC §3). */
export const FAILING_VERDICTS: readonly Verdict[] = ['action-required', 'overdue', 'stale', 'no-data'];

export const VERDICT_ORDER: readonly Verdict[] = ['action-required', 'overdue', 'stale', 'no-data', 'at-risk', 'action-planned', 'met'];
