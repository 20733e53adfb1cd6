/**
 * COPC certification lapses unless renewed every two years: a program certified on
 * 2025-04-01 is certified through 2027-04-01 (the validator's rule: lapsed once `asOf` is
 * after that day). `daysLeft` counts days from `asOf` to that day: 0 on the day itself,
 * negative once lapsed, null without a certification.
 */
import type { ProgramModel } from '../model/types.js';
import { addMonths, dayNumberOf } from '../engine/calendar.js';
import type { Certification } from './types.js';

/** A certification lapses this many months after its date (COPC); the validator warns from then on. */
export const CERTIFICATION_MONTHS = 24;

export function certificationOf(program: Pick<ProgramModel, 'certified'>, asOf: string): Certification {
    const certified = program.certified;
    const start = dayNumberOf(certified);
    const today = dayNumberOf(asOf);
    if (certified === null || start === undefined || today === undefined) return { certified, expires: null, daysLeft: null };
    const expires = addMonths(certified, CERTIFICATION_MONTHS);
    return { certified, expires, daysLeft: dayNumberOf(expires)! - today };
}
