// --format sarif and `validate --format sarif`: valid SARIF 2.1.0 against the official schema
// (draft-04, ajv-draft-04), one rule per verdict kind, each result on the norm's own line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { sarif, sarifDiagnostics } from '../../cli/src/formats/sarif.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { CASES, evaluate, REPO, SCHEMAS, sourceLine, writeResult } from './helpers.js';

const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8'));
// ajv-draft-04 is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
// The schema's formats, checked by hand (ajv-formats is not a dependency).
ajv.addFormat('uri', (s: string) => { try { new URL(s); return true; } catch { return false; } });
ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
    const ok = validate(log);
    expect(ok ? [] : validate.errors).toEqual([]);
}

interface Log { runs: { tool: { driver: { rules: { id: string }[] } }; results: Result[]; originalUriBaseIds: Record<string, { uri: string }> }[] }
interface Result { ruleId: string; ruleIndex: number; level: string; kind: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[]; properties?: Record<string, string> }

describe('the SARIF validator', () => {
    it('rejects a log the schema forbids (a driver without a name, a bad level)', () => {
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    });
});

describe.each(CASES)('sarif on $name', (c) => {
    it('is valid against the SARIF 2.1.0 schema', async () => {
        const { result, context } = await evaluate(c);
        const text = sarif(result, context);
        writeResult(`${c.name}.sarif`, text);
        expectValid(JSON.parse(text));
    });

    it('locates every result at its norm, relative to the current folder', async () => {
        const { result, context, root } = await evaluate(c);
        const log = JSON.parse(sarif(result, context)) as Log;
        const run = log.runs[0];
        expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${process.cwd()}/`);
        const norms = run.results.filter(r => r.ruleId !== 'requirement-unsatisfied');
        const judged = result.results.filter(r => r.verdict !== 'met');
        expect(norms).toHaveLength(judged.length);
        expect((log.runs[0] as unknown as { properties: { met: string[] } }).properties.met).toEqual(result.results.filter(r => r.verdict === 'met').map(r => r.norm.id));
        norms.forEach((r, i) => {
            const loc = r.locations[0].physicalLocation;
            const file = path.resolve(process.cwd(), decodeURIComponent(loc.artifactLocation.uri));
            expect(file.startsWith(root)).toBe(true);
            const source = `${path.relative(root, file)}:${loc.region.startLine}`;
            expect(source).toBe(judged[i].norm.source);
            expect(sourceLine(root, source)).toMatch(/^\s*norm\s/);
            expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
            expect(r.message.text).toContain(judged[i].reason);
            expect(r.kind).toBe('fail');
        });
    });
});

describe('sarif on every verdict kind', () => {
    it('has one rule per verdict kind and levels by verdict', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const log = JSON.parse(sarif(result, context)) as Log;
        const run = log.runs[0];
        expect(run.tool.driver.rules.map(r => r.id)).toEqual(['action-required', 'overdue', 'stale', 'no-data', 'at-risk', 'action-planned', 'met', 'requirement-unsatisfied']);
        const level = (v: string) => run.results.filter(r => r.ruleId === v).map(r => r.level);
        expect(level('action-required')).toEqual(['error']);
        expect(level('overdue')).toEqual(['error']);
        expect(level('no-data')).toEqual(['error']);
        expect(level('at-risk')).toEqual(['warning']);
        expect(level('action-planned')).toEqual(['note']);
        expect(level('met')).toEqual([]);
        expect(level('requirement-unsatisfied')).toEqual(['error', 'error']);
        const overdue = run.results.find(r => r.ruleId === 'overdue')!;
        expect(overdue.properties).toMatchObject({ program: 'Globex', metric: 'ServiceLevel', periods: '2026-01-05, 2026-01-06, 2026-01-07', values: '75%, 74%, 77%' });
        // An unsatisfied requirement points at the program that lacks the norm.
        const req = run.results.find(r => r.ruleId === 'requirement-unsatisfied')!;
        expect(req.locations[0].physicalLocation.region.startLine).toBe(19);
    });
});

describe('validate --format sarif', () => {
    it('reports language diagnostics with their codes, valid against the schema', async () => {
        const ws = await loadWorkspace([
            { path: 'metrics.norma', text: 'metric SL "Service" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\n' },
            { path: 'programs/acme.norma', text: 'program Acme "Acme" {\n    norm SL >= 80%\n    norm Missing >= 3\n    norm SL >= 2min\n}\n' },
            { path: 'broken.norma', text: 'program {\n' },
        ]);
        expect(ws.diagnostics.length).toBeGreaterThan(1);
        const text = sarifDiagnostics(ws.diagnostics, REPO);
        writeResult('validate.sarif', text);
        const log = JSON.parse(text) as Log;
        expectValid(log);
        const run = log.runs[0];
        expect(run.results).toHaveLength(ws.diagnostics.length);
        run.results.forEach((r, i) => {
            const d = ws.diagnostics[i];
            expect(r.ruleId).toBe(d.code ?? 'norma-syntax');
            expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
            expect(r.level).toBe(d.severity === 'info' ? 'note' : d.severity);
            expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(d.file);
            expect(r.locations[0].physicalLocation.region.startLine).toBe(d.line);
        });
        expect(new Set(run.tool.driver.rules.map(r => r.id)).size).toBe(run.tool.driver.rules.length);
    });
});
