/**
 * One rule for paths in every report a person reads: relative to the current folder, as
 * `validate` prints them, so `programs/acme.norma:12` in a report opens from where the command
 * ran. The engine and the compiled module give sources relative to the workspace root; this
 * rewrites a copy of the result and the model before a format renders them. `--format json`
 * keeps the engine's paths, so it stays exactly what the compiled module's `check()` returns.
 */
import * as path from 'node:path';
import type { CheckResult } from '../../../language/src/engine/types.js';
import type { ReportContext } from './format.js';

function fromCwd(root: string, file: string): string {
    return path.relative(process.cwd(), path.resolve(root, file)).split(path.sep).join('/') || file;
}

/** `programs/acme.norma:12` (relative to root) -> the same place relative to the current folder. */
function sourceFromCwd(root: string, source: string): string {
    const colon = source.lastIndexOf(':');
    return colon > 0 && /^\d+$/.test(source.slice(colon + 1)) ? `${fromCwd(root, source.slice(0, colon))}${source.slice(colon)}` : fromCwd(root, source);
}

/** A deep copy (of the model) with every `source` (a `file:line` text or a `{ file }` object) rewritten. */
function rewrite<T>(value: T, root: string): T {
    if (Array.isArray(value)) return value.map(v => rewrite(v, root)) as T;
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
        if (key === 'source' && typeof v === 'string') out[key] = sourceFromCwd(root, v);
        else if (key === 'source' && v && typeof v === 'object' && typeof (v as { file?: unknown }).file === 'string') out[key] = { ...v, file: fromCwd(root, (v as { file: string }).file) };
        else out[key] = rewrite(v, root);
    }
    return out as T;
}

export function withPathsFromCwd(result: CheckResult, context: ReportContext): [CheckResult, ReportContext] {
    const root = context.root;
    // The result is copied shallowly: its points (a million, on large data) are shared, not copied.
    const shown: CheckResult = {
        ...result,
        results: result.results.map(r => ({ ...r, norm: { ...r.norm, source: sourceFromCwd(root, r.norm.source) } })),
        upcoming: result.upcoming.map(u => ({ ...u, source: sourceFromCwd(root, u.source) })),
    };
    return [shown, {
        ...context,
        model: rewrite(context.model, root),
        diagnostics: context.diagnostics.map(d => ({ ...d, file: fromCwd(root, d.file) })),
        root: process.cwd(),
    }];
}
