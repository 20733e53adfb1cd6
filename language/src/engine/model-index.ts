/** Lookups over the model that the data checks and the evaluation share. */
import type { MetricModel, NormaModel } from '../model/types.js';
import { didYouMean } from './suggest.js';

export interface ModelIndex {
    programs: Set<string>;
    metrics: Map<string, MetricModel>;
    /** ` Did you mean 'X'?` for an unknown program, cached per name. */
    suggestProgram(name: string): string;
    suggestMetric(name: string): string;
}

export function indexModel(model: NormaModel): ModelIndex {
    const programs = new Set(model.programs.map(p => p.id));
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const programHints = new Map<string, string>();
    const metricHints = new Map<string, string>();
    const hint = (cache: Map<string, string>, names: Iterable<string>, name: string): string => {
        let h = cache.get(name);
        if (h === undefined) {
            h = didYouMean(name, names);
            cache.set(name, h);
        }
        return h;
    };
    return {
        programs,
        metrics,
        suggestProgram: name => hint(programHints, programs, name),
        suggestMetric: name => hint(metricHints, metrics.keys(), name),
    };
}
