/**
 * The meaning of self-assessment rows (the readers check their syntax): a known program, a
 * requirement of a standard that program applies (written in full, `Category.Name` or the bare
 * name when it is unique), one of the four statuses, an assessed day that exists and is not
 * after `asOf`, and one row per program and requirement. Problems are collected as located
 * issues (`index` is the row's position), never thrown one at a time.
 */
import type { NormaModel, RequirementModel } from '../model/types.js';
import { dayNumberOf } from '../engine/calendar.js';
import { didYouMean } from '../engine/suggest.js';
import { ASSESSMENT_STATUSES, type Assessment, type AssessmentStatus } from './types.js';

/** A problem with one assessment row; `index` is the row's position in the array checked. */
export interface AssessmentIssue {
    index: number;
    field: string;
    message: string;
    /** For a repeated program and requirement: the index of the first row with them. */
    duplicateOf?: number;
}

export interface CheckedAssessment {
    row: Assessment;
    index: number;
    requirement: RequirementModel;
    status: AssessmentStatus;
}

export function checkAssessments(model: NormaModel, rows: readonly Assessment[], asOf: string): { issues: AssessmentIssue[]; checked: CheckedAssessment[] } {
    const issues: AssessmentIssue[] = [];
    const checked: CheckedAssessment[] = [];
    const issue = (index: number, field: string, message: string, duplicateOf?: number) =>
        issues.push({ index, field, message, ...(duplicateOf !== undefined ? { duplicateOf } : {}) });
    const programs = new Map(model.programs.map(p => [p.id, p]));
    const byName = requirementNames(model.requirements);
    const asOfDay = dayNumberOf(asOf);
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
        const program = programs.get(row.program);
        if (!program) issue(index, 'program', `Unknown program '${row.program}'.${didYouMean(row.program, programs.keys())}`);
        const found = byName.get(row.requirement);
        let requirement: RequirementModel | undefined;
        if (!found) {
            issue(index, 'requirement', `Unknown requirement '${row.requirement}'.${didYouMean(row.requirement, byName.keys())}`);
        } else if (found.length > 1) {
            issue(index, 'requirement', `'${row.requirement}' names ${found.length} requirements (${found.map(r => r.id).join(', ')}): write it in full.`);
        } else {
            requirement = found[0];
            if (program && !program.applies.includes(requirement.standard)) {
                issue(index, 'requirement', `${program.id} does not apply ${requirement.standard}, so ${requirement.id} is not assessed for it.`);
                requirement = undefined;
            }
        }
        const status = ASSESSMENT_STATUSES.find(s => s === row.status.toLowerCase());
        if (!status) {
            issue(index, 'status', `Unknown status '${row.status}': write ${ASSESSMENT_STATUSES.join(', ')}.${didYouMean(row.status, ASSESSMENT_STATUSES)}`);
        }
        const day = dayNumberOf(row.assessed);
        if (day === undefined) issue(index, 'assessed', `The assessed date '${row.assessed}' is not a day: write it like 2026-09-30.`);
        else if (asOfDay !== undefined && day > asOfDay) issue(index, 'assessed', `The assessment of ${row.assessed} is after the day assessed as of (${asOf}).`);
        if (!program || !requirement) return;
        const key = `${program.id}\u0000${requirement.id}`;
        const first = seen.get(key);
        if (first !== undefined) {
            issue(index, 'requirement', `${program.id} ${requirement.id} is already assessed in row ${first + 1}; keep one row per program and requirement.`, first);
            return;
        }
        seen.set(key, index);
        if (status && day !== undefined) checked.push({ row, index, requirement, status });
    });
    return { issues, checked };
}

/** Every way a requirement may be written: in full, `Category.Name`, and `Name`. */
function requirementNames(requirements: readonly RequirementModel[]): Map<string, RequirementModel[]> {
    const names = new Map<string, RequirementModel[]>();
    const add = (name: string, r: RequirementModel) => {
        const list = names.get(name);
        if (!list) names.set(name, [r]);
        else if (!list.includes(r)) list.push(r);
    };
    for (const r of requirements) {
        add(r.id, r);
        add(`${r.category}.${r.name}`, r);
        add(r.name, r);
    }
    return names;
}
