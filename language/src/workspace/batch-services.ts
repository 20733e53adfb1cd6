/**
 * Norma's services for one build of a whole workspace by a tool without an editor (the CLI,
 * compiled checks, the language server's `norma/check`): the core services minus what only an
 * editor reads. The reference index (for each reference, where it points, for find-references
 * and rename) is a tenth of a 10,000-file build and nothing here asks for it; validation,
 * the model and every diagnostic read the resolved references themselves.
 */
import type { Module, PartialLangiumCoreServices, ReferenceDescriptionProvider } from 'langium';
import type { DefaultSharedCoreModuleContext } from 'langium';
import { createNormaServices, type NormaServices } from '../norma-module.js';

/** No reference descriptions: the index of references stays empty. */
const noReferenceIndex: ReferenceDescriptionProvider = {
    createDescriptions: async () => [],
};

export const NormaBatchModule: Module<NormaServices, PartialLangiumCoreServices> = {
    workspace: {
        ReferenceDescriptionProvider: () => noReferenceIndex,
    },
};

export function createNormaBatchServices(context: DefaultSharedCoreModuleContext): ReturnType<typeof createNormaServices> {
    return createNormaServices(context, NormaBatchModule);
}
