// Editor features on raw-record sources and formulas (SPEC §6): completion of fields, aggregates
// and sources; hover in plain words; go to definition and rename of fields; semantic tokens.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectCompletion, expectGoToDefinition, expectHover } from 'langium/test';
import type { AbstractSemanticTokenProvider } from 'langium/lsp';
import { buildDocuments, clearAll, lspServices, type Services } from './fixtures.js';

let services: Services;
beforeAll(() => { services = lspServices(); });
afterEach(() => clearAll(services));

const SOURCE = `source Calls "ACD call records" {
    field queue: text
    field offered_at: timestamp
    field outcome: text
    field wait: seconds column "queue_seconds"
    field answered = outcome = "ANSWERED"
    field abandoned = outcome = "ABANDONED" and wait >= 5s
    field offered = answered or abandoned
}
`;

describe('records in the editor', () => {
    it('completes the fields of the metric\'s source, and the aggregates, inside a formula', async () => {
        await expectCompletion(services.Norma)({
            text: `${SOURCE}metric SL { family service unit percent better higher period daily from Calls at offered_at = count(<|>) }`,
            index: 0,
            assert: completions => {
                const labels = completions.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['queue', 'wait', 'answered', 'offered', 'count', 'avg', 'percentile']));
                expect(completions.items.find(i => i.label === 'wait')?.detail).toBe('field of Calls: seconds');
            },
        });
    });

    it('completes sources after records, and fields in the records clause', async () => {
        await expectCompletion(services.Norma)({
            text: `${SOURCE}program P { records <|>Calls where <|>queue = "A" }`,
            index: 0,
            assert: completions => expect(completions.items.map(i => i.label)).toContain('Calls'),
        });
        await expectCompletion(services.Norma)({
            text: `${SOURCE}program P { records Calls where <|>queue = "A" }`,
            index: 0,
            assert: completions => {
                const labels = completions.items.map(i => i.label);
                expect(labels).toContain('queue');
                expect(labels).not.toContain('count');
            },
        });
    });

    it('explains a metric\'s formula in plain words', async () => {
        await buildDocuments(services, { 'calls.norma': SOURCE });
        await expectHover(services.Norma)({
            text: `metric SL "Answered within 20 s" { family service unit percent better higher period daily
                from Calls at offered_at = count(answered and wait <= 20s) / count(offered) }
              program P { norm S<|>L >= 80% }`,
            index: 0,
            hover: '**Answered within 20 s** (`SL`)\n\npercent · higher is better · daily · service\n\n'
                + 'Share of offered Calls records where answered and wait is at most 20 s; offered = answered, or abandoned; '
                + 'answered = outcome is "ANSWERED"; abandoned = outcome is "ABANDONED" and wait is at least 5 s. '
                + 'Each record counts in the period of its offered_at.',
        });
    });

    it('shows a field\'s type and column, or a derived field in words', async () => {
        const hover = expectHover(services.Norma);
        await hover({ text: `${SOURCE}metric M { family service unit count better higher period daily from Calls at offered_at = count(wa<|>it > 1s) }`, index: 0,
            hover: '**field wait** · a duration (source Calls)\n\nread from the column `queue_seconds`' });
        await hover({ text: `${SOURCE}metric M { family service unit count better higher period daily from Calls at offered_at = count(aband<|>oned) }`, index: 0,
            hover: '**field abandoned** · a yes/no condition (source Calls)\n\nabandoned = outcome is "ABANDONED" and wait is at least 5 s' });
    });

    it('goes to a field\'s definition from a formula and from a derived field', async () => {
        await expectGoToDefinition(services.Norma)({
            text: `source S { field <|wait|>: seconds field slow = wa<|>it > 20s field ts: timestamp }
                metric M { family service unit count better higher period daily from S at ts = count(wa<|>it > 5s) }`,
            index: 0, rangeIndex: 0,
        });
        await expectGoToDefinition(services.Norma)({
            text: `source S { field <|wait|>: seconds field slow = wa<|>it > 20s field ts: timestamp }
                metric M { family service unit count better higher period daily from S at ts = count(wa<|>it > 5s) }`,
            index: 1, rangeIndex: 0,
        });
    });

    it('renames a field everywhere it is used, and nowhere else', async () => {
        const [doc] = await buildDocuments(services, { 'ws.norma': `source S { field wait: seconds field slow = wait > 20s field ts: timestamp }
source T { field wait: seconds field ts: timestamp }
metric M { family service unit count better higher period daily from S at ts = count(wait > 5s) }
program P { records S where wait > 1s norm M >= 1 }
` });
        const edit = await services.Norma.lsp.RenameProvider!.rename(doc, {
            textDocument: { uri: doc.uri.toString() }, position: { line: 0, character: 18 }, newName: 'queue_wait',
        });
        const edits = Object.values(edit?.changes ?? {}).flat().map(e => `${e.range.start.line}:${e.range.start.character}`).sort();
        // The declaration, the derived field, the formula and the records clause; not source T's own `wait`.
        expect(edits).toEqual(['0:17', '0:44', '2:85', '3:28']);
    });

    it('gives sources, fields and aggregates their semantic token kinds', async () => {
        const [doc] = await buildDocuments(services, { 'ws.norma': `${SOURCE}metric M { family service unit count better higher period daily from Calls at offered_at = count(offered) }\n` });
        const tokens = await services.Norma.lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } });
        const legend = (services.Norma.lsp.SemanticTokenProvider as unknown as AbstractSemanticTokenProvider).semanticTokensOptions.legend.tokenTypes;
        const data = tokens.data;
        const kinds: string[] = [];
        for (let i = 0; i < data.length; i += 5) kinds.push(legend[data[i + 3]]);
        expect(kinds).toEqual(expect.arrayContaining(['type', 'property', 'function']));
        expect(kinds.filter(k => k === 'property').length).toBeGreaterThanOrEqual(10);
    });
});
