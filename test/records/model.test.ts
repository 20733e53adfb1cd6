import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { SPEC_FILES } from './spec-workspace.js';

describe('records in the semantic model (SPEC §6)', () => {
    it('builds the SPEC §6 source, formulas and records clause as plain JSON', async () => {
        const ws = await loadWorkspace(SPEC_FILES);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const source = ws.model!.sources![0];
        expect(source.id).toBe('Calls');
        expect(source.timezone).toBe('Europe/London');
        expect(source.table).toBe('acd.calls');
        expect(source.fields.find(f => f.name === 'wait')).toEqual({ name: 'wait', type: 'seconds', column: 'queue_seconds' });
        expect(source.fields.find(f => f.name === 'abandoned')).toEqual({
            name: 'abandoned', type: 'boolean',
            value: {
                kind: 'logic', op: 'and',
                left: { kind: 'compare', op: '=', left: { kind: 'field', name: 'outcome' }, right: { kind: 'text', value: 'ABANDONED' } },
                right: { kind: 'compare', op: '>=', left: { kind: 'field', name: 'wait' }, right: { kind: 'number', value: '5', dimension: 'duration' } },
            },
        });
        expect(source.keep).toEqual([{ kind: 'compare', op: '!=', left: { kind: 'field', name: 'outcome' }, right: { kind: 'text', value: 'TEST' } }]);
        const sl = ws.model!.metrics.find(m => m.id === 'ServiceLevel')!;
        expect(sl.formula).toEqual({
            source: 'Calls', at: 'offered_at', where: null, dimension: 'fraction',
            value: {
                kind: 'arithmetic', op: '/',
                left: {
                    kind: 'aggregate', fn: 'count', arg: {
                        kind: 'logic', op: 'and', left: { kind: 'field', name: 'answered' },
                        right: { kind: 'compare', op: '<=', left: { kind: 'field', name: 'wait' }, right: { kind: 'number', value: '20', dimension: 'duration' } },
                    },
                },
                right: { kind: 'aggregate', fn: 'count', arg: { kind: 'field', name: 'offered' } },
            },
        });
        const aht = ws.model!.metrics.find(m => m.id === 'AverageHandleTime')!;
        expect(aht.formula!.where).toEqual({ kind: 'field', name: 'answered' });
        expect(aht.formula!.dimension).toBe('duration');
        expect(ws.model!.metrics.find(m => m.id === 'CallsOffered')!.weekStart).toBe('sunday');
        expect(ws.model!.programs[0].records).toEqual([{
            source: 'Calls',
            where: { kind: 'in', operand: { kind: 'field', name: 'queue' }, values: [{ kind: 'text', value: 'ACME_BILL_EN' }, { kind: 'text', value: 'ACME_BILL_FR' }] },
        }]);
        // Plain JSON: it survives a round trip unchanged.
        expect(JSON.parse(JSON.stringify(ws.model))).toEqual(ws.model);
    });

    it('gives * and / precedence over + and -, comparisons looser, not looser still', async () => {
        const ws = await loadWorkspace([{ path: 'a.norma', text: `source S {
            field a: integer
            field b: integer
            field x = not a + b * 2 >= 3 - 1 and b is not null or a in (1, 2)
        }` }]);
        expect(ws.diagnostics).toEqual([]);
        const x = ws.model!.sources![0].fields[2].value!;
        const n = (value: string) => ({ kind: 'number', value, dimension: 'number' });
        const f = (name: string) => ({ kind: 'field', name });
        expect(x).toEqual({
            kind: 'logic', op: 'or',
            left: {
                kind: 'logic', op: 'and',
                left: { kind: 'not', operand: {
                    kind: 'compare', op: '>=',
                    left: { kind: 'arithmetic', op: '+', left: f('a'), right: { kind: 'arithmetic', op: '*', left: f('b'), right: n('2') } },
                    right: { kind: 'arithmetic', op: '-', left: n('3'), right: n('1') },
                } },
                right: { kind: 'isNull', operand: f('b'), negated: true },
            },
            right: { kind: 'in', operand: f('a'), values: [n('1'), n('2')] },
        });
    });

    it('keeps literals exact in the normalised unit', async () => {
        const ws = await loadWorkspace([{ path: 'a.norma', text: `source S {
            field w: seconds
            field x = w >= 1.5h or w < 0.1s or w = 4.1min
        }` }]);
        expect(ws.diagnostics).toEqual([]);
        const text = JSON.stringify(ws.model!.sources![0].fields[1].value);
        expect(text).toContain('"value":"5400"');
        expect(text).toContain('"value":"0.1"');
        expect(text).toContain('"value":"246"');
    });
});

describe('formatting sources, formulas and records clauses', () => {
    it('puts each field, keep and property on its line, tightens calls and keeps every comment', async () => {
        const { formatText } = await import('../../language/src/lsp/norma-formatter.js');
        const messy = `source Calls { field queue : text   // the queue
  field wait: seconds column "queue_seconds" field answered = outcome = "A" keep queue in ( "A" , "B" )
 timezone "Europe/London" }
metric SL { family service unit percent better higher period daily from Calls at at
/* share */ = count ( answered and wait <= 20s ) / count ( ) where not ( wait is null ) }
program P { records Calls where queue = "A" norm SL >= 80% }
`.replace('from Calls at at', 'from Calls at ts').replace('field queue : text', 'field queue : text field ts: timestamp field outcome: text');
        expect(await formatText(messy)).toBe(`source Calls {
    field queue: text
    field ts: timestamp
    field outcome: text   // the queue
    field wait: seconds column "queue_seconds"
    field answered = outcome = "A"
    keep queue in ("A", "B")
    timezone "Europe/London"
}
metric SL {
    family service
    unit percent
    better higher
    period daily
    from Calls at ts
    /* share */
    = count(answered and wait <= 20s) / count() where not (wait is null)
}
program P {
    records Calls where queue = "A"
    norm SL >= 80%
}
`);
    });
});
