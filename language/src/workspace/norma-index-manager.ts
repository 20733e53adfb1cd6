/**
 * Langium's index with, for each document, the files its references point into. After an edit
 * Langium asks of every document whether it refers to a changed file, and the default answer
 * walks all the document's reference descriptions (10 or so per program file, 100,000 objects
 * at 10,000 files, read from all over the heap); here it reads the one or two file names kept
 * when the document's references were indexed. The answer is the same as Langium's.
 */
import { DefaultIndexManager, type LangiumDocument, type URI } from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';

export class NormaIndexManager extends DefaultIndexManager {
    /** Document (URI text) -> the files (URI text) its non-local references point into. */
    private readonly targetsOf = new Map<string, string[]>();

    override async updateReferences(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        await super.updateReferences(document, cancelToken);
        const uri = document.uri.toString();
        const targets = new Set<string>();
        for (const ref of this.referenceIndex.get(uri) ?? []) if (!ref.local) targets.add(ref.targetUri.toString());
        this.targetsOf.set(uri, [...targets]);
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.targetsOf.delete(uri.toString());
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const uri = document.uri.toString();
        const targets = this.targetsOf.get(uri);
        // Indexed by another path than updateReferences (none in Langium 4.4): ask Langium.
        if (targets === undefined) return super.isAffected(document, changedUris);
        return targets.some(target => changedUris.has(target));
    }
}
