import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectFoldings, expectSemanticToken, expectSymbols, highlightHelper } from 'langium/test';
import { SemanticTokenTypes, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { buildDocuments, clearAll, lspServices, METRICS, type Services } from './fixtures.js';

let services: Services;

beforeAll(() => { services = lspServices(); });
afterEach(() => clearAll(services));

const KIND_NAMES = Object.fromEntries(Object.entries(SymbolKind).map(([name, kind]) => [kind, name]));
const outline = (symbols: DocumentSymbol[], depth = 0): string[] =>
    symbols.flatMap(s => [`${'  '.repeat(depth)}${s.name} (${KIND_NAMES[s.kind]})`, ...outline(s.children ?? [], depth + 1)]);

describe('document symbols', () => {
    it('outlines standard > categories > requirements and programs > norms', async () => {
        await expectSymbols(services.Norma)({
            text: `standard COPC_CX { category Performance { requirement PF1 requirement PF2 } }
                   program Acme { client "Acme" norm ServiceLevel >= 80% norm ServiceLevel >= 85% from 2026-07-01 norm AHT between 5min and 6min }`,
            assert: symbols => expect(outline(symbols)).toEqual([
                'COPC_CX (Namespace)',
                '  Performance (Package)',
                '    PF1 (Interface)',
                '    PF2 (Interface)',
                'Acme (Class)',
                '  norm ServiceLevel >= 80% (Property)',
                '  norm ServiceLevel >= 85% from 2026-07-01 (Property)',
                '  norm AHT between 5min and 6min (Property)',
            ]),
        });
    });
});

describe('folding', () => {
    it('folds multi-line blocks and block comments, keeping the closing line visible', async () => {
        await expectFoldings(services.Norma)({
            text: `/* The billing program.
   Signed 2025,
   renewed 2026. */
program Acme {
    norm ServiceLevel >= 80% {
        act immediately below 70%
        act after 2 consecutive misses
    }
}`,
            assert: foldings => expect(foldings.map(f => [f.startLine, f.endLine, f.kind ?? 'block'])).toEqual([
                [0, 1, 'comment'],
                [3, 7, 'block'],
                [4, 6, 'block'],
            ]),
        });
    });
});

describe('semantic tokens', () => {
    it('marks declarations, references, enumerated words, quantities and dates', async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        const tokens = await highlightHelper(services.Norma)(
            'metric <|Handle|> { family <|efficiency|> } program <|Acme|> { certified <|2025-04-01|> norm <|ServiceLevel|> >= <|80%|> }');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.variable });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.enumMember });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(tokens, { rangeIndex: 4, tokenType: SemanticTokenTypes.variable });
        expectSemanticToken(tokens, { rangeIndex: 5, tokenType: SemanticTokenTypes.number });
    });
});

describe('inlay hints', () => {
    it('shows minutes and hours converted to seconds, and nothing for seconds or percent', async () => {
        const [doc] = await buildDocuments(services, {
            'p.norma': 'program P { norm AHT <= 6min norm Wait < 1.5h norm ASA <= 20s norm SL >= 80% }',
        });
        const hints = await services.Norma.lsp.InlayHintProvider!.getInlayHints(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
        });
        expect(hints?.map(h => [h.position.character, h.label])).toEqual([[28, '= 360 s'], [45, '= 5400 s']]);
    });
});
