import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import { buildDocuments, clearAll, lspServices, METRICS, type Services } from './fixtures.js';

let services: Services;

beforeAll(() => { services = lspServices(); });
afterEach(() => clearAll(services));

async function lenses(doc: LangiumDocument): Promise<[number, string][]> {
    const list = await services.Norma.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
    return (list ?? []).map(l => [l.range.start.line, l.command?.title ?? '']);
}

describe('usage code lens', () => {
    it('counts the programs that use each metric, profiles included', async () => {
        const [metrics] = await buildDocuments(services, {
            'metrics.norma': METRICS,
            'profiles.norma': 'profile VoiceDefaults { norm ServiceLevel >= 80% }',
            'a.norma': 'program A { uses VoiceDefaults norm AverageHandleTime <= 6min }',
            'b.norma': 'program B { norm ServiceLevel >= 85% norm ServiceLevel >= 90% from 2026-07-01 }',
            'c.norma': 'program C { uses VoiceDefaults }',
        });
        expect(await lenses(metrics)).toEqual([
            [0, 'used by 3 programs'],
            [8, 'used by 1 program'],
            [15, 'not used by any program'],
        ]);
    });
});

describe('while a norm is being typed', () => {
    it('usage lens and outline survive `norm ` with no metric yet', async () => {
        const [metrics, program] = await buildDocuments(services, {
            'metrics.norma': METRICS,
            'p.norma': 'program A {\n    norm ServiceLevel >= 80%\n    norm \n}\n',
        });
        await expect(lenses(metrics)).resolves.toContainEqual([0, 'used by 1 program']);
        const symbols = await services.Norma.lsp.DocumentSymbolProvider!.getSymbols(program, { textDocument: { uri: program.uri.toString() } });
        expect(symbols.map(s => s.name)).toEqual(['A']);
    });
});
