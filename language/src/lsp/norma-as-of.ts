/**
 * The editor judges date-dependent warnings (a lapsed or future certification, an exclusion
 * about to expire) at the day of the `norma.asOf` setting, as `norma validate --as-of` and the
 * verdict lens do; an empty setting means today. When the setting changes, every document is
 * validated again, so the Problems panel and the lens agree on the day.
 */
import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isDay, todayUtc } from '../engine/calendar.js';
import type { NormaServices } from '../norma-module.js';

export function followAsOfSetting(shared: LangiumSharedServices, norma: NormaServices): void {
    const config = shared.workspace.ConfigurationProvider;
    const apply = async (value: unknown): Promise<void> => {
        const text = typeof value === 'string' ? value.trim() : '';
        const asOf = isDay(text) ? text : todayUtc();
        const validator = norma.validation.NormaValidator;
        if (validator.asOf === asOf) return;
        validator.asOf = asOf;
        await shared.workspace.WorkspaceLock.write(async token => {
            const documents: LangiumDocument[] = shared.workspace.LangiumDocuments.all.toArray();
            for (const document of documents) {
                if (document.state >= DocumentState.Validated) shared.workspace.DocumentBuilder.resetToState(document, DocumentState.IndexedReferences);
            }
            await shared.workspace.DocumentBuilder.build(documents, { validation: true }, token);
        });
    };
    config.onConfigurationSectionUpdate(update => {
        if (update.section === 'norma') void apply((update.configuration as { asOf?: unknown } | undefined)?.asOf);
    });
    void config.ready.then(() => config.getConfiguration('norma', 'asOf')).then(apply, () => undefined);
}
