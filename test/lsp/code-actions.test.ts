import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixedLiteral } from '../../language/src/lsp/norma-code-actions.js';
import { buildDocuments, clearAll, lspServices, METRICS, STANDARD, type Services } from './fixtures.js';

let services: Services;

beforeAll(() => { services = lspServices(); });
afterEach(() => clearAll(services));

/** The quick fixes offered for the one diagnostic with this code in `doc`, and the text after each. */
async function fixes(doc: LangiumDocument, code: string): Promise<{ title: string; after: string }[]> {
    const diagnostics = (doc.diagnostics ?? []).filter(d => d.code === code);
    expect(diagnostics, `one '${code}' diagnostic`).toHaveLength(1);
    const actions = await services.Norma.lsp.CodeActionProvider!.getCodeActions(doc, {
        textDocument: { uri: doc.uri.toString() }, range: diagnostics[0].range, context: { diagnostics },
    }) as CodeAction[];
    return actions.map(a => ({
        title: a.title,
        after: TextDocument.applyEdits(doc.textDocument, a.edit?.changes?.[doc.uri.toString()] ?? []),
    }));
}

describe('code actions', () => {
    it('replaces an unknown metric with the did-you-mean', async () => {
        const [, doc] = await buildDocuments(services, { 'metrics.norma': METRICS, 'p.norma': 'program P { norm ServiceLevl >= 80% }' });
        expect(await fixes(doc, 'unknown-name')).toEqual([
            { title: "Change 'ServiceLevl' to 'ServiceLevel'", after: 'program P { norm ServiceLevel >= 80% }' },
        ]);
    });

    it('replaces an unknown family with the did-you-mean', async () => {
        const [doc] = await buildDocuments(services, { 'm.norma': 'metric M { family servce unit percent better higher period daily }' });
        expect(await fixes(doc, 'unknown-word')).toEqual([
            { title: "Change 'servce' to 'service'", after: 'metric M { family service unit percent better higher period daily }' },
        ]);
    });

    it('writes a ratio threshold of a percent metric as a percentage', async () => {
        const [, doc] = await buildDocuments(services, { 'metrics.norma': METRICS, 'p.norma': 'program P { norm ServiceLevel >= 0.8 }' });
        expect(await fixes(doc, 'norm-wrong-unit')).toEqual([
            { title: 'Write 0.8 as 80% (ServiceLevel is in percent)', after: 'program P { norm ServiceLevel >= 80% }' },
        ]);
    });

    it('gives a plain threshold of a duration metric its unit', async () => {
        const [, doc] = await buildDocuments(services, { 'metrics.norma': METRICS, 'p.norma': 'program P { norm AverageHandleTime <= 360 }' });
        expect(await fixes(doc, 'norm-wrong-unit')).toEqual([
            { title: 'Write 360 as 360s (AverageHandleTime is in seconds)', after: 'program P { norm AverageHandleTime <= 360s }' },
        ]);
    });

    it('adds the norm a `needs` requirement asks for to the program', async () => {
        const [, , doc] = await buildDocuments(services, {
            'metrics.norma': METRICS,
            'standard.norma': STANDARD,
            'p.norma': 'program Acme {\n    applies COPC_CX\n    norm ServiceLevel >= 80%\n}\n',
        });
        expect(await fixes(doc, 'requirement-not-covered')).toEqual([{
            title: "Add 'norm CriticalErrorAccuracy >= 80%' (COPC_CX.Performance.PF2 needs it)",
            after: 'program Acme {\n    applies COPC_CX\n    norm ServiceLevel >= 80%\n    norm CriticalErrorAccuracy >= 80%\n}\n',
        }]);
    });
});

describe('fixedLiteral', () => {
    it('reads a plain number in the metric unit', () => {
        expect([
            fixedLiteral('0.95', { kind: 'percent' }), fixedLiteral('85', { kind: 'percent' }), fixedLiteral('80', { kind: 'ratio' }),
            fixedLiteral('6', { kind: 'minutes' }), fixedLiteral('2', { kind: 'hours' }), fixedLiteral('3.10', { kind: 'currency', currency: 'EUR' }),
            fixedLiteral('20s', { kind: 'percent' }), fixedLiteral('120', { kind: 'percent' }),
        ]).toEqual(['95%', '85%', '0.8', '6min', '2h', 'EUR 3.10', undefined, undefined]);
    });
});
