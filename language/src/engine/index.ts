/**
 * The Norma engine (SPEC §3): pure functions from a resolved model and data rows to verdicts.
 * Bundled by esbuild into the standalone compiled checks; imports nothing outside `engine/`.
 */
import type { NormaModel } from '../model/types.js';
import type { CheckOptions, CheckResult, Measurement } from './types.js';
import { checkActions, ownerlessActions, scanMeasurements } from './data-checks.js';
import { sortWarnings } from './warnings.js';
import { implausibleScales } from './plausibility.js';
import { NormaDataError } from './errors.js';
import { evaluateIndexed } from './evaluate.js';
import { indexModel } from './model-index.js';
import type { MeasurementColumns } from './columns.js';

/**
 * Checks the rows, then evaluates every norm. Throws NormaDataError (with `issues`) when any
 * measurement or action row is bad: a bad input never yields a verdict. What does not stop the
 * check (ownerless actions, expired exclusions) comes back in `warnings`.
 */
export function check(model: NormaModel, measurements: readonly Measurement[] | MeasurementColumns, options: CheckOptions): CheckResult {
    const index = indexModel(model);
    // The rows are grouped for the evaluation while they are checked (row objects become columns first).
    const scanned = scanMeasurements(model, measurements, index);
    const issues = [
        ...scanned.issues,
        ...checkActions(model, options.actions ?? [], index),
    ];
    if (issues.length) throw new NormaDataError(issues);
    const result = evaluateIndexed(model, options, () => scanned.data);
    result.warnings = sortWarnings([...result.warnings, ...ownerlessActions(options.actions ?? []), ...implausibleScales(model, scanned.data)]);
    return result;
}

export { checkActions, checkMeasurements, ownerlessActions } from './data-checks.js';
export { sortWarnings } from './warnings.js';
export { ColumnsBuilder, columnsOf, concatColumns, isColumns, rowOf, rowsOf, type MeasurementColumns } from './columns.js';
export { evaluate } from './evaluate.js';
export { NormaDataError } from './errors.js';
export {
    daysFromCivil, dayNumberOf, fitsGrain, formatDay, isDay, isoWeekOf, isoWeeksInYear, parsePeriod, todayUtc,
    type Period, type PeriodError, type PeriodKind, type PeriodResult,
} from './calendar.js';
export { formatDuration, formatRule, formatValue } from './format.js';
export { meets, crossesFloor, isUnsampled } from './points.js';
export { closest, didYouMean } from './suggest.js';
export type * from './types.js';
