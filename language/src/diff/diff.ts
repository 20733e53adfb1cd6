/**
 * The semantic diff of two Norma workspaces: what a change *means* for the contract, in
 * domain terms (a norm tightened, a trigger rule relaxed, a profile change reaching three
 * programs), not which lines moved. Pure: resolved model in, changes out.
 *
 * Norms are compared as the engine sees them: the effective norms per program, profile norms
 * merged (a profile change is reported on every program it reaches, naming the profile).
 * Norms of one program and metric are paired by their `from` date; those left unpaired on
 * both sides are paired in date order and reported as an effective date moved.
 *
 * Every change has an `effect`: `tightened` (the contract asks more, or acts sooner),
 * `loosened` (it asks less, acts later, excuses more, or no longer asks) or `neutral`.
 */
import { formatRule, formatValue } from '../engine/format.js';
import type {
    ExclusionModel, MetricModel, MetricUnit, NormModel, NormaModel, ProgramModel, RequirementModel, SourceRef,
} from '../model/types.js';

export type ChangeEffect = 'tightened' | 'loosened' | 'neutral';

export type ChangeKind =
    | 'norm-added' | 'norm-removed' | 'norm-threshold' | 'norm-effective-date' | 'norm-trigger-rule'
    | 'norm-critical-floor' | 'norm-sample-minimum' | 'norm-origin'
    | 'metric-added' | 'metric-removed' | 'metric-unit' | 'metric-direction' | 'metric-period' | 'metric-family'
    | 'program-added' | 'program-removed' | 'program-certified' | 'program-applies' | 'program-uses' | 'program-details'
    | 'requirement-added' | 'requirement-removed' | 'requirement-needs'
    | 'standard-added' | 'standard-removed' | 'standard-version'
    | 'exclusion-added' | 'exclusion-removed' | 'exclusion-changed';

export interface Change {
    kind: ChangeKind;
    effect: ChangeEffect;
    /** What changed, as a reviewer names it: `AcmeBilling ServiceLevel`, `metric ServiceLevel`, `exclusion StormEunice`. */
    subject: string;
    /** The change in plain words, without the subject: `>= 80% -> >= 85% (tightened)`. */
    summary: string;
    program?: string;
    metric?: string;
    /** For a norm change that comes from a profile: the profile (new side, else old side). */
    profile?: string;
    /** Programs the change reaches (metric and profile changes). */
    programs?: string[];
    before?: unknown;
    after?: unknown;
    /** Where it stands: in the new workspace, or in the old one for a removal. */
    source?: SourceRef;
}

export interface DiffResult {
    changes: Change[];
    counts: { tightened: number; loosened: number; neutral: number };
}

export function diffModels(before: NormaModel, after: NormaModel): DiffResult {
    const changes: Change[] = [
        ...diffStandards(before, after),
        ...diffRequirements(before, after),
        ...diffMetrics(before, after),
        ...diffPrograms(before, after),
        ...diffNorms(before, after),
        ...diffExclusions(before, after),
    ];
    const counts = { tightened: 0, loosened: 0, neutral: 0 };
    for (const c of changes) counts[c.effect]++;
    return { changes, counts };
}

// ---------------------------------------------------------------- helpers

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
    return new Map(items.map(i => [i.id, i]));
}

/** Ids in either map, old order first, then the new ones. */
function allIds<T>(a: Map<string, T>, b: Map<string, T>): string[] {
    return [...new Set([...a.keys(), ...b.keys()])];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

function listChange(a: readonly string[], b: readonly string[]): string {
    const added = b.filter(x => !a.includes(x));
    const removed = a.filter(x => !b.includes(x));
    return [added.length ? `adds ${added.join(', ')}` : '', removed.length ? `drops ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
}

function unitText(u: MetricUnit): string {
    return u.kind === 'currency' ? `currency ${u.currency ?? ''}`.trim() : u.kind;
}

function programsUsing(model: NormaModel, metric: string): string[] {
    return [...new Set(model.norms.filter(n => n.metric === metric).map(n => n.program))].sort();
}

// ---------------------------------------------------------------- standards and requirements

function diffStandards(before: NormaModel, after: NormaModel): Change[] {
    const a = byId(before.standards);
    const b = byId(after.standards);
    const out: Change[] = [];
    for (const id of allIds(a, b)) {
        const o = a.get(id);
        const n = b.get(id);
        if (!o && n) out.push({ kind: 'standard-added', effect: 'neutral', subject: `standard ${id}`, summary: `added (${n.title})`, source: n.source });
        else if (o && !n) out.push({ kind: 'standard-removed', effect: 'loosened', subject: `standard ${id}`, summary: `removed (${o.title})`, source: o.source });
        else if (o && n && o.version !== n.version) {
            out.push({
                kind: 'standard-version', effect: 'neutral', subject: `standard ${id}`,
                summary: `version ${o.version ?? '(none)'} -> ${n.version ?? '(none)'}`,
                before: o.version, after: n.version, source: n.source,
            });
        }
    }
    return out;
}

function needsText(r: RequirementModel): string[] {
    return r.needs.map(n => (n.family ? `family ${n.family}` : `metric ${n.metric}`));
}

function applyingPrograms(model: NormaModel, standard: string): string[] {
    return model.programs.filter(p => p.applies.includes(standard)).map(p => p.id);
}

function diffRequirements(before: NormaModel, after: NormaModel): Change[] {
    const a = byId(before.requirements);
    const b = byId(after.requirements);
    const out: Change[] = [];
    for (const id of allIds(a, b)) {
        const o = a.get(id);
        const n = b.get(id);
        if (!o && n) {
            const needs = needsText(n);
            out.push({
                kind: 'requirement-added', effect: needs.length ? 'tightened' : 'neutral', subject: `requirement ${id}`,
                summary: `added: "${n.title}"${needs.length ? ` (needs a norm for ${needs.join(', ')})` : ''}`,
                programs: applyingPrograms(after, n.standard), source: n.source,
            });
        } else if (o && !n) {
            out.push({
                kind: 'requirement-removed', effect: o.needs.length ? 'loosened' : 'neutral', subject: `requirement ${id}`,
                summary: `removed: "${o.title}"`, programs: applyingPrograms(before, o.standard), source: o.source,
            });
        } else if (o && n && !sameList(needsText(o), needsText(n))) {
            const on = needsText(o);
            const nn = needsText(n);
            const effect: ChangeEffect = nn.every(x => on.includes(x)) ? 'loosened' : on.every(x => nn.includes(x)) ? 'tightened' : 'neutral';
            out.push({
                kind: 'requirement-needs', effect, subject: `requirement ${id}`,
                summary: `needs ${on.join(', ') || 'nothing'} -> ${nn.join(', ') || 'nothing'}`,
                before: on, after: nn, programs: applyingPrograms(after, n.standard), source: n.source,
            });
        }
    }
    return out;
}

// ---------------------------------------------------------------- metrics

function diffMetrics(before: NormaModel, after: NormaModel): Change[] {
    const a = byId(before.metrics);
    const b = byId(after.metrics);
    const out: Change[] = [];
    for (const id of allIds(a, b)) {
        const o = a.get(id);
        const n = b.get(id);
        const subject = `metric ${id}`;
        if (!o && n) {
            out.push({ kind: 'metric-added', effect: 'neutral', subject, metric: id, summary: `added (${n.family}, ${unitText(n.unit)}, better ${n.better}, ${n.period})`, source: n.source });
            continue;
        }
        if (o && !n) {
            out.push({ kind: 'metric-removed', effect: 'neutral', subject, metric: id, summary: 'removed', programs: programsUsing(before, id), source: o.source });
            continue;
        }
        if (!o || !n) continue;
        const programs = [...new Set([...programsUsing(before, id), ...programsUsing(after, id)])].sort();
        const push = (kind: ChangeKind, what: string, x: string, y: string) => out.push({
            kind, effect: 'neutral', subject, metric: id, programs,
            summary: `${what} ${x} -> ${y}${programs.length ? `; touches ${programs.join(', ')}` : ''}`,
            before: x, after: y, source: n.source,
        });
        if (unitText(o.unit) !== unitText(n.unit)) push('metric-unit', 'unit', unitText(o.unit), unitText(n.unit));
        if (o.better !== n.better) push('metric-direction', 'better', o.better, n.better);
        if (o.period !== n.period) push('metric-period', 'period', o.period, n.period);
        if (o.family !== n.family) push('metric-family', 'family', o.family, n.family);
    }
    return out;
}

// ---------------------------------------------------------------- programs

function diffPrograms(before: NormaModel, after: NormaModel): Change[] {
    const a = byId(before.programs);
    const b = byId(after.programs);
    const out: Change[] = [];
    for (const id of allIds(a, b)) {
        const o = a.get(id);
        const n = b.get(id);
        if (!o && n) {
            out.push({ kind: 'program-added', effect: 'neutral', subject: `program ${id}`, program: id, summary: `added (${n.title})`, source: n.source });
            continue;
        }
        if (o && !n) {
            out.push({ kind: 'program-removed', effect: 'loosened', subject: `program ${id}`, program: id, summary: `removed (${o.title})`, source: o.source });
            continue;
        }
        if (o && n) out.push(...programDetails(o, n));
    }
    return out;
}

function programDetails(o: ProgramModel, n: ProgramModel): Change[] {
    const out: Change[] = [];
    const subject = `program ${n.id}`;
    if (o.certified !== n.certified) {
        out.push({
            kind: 'program-certified', effect: 'neutral', subject, program: n.id,
            summary: `certified ${o.certified ?? '(none)'} -> ${n.certified ?? '(none)'}`,
            before: o.certified, after: n.certified, source: n.source,
        });
    }
    if (!sameList(o.applies, n.applies)) {
        out.push({
            kind: 'program-applies', effect: n.applies.every(s => o.applies.includes(s)) ? 'loosened' : 'tightened', subject, program: n.id,
            summary: `applies ${o.applies.join(', ') || '(none)'} -> ${n.applies.join(', ') || '(none)'} (${listChange(o.applies, n.applies)})`,
            before: o.applies, after: n.applies, source: n.source,
        });
    }
    if (o.profiles.join(',') !== n.profiles.join(',')) {
        out.push({
            kind: 'program-uses', effect: 'neutral', subject, program: n.id,
            summary: `uses ${o.profiles.join(', ') || '(no profile)'} -> ${n.profiles.join(', ') || '(no profile)'}; its norm changes are listed below`,
            before: o.profiles, after: n.profiles, source: n.source,
        });
    }
    for (const key of ['title', 'client', 'provider', 'channel'] as const) {
        if (o[key] !== n[key]) {
            out.push({
                kind: 'program-details', effect: 'neutral', subject, program: n.id,
                summary: `${key} ${JSON.stringify(o[key])} -> ${JSON.stringify(n[key])}`,
                before: o[key], after: n[key], source: n.source,
            });
        }
    }
    return out;
}

// ---------------------------------------------------------------- norms

interface Interval { lo: number; loIn: boolean; hi: number; hiIn: boolean }

/** The values that meet a norm, as an interval. */
function metSet(n: Pick<NormModel, 'op' | 'target' | 'high'>): Interval {
    switch (n.op) {
        case '>=': return { lo: n.target, loIn: true, hi: Infinity, hiIn: false };
        case '>': return { lo: n.target, loIn: false, hi: Infinity, hiIn: false };
        case '<=': return { lo: -Infinity, loIn: false, hi: n.target, hiIn: true };
        case '<': return { lo: -Infinity, loIn: false, hi: n.target, hiIn: false };
        default: return { lo: n.target, loIn: true, hi: n.high ?? n.target, hiIn: true };
    }
}

/** a's lower end is at least as strict as b's (a starts no earlier). */
function loAtLeast(a: Interval, b: Interval): boolean {
    return a.lo > b.lo || (a.lo === b.lo && (!a.loIn || b.loIn));
}
function hiAtMost(a: Interval, b: Interval): boolean {
    return a.hi < b.hi || (a.hi === b.hi && (!a.hiIn || b.hiIn));
}
function contains(outer: Interval, inner: Interval): boolean {
    return loAtLeast(inner, outer) && hiAtMost(inner, outer);
}

/**
 * How a comparison moved: narrower met-set = tightened, wider = loosened. When neither holds
 * (a `between` shifted, a direction flipped), the side that matters for the metric decides:
 * the low end for a higher-is-better metric, the high end for a lower-is-better one.
 */
export function thresholdEffect(
    o: Pick<NormModel, 'op' | 'target' | 'high'>, n: Pick<NormModel, 'op' | 'target' | 'high'>, better: 'higher' | 'lower',
): ChangeEffect {
    const a = metSet(o);
    const b = metSet(n);
    const eq = a.lo === b.lo && a.loIn === b.loIn && a.hi === b.hi && a.hiIn === b.hiIn;
    if (eq) return 'neutral';
    if (contains(a, b)) return 'tightened';
    if (contains(b, a)) return 'loosened';
    if (better === 'higher') {
        if (a.lo === b.lo && a.loIn === b.loIn) return 'neutral';
        return loAtLeast(b, a) ? 'tightened' : 'loosened';
    }
    if (a.hi === b.hi && a.hiIn === b.hiIn) return 'neutral';
    return hiAtMost(b, a) ? 'tightened' : 'loosened';
}

function normsByKey(model: NormaModel): Map<string, NormModel[]> {
    const map = new Map<string, NormModel[]>();
    for (const n of model.norms) {
        const key = `${n.program}\u0000${n.metric}`;
        const list = map.get(key);
        if (list) list.push(n);
        else map.set(key, [n]);
    }
    return map;
}

function normSubject(n: NormModel): string {
    return `${n.program} ${n.metric}${n.from ? ` from ${n.from}` : ''}`;
}

function normText(n: NormModel, unit: MetricUnit | undefined): string {
    return `${formatRule(n, unit)}${n.from ? ` from ${n.from}` : ''}`;
}

function via(n: NormModel): string {
    return n.profile ? ` (via profile ${n.profile})` : '';
}

function diffNorms(before: NormaModel, after: NormaModel): Change[] {
    const a = normsByKey(before);
    const b = normsByKey(after);
    const oldMetrics = byId(before.metrics);
    const newMetrics = byId(after.metrics);
    const out: Change[] = [];
    for (const key of allIds(a, b)) {
        const olds = a.get(key) ?? [];
        const news = b.get(key) ?? [];
        const pairs: [NormModel, NormModel][] = [];
        const leftOld = olds.filter(o => {
            const n = news.find(x => x.from === o.from);
            if (n) pairs.push([o, n]);
            return !n;
        });
        const leftNew = news.filter(n => !olds.some(o => o.from === n.from));
        // Unpaired norms on both sides, in date order: the same norm with a moved effective date.
        const moved = Math.min(leftOld.length, leftNew.length);
        for (let i = 0; i < moved; i++) pairs.push([leftOld[i], leftNew[i]]);
        for (const o of leftOld.slice(moved)) {
            const unit = oldMetrics.get(o.metric)?.unit;
            out.push({
                kind: 'norm-removed', effect: 'loosened', subject: normSubject(o), program: o.program, metric: o.metric,
                ...(o.profile ? { profile: o.profile } : {}),
                summary: `norm ${normText(o, unit)} removed${via(o)}`, before: o, source: o.source,
            });
        }
        for (const n of leftNew.slice(moved)) {
            const unit = newMetrics.get(n.metric)?.unit;
            out.push({
                kind: 'norm-added', effect: 'tightened', subject: normSubject(n), program: n.program, metric: n.metric,
                ...(n.profile ? { profile: n.profile } : {}),
                summary: `norm ${normText(n, unit)} added${via(n)}`, after: n, source: n.source,
            });
        }
        pairs.sort((x, y) => (x[1].from ?? '').localeCompare(y[1].from ?? ''));
        for (const [o, n] of pairs) out.push(...normChanges(o, n, oldMetrics.get(o.metric), newMetrics.get(n.metric)));
    }
    return out;
}

function normChanges(o: NormModel, n: NormModel, oldMetric: MetricModel | undefined, newMetric: MetricModel | undefined): Change[] {
    const out: Change[] = [];
    const base = {
        subject: normSubject(n), program: n.program, metric: n.metric,
        ...(n.profile ?? o.profile ? { profile: (n.profile ?? o.profile)! } : {}),
        source: n.source,
    };
    const ou = oldMetric?.unit;
    const nu = newMetric?.unit;
    const better = newMetric?.better ?? 'higher';
    const v = via(n) || via(o);
    if (o.from !== n.from) {
        out.push({
            ...base, subject: `${n.program} ${n.metric}`, kind: 'norm-effective-date', effect: 'neutral',
            summary: `norm ${formatRule(n, nu)} in force from ${o.from ?? 'the beginning'} -> ${n.from ?? 'the beginning'}${v}`,
            before: o.from, after: n.from,
        });
    }
    if (o.op !== n.op || o.target !== n.target || (o.high ?? null) !== (n.high ?? null)) {
        const effect = thresholdEffect(o, n, better);
        out.push({
            ...base, kind: 'norm-threshold', effect,
            summary: `${formatRule(o, ou)} -> ${formatRule(n, nu)}${v}`,
            before: { op: o.op, target: o.target, high: o.high }, after: { op: n.op, target: n.target, high: n.high },
        });
    }
    if (o.consecutive !== n.consecutive) {
        const effect: ChangeEffect = n.consecutive < o.consecutive ? 'tightened' : 'loosened';
        out.push({
            ...base, kind: 'norm-trigger-rule', effect,
            summary: `acts after ${o.consecutive} -> ${n.consecutive} consecutive misses${v}`,
            before: o.consecutive, after: n.consecutive,
        });
    }
    const floorText = (f: NormModel['critical'], u: MetricUnit | undefined) => (f ? `act immediately ${f.side} ${formatValue(f.threshold, u)}` : 'no critical floor');
    if ((o.critical?.side ?? null) !== (n.critical?.side ?? null) || (o.critical?.threshold ?? null) !== (n.critical?.threshold ?? null)) {
        let effect: ChangeEffect;
        if (!o.critical) effect = 'tightened';
        else if (!n.critical) effect = 'loosened';
        else if (o.critical.side !== n.critical.side) effect = 'neutral';
        else effect = (n.critical.side === 'below') === (n.critical.threshold > o.critical.threshold) ? 'tightened' : 'loosened';
        out.push({
            ...base, kind: 'norm-critical-floor', effect,
            summary: `${floorText(o.critical, ou)} -> ${floorText(n.critical, nu)}${v}`,
            before: o.critical, after: n.critical,
        });
    }
    if (o.sampleMinimum !== n.sampleMinimum) {
        // A higher minimum leaves more points unsampled: neither met nor missed.
        const effect: ChangeEffect = (n.sampleMinimum ?? 0) > (o.sampleMinimum ?? 0) ? 'loosened' : 'tightened';
        const s = (x: number | null) => (x === null ? 'no sample minimum' : `sample at least ${x}`);
        out.push({
            ...base, kind: 'norm-sample-minimum', effect,
            summary: `${s(o.sampleMinimum)} -> ${s(n.sampleMinimum)}${v}`,
            before: o.sampleMinimum, after: n.sampleMinimum,
        });
    }
    if (o.profile !== n.profile) {
        const where = (p: string | null) => (p ? `profile ${p}` : `program ${n.program}`);
        out.push({
            ...base, kind: 'norm-origin', effect: 'neutral',
            summary: `norm ${formatRule(n, nu)} now comes from ${where(n.profile)} (was ${where(o.profile)})`,
            before: o.profile, after: n.profile,
        });
    }
    return out;
}

// ---------------------------------------------------------------- exclusions

function exclusionScope(e: ExclusionModel): string {
    const periods = e.start === e.end ? e.start : `${e.start} to ${e.end}`;
    return `${e.programs.join(', ') || 'every program'}; ${e.metrics.join(', ') || 'every metric'}; ${periods}`;
}

function diffExclusions(before: NormaModel, after: NormaModel): Change[] {
    const a = byId(before.exclusions);
    const b = byId(after.exclusions);
    const out: Change[] = [];
    for (const id of allIds(a, b)) {
        const o = a.get(id);
        const n = b.get(id);
        const subject = `exclusion ${id}`;
        if (!o && n) {
            out.push({
                kind: 'exclusion-added', effect: 'loosened', subject, programs: n.programs,
                summary: `added: "${n.title}" (${exclusionScope(n)}; approved by ${n.approver ?? 'nobody'}${n.expires ? `; expires ${n.expires}` : ''})`,
                after: n, source: n.source,
            });
        } else if (o && !n) {
            out.push({
                kind: 'exclusion-removed', effect: 'tightened', subject, programs: o.programs,
                summary: `removed: "${o.title}" (${exclusionScope(o)})`, before: o, source: o.source,
            });
        } else if (o && n) {
            const parts: string[] = [];
            if (exclusionScope(o) !== exclusionScope(n)) parts.push(`scope ${exclusionScope(o)} -> ${exclusionScope(n)}`);
            if (o.expires !== n.expires) parts.push(`expires ${o.expires ?? '(never)'} -> ${n.expires ?? '(never)'}`);
            if (o.approver !== n.approver) parts.push(`approved by ${o.approver ?? 'nobody'} -> ${n.approver ?? 'nobody'}`);
            if (o.title !== n.title) parts.push(`title "${o.title}" -> "${n.title}"`);
            if (parts.length) {
                out.push({
                    kind: 'exclusion-changed', effect: exclusionEffect(o, n), subject, programs: n.programs,
                    summary: parts.join('; '), before: o, after: n, source: n.source,
                });
            }
        }
    }
    return out;
}

/** Wider scope or a later expiry excuses more: loosened; the reverse tightens. */
function exclusionEffect(o: ExclusionModel, n: ExclusionModel): ChangeEffect {
    const wider = (x: string[], y: string[]) => (y.length === 0 && x.length > 0) || (x.length > 0 && x.every(i => y.includes(i)) && y.length > x.length);
    const looser = wider(o.programs, n.programs) || wider(o.metrics, n.metrics) || n.start < o.start || n.end > o.end
        || (n.expires ?? '9999') > (o.expires ?? '9999');
    const tighter = wider(n.programs, o.programs) || wider(n.metrics, o.metrics) || n.start > o.start || n.end < o.end
        || (n.expires ?? '9999') < (o.expires ?? '9999');
    return looser && !tighter ? 'loosened' : tighter && !looser ? 'tightened' : 'neutral';
}
