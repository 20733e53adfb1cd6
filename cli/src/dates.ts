/** The `--as-of` option: a real calendar day (engine/calendar.ts), today in UTC when omitted. */
import { isDay, todayUtc } from '../../language/src/engine/calendar.js';
import { UsageError } from './exit-codes.js';

export function today(): string {
    return todayUtc();
}

export function parseAsOf(value: string | undefined): string {
    if (value === undefined) return today();
    if (!isDay(value)) throw new UsageError(`--as-of '${value}' is not a day: write it like 2026-02-01.`);
    return value;
}
