/**
 * Exclusions (periods excused from evaluation): they name their periods and their approver;
 * the periods exist, run forwards, and fit the period grain of every metric listed (a daily
 * metric is excused by days, a monthly one by months; interval grains accept days too); an
 * exclusion about to expire or already expired at `asOf` is flagged. Applying an expired
 * exclusion is `check`'s business, not this module's.
 */
import type { ValidationAcceptor, ValidationCheck } from 'langium';
import { isMetric, type ExcludedPeriods, type Exclusion, type Expires } from '../generated/ast.js';
import { exclusionApprover, exclusionMetrics, exclusionPeriods, metricPeriod } from '../model/ast-access.js';
import type { Grain } from '../model/types.js';
import type { NormaServices } from '../norma-module.js';
import {
    daysBetween, isDay, kindWords, periodKindOf, periodProblem, periodStartText, type PeriodKind,
} from '../engine/calendar.js';
import { CODE_INVALID_DATE, checkIsDay } from './dates.js';

/** An exclusion without `periods`. */
export const CODE_EXCLUSION_MISSING_PERIODS = 'exclusion-missing-periods';
/** An exclusion without `approved by`. */
export const CODE_EXCLUSION_MISSING_APPROVER = 'exclusion-missing-approver';
/** `periods 2026-01` for a daily metric: the period is not of the metric's grain. */
export const CODE_EXCLUSION_PERIOD_GRAIN = 'exclusion-period-grain';
/** `periods 2026-02-10 to 2026-02-01`. */
export const CODE_EXCLUSION_PERIODS_REVERSED = 'exclusion-periods-reversed';
/** Expires within 14 days of `asOf` (warning). */
export const CODE_EXCLUSION_EXPIRES_SOON = 'exclusion-expires-soon';
/** Expired before `asOf` (warning; `check` refuses to apply it). */
export const CODE_EXCLUSION_EXPIRED = 'exclusion-expired';

/** How many days ahead an expiry is announced. */
export const EXPIRY_NOTICE_DAYS = 14;

export function checkExclusionHasPeriods(exclusion: Exclusion, accept: ValidationAcceptor): void {
    if (exclusionPeriods(exclusion)) return;
    accept('error', `An exclusion needs the periods it excuses, as in 'periods 2026-01-05 to 2026-01-09'.`,
        { node: exclusion, property: 'name', code: CODE_EXCLUSION_MISSING_PERIODS });
}

export function checkExclusionHasApprover(exclusion: Exclusion, accept: ValidationAcceptor): void {
    if (exclusionApprover(exclusion)) return;
    accept('error', `An exclusion needs an approver: add 'approved by "..."' with who signed it off.`,
        { node: exclusion, property: 'name', code: CODE_EXCLUSION_MISSING_APPROVER });
}

/** Both ends are periods of the calendar, and the first does not start after the last. */
export function checkExclusionPeriodsInOrder(periods: ExcludedPeriods, accept: ValidationAcceptor): void {
    if (periods.start === undefined) return; // `periods` with no period: a syntax error
    const startProblem = periodProblem(periods.start);
    if (startProblem) accept('error', startProblem, { node: periods, property: 'start', code: CODE_INVALID_DATE });
    const endProblem = periods.end !== undefined ? periodProblem(periods.end) : undefined;
    if (endProblem) accept('error', endProblem, { node: periods, property: 'end', code: CODE_INVALID_DATE });
    if (startProblem || endProblem || periods.end === undefined) return;
    if (periodStartText(periods.start)! > periodStartText(periods.end)!) {
        accept('error', `The excused periods run backwards: ${periods.start} is after ${periods.end}.`,
            { node: periods, property: 'end', code: CODE_EXCLUSION_PERIODS_REVERSED });
    }
}

const GRAIN_WORDS: Record<Grain, string> = {
    interval15: 'in 15-minute intervals', interval30: 'in 30-minute intervals', hourly: 'hourly',
    daily: 'daily', weekly: 'weekly', monthly: 'monthly',
};

/** The kinds of period that excuse points of a grain, and how to write them. */
const GRAIN_PERIODS: Record<Grain, { kinds: PeriodKind[]; example: string; minutes?: number }> = {
    interval15: { kinds: ['interval', 'day'], example: 'interval starts like 2026-01-05T09:15, or days', minutes: 15 },
    interval30: { kinds: ['interval', 'day'], example: 'interval starts like 2026-01-05T09:30, or days', minutes: 30 },
    hourly: { kinds: ['interval', 'day'], example: 'hours like 2026-01-05T09:00, or days', minutes: 60 },
    daily: { kinds: ['day'], example: 'days like 2026-01-05' },
    weekly: { kinds: ['week'], example: 'weeks like 2026-W02' },
    monthly: { kinds: ['month'], example: 'months like 2026-01' },
};

/** Every period written fits the grain of every metric the exclusion lists. */
export function checkExclusionPeriodsFitMetrics(exclusion: Exclusion, accept: ValidationAcceptor): void {
    const periods = exclusionPeriods(exclusion);
    if (!periods || periods.start === undefined) return;
    const ends: { property: 'start' | 'end'; text: string }[] = [{ property: 'start', text: periods.start }];
    if (periods.end !== undefined) ends.push({ property: 'end', text: periods.end });
    const checked = new Set<string>();
    for (const metric of exclusionMetrics(exclusion).flatMap(m => m.metrics.map(r => r.ref))) {
        if (!isMetric(metric) || checked.has(metric.name)) continue;
        checked.add(metric.name);
        const grain = metricPeriod(metric)?.value as Grain | undefined;
        const fit = grain && Object.hasOwn(GRAIN_PERIODS, grain) ? GRAIN_PERIODS[grain] : undefined;
        if (!grain || !fit) continue;
        for (const { property, text } of ends) {
            if (periodProblem(text)) continue; // not a period of the calendar: reported by checkExclusionPeriodsInOrder
            const kind = periodKindOf(text);
            if (!fit.kinds.includes(kind)) {
                accept('error', `${metric.name} is measured ${GRAIN_WORDS[grain]}, so it is excused by ${fit.example}; ${text} is ${kindWords(kind)}.`,
                    { node: periods, property, code: CODE_EXCLUSION_PERIOD_GRAIN, data: { metric: metric.name, grain } });
            } else if (kind === 'interval' && fit.minutes && Number(text.slice(14, 16)) % fit.minutes !== 0) {
                accept('error', `${metric.name} is measured ${GRAIN_WORDS[grain]}, so ${text} is not the start of one of its periods.`,
                    { node: periods, property, code: CODE_EXCLUSION_PERIOD_GRAIN, data: { metric: metric.name, grain } });
            }
        }
    }
}

export function checkExclusionExpiresIsDay(p: Expires, accept: ValidationAcceptor): void {
    checkIsDay(p, 'date', p.date, 'An expiry date', accept);
}

/** Announces an exclusion that expires within 14 days of `asOf`, and flags one already expired. */
export const checkExclusionNotExpired = (services: NormaServices): ValidationCheck<Expires> =>
    (p: Expires, accept: ValidationAcceptor) => {
        const asOf = services.validation.NormaValidator.asOf;
        if (!isDay(p.date) || !isDay(asOf)) return;
        const days = daysBetween(asOf, p.date);
        if (days < 0) {
            accept('warning', `This exclusion expired on ${p.date} (checking at ${asOf}); renew or remove it.`,
                { node: p, property: 'date', code: CODE_EXCLUSION_EXPIRED });
        } else if (days <= EXPIRY_NOTICE_DAYS) {
            const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
            accept('warning', `This exclusion expires ${when} (${p.date}); renew it if it is still needed.`,
                { node: p, property: 'date', code: CODE_EXCLUSION_EXPIRES_SOON });
        }
    };
