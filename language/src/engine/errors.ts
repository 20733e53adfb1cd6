/**
 * The one error the engine throws: input rows that cannot be judged. A bad file never yields a
 * verdict; the CLI turns this into exit code 2 with every issue located by file and line.
 */
import type { DataIssue } from './types.js';

export class NormaDataError extends Error {
    override readonly name = 'NormaDataError' as const;
    readonly issues: DataIssue[];

    constructor(issues: DataIssue[], message?: string) {
        super(message ?? headline(issues));
        this.issues = issues;
    }
}

function headline(issues: DataIssue[]): string {
    const n = issues.length;
    const first = issues[0];
    const where = first ? ` First: ${first.kind} row ${first.index}, ${first.field}: ${first.message}` : '';
    return `The data has ${n} problem${n === 1 ? '' : 's'}; no verdict is given until they are fixed.${where}`;
}
