/**
 * Fresh data (SPEC §3a): a norm in force whose latest judged point is older than its allowance
 * at the evaluation day is `stale`. The allowance is the norm's or its metric's `data within N
 * days`, else two periods of the metric's grain after the latest point's period: a daily metric
 * checked as of the 10th with data through the 7th is stale (the 8th and 9th are missing), with
 * data through the 8th it is not. Intraday grains are allowed one day (data through yesterday),
 * since the evaluation day has no time of day.
 */
import type { Grain } from '../model/types.js';
import { daysFromCivil, formatDay, type Period } from './calendar.js';

export interface Freshness {
    stale: boolean;
    /** Last day the data may end on and still be fresh: the latest point's last day plus the allowance. */
    freshUntil: string;
    /** The allowance in words: `2 days`, `two weekly periods`. */
    allowance: string;
}

const MINUTES_PER_DAY = 1440;

/** Whether the latest judged point (its period) is too old at `asOfDay`. */
export function freshnessOf(latest: Period, grain: Grain | undefined, dataWithin: number | null | undefined, asOfDay: number): Freshness {
    const lastDay = Math.floor((latest.end - 1) / MINUTES_PER_DAY);
    let until: number;
    let allowance: string;
    if (dataWithin !== undefined && dataWithin !== null) {
        until = lastDay + dataWithin;
        allowance = `${dataWithin} day${dataWithin === 1 ? '' : 's'}`;
    } else {
        switch (grain) {
            case 'weekly':
                until = lastDay + 14;
                allowance = 'two weeks';
                break;
            case 'monthly': {
                // The last day of the second month after the latest one.
                const [y, m] = formatDay(latest.dayNumber).split('-').map(Number);
                const month = m + 3;
                until = daysFromCivil(y + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1, 1) - 1;
                allowance = 'two months';
                break;
            }
            case 'daily':
                until = lastDay + 2;
                allowance = 'two days';
                break;
            default:
                until = lastDay + 1;
                allowance = 'one day';
        }
    }
    return { stale: asOfDay > until, freshUntil: formatDay(until), allowance };
}
