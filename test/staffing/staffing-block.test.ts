// The `staffing` block on a program: in the model, and laid out one role a line.
import { describe, expect, it } from 'vitest';
import { formatText } from '../../language/src/lsp/norma-formatter.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';

const METRICS = `metric CallsOffered "Calls offered" { family service unit count better higher period interval30 }
metric AverageHandleTime "Handle time" { family efficiency unit seconds better lower period interval30 }
metric MeanPatience "Patience" { family service unit seconds better higher period interval30 }
`;

describe('the staffing block', () => {
    it('names the metrics of each role in the model', async () => {
        const ws = await loadWorkspace([{ path: 'ws.norma', text: `${METRICS}
program Acme { staffing { offered CallsOffered handle AverageHandleTime patience MeanPatience } }` }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(ws.model?.programs[0].staffing).toEqual({
            offered: 'CallsOffered', handle: 'AverageHandleTime', patience: 'MeanPatience',
            source: { file: 'ws.norma', line: 5, column: 16 },
        });
    });

    it('is laid out one role a line by the formatter', async () => {
        const out = await formatText(`program Acme { staffing { offered CallsOffered handle AverageHandleTime } }\n`);
        expect(out).toBe('program Acme {\n    staffing {\n        offered CallsOffered\n        handle AverageHandleTime\n    }\n}\n');
    });
});
