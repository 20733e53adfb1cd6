/**
 * `norma assess`: audit readiness per program and applied standard, from the workspace, the
 * check result of its data (for `needs` requirements and the headline) and the self-assessment
 * rows. Pure: readers in, formats out. The rules are in score.ts, certification.ts and
 * headline.ts; `checkAssessments` gives the row problems (a caller gives no result while any).
 */
import type { NormaModel } from '../model/types.js';
import type { CheckResult } from '../engine/types.js';
import { dayNumberOf } from '../engine/calendar.js';
import { checkAssessments, type CheckedAssessment } from './assessments.js';
import { certificationOf } from './certification.js';
import { headlineOver } from './headline.js';
import { earnedOf, meetsPassMark, possibleOf, scoreRequirement } from './score.js';
import { DEFAULT_STALE_AFTER_DAYS, type AssessOptions, type AssessResult, type Assessment, type ProgramAssessment, type ProviderAssessment } from './types.js';

export { DEFAULT_STALE_AFTER_DAYS } from './types.js';

export { checkAssessments } from './assessments.js';
export { certificationOf } from './certification.js';
export { headlineOver } from './headline.js';
export type * from './types.js';

export function assess(model: NormaModel, check: CheckResult, rows: readonly Assessment[], options: AssessOptions): AssessResult {
    const asOf = options.asOf;
    const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
    const asOfDay = dayNumberOf(asOf)!;
    const { checked } = checkAssessments(model, rows, asOf);
    const byKey = new Map<string, CheckedAssessment>(checked.map(c => [`${c.row.program}\u0000${c.requirement.id}`, c]));
    const norma = new Map(check.requirements.map(r => [`${r.program}\u0000${r.id}`, r]));
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const stale = (assessed: string) => asOfDay - dayNumberOf(assessed)! > staleAfterDays;
    const warnings: AssessResult['warnings'] = [];
    for (const c of checked) {
        if (c.requirement.needs.length) {
            warnings.push({ index: c.index, message: `${c.requirement.id} is assessed by Norma from ${c.row.program}'s norms (its needs rule); this row counts for nothing.` });
        }
    }

    const programs: ProgramAssessment[] = [];
    for (const program of model.programs) {
        const results = check.results.filter(r => r.program === program.id);
        const headline = { last6: headlineOver(results, metrics, asOf, 6), last12: headlineOver(results, metrics, asOf, 12) };
        for (const standardId of program.applies) {
            const standard = model.standards.find(s => s.id === standardId);
            if (!standard) continue;
            const requirements = model.requirements.filter(q => q.standard === standardId);
            const scores = requirements.map(q => scoreRequirement(q, norma.get(`${program.id}\u0000${q.id}`), byKey.get(`${program.id}\u0000${q.id}`), stale));
            const earned = earnedOf(scores);
            const possible = possibleOf(scores);
            const passMark = standard.passMark ?? null;
            programs.push({
                program: program.id, standard: standardId, client: program.client, provider: program.provider,
                points: { earned, possible },
                score: possible > 0 ? earned / possible : null,
                passMark,
                passed: passMark === null ? null : meetsPassMark(earned, possible, passMark),
                categories: standard.categories.map(c => {
                    const inCategory = scores.filter(s => s.category === c.name);
                    return { category: c.name, title: c.title, earned: earnedOf(inCategory), possible: possibleOf(inCategory) };
                }),
                requirements: scores,
                costliest: scores.filter(s => s.status !== 'not-applicable' && s.points > s.earned)
                    .map(s => ({ id: s.id, lost: s.points - s.earned, status: s.status }))
                    .sort((a, b) => b.lost - a.lost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, 5),
                unassessed: scores.filter(s => s.by === 'none').map(s => s.id),
                stale: scores.filter(s => s.stale).map(s => s.id),
                certification: certificationOf(program, asOf),
                headline,
            });
        }
    }
    return {
        schema: 1, asOf, staleAfterDays,
        passed: programs.every(p => p.passed !== false),
        programs, providers: providersOf(programs), warnings,
    };
}

/** Points summed per provider and standard, over the provider's programs. */
function providersOf(programs: readonly ProgramAssessment[]): ProviderAssessment[] {
    const groups = new Map<string, ProviderAssessment>();
    for (const p of programs) {
        if (!p.provider) continue;
        const key = `${p.provider}\u0000${p.standard}`;
        const g = groups.get(key) ?? { provider: p.provider, standard: p.standard, programs: [], earned: 0, possible: 0, score: null };
        g.programs.push(p.program);
        g.earned += p.points.earned;
        g.possible += p.points.possible;
        groups.set(key, g);
    }
    for (const g of groups.values()) g.score = g.possible > 0 ? g.earned / g.possible : null;
    return [...groups.values()].sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0) || (a.standard < b.standard ? -1 : 1));
}
