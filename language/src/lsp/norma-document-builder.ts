/**
 * Langium's document builder with one shortcut for the editor: after an edit, Langium asks of
 * every document in the workspace whether its validation is incomplete, and the default answer
 * looks up the document's language services and all its validation categories each time, a
 * cost per edit that grows with the workspace. When the edit's build names its categories and
 * the document records the ones it ran, the answer is a comparison of those two lists; the
 * result is the same as Langium's.
 */
import { DefaultDocumentBuilder, type BuildOptions, type LangiumDocument, type ValidationCategory } from 'langium';

export class NormaDocumentBuilder extends DefaultDocumentBuilder {
    protected override findMissingValidationCategories(document: LangiumDocument, options: BuildOptions | undefined): ValidationCategory[] {
        const requested = typeof options?.validation === 'object' ? options.validation.categories : undefined;
        const executed = this.buildState.get(document.uri.toString())?.result?.validationChecks;
        if (requested && executed) return requested.filter(category => !executed.includes(category));
        return super.findMissingValidationCategories(document, options);
    }
}
