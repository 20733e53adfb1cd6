/** Warnings in one order whatever the order of the rows: by code, then message (then the row, for equal texts). */
import type { CheckWarning } from './types.js';

export function sortWarnings(warnings: CheckWarning[]): CheckWarning[] {
    return warnings.sort((a, b) => text(a.code, b.code) || text(a.message, b.message) || (a.row?.index ?? 0) - (b.row?.index ?? 0));
}

function text(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
