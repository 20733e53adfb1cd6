/** Prints language diagnostics as `file:line:col severity message`, paths relative to the current folder. */
import * as path from 'node:path';
import type { Diagnostic } from '../../language/src/workspace/workspace.js';
import { colors, type Colors } from './terminal.js';

export function displayPath(root: string, file: string): string {
    const rel = path.relative(process.cwd(), path.resolve(root, file));
    return rel.split(path.sep).join('/') || file;
}

export function formatDiagnostic(d: Diagnostic, root: string, c: Colors = colors(false)): string {
    const severity = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.blue('info');
    return `${displayPath(root, d.file)}:${d.line}:${d.column} ${severity} ${d.message}`;
}

export function countLine(diagnostics: Diagnostic[]): string {
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.filter(d => d.severity === 'warning').length;
    return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
