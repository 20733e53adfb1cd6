/**
 * Requirement coverage (`norma validate --coverage`): per standard and category, which
 * requirements are backed by a norm in every program that applies the standard, which
 * metrics no norm uses, and which norms no norm test exercises. Pure: model (and the norm
 * ids the tests exercise) in, report out.
 *
 * A requirement with `needs` is *covered* when every applying program has a norm (its own or
 * from a profile) for each need (the family, or the metric); *partial* when some programs lack
 * one (they are named); *no programs* when no program applies the standard. A requirement
 * without `needs` is backed by evidence, not norms: *evidence*.
 */
import type { NormaModel } from '../model/types.js';

export type RequirementCoverageStatus = 'covered' | 'partial' | 'evidence' | 'no-programs';

export interface RequirementCoverage {
    id: string;
    title: string;
    status: RequirementCoverageStatus;
    needs: string[];
    evidence: string[];
    programs: string[];
    /** Applying programs that lack a norm for a need, with what they lack. */
    missing: { program: string; needs: string[] }[];
}

export interface CategoryCoverage {
    id: string;
    title: string;
    requirements: RequirementCoverage[];
}

export interface StandardCoverage {
    id: string;
    title: string;
    categories: CategoryCoverage[];
}

export interface CoverageReport {
    standards: StandardCoverage[];
    /** Metrics no norm of any program uses. */
    unusedMetrics: string[];
    /** Norms no test exercises (null when tests were not looked for). */
    untestedNorms: { id: string; source: string }[] | null;
    totals: { requirements: number; covered: number; partial: number; evidence: number; noPrograms: number; norms: number; tested: number | null };
}

export function coverage(model: NormaModel, testedNormIds?: Iterable<string>): CoverageReport {
    const metricFamily = new Map(model.metrics.map(m => [m.id, m.family]));
    const requirements = new Map(model.requirements.map(r => [r.id, r]));
    const normsOf = (program: string) => model.norms.filter(n => n.program === program);
    const totals = { requirements: 0, covered: 0, partial: 0, evidence: 0, noPrograms: 0, norms: model.norms.length, tested: null as number | null };
    const standards: StandardCoverage[] = model.standards.map(s => {
        const programs = model.programs.filter(p => p.applies.includes(s.id)).map(p => p.id);
        return {
            id: s.id,
            title: s.title,
            categories: s.categories.map(c => ({
                id: c.id,
                title: c.title,
                requirements: c.requirements.flatMap(rid => {
                    const r = requirements.get(rid);
                    if (!r) return [];
                    totals.requirements++;
                    const needs = r.needs.map(n => (n.family ? `family ${n.family}` : `metric ${n.metric}`));
                    const missing: RequirementCoverage['missing'] = [];
                    for (const p of programs) {
                        const norms = normsOf(p);
                        const lacks = r.needs.filter(n => !norms.some(x => (n.metric ? x.metric === n.metric : metricFamily.get(x.metric) === n.family)))
                            .map(n => (n.family ? `family ${n.family}` : `metric ${n.metric}`));
                        if (lacks.length) missing.push({ program: p, needs: lacks });
                    }
                    const status: RequirementCoverageStatus = !r.needs.length ? 'evidence' : !programs.length ? 'no-programs' : missing.length ? 'partial' : 'covered';
                    if (status === 'covered') totals.covered++;
                    else if (status === 'partial') totals.partial++;
                    else if (status === 'evidence') totals.evidence++;
                    else totals.noPrograms++;
                    return [{ id: r.id, title: r.title, status, needs, evidence: r.evidence, programs, missing }];
                }),
            })),
        };
    });
    const used = new Set(model.norms.map(n => n.metric));
    const unusedMetrics = model.metrics.map(m => m.id).filter(id => !used.has(id));
    let untestedNorms: CoverageReport['untestedNorms'] = null;
    if (testedNormIds) {
        const tested = new Set(testedNormIds);
        untestedNorms = model.norms.filter(n => !tested.has(n.id)).map(n => ({ id: n.id, source: `${n.source.file}:${n.source.line}` }));
        totals.tested = model.norms.length - untestedNorms.length;
    }
    return { standards, unusedMetrics, untestedNorms, totals };
}

/** The report as text lines for a terminal. */
export function renderCoverage(report: CoverageReport): string[] {
    const lines: string[] = ['Coverage'];
    const mark: Record<RequirementCoverageStatus, string> = { covered: 'covered    ', partial: 'PARTIAL    ', evidence: 'evidence   ', 'no-programs': 'no programs' };
    for (const s of report.standards) {
        lines.push(`  ${s.id} "${s.title}"`);
        for (const c of s.categories) {
            lines.push(`    ${c.id.split('.').pop()} "${c.title}"`);
            for (const r of c.requirements) {
                const detail = r.status === 'covered' ? `norm for ${r.needs.join(', ')} in ${r.programs.length} program${r.programs.length === 1 ? '' : 's'}`
                    : r.status === 'partial' ? `lacking: ${r.missing.map(m => `${m.program} (${m.needs.join(', ')})`).join('; ')}`
                        : r.status === 'evidence' ? (r.evidence.length ? `evidence ${r.evidence.join(', ')}` : 'no needs, no evidence')
                            : 'no program applies the standard';
                lines.push(`      ${mark[r.status]} ${r.id.split('.').pop()} ${r.title}: ${detail}`);
            }
        }
    }
    lines.push(report.unusedMetrics.length ? `  Metrics no norm uses: ${report.unusedMetrics.join(', ')}` : '  Every metric is used by a norm.');
    if (report.untestedNorms) {
        lines.push(report.untestedNorms.length
            ? `  Norms without a test (${report.untestedNorms.length} of ${report.totals.norms}):`
            : `  Every norm has a test (${report.totals.norms}).`);
        for (const n of report.untestedNorms) lines.push(`    ${n.id}  ${n.source}`);
    }
    const t = report.totals;
    lines.push(`  ${t.covered} of ${t.requirements} requirements covered by norms in every program, ${t.partial} partial, ${t.evidence} by evidence${t.noPrograms ? `, ${t.noPrograms} with no program` : ''}.`);
    return lines;
}
