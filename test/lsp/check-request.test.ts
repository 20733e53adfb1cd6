// The editor's norma/check request ("Check Workspace Against Data..."): runCheck, answered as the client expects.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../language/src/lsp/norma-check-request.js';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/copc-cx');

function tmp(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-request-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const NORMS = 'metric SL "Service level" { family service unit percent better higher period daily }\nprogram Acme "Acme" { norm SL >= 80% }\n';

describe('norma/check', () => {
    it('checks the example with relative data and action paths', async () => {
        const response = await checkRequest({ folder: EXAMPLE, data: ['data'], actions: ['actions.csv'], asOf: '2026-10-31' });
        expect(response.kind).toBe('result');
        if (response.kind !== 'result') return;
        expect(response.result.asOf).toBe('2026-10-31');
        expect(response.result.results.length).toBeGreaterThan(5);
        expect(response.metrics.length).toBeGreaterThan(0);
    });

    it('answers language errors with their diagnostics', async () => {
        const dir = tmp({ 'ws.norma': NORMS.replace('norm SL', 'norm SLX'), 'm.csv': 'program,metric,period,value\nAcme,SL,2026-01-05,82\n' });
        const response = await checkRequest({ folder: dir, data: ['m.csv'], actions: [], asOf: '2026-01-31' });
        expect(response.kind).toBe('language-errors');
        if (response.kind === 'language-errors') expect(response.diagnostics.map(d => [d.file, d.line])).toEqual([['ws.norma', 2]]);
    });

    it('answers data problems located by file and line', async () => {
        const dir = tmp({ 'ws.norma': NORMS, 'm.csv': 'program,metric,period,value\nAcme,SL,2026-01-05,82\nAcme,SL,2026-01-05,83\n' });
        const response = await checkRequest({ folder: dir, data: ['m.csv'], actions: [], asOf: '2026-01-31' });
        expect(response.kind).toBe('data-errors');
        if (response.kind === 'data-errors') expect(response.message).toContain('m.csv:3:9 error The same program, metric and period already appear at ');
    });

    it('refuses an as-of that is not a day, and no data', async () => {
        expect(await checkRequest({ folder: EXAMPLE, data: ['data'], actions: [], asOf: '0000-01-01' })).toEqual({ kind: 'error', message: "norma.asOf '0000-01-01' is not a day like 2026-10-31." });
        expect(await checkRequest({ folder: EXAMPLE, data: [], actions: [] })).toMatchObject({ kind: 'error' });
    });
});
