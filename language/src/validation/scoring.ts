/**
 * Audit scoring in a standard: a requirement's `points N` is a whole number of at least 1 and
 * written once; a standard's `pass at 85%` is a percent above 0 and at most 100. These are
 * the weights `norma assess` adds up, so a typo here would move a pass mark silently.
 */
import type { ValidationAcceptor } from 'langium';
import type { PassMark, Points, Requirement } from '../generated/ast.js';

/** `points 0`, `points 2.5`, `points 3%`. */
export const CODE_POINTS_NOT_WHOLE = 'points-not-whole';
/** Two `points` in one requirement. */
export const CODE_POINTS_REPEATED = 'points-repeated';
/** `pass at 85` (no %), `pass at 0%`, `pass at 120%`. */
export const CODE_PASS_MARK_NOT_PERCENT = 'pass-mark-not-percent';

export function checkPointsIsWholeNumber(points: Points, accept: ValidationAcceptor): void {
    if (/^[0-9]+$/.test(points.value) && Number(points.value) >= 1) return;
    accept('error', `A requirement's points are a whole number of at least 1, like 'points 20', not ${points.value}.`,
        { node: points, property: 'value', code: CODE_POINTS_NOT_WHOLE });
}

export function checkRequirementPointsNotRepeated(requirement: Requirement, accept: ValidationAcceptor): void {
    const [first, ...rest] = requirement.points;
    for (const again of rest) {
        const line = (first.$cstNode?.range.start.line ?? 0) + 1;
        accept('error', `${requirement.name} already has points (line ${line}); keep only one.`, { node: again, code: CODE_POINTS_REPEATED });
    }
}

export function checkPassMarkIsPercent(mark: PassMark, accept: ValidationAcceptor): void {
    const m = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(mark.value);
    if (m && Number(m[1]) > 0 && Number(m[1]) <= 100) return;
    const hint = /^[0-9]+(\.[0-9]+)?$/.test(mark.value) ? ` (write 'pass at ${mark.value}%')` : '';
    accept('error', `A pass mark is the share of the standard's points to earn, a percent above 0% and at most 100%, not ${mark.value}${hint}.`,
        { node: mark, property: 'value', code: CODE_PASS_MARK_NOT_PERCENT });
}
