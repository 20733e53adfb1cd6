// After an edit the server links again exactly the documents Langium would: those that refer to
// a changed file and those holding a reference that failed to link. Norma answers both
// questions from what it kept per document (NormaIndexManager, NormaDocumentBuilder); these
// tests compare the answers with Langium's own and follow the diagnostics through edits.
import { DefaultIndexManager, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { NormaIndexManager } from '../../language/src/workspace/norma-index-manager.js';
import { buildDocuments, clearAll, lspServices, METRIC, RELINK_FILES } from './fixtures.js';

const services = lspServices();
afterEach(() => clearAll(services));

const errors = (uri: LangiumDocument['uri']) =>
    services.shared.workspace.LangiumDocuments.getDocument(uri)!.diagnostics!.filter(d => d.severity === 1).map(d => d.message);

async function edit(doc: LangiumDocument, version: number, text: string): Promise<void> {
    services.shared.workspace.TextDocuments.set(TextDocument.create(doc.uri.toString(), 'norma', version, text));
    await services.shared.workspace.DocumentBuilder.update([doc.uri], []);
}

describe('which documents an edit affects', () => {
    it("is Langium's answer for every document and every changed file", async () => {
        const docs = await buildDocuments(services, RELINK_FILES);
        const index = services.shared.workspace.IndexManager;
        expect(index).toBeInstanceOf(NormaIndexManager);
        const langium = (doc: LangiumDocument, changed: Set<string>) => DefaultIndexManager.prototype.isAffected.call(index, doc, changed);
        const answers: boolean[] = [];
        for (const changed of [...docs.map(d => [d.uri.toString()]), docs.slice(0, 2).map(d => d.uri.toString()), []]) {
            for (const doc of docs) {
                const set = new Set(changed);
                expect(index.isAffected(doc, set), `${doc.uri.path} after ${changed.join(', ')}`).toBe(langium(doc, set));
                answers.push(index.isAffected(doc, set));
            }
        }
        // Both answers occur: a program refers to the metrics files, a file never to itself alone.
        expect(answers).toContain(true);
        expect(answers).toContain(false);
    });

    it('links again a program whose metric appears in another file, and again when it goes away', async () => {
        const [metrics, program] = await buildDocuments(services, {
            'metrics.norma': METRIC('ServiceLevel'),
            'programs/p.norma': 'program P { norm Speed >= 80% }',
        });
        expect(errors(program.uri)).toEqual(["Unknown metric 'Speed'."]);
        // A new metric in another file: the program's failed reference now links.
        await edit(metrics, 2, METRIC('ServiceLevel') + METRIC('Speed'));
        expect(errors(program.uri)).toEqual([]);
        // Edited again without touching Speed: still linked.
        await edit(metrics, 3, METRIC('ServiceLevel') + METRIC('Speed') + '// a comment\n');
        expect(errors(program.uri)).toEqual([]);
        // Renamed away: the program refers to metrics.norma, so it is linked again and fails.
        await edit(metrics, 4, METRIC('ServiceLevel') + METRIC('Speed2'));
        expect(errors(program.uri)).toEqual(["Unknown metric 'Speed'. Did you mean 'Speed2'?"]);
        // And back: the failed reference is retried after an edit of any file.
        await edit(metrics, 5, METRIC('Speed'));
        expect(errors(program.uri)).toEqual([]);
    });

    it("keeps every metric of the workspace in Langium's answer and order through edits, additions and deletions", async () => {
        const [metrics, more, program] = await buildDocuments(services, {
            'metrics.norma': METRIC('ServiceLevel') + METRIC('Quality'),
            'more-metrics.norma': METRIC('Speed'),
            'programs/p.norma': 'program P { norm Speed >= 80%\n norm Later >= 1% }',
        });
        const index = services.shared.workspace.IndexManager;
        const names = (type: string) => index.allElements(type).map(d => `${d.name} ${d.documentUri.path}`).toArray();
        const langium = (type: string) => DefaultIndexManager.prototype.allElements.call(index, type).map(d => `${d.name} ${d.documentUri.path}`).toArray();
        const same = () => {
            for (const type of ['Metric', 'Program', 'Standard']) expect(names(type), type).toEqual(langium(type));
            // The very descriptions Langium holds, not copies of old ones.
            expect(index.allElements('Metric').toArray()).toEqual(DefaultIndexManager.prototype.allElements.call(index, 'Metric').toArray());
        };
        same();
        expect(names('Metric')).toEqual(['ServiceLevel /ws/metrics.norma', 'Quality /ws/metrics.norma', 'Speed /ws/more-metrics.norma']);
        await edit(program, 2, 'program P2 { norm Speed >= 80%\n norm Later >= 1% }');
        same();
        await edit(more, 2, METRIC('Speed') + METRIC('Later'));
        same();
        expect(errors(program.uri)).toEqual([]);
        await edit(metrics, 2, METRIC('Quality'));
        same();
        expect(names('Metric').sort()).toEqual(['Later /ws/more-metrics.norma', 'Quality /ws/metrics.norma', 'Speed /ws/more-metrics.norma']);
        await services.shared.workspace.DocumentBuilder.update([], [more.uri]);
        same();
        expect(errors(program.uri)).toEqual(["Unknown metric 'Speed'.", "Unknown metric 'Later'."]);
    });

    it('forgets a deleted file: its programs fail to link', async () => {
        const [metrics, program] = await buildDocuments(services, {
            'metrics.norma': METRIC('ServiceLevel'),
            'programs/p.norma': 'program P { norm ServiceLevel >= 80% }',
        });
        expect(errors(program.uri)).toEqual([]);
        await services.shared.workspace.DocumentBuilder.update([], [metrics.uri]);
        expect(errors(program.uri)).toEqual(["Unknown metric 'ServiceLevel'."]);
    });
});
