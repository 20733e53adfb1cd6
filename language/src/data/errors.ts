/** Located data errors and their plain-words rendering (`file:line:col error message`). */
import * as path from 'node:path';

/**
 * A problem in a data file, located for an analyst (and for editors' `file:line:col` links).
 * `line` and `column` are 1-based; both are 0 when the problem concerns the file as a whole
 * (it is missing, or cannot be read at all).
 */
export interface DataError {
    /** The path as given on the command line (joined with the file name for a folder), or `<stdin>`. */
    file: string;
    line: number;
    column: number;
    /** The field at fault (`value`, `sample`, ...), when the problem is about one field. */
    field?: string;
    message: string;
}

/** The name a source read from standard input carries in errors. */
export const STDIN_NAME = '<stdin>';

/** A path as shown to the user: relative to the current folder, with `/`. */
export function displayDataPath(file: string): string {
    if (file === STDIN_NAME) return file;
    const rel = path.relative(process.cwd(), path.resolve(file));
    return (rel || file).split(path.sep).join('/');
}

/** One error as a line: `file:line:col error message` (or `file error message` for a whole file). */
export function formatDataError(e: DataError): string {
    const where = e.line > 0 ? `${displayDataPath(e.file)}:${e.line}:${Math.max(1, e.column)}` : displayDataPath(e.file);
    return `${where} error ${e.message}`;
}

/** Every error on its own line, at most `limit` of them, then `... and N more problems in the data`. */
export function formatDataErrors(errors: readonly DataError[], limit = 50): string {
    const shown = errors.slice(0, Math.max(0, limit)).map(formatDataError);
    const rest = errors.length - shown.length;
    if (rest > 0) shown.push(`... and ${rest} more problem${rest === 1 ? '' : 's'} in the data`);
    return shown.join('\n');
}
