/**
 * Langium's index with two things kept between edits, for a language server whose edits cost
 * the same at 10,000 files as at 100:
 * - for each document, the files its references point into. After an edit Langium asks of
 *   every document whether it refers to a changed file, and the default answer walks all the
 *   document's reference descriptions (10 or so per program file, 100,000 objects at 10,000
 *   files, read from all over the heap); here it reads the one or two file names kept when the
 *   document's references were indexed;
 * - every declaration of a kind in the workspace (`allElements(type)`, the global scope of a
 *   reference to a metric), which Langium collects again from every document after each edit:
 *   it is kept until a document that declares (or declared) one of that kind changes.
 * The answers are the same as Langium's, in the same order. The language server's builder also
 * asks the reverse question, which documents refer into the changed files (`referringTo`), so
 * that an edit need not ask it of every document.
 */
import { DefaultIndexManager, stream, type AstNodeDescription, type LangiumDocument, type Stream, type URI } from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';

export class NormaIndexManager extends DefaultIndexManager {
    /** Document (URI text) -> the files (URI text) its non-local references point into. */
    private readonly targetsOf = new Map<string, string[]>();
    /** File (URI text) -> the documents (URI text) whose non-local references point into it. */
    private readonly referrersOf = new Map<string, Set<string>>();
    /** Node type -> every exported declaration of that type (or a subtype), in index order. */
    private readonly elementsOf = new Map<string, AstNodeDescription[]>();

    override allElements(nodeType?: string, uris?: Set<string>): Stream<AstNodeDescription> {
        if (nodeType === undefined || uris !== undefined) return super.allElements(nodeType, uris);
        let elements = this.elementsOf.get(nodeType);
        if (!elements) this.elementsOf.set(nodeType, elements = super.allElements(nodeType).toArray());
        return stream(elements);
    }

    override async updateContent(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        const uri = document.uri.toString();
        const before = this.symbolIndex.get(uri);
        await super.updateContent(document, cancelToken);
        this.forgetElements(before, this.symbolIndex.get(uri));
    }

    override removeContent(uri: URI): void {
        const before = this.symbolIndex.get(uri.toString());
        super.removeContent(uri);
        this.forgetElements(before, undefined);
    }

    /** Drops the kept declarations of every type that a document's old or new exports hold. */
    private forgetElements(before: AstNodeDescription[] | undefined, after: AstNodeDescription[] | undefined): void {
        if (this.elementsOf.size === 0 || (!before?.length && !after?.length)) return;
        for (const nodeType of [...this.elementsOf.keys()]) {
            const holds = (d: AstNodeDescription) => this.astReflection.isSubtype(d.type, nodeType);
            if (before?.some(holds) || after?.some(holds)) this.elementsOf.delete(nodeType);
        }
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        await super.updateReferences(document, cancelToken);
        const uri = document.uri.toString();
        const targets = new Set<string>();
        for (const ref of this.referenceIndex.get(uri) ?? []) if (!ref.local) targets.add(ref.targetUri.toString());
        this.forgetTargets(uri);
        this.targetsOf.set(uri, [...targets]);
        for (const target of targets) {
            const referrers = this.referrersOf.get(target);
            if (referrers) referrers.add(uri);
            else this.referrersOf.set(target, new Set([uri]));
        }
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.forgetTargets(uri.toString());
    }

    private forgetTargets(uri: string): void {
        for (const target of this.targetsOf.get(uri) ?? []) {
            const referrers = this.referrersOf.get(target);
            referrers?.delete(uri);
            if (referrers?.size === 0) this.referrersOf.delete(target);
        }
        this.targetsOf.delete(uri);
    }

    /** Every document (URI text) that `isAffected` answers true for, given these changed files. */
    referringTo(changedUris: Iterable<string>): Set<string> {
        const documents = new Set<string>();
        for (const changed of changedUris) for (const uri of this.referrersOf.get(changed) ?? []) documents.add(uri);
        return documents;
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const uri = document.uri.toString();
        const targets = this.targetsOf.get(uri);
        // Indexed by another path than updateReferences (none in Langium 4.4): ask Langium.
        if (targets === undefined) return super.isAffected(document, changedUris);
        return targets.some(target => changedUris.has(target));
    }
}
