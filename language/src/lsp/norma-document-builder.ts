/**
 * Langium's document builder with an edit whose cost does not grow with the workspace. After an
 * edit, Langium's `update()` scans every document twice: once asking whether it must be linked
 * again (it refers to a changed file, or one of its references failed to link), once asking
 * whether it must be built (not validated, a build left unfinished, or validation categories
 * missing). At 10,000 files the two scans were most of an edit's CPU. Here both questions are
 * asked only of the documents that can answer yes, kept as the builder goes:
 * - the documents referring to a changed file come from the index (`referringTo`);
 * - `unfinished`: every document reset or handed to a build, until an update finds it built
 *   (validated, build completed, no category missing);
 * - `failing`: every document found built with a reference that failed to link, until it is
 *   linked again without one.
 * Each candidate gets Langium's own test, so the documents linked and built again are the ones
 * Langium's scans pick. Where the kept sets cannot vouch for every document (a document added or
 * removed outside this builder, a new or deleted file, other update options), Langium's own
 * update runs, scans included.
 *
 * Two cheaper answers for the tests themselves:
 * - "incomplete": when the build names its categories and the document records the ones it
 *   ran, the answer is a comparison of those two lists, instead of a look-up of the document's
 *   services and all its validation categories;
 * - "a reference failed to link" is kept per document until its list of references changes
 *   (Langium replaces the list when it unlinks a document and appends to it when it links one).
 */
import {
    Cancellation, DefaultDocumentBuilder, DocumentState, interruptAndCheck, URI, type AstNode, type BuildOptions,
    type LangiumDocument, type ValidationCategory,
} from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { NormaLangiumDocuments } from '../workspace/norma-documents.js';
import { NormaIndexManager } from '../workspace/norma-index-manager.js';

export class NormaDocumentBuilder extends DefaultDocumentBuilder {
    private readonly linkingErrors = new WeakMap<LangiumDocument, { references: unknown[]; length: number; any: boolean }>();
    /** Documents (by URI text) that may need building: reset or handed to a build since last found built. */
    private readonly unfinished = new Map<string, LangiumDocument>();
    /** Documents (by URI text) found built with a reference that failed to link. */
    private readonly failing = new Map<string, LangiumDocument>();
    /** The documents' revision and update options the kept sets vouch for (undefined: none yet). */
    private knownRevision: number | undefined;
    private knownOptions: string | undefined;

    constructor(services: LangiumSharedServices) {
        super(services);
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const changedDocuments = changed.map(uri => this.langiumDocuments.getDocument(uri));
        const documents = this.langiumDocuments;
        const index = this.indexManager;
        const options = JSON.stringify(this.updateBuildOptions);
        if (!(documents instanceof NormaLangiumDocuments) || !(index instanceof NormaIndexManager) || deleted.length > 0
            || changedDocuments.some(doc => doc === undefined) || documents.revision !== this.knownRevision || options !== this.knownOptions) {
            // Langium's scans see every document; what they pick to build goes through resetToState
            // and prepareBuild, so the kept sets hold it from here on.
            this.knownRevision = documents instanceof NormaLangiumDocuments ? documents.revision : undefined;
            this.knownOptions = options;
            this.forgetReplaced();
            return super.update(changed, deleted, cancelToken);
        }
        this.currentState = DocumentState.Changed;
        this.settle(this.unfinished.values());
        for (const doc of changedDocuments as LangiumDocument[]) this.resetToState(doc, DocumentState.Changed);
        const changedUris = new Set(changed.map(uri => uri.toString()));
        for (const doc of this.relinkCandidates(index.referringTo(changedUris))) {
            if (!changedUris.has(doc.uri.toString()) && this.shouldRelink(doc, changedUris)) this.resetToState(doc, DocumentState.ComputedScopes);
        }
        await this.emitUpdate(changed, []);
        // As in Langium: the build may be interrupted only once every state change is done.
        await interruptAndCheck(cancelToken);
        const rebuild = [...this.unfinished.values()].filter(doc => this.needsBuild(doc));
        await this.buildDocuments(this.sortDocuments(rebuild), this.updateBuildOptions, cancelToken);
    }

    /** Moves the documents now built from `unfinished` to `failing` (or nowhere). */
    private settle(documents: Iterable<LangiumDocument>): void {
        for (const doc of documents) {
            if (this.needsBuild(doc)) continue;
            const uri = doc.uri.toString();
            if (this.unfinished.get(uri) === doc) this.unfinished.delete(uri);
            if (this.hasLinkingErrors(doc)) this.failing.set(uri, doc);
            else if (this.failing.get(uri) === doc) this.failing.delete(uri);
        }
    }

    /** Drops kept documents that were removed or replaced (the revision says when that can be). */
    private forgetReplaced(): void {
        for (const kept of [this.unfinished, this.failing]) {
            for (const [uri, doc] of kept) if (this.langiumDocuments.getDocument(doc.uri) !== doc) kept.delete(uri);
        }
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        await super.buildDocuments(documents, options, cancelToken);
        this.settle(documents);
    }

    /** The documents Langium's first scan could pick: referring to a changed file, failing, unfinished. */
    private *relinkCandidates(referring: Set<string>): Iterable<LangiumDocument> {
        const seen = new Set<string>();
        for (const uri of referring) {
            const doc = this.langiumDocuments.getDocument(URI.parse(uri));
            if (doc) {
                seen.add(uri);
                yield doc;
            }
        }
        for (const [uri, doc] of this.failing) {
            if (doc.state >= DocumentState.Linked && !this.hasLinkingErrors(doc)) this.failing.delete(uri);
            else if (!seen.has(uri)) {
                seen.add(uri);
                yield doc;
            }
        }
        for (const [uri, doc] of this.unfinished) if (!seen.has(uri)) yield doc;
    }

    /** Langium's test for a document to build after an edit. */
    private needsBuild(doc: LangiumDocument): boolean {
        return doc.state < DocumentState.Validated || !this.buildState.get(doc.uri.toString())?.completed
            || this.resultsAreIncomplete(doc, this.updateBuildOptions);
    }

    override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
        super.resetToState(document, state);
        this.unfinished.set(document.uri.toString(), document);
    }

    protected override prepareBuild(documents: LangiumDocument[], options: BuildOptions): void {
        super.prepareBuild(documents, options);
        for (const doc of documents) this.unfinished.set(doc.uri.toString(), doc);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.hasLinkingErrors(document) || this.indexManager.isAffected(document, changedUris);
    }

    private hasLinkingErrors(document: LangiumDocument): boolean {
        const references = document.references;
        const known = this.linkingErrors.get(document);
        if (known && known.references === references && known.length === references.length) return known.any;
        const any = references.some(ref => ref.error !== undefined);
        this.linkingErrors.set(document, { references, length: references.length, any });
        return any;
    }

    protected override findMissingValidationCategories(document: LangiumDocument, options: BuildOptions | undefined): ValidationCategory[] {
        const requested = typeof options?.validation === 'object' ? options.validation.categories : undefined;
        const executed = this.buildState.get(document.uri.toString())?.result?.validationChecks;
        if (requested && executed) return requested.filter(category => !executed.includes(category));
        return super.findMissingValidationCategories(document, options);
    }
}
