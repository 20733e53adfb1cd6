// The document store keeps its list of all documents between changes (NormaLangiumDocuments):
// the list must still follow every addition and removal, in the order Langium's own store gives.
import { DefaultLangiumDocuments, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { createNormaServices } from '../../language/src/norma-module.js';
import { createNormaLspServices } from '../../language/src/lsp/norma-lsp-module.js';
import { NormaLangiumDocuments } from '../../language/src/workspace/norma-documents.js';

const paths = (docs: Iterable<LangiumDocument>) => [...docs].map(d => d.uri.path);

describe('the list of all documents', () => {
    it('is kept by both the CLI services and the language server', () => {
        expect(createNormaServices(EmptyFileSystem).shared.workspace.LangiumDocuments).toBeInstanceOf(NormaLangiumDocuments);
        expect(createNormaLspServices(EmptyFileSystem).shared.workspace.LangiumDocuments).toBeInstanceOf(NormaLangiumDocuments);
    });

    it("follows additions and removals, in Langium's own order", () => {
        const ours = createNormaServices(EmptyFileSystem).shared;
        const theirs = createNormaServices(EmptyFileSystem).shared;
        const plain = new DefaultLangiumDocuments(theirs);
        const stores = [ours.workspace.LangiumDocuments, plain];
        const add = (file: string) => stores.forEach((store, i) => {
            const factory = (i === 0 ? ours : theirs).workspace.LangiumDocumentFactory;
            store.addDocument(factory.fromString(`metric M${file.length} "m" {\n}\n`, URI.file(file)));
        });
        const same = () => expect(paths(stores[0].all)).toEqual(paths(stores[1].all));

        expect(paths(stores[0].all)).toEqual([]);
        for (const f of ['/ws/programs/b.norma', '/ws/metrics.norma', '/ws/programs/a.norma', '/other/x.norma']) add(f);
        same();
        expect(paths(stores[0].all)).toHaveLength(4);
        // Asked twice without a change: the same documents.
        expect(paths(stores[0].all)).toEqual(paths(stores[0].all));

        stores.forEach(s => s.deleteDocument(URI.file('/ws/metrics.norma')));
        same();
        expect(paths(stores[0].all)).not.toContain('/ws/metrics.norma');

        add('/ws/programs/c.norma');
        same();
        expect(paths(stores[0].all)).toContain('/ws/programs/c.norma');

        const deleted = stores[0].deleteDocuments(URI.file('/ws/programs'));
        plain.deleteDocuments(URI.file('/ws/programs'));
        expect(paths(deleted).sort()).toEqual(['/ws/programs/a.norma', '/ws/programs/b.norma', '/ws/programs/c.norma']);
        same();
        expect(paths(stores[0].all)).toEqual(['/other/x.norma']);
    });
});
