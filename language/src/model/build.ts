/**
 * Builds the resolved semantic model from parsed, linked documents: units normalised,
 * profile norms merged under a program's own, norm windows computed. Runs only on a
 * workspace without errors (the validator reports what is wrong); it skips what it cannot
 * resolve rather than guessing.
 */
import type { AstNode, LangiumDocument } from 'langium';
import {
    isBound, isConsecutiveMisses, isDataWithin, isRespondWithin, isCriticalFloor, isExclusion, isMetric, isProfile, isProgram, isRange,
    isSampleMinimum, isSamplePrecision, isSource, isStandard,
    type Exclusion, type Metric, type Norm, type Program, type Standard, type Workspace,
} from '../generated/ast.js';
import {
    exclusionApprover, exclusionExpires, exclusionMetrics, exclusionPeriods, exclusionPrograms, metricBetter,
    metricDataWithin, metricDescription, metricFamily, metricPeriod, metricUnit, programApplies, programCertified, programChannel,
    programClient, programProvider, programStaffing, programUses,
} from './ast-access.js';
import type {
    Better, Channel, ExclusionModel, Family, Grain, MetricModel, MetricUnit, NormModel, NormaModel, ProgramModel,
    RequirementModel, SourceRef, StandardModel, UnitKind,
} from './types.js';
import { toMetricUnit } from './units.js';
import { formulaModel, recordsModels, sourceModel } from './build-records.js';

/** Tells where a node stands; the caller decides how file paths are written. */
export type Locate = (node: AstNode) => SourceRef;

export const DEFAULT_CONSECUTIVE_MISSES = 3;

export function buildModel(documents: readonly LangiumDocument[], locate: Locate): NormaModel {
    const roots = documents.map(d => d.parseResult.value as Workspace);
    const elements = roots.flatMap(r => r.elements);
    const metrics = elements.filter(isMetric).map(m => metricModel(m, locate));
    const metricsById = new Map(metrics.map(m => [m.id, m]));
    const standards = elements.filter(isStandard);
    const programs = elements.filter(isProgram);
    const sources = sortById(elements.filter(isSource).map(s => sourceModel(s, locate)));
    return {
        schema: 1,
        standards: standards.map(s => standardModel(s, locate)),
        requirements: standards.flatMap(s => requirementModels(s, locate)),
        metrics: sortById(metrics),
        programs: sortById(programs.map(p => programModel(p, locate))),
        norms: programs.flatMap(p => programNorms(p, metricsById, locate)).sort(byProgramMetricFrom),
        exclusions: sortById(elements.filter(isExclusion).map(e => exclusionModel(e, locate))),
        ...(sources.length > 0 ? { sources } : {}),
    };
}

export function metricModel(m: Metric, locate: Locate): MetricModel {
    const unit = metricUnit(m);
    return {
        id: m.name,
        title: m.title ?? m.name,
        family: (metricFamily(m)?.value ?? 'service') as Family,
        unit: unitModel(unit?.value, unit?.currency),
        better: (metricBetter(m)?.value ?? 'higher') as Better,
        period: (metricPeriod(m)?.value ?? 'daily') as Grain,
        ...(metricDescription(m) ? { description: metricDescription(m)!.value } : {}),
        ...(metricPeriod(m)?.weekStart === 'sunday' ? { weekStart: 'sunday' as const } : {}),
        ...withFormula(formulaModel(m)),
        dataWithin: metricDataWithin(m) ? Number(metricDataWithin(m)!.count) : null,
        source: locate(m),
    };
}

export function unitModel(kind: string | undefined, currency: string | undefined): MetricUnit {
    return kind === 'currency' ? { kind: 'currency', currency: currency ?? '' } : { kind: (kind ?? 'count') as UnitKind };
}

function withFormula(formula: MetricModel['formula']): Pick<MetricModel, 'formula'> {
    return formula ? { formula } : {};
}

function withRecords(records: NonNullable<ProgramModel['records']>): Pick<ProgramModel, 'records'> {
    return records.length > 0 ? { records } : {};
}

function standardModel(s: Standard, locate: Locate): StandardModel {
    return {
        id: s.name,
        title: s.title ?? s.name,
        version: s.version ?? null,
        passMark: s.passMark ? percentOf(s.passMark.value) : null,
        categories: s.categories.map(c => ({
            id: `${s.name}.${c.name}`,
            name: c.name,
            title: c.title ?? c.name,
            requirements: c.requirements.map(r => `${s.name}.${c.name}.${r.name}`),
        })),
        source: locate(s),
    };
}

function requirementModels(s: Standard, locate: Locate): RequirementModel[] {
    return s.categories.flatMap(c => c.requirements.map(r => ({
        id: `${s.name}.${c.name}.${r.name}`,
        standard: s.name,
        category: c.name,
        name: r.name,
        title: r.title ?? r.name,
        evidence: r.evidence.map(e => e.kind),
        needs: r.needs.map(n => n.family !== undefined
            ? { family: n.family as Family }
            : { metric: n.metric?.ref?.name ?? n.metric?.$refText ?? '' }),
        points: r.points.length ? wholeOf(r.points[0].value) : null,
        source: locate(r),
    })));
}

/** The staffing roles a program names; absent without `staffing`, or without its two required roles (an error). */
function withStaffing(p: Program, locate: Locate): Pick<ProgramModel, 'staffing'> {
    const block = programStaffing(p);
    if (!block) return {};
    const byRole = new Map(block.entries.map(e => [e.role, e.metric?.ref?.name ?? e.metric?.$refText ?? ''] as const));
    const offered = byRole.get('offered');
    const handle = byRole.get('handle');
    if (!offered || !handle) return {};
    const patience = byRole.get('patience');
    const agents = byRole.get('agents');
    return { staffing: { offered, handle, ...(patience ? { patience } : {}), ...(agents ? { agents } : {}), source: locate(block) } };
}

/** `85%` -> 85; undefined-safe for text the validator rejects. */
function percentOf(text: string): number | null {
    const m = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(text);
    return m ? Number(m[1]) : null;
}

function wholeOf(text: string): number | null {
    return /^[0-9]+$/.test(text) ? Number(text) : null;
}

function programModel(p: Program, locate: Locate): ProgramModel {
    return {
        id: p.name,
        title: p.title ?? p.name,
        client: programClient(p)?.value ?? null,
        provider: programProvider(p)?.value ?? null,
        channel: (programChannel(p)?.value ?? null) as Channel | null,
        applies: programApplies(p).flatMap(a => a.standards.map(s => s.ref?.name ?? s.$refText)),
        certified: programCertified(p)?.date ?? null,
        profiles: programUses(p).flatMap(u => u.profiles.map(s => s.ref?.name ?? s.$refText)),
        ...withRecords(recordsModels(p)),
        ...withStaffing(p, locate),
        source: locate(p),
    };
}

/**
 * A program's norms in force: its own, plus each used profile's norms for the metrics the
 * program does not declare (a program's norm for a metric replaces all the profile's for it).
 */
export function effectiveNorms(p: Program): { norm: Norm; profile: string | null }[] {
    const own = p.norms.map(norm => ({ norm, profile: null as string | null }));
    const declared = new Set(p.norms.map(n => n.metric?.ref?.name ?? n.metric?.$refText));
    const inherited: { norm: Norm; profile: string | null }[] = [];
    for (const ref of programUses(p).flatMap(u => u.profiles)) {
        const profile = ref.ref;
        if (!isProfile(profile)) continue;
        for (const norm of profile.norms) {
            const metric = norm.metric?.ref?.name ?? norm.metric?.$refText;
            if (!declared.has(metric)) inherited.push({ norm, profile: profile.name });
        }
    }
    return [...own, ...inherited];
}

function programNorms(p: Program, metrics: Map<string, MetricModel>, locate: Locate): NormModel[] {
    const norms: NormModel[] = [];
    for (const { norm, profile } of effectiveNorms(p)) {
        const metric = metrics.get(norm.metric?.ref?.name ?? '');
        if (!metric) continue;
        const model = normModel(p.name, norm, metric, profile, locate);
        if (model) norms.push(model);
    }
    return withWindows(norms);
}

/** One norm as written (its window's end is set later), or undefined when a threshold does not convert. */
export function normModel(program: string, norm: Norm, metric: MetricModel, profile: string | null, locate: Locate): NormModel | undefined {
    const convert = (q: { value: string; currency?: string } | undefined) => {
        if (!q?.value) return undefined;
        const c = toMetricUnit(q, metric.unit);
        return c.ok ? { value: c.value, exact: c.exact } : undefined;
    };
    const c = norm.comparison;
    let op: NormModel['op'];
    let target: { value: number; exact: string } | undefined;
    let high: { value: number; exact: string } | undefined;
    if (isBound(c)) {
        op = c.op as NormModel['op'];
        target = convert(c.threshold);
    } else if (isRange(c)) {
        op = 'between';
        target = convert(c.low);
        high = convert(c.high);
        if (high === undefined) return undefined;
    } else {
        return undefined;
    }
    if (target === undefined) return undefined;
    const consecutive = norm.options.find(isConsecutiveMisses);
    const floor = norm.options.find(isCriticalFloor);
    const sample = norm.options.find(isSampleMinimum);
    const respond = norm.options.find(isRespondWithin);
    const dataWithin = norm.options.find(isDataWithin);
    const precision = norm.options.find(isSamplePrecision);
    const confidence = precision ? percentOf(precision.confidence) : null;
    const margin = precision ? percentOf(precision.margin) : null;
    const floorValue = floor ? convert(floor.threshold) : undefined;
    return {
        id: `${program}.${metric.id}${norm.from ? '@' + norm.from : ''}`,
        program,
        metric: metric.id,
        op,
        target: target.value,
        targetExact: target.exact,
        ...(high !== undefined ? { high: high.value, highExact: high.exact } : {}),
        from: norm.from ?? null,
        until: null,
        consecutive: consecutive ? Number(consecutive.count) : DEFAULT_CONSECUTIVE_MISSES,
        missWindow: consecutive?.window !== undefined ? Number(consecutive.window) : null,
        respondWithin: respond ? Number(respond.count) : null,
        dataWithin: dataWithin ? Number(dataWithin.count) : metric.dataWithin ?? null,
        critical: floor && floorValue !== undefined ? { side: floor.side as 'below' | 'above', threshold: floorValue.value, thresholdExact: floorValue.exact } : null,
        sampleMinimum: sample ? Number(sample.count) : null,
        samplePrecision: confidence !== null && margin !== null ? { confidence, margin } : null,
        profile,
        source: locate(norm),
    };
}

/** Each norm runs until the next norm for the same program and metric starts. */
function withWindows(norms: NormModel[]): NormModel[] {
    const sorted = [...norms].sort(byProgramMetricFrom);
    for (let i = 0; i < sorted.length; i++) {
        const next = sorted[i + 1];
        if (next && next.program === sorted[i].program && next.metric === sorted[i].metric) {
            sorted[i].until = next.from;
        }
    }
    return sorted;
}

function exclusionModel(e: Exclusion, locate: Locate): ExclusionModel {
    const periods = exclusionPeriods(e);
    return {
        id: e.name,
        title: e.title ?? e.name,
        programs: exclusionPrograms(e).flatMap(p => p.programs.map(r => r.ref?.name ?? r.$refText)),
        metrics: exclusionMetrics(e).flatMap(m => m.metrics.map(r => r.ref?.name ?? r.$refText)),
        start: periods?.start ?? '',
        end: periods?.end ?? periods?.start ?? '',
        approver: exclusionApprover(e)?.approver ?? null,
        expires: exclusionExpires(e)?.date ?? null,
        source: locate(e),
    };
}

function byProgramMetricFrom(a: NormModel, b: NormModel): number {
    return compare(a.program, b.program) || compare(a.metric, b.metric) || compare(a.from ?? '', b.from ?? '');
}

function sortById<T extends { id: string }>(items: T[]): T[] {
    return items.sort((a, b) => compare(a.id, b.id));
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
