// `norma check` loads the workspace in a worker thread when the data is large
// (NORMA_WORKSPACE_WORKER=1 forces it, =0 forbids it): outputs and exit codes must not change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { norma, REPO, tempDir } from './run-norma.js';

const EXAMPLE = path.join(REPO, 'examples/copc-cx');

function both(args: string[]) {
    const seq = norma(['check', ...args], { env: { NORMA_WORKSPACE_WORKER: '0', NO_COLOR: '1' } });
    const par = norma(['check', ...args], { env: { NORMA_WORKSPACE_WORKER: '1', NO_COLOR: '1' } });
    expect(par).toEqual(seq);
    return par;
}

describe('check with the workspace worker', () => {
    it('gives the same report and exit code', () => {
        const r = both([EXAMPLE, '--data', path.join(EXAMPLE, 'data'), '--actions', path.join(EXAMPLE, 'actions.csv'), '--as-of', '2026-10-31', '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).schema).toBe(1);
    });

    it('prints language errors, and the data problems found by reading, in one run: exit 2, no verdict', () => {
        const dir = tempDir();
        fs.cpSync(EXAMPLE, dir, { recursive: true });
        fs.appendFileSync(path.join(dir, 'programs/acme-telecom.norma'), '\nnorm broken {\n');
        const bad = path.join(dir, 'bad.csv');
        fs.writeFileSync(bad, 'program,metric,period,value\nx,y,2026-01,abc\n');
        for (const data of [path.join(EXAMPLE, 'data'), bad]) {
            const r = both([dir, '--data', data, '--as-of', '2026-10-31']);
            expect(r.code).toBe(2);
            expect(r.stderr).toMatch(/acme-telecom\.norma:\d+:\d+ error/);
            expect(r.stderr).toContain('language errors');
            // What the readers find is reported in the same run; the meaning checks need a model.
            if (data === bad) expect(r.stderr).toMatch(/The data has 1 problem;[^\n]*\n[^\n]*bad\.csv:2:\d+ error/);
            else expect(r.stderr).not.toContain('The data has');
            expect(r.stdout).toBe('');
        }
    });

    it('reports data errors and load errors as before', () => {
        const bad = path.join(tempDir(), 'bad.csv');
        fs.writeFileSync(bad, 'program,metric,period,value\nx,y,2026-01,abc\n');
        expect(both([EXAMPLE, '--data', bad, '--as-of', '2026-10-31']).code).toBe(2);
        expect(both([path.join(EXAMPLE, 'missing'), '--data', bad, '--as-of', '2026-10-31']).stderr).toContain('No such file or folder');
        expect(both([tempDir(), '--data', bad, '--as-of', '2026-10-31']).stderr).toContain('No .norma file found');
    });
});
