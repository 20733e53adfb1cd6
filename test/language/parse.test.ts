import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';

describe('workspace loading', () => {
    it('parses, links across files and builds the model', async () => {
        const ws = await loadWorkspace([
            { path: 'metrics.norma', text: `metric ServiceLevel "Calls answered within 20 seconds" {
                family service unit percent better higher period daily }
              metric AverageHandleTime "AHT" { family efficiency unit minutes better lower period daily }` },
            { path: 'programs/acme.norma', text: `program AcmeBilling "Acme" {
                client "Acme Telecom"
                norm ServiceLevel >= 80% { act immediately below 70% }
                norm ServiceLevel >= 85% from 2026-07-01
                norm AverageHandleTime <= 6min
              }` },
        ]);
        expect(ws.diagnostics).toEqual([]);
        const norms = ws.model!.norms;
        expect(norms.map(n => [n.id, n.target, n.from, n.until])).toEqual([
            ['AcmeBilling.AverageHandleTime', 360, null, null],
            ['AcmeBilling.ServiceLevel', 80, null, '2026-07-01'],
            ['AcmeBilling.ServiceLevel@2026-07-01', 85, '2026-07-01', null],
        ]);
        expect(norms[1].critical).toEqual({ side: 'below', threshold: 70, thresholdExact: '70' });
        expect(norms[1].source).toEqual({ file: 'programs/acme.norma', line: 3, column: 17 });
    });
});
