/**
 * Malformed text: Langium's lexer and parser errors reach the workspace's diagnostics as
 * errors with a file, line and column, and block the model.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';

describe('parse errors', () => {
    it('reports a missing closing brace at the end of the file', async () => {
        const ws = await loadWorkspace([{ path: 'metrics/service.norma', text: 'metric ServiceLevel {\n    family service\n' }]);
        expect(ws.model).toBeNull();
        expect(ws.diagnostics).toHaveLength(1);
        expect(ws.diagnostics[0]).toMatchObject({ file: 'metrics/service.norma', line: 2, severity: 'error' });
        expect(ws.diagnostics[0].message).toBe('The block of `metric ServiceLevel` opened on line 1 is not closed: add a `}` after its last line.');
    });

    it('reports an unexpected token where it stands', async () => {
        const ws = await loadWorkspace([
            { path: 'ok.norma', text: 'metric AverageHandleTime { family efficiency unit minutes better lower period daily }\n' },
            { path: 'programs/acme.norma', text: 'program AcmeBilling {\n    norm AverageHandleTime => 6min\n}\n' },
        ]);
        const errors = ws.diagnostics.filter(d => d.severity === 'error');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0]).toMatchObject({ file: 'programs/acme.norma', line: 2, column: 28, message: '`=>` is not a comparison; did you mean `>=`?' });
        expect(errors).toHaveLength(1);
        expect(ws.diagnostics.every(d => d.file === 'programs/acme.norma')).toBe(true);
    });

    it('reports a character the language does not know', async () => {
        const ws = await loadWorkspace([{ path: 'a.norma', text: 'program AcmeBilling {\n  client "Acme" §\n}\n' }]);
        const lexing = ws.diagnostics.find(d => d.message.includes('§'));
        expect(lexing).toMatchObject({ file: 'a.norma', line: 2, column: 17, severity: 'error' });
        expect(lexing!.message).toBe('`§` is not a character Norma reads here.');
        // The one slip makes one error: nothing else is reported on its line.
        expect(ws.diagnostics.filter(d => d.line === 2)).toHaveLength(1);
    });
});
