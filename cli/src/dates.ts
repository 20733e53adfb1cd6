/** The `--as-of` option: a real calendar day, today when omitted. */
import { UsageError } from './exit-codes.js';

export function today(): string {
    return new Date().toISOString().slice(0, 10);
}

export function parseAsOf(value: string | undefined): string {
    if (value === undefined) return today();
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
    if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
        throw new UsageError(`--as-of '${value}' is not a day: write it like 2026-02-01.`);
    }
    return value;
}
