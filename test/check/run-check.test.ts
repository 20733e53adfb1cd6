// runCheck: the one path from a workspace and data to a verdict (CLI, editor command, code lens).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFiles, engineRuntime, runCheck, type CheckWorkspace } from '../../language/src/check/index.js';
import { readMeasurements } from '../../language/src/data/index.js';
import { generateJsModule } from '../../language/src/generators/js.js';
import { loadWorkspace, loadWorkspaceFromDisk } from '../../language/src/workspace/workspace.js';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/copc-cx');

const NORMS = `metric SL "Service level" { family service unit percent better higher period daily data within 60 days }
program Acme "Acme" { norm SL >= 80% }
`;

async function workspaceOf(text: string): Promise<CheckWorkspace> {
    const ws = await loadWorkspace([{ path: 'ws.norma', text }]);
    return { root: '/ws', model: ws.model, diagnostics: ws.diagnostics };
}

function tmp(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-runcheck-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

describe('runCheck', () => {
    it('gives exactly what the compiled module (norma compile --target js) gives on the example', async () => {
        const ws = await loadWorkspaceFromDisk([EXAMPLE], { asOf: '2026-10-31' });
        expect(ws.model).not.toBeNull();
        const outcome = await runCheck({
            workspace: { root: ws.root, model: ws.model, diagnostics: ws.diagnostics },
            measurements: [dataFiles([path.join(EXAMPLE, 'data')])],
            actions: [path.join(EXAMPLE, 'actions.csv')],
            asOf: '2026-10-31',
        });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        const source = generateJsModule(ws.model!);
        const compiled = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
        const rows = (await readMeasurements([path.join(EXAMPLE, 'data')])).rows;
        const { readActions } = await import('../../language/src/data/index.js');
        const actions = (await readActions([path.join(EXAMPLE, 'actions.csv')])).rows;
        expect(JSON.stringify(outcome.result)).toBe(JSON.stringify(compiled.check(rows, { asOf: '2026-10-31', actions })));
        // Every verdict kind of the example is there, so the comparison covers them.
        expect(new Set(outcome.result.results.map(r => r.verdict)).size).toBeGreaterThanOrEqual(5);
    });

    it('loads the engine bundle once, however many checks run', async () => {
        const first = engineRuntime();
        const ws = await workspaceOf(NORMS);
        for (let i = 0; i < 3; i++) {
            const outcome = await runCheck({ workspace: ws, measurements: [dataFiles([{ name: 'm.csv', text: 'program,metric,period,value\nAcme,SL,2026-01-05,82\n' }])], actions: [], asOf: '2026-01-31' });
            expect(outcome.ok && outcome.result.results[0].verdict).toBe('met');
        }
        expect(engineRuntime()).toBe(first);
    });

    it('returns language errors located in the .norma file, with the data read meanwhile', async () => {
        const ws = await workspaceOf(NORMS.replace('norm SL', 'norm SLX'));
        const outcome = await runCheck({ workspace: ws, measurements: [dataFiles([{ name: 'm.csv', text: 'program,metric,period,value\nAcme,SL,2026-01-05,8O\n' }])], actions: [], asOf: '2026-01-31' });
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        expect(outcome.problems.language.map(d => [d.file, d.line, d.code])).toEqual([['ws.norma', 2, 'unknown-name']]);
        expect(outcome.problems.data.map(e => [e.file, e.line, e.column])).toEqual([['m.csv', 2, 20]]);
        expect(outcome.problems.message).toMatch(/^The workspace has language errors \(1 error, 0 warnings\); fix them before checking data\.\nThe data has 1 problem/);
    });

    it('locates engine issues in the source each row came from; a repeated row names the first by file:line', async () => {
        const ws = await workspaceOf(NORMS);
        const a = { name: 'a.csv', text: 'program,metric,period,value\nAcme,SL,2026-01-05,82\n' };
        const b = { name: 'b.csv', text: 'program,metric,period,value\nAcme,SL,2026-01-06,82\nAcme,SL,2026-01-05,90\nAcme,SLX,2026-01-07,90\n' };
        const outcome = await runCheck({ workspace: ws, measurements: [dataFiles([a]), dataFiles([b])], actions: [], asOf: '2026-01-31' });
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        const shown = outcome.problems.data.map(e => `${e.file}:${e.line}:${e.column} ${e.message}`);
        expect(shown).toEqual(expect.arrayContaining([
            'b.csv:3:9 The same program, metric and period already appear at a.csv:2.',
            expect.stringMatching(/^b\.csv:4:6 .*SLX.*Did you mean 'SL'/),
        ]));
        expect(outcome.problems.message).toMatch(/^The data has 2 problems; no verdict is given until they are fixed:\n/);
    });

    it('reads actions with the data layer and answers triggers with them', async () => {
        const ws = await workspaceOf(NORMS.replace('norm SL >= 80%', 'norm SL >= 80% { act immediately below 70% }'));
        const dir = tmp({ 'm.csv': 'program,metric,period,value\nAcme,SL,2026-01-05,60\n', 'actions.csv': 'program,metric,opened,owner,due,ticket\nAcme,SL,2026-01-06,Dana,2026-03-01,CX-1\n' });
        const outcome = await runCheck({ workspace: ws, measurements: [dataFiles([path.join(dir, 'm.csv')])], actions: [path.join(dir, 'actions.csv')], asOf: '2026-01-31' });
        expect(outcome.ok && outcome.result.results[0].verdict).toBe('action-planned');
    });

    it('passes on a workspace that cannot be loaded only after the data read has settled', async () => {
        let settled = false;
        const slow = { names: ['slow'], read: async () => { await new Promise(r => setTimeout(r, 20)); settled = true; return readMeasurements([]); } };
        await expect(runCheck({ workspace: Promise.reject(new Error('no workspace')), measurements: [slow], actions: [], asOf: '2026-01-31' })).rejects.toThrow('no workspace');
        expect(settled).toBe(true);
    });
});
