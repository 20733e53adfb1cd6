/**
 * Langium's document builder with two shortcuts for the editor. After an edit, Langium asks of
 * every document in the workspace whether it must be linked again and whether its validation
 * is incomplete, a cost per edit that grows with the workspace:
 * - "incomplete": the default answer looks up the document's language services and all its
 *   validation categories each time; when the edit's build names its categories and the
 *   document records the ones it ran, the answer is a comparison of those two lists;
 * - "link again" when a reference of the document failed to link: the default answer reads
 *   every reference of every document (100,000 at 10,000 files); here the answer is kept per
 *   document until its list of references changes (Langium replaces the list when it unlinks a
 *   document and appends to it when it links a reference).
 * The results are the same as Langium's.
 */
import { DefaultDocumentBuilder, type BuildOptions, type LangiumDocument, type ValidationCategory } from 'langium';

export class NormaDocumentBuilder extends DefaultDocumentBuilder {
    private readonly linkingErrors = new WeakMap<LangiumDocument, { references: unknown[]; length: number; any: boolean }>();

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
