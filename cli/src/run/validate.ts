/** `norma validate [paths...]`: language diagnostics, `file:line:col severity message`; exit 2 on an error. */
import type { loadWorkspaceFromDisk } from '../../../language/src/workspace/workspace.js';
import { parseAsOf } from '../dates.js';
import { countLine, displayPath, formatDiagnostic } from '../diagnostics.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { colorFor, colors, writeOutput } from '../terminal.js';
import { coverage, renderCoverage, type CoverageReport } from '../../../language/src/coverage/index.js';
import { normsExercised } from '../../../language/src/norm-tests/index.js';
import { sarifDiagnostics } from '../formats/sarif.js';
import { githubDiagnostics } from '../formats/github.js';

export async function run(paths: string[], opts: { format: string; asOf?: string; output?: string; coverage?: boolean; failOn?: string[] }): Promise<void> {
    const asOf = parseAsOf(opts.asOf);
    const { loadWorkspaceFromDisk } = await import('../../../language/src/workspace/workspace.js');
    const ws = await loadWorkspaceFromDisk(paths, { asOf, model: Boolean(opts.coverage) }).catch((e: Error) => { throw new UsageError(e.message); });
    if (ws.files.length === 0) {
        const c = colors(colorFor(process.stderr));
        for (const d of ws.diagnostics) process.stderr.write(formatDiagnostic(d, ws.root, c) + '\n');
        throw new UsageError(`No .norma file found in ${paths.length ? paths.join(', ') : 'the current folder'}.`);
    }
    const errors = ws.diagnostics.some(d => d.severity === 'error');
    const report = opts.coverage && ws.model ? await coverageOf(ws.model, paths, ws.root) : undefined;
    if (opts.format === 'json') {
        writeOutput(JSON.stringify({
            schema: 1,
            files: ws.files.length,
            diagnostics: ws.diagnostics.map(d => ({ ...d, file: displayPath(ws.root, d.file) })),
            ...(report ? { coverage: report } : {}),
        }, null, 2), opts.output, 'json');
    } else if (opts.format === 'pretty') {
        const c = colors(!opts.output && colorFor(process.stdout));
        const lines = ws.diagnostics.map(d => formatDiagnostic(d, ws.root, c));
        lines.push(`${ws.files.length} file${ws.files.length === 1 ? '' : 's'} checked: ${countLine(ws.diagnostics)}.`);
        if (report) lines.push('', ...renderCoverage(report));
        writeOutput(lines.join('\n'), opts.output);
    } else if (opts.format === 'sarif') {
        writeOutput(sarifDiagnostics(ws.diagnostics, ws.root), opts.output, 'sarif');
    } else if (opts.format === 'github') {
        writeOutput(githubDiagnostics(ws.diagnostics, ws.root), opts.output);
    } else {
        throw new UsageError(`Unknown format '${opts.format}' for validate: use pretty, json, sarif or github.`);
    }
    const failOnWarnings = (opts.failOn ?? []).includes('warning') && ws.diagnostics.some(d => d.severity === 'warning');
    process.exitCode = errors ? ExitCode.InvalidInput : failOnWarnings ? ExitCode.GateFailed : ExitCode.Ok;
}

/** Coverage, with the norms exercised by the norm tests found under the same paths (unreadable cases are skipped). */
async function coverageOf(model: NonNullable<Awaited<ReturnType<typeof loadWorkspaceFromDisk>>['model']>, paths: string[], root: string): Promise<CoverageReport> {
    const { findNormTests, readNormTests } = await import('./test.js');
    const { cases } = await readNormTests(findNormTests(paths.length ? paths : ['.']));
    const report = coverage(model, cases.flatMap(c => normsExercised(model, c.fixture)));
    report.untestedNorms = report.untestedNorms?.map(n => ({ ...n, source: displayPath(root, n.source) })) ?? null;
    return report;
}
