import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectFindReferences, expectGoToDefinition, expectWorkspaceSymbols } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDocuments, clearAll, lspServices, METRICS, type Services } from './fixtures.js';

let services: Services;

beforeAll(() => { services = lspServices(); });
afterEach(() => clearAll(services));

describe('go to definition', () => {
    it('jumps from a norm to its metric', async () => {
        await expectGoToDefinition(services.Norma)({
            text: 'metric <|ServiceLevel|> { family service } program P { norm Service<|>Level >= 80% }',
            index: 0,
            rangeIndex: 0,
        });
    });

    it('jumps to a metric in another file', async () => {
        const [metrics, program] = await buildDocuments(services, {
            'metrics.norma': METRICS,
            'programs/acme.norma': 'program Acme {\n    norm AverageHandleTime <= 6min\n}\n',
        });
        const links = await services.Norma.lsp.DefinitionProvider!.getDefinition(program, {
            textDocument: { uri: program.uri.toString() }, position: { line: 1, character: 12 },
        });
        expect(links?.map(l => [l.targetUri, l.targetSelectionRange])).toEqual([
            [metrics.uri.toString(), { start: { line: 8, character: 7 }, end: { line: 8, character: 24 } }],
        ]);
    });
});

describe('find references', () => {
    it('finds every norm that names a metric, with the declaration', async () => {
        await expectFindReferences(services.Norma)({
            text: 'metric <|Servi<|>ceLevel|> { family service }\nprogram P { norm <|ServiceLevel|> >= 80% norm <|ServiceLevel|> >= 85% from 2026-07-01 }',
            includeDeclaration: true,
        });
    });
});

describe('rename', () => {
    it('renames a metric and its references in other files', async () => {
        const [metrics, acme, beta] = await buildDocuments(services, {
            'metrics.norma': METRICS,
            'programs/acme.norma': 'program Acme {\n    norm ServiceLevel >= 80%\n}\n',
            'programs/beta.norma': 'program Beta {\n    norm ServiceLevel >= 85%\n    norm AverageHandleTime <= 6min\n}\n',
        });
        const edit = await services.Norma.lsp.RenameProvider!.rename(metrics, {
            textDocument: { uri: metrics.uri.toString() }, position: { line: 0, character: 10 }, newName: 'SL20',
        });
        const apply = (doc: typeof metrics) =>
            TextDocument.applyEdits(doc.textDocument, edit?.changes?.[doc.uri.toString()] ?? []);
        expect(apply(metrics).split('\n')[0]).toBe('metric SL20 "Calls answered within 20 seconds" {');
        expect(apply(acme)).toBe('program Acme {\n    norm SL20 >= 80%\n}\n');
        expect(apply(beta)).toBe('program Beta {\n    norm SL20 >= 85%\n    norm AverageHandleTime <= 6min\n}\n');
    });

    it('updates the errors of other files when a metric is renamed away', async () => {
        const [metrics, acme] = await buildDocuments(services, {
            'metrics.norma': 'metric ServiceLevel { family service unit percent better higher period daily }',
            'programs/acme.norma': 'program Acme { norm ServiceLevel >= 80% }',
        });
        expect(acme.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        // The editor sends the new text of metrics.norma; only that file changes.
        services.shared.workspace.TextDocuments.set(TextDocument.create(metrics.uri.toString(), 'norma', 2,
            'metric ServiceLevel20 { family service unit percent better higher period daily }'));
        await services.shared.workspace.DocumentBuilder.update([metrics.uri], []);
        const updated = services.shared.workspace.LangiumDocuments.getDocument(acme.uri)!;
        expect(updated.diagnostics?.filter(d => d.severity === 1).map(d => d.message)).toEqual([
            "Unknown metric 'ServiceLevel'. Did you mean 'ServiceLevel20'?",
        ]);
    });

    it('finds a name taken in another file after an edit, and forgets it after the next', async () => {
        const [acme, beta] = await buildDocuments(services, {
            'programs/acme.norma': 'program Acme { channel voice }',
            'programs/beta.norma': 'program Beta { channel voice }',
        });
        const edit = async (doc: typeof beta, version: number, text: string) => {
            services.shared.workspace.TextDocuments.set(TextDocument.create(doc.uri.toString(), 'norma', version, text));
            await services.shared.workspace.DocumentBuilder.update([doc.uri], []);
            return services.shared.workspace.LangiumDocuments.getDocument(beta.uri)!.diagnostics!.filter(d => d.code === 'duplicate-name').map(d => d.message);
        };
        expect(await edit(beta, 2, 'program Acme { channel voice }')).toEqual([
            "Another program is named 'Acme' (in acme.norma, line 1); names must be unique in the workspace.",
        ]);
        // Acme is renamed in its own file: the next edit of beta.norma no longer finds it.
        await edit(acme, 2, 'program Alpha { channel voice }');
        expect(await edit(beta, 3, 'program Acme {  channel voice }')).toEqual([]);
    });
});

describe('workspace symbols', () => {
    it('lists the declarations of every file matching the query', async () => {
        await buildDocuments(services, {
            'metrics.norma': METRICS,
            'programs/acme.norma': 'program AcmeBilling { norm ServiceLevel >= 80% }',
        });
        await expectWorkspaceSymbols(services.shared)({
            query: 'Acme',
            expectedSymbols: ['AcmeBilling'],
        });
        await expectWorkspaceSymbols(services.shared)({
            query: 'Time',
            assert: symbols => expect(symbols.map(s => [s.name, s.kind])).toEqual([['AverageHandleTime', 13]]),
        });
    });
});
