/**
 * Runs every fixture under resources/: each case is loaded as one workspace and its
 * diagnostics must be exactly the expected ones (message, severity, file and range); then
 * checks that every exported diagnostic code of the validator is exercised by some fixture.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, type Diagnostic } from '../../language/src/workspace/workspace.js';
import * as dates from '../../language/src/validation/dates.js';
import * as exclusion from '../../language/src/validation/exclusion.js';
import * as linking from '../../language/src/validation/linking.js';
import * as metric from '../../language/src/validation/metric.js';
import * as names from '../../language/src/validation/names.js';
import * as norm from '../../language/src/validation/norm.js';
import * as program from '../../language/src/validation/program.js';
import * as properties from '../../language/src/validation/properties.js';
import * as syntax from '../../language/src/validation/syntax.js';
import * as vocabulary from '../../language/src/validation/vocabulary.js';
import * as records from '../../language/src/validation/records.js';
import { loadCases, overlaps, type Span } from './fixtures.js';

const resources = path.join(path.dirname(fileURLToPath(import.meta.url)), 'resources');
const cases = loadCases(resources);
const producedCodes = new Set<string>();

function show(file: string, span: Span, severity: string, message: string): string {
    return `${file}:${span.line}:${span.column}-${span.endLine}:${span.endColumn} ${severity} ${message}`;
}

function showActual(d: Diagnostic): string {
    return show(d.file, { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn }, d.severity, d.message);
}

describe('validation fixtures', () => {
    it.each(cases.map(c => [c.name, c] as const))('%s', async (_name, testCase) => {
        const ws = await loadWorkspace(testCase.files, { asOf: testCase.asOf });
        for (const d of ws.diagnostics) if (d.code) producedCodes.add(d.code);
        const expected = testCase.expected.flatMap(e => e.kind === 'issue' ? [show(e.file, e.range, e.severity, e.message)] : []);
        expect(ws.diagnostics.map(showActual).sort()).toEqual(expected.sort());
        // A workspace without errors yields the semantic model.
        expect(ws.model === null).toBe(ws.diagnostics.some(d => d.severity === 'error'));
        for (const e of testCase.expected) {
            if (e.kind !== 'no_issue') continue;
            const hits = ws.diagnostics.filter(d => d.file === e.file && overlaps(e.range, d));
            expect(hits.map(showActual), `no issue expected at ${show(e.file, e.range, '', '')}`).toEqual([]);
        }
    });

    // Runs after the cases above (tests in a file run in order): every rule has at least one fixture.
    it('produces every exported diagnostic code in some fixture', () => {
        const modules = [dates, exclusion, linking, metric, names, norm, program, properties, syntax, vocabulary, records];
        const codes = modules.flatMap(m => Object.entries(m).filter(([k]) => k.startsWith('CODE_')).map(([, v]) => v as string));
        const missing = codes.filter(c => !producedCodes.has(c));
        expect(missing, 'codes no fixture produces').toEqual([]);
    });
});
