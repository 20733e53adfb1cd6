/**
 * The dependency-injection module of the Norma language: the only place that wires services.
 * Core services (parser, linker, validation) serve the CLI; the LSP services add the editor features.
 */
import {
    inject, type Module, type LangiumCoreServices, type LangiumSharedCoreServices,
    type PartialLangiumCoreServices, type DefaultSharedCoreModuleContext,
    createDefaultCoreModule, createDefaultSharedCoreModule
} from 'langium';
import { NormaGeneratedModule, NormaGeneratedSharedModule } from './generated/module.js';
import { NormaValidator, registerValidationChecks } from './validation/norma-validator.js';
import { NormaDocumentValidator, NormaLinker } from './validation/linking.js';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices,
} from 'langium/lsp';
import { NormaLspModule, NormaSharedLspModule, type NormaLspAddedServices } from './lsp/norma-lsp-module.js';

export type NormaAddedServices = {
    validation: {
        NormaValidator: NormaValidator;
    };
};

export type NormaServices = LangiumCoreServices & NormaAddedServices;

export const NormaModule: Module<NormaServices, PartialLangiumCoreServices & NormaAddedServices> = {
    references: {
        // Unknown names read "Unknown metric 'ServiceLevl'. Did you mean 'ServiceLevel'?"
        Linker: (services) => new NormaLinker(services),
    },
    validation: {
        NormaValidator: (services) => new NormaValidator(services),
        // Linking errors carry the code 'unknown-name' and the suggestion as data.
        DocumentValidator: (services) => new NormaDocumentValidator(services),
    },
};

/** Services for tools without an editor (CLI, compiled checks, tests). */
export function createNormaServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Norma: NormaServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), NormaGeneratedSharedModule);
    const Norma = inject(createDefaultCoreModule({ shared }), NormaGeneratedModule, NormaModule);
    shared.ServiceRegistry.register(Norma);
    registerValidationChecks(Norma);
    return { shared, Norma };
}

export type NormaLspServices = LangiumServices & NormaAddedServices & NormaLspAddedServices;

/**
 * Services for the language server (and the editor-feature tests): the core services plus
 * completion, hover, formatting, code actions, lenses... Pass `connection` in the context to
 * serve a client; without one (tests) the services work on documents directly.
 */
export function createNormaLspServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Norma: NormaLspServices;
} {
    const shared = inject(createDefaultSharedModule(context), NormaGeneratedSharedModule, NormaSharedLspModule);
    const Norma = inject(
        createDefaultModule({ shared }), NormaGeneratedModule, NormaModule as Module<NormaLspServices, Partial<NormaLspServices>>,
        NormaLspModule as Module<NormaLspServices, Partial<NormaLspServices>>,
    );
    shared.ServiceRegistry.register(Norma);
    registerValidationChecks(Norma);
    return { shared, Norma };
}
