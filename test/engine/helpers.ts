/** Small inline models for engine tests. */
import type {
    ExclusionModel, MetricModel, NormModel, NormaModel, ProgramModel, RequirementModel,
} from '../../language/src/model/types.js';
import type { Action, Measurement } from '../../language/src/engine/index.js';

const src = (line = 1) => ({ file: 'programs/acme.norma', line, column: 5 });

/**
 * A metric; its data may be ten years old before a norm goes stale, so that tests of other rules
 * can check as of any day (freshness tests give `dataWithin: null` for the default allowance).
 */
export function metric(id: string, over: Partial<MetricModel> = {}): MetricModel {
    return {
        id, title: id, family: 'service', unit: { kind: 'percent' }, better: 'higher', period: 'daily',
        dataWithin: 3650, source: src(), ...over,
    };
}

export function program(id: string, over: Partial<ProgramModel> = {}): ProgramModel {
    return {
        id, title: id, client: null, provider: null, channel: null, applies: [], certified: null, profiles: [],
        source: src(), ...over,
    };
}

export function norm(programId: string, metricId: string, over: Partial<NormModel> = {}): NormModel {
    const from = over.from ?? null;
    return {
        id: from ? `${programId}.${metricId}@${from}` : `${programId}.${metricId}`,
        program: programId, metric: metricId, op: '>=', target: 80, from: null, until: null,
        consecutive: 3, critical: null, sampleMinimum: null, profile: null, source: src(12), ...over,
    };
}

export function exclusion(id: string, over: Partial<ExclusionModel> = {}): ExclusionModel {
    return {
        id, title: id, programs: ['Acme'], metrics: ['SL'], start: '2026-01-01', end: '2026-01-01',
        approver: null, expires: null, source: src(), ...over,
    };
}

export function requirement(id: string, over: Partial<RequirementModel> = {}): RequirementModel {
    const [standard, category, name] = id.split('.');
    return { id, standard, category, name, title: id, evidence: [], needs: [], source: src(), ...over };
}

export interface ModelParts {
    metrics?: MetricModel[];
    programs?: ProgramModel[];
    norms?: NormModel[];
    exclusions?: ExclusionModel[];
    requirements?: RequirementModel[];
}

/** A model with program Acme, metric SL (daily percent, higher is better) and norm SL >= 80 unless told otherwise. */
export function model(parts: ModelParts = {}): NormaModel {
    return {
        schema: 1,
        standards: [],
        requirements: parts.requirements ?? [],
        metrics: parts.metrics ?? [metric('SL')],
        programs: parts.programs ?? [program('Acme')],
        norms: parts.norms ?? [norm('Acme', 'SL')],
        exclusions: parts.exclusions ?? [],
    };
}

/** `2026-01-01` + n days. */
export function day(n: number, start = '2026-01-01'): string {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
}

/** Daily rows for Acme/SL from 2026-01-01, one per value (a value of [v, sample] carries a sample). */
export function series(values: (number | [number, number | null])[], programId = 'Acme', metricId = 'SL', start = '2026-01-01'): Measurement[] {
    return values.map((v, i) => Array.isArray(v)
        ? { program: programId, metric: metricId, period: day(i, start), value: v[0], sample: v[1] }
        : { program: programId, metric: metricId, period: day(i, start), value: v });
}

export function action(opened: string, over: Partial<Action> = {}): Action {
    return { program: 'Acme', metric: 'SL', opened, owner: 'Dana', due: null, closed: null, result: null, ...over };
}
