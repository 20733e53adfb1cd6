/**
 * `needs` requirements per program: for each program, each standard it `applies` and each of
 * that standard's requirements with `needs`, satisfied when every need is: the program has a
 * norm (any, including one not yet in force) for the named metric, or for a metric of the named
 * family. Requirements without `needs` (evidence only) are not reported.
 */
import type { MetricModel, NeedsModel, NormaModel } from '../model/types.js';
import type { RequirementResult } from './types.js';

export function checkRequirements(model: NormaModel, metrics: Map<string, MetricModel>): RequirementResult[] {
    const results: RequirementResult[] = [];
    const normMetrics = new Map<string, Set<string>>();
    for (const n of model.norms) {
        let set = normMetrics.get(n.program);
        if (!set) normMetrics.set(n.program, set = new Set());
        set.add(n.metric);
    }
    for (const program of model.programs) {
        const have = [...(normMetrics.get(program.id) ?? [])];
        for (const standard of program.applies) {
            for (const q of model.requirements) {
                if (q.standard !== standard || q.needs.length === 0) continue;
                const found: string[] = [];
                const missing: string[] = [];
                for (const need of q.needs) {
                    const matching = have.filter(m => fulfils(m, need, metrics));
                    if (matching.length) found.push(`a ${needWords(need)}${need.family ? ` (${matching.join(', ')})` : ''}`);
                    else missing.push(needWords(need));
                }
                const satisfied = missing.length === 0;
                results.push({
                    id: q.id,
                    program: program.id,
                    satisfied,
                    reason: satisfied
                        ? `${program.id} has ${found.join(' and ')}`
                        : `${program.id} has no ${missing.join(' and no ')}, which ${q.id} needs`,
                });
            }
        }
    }
    return results;
}

function fulfils(metric: string, need: NeedsModel, metrics: Map<string, MetricModel>): boolean {
    if (need.metric !== undefined && need.metric !== metric) return false;
    if (need.family !== undefined && metrics.get(metric)?.family !== need.family) return false;
    return need.metric !== undefined || need.family !== undefined;
}

function needWords(need: NeedsModel): string {
    if (need.metric && need.family) return `${need.family} norm for ${need.metric}`;
    if (need.metric) return `norm for ${need.metric}`;
    return `${need.family} norm`;
}
