/**
 * The core dependency-injection module of the Norma language: parser, linker, validation.
 * It serves the CLI, the compiled checks and the tests, and imports no editor service; the
 * language server adds its features on top in `lsp/norma-lsp-module.ts` (`createNormaLspServices`).
 */
import {
    inject, type DeepPartial, type Module, type LangiumCoreServices, type LangiumSharedCoreServices,
    type PartialLangiumCoreServices, type DefaultSharedCoreModuleContext,
    createDefaultCoreModule, createDefaultSharedCoreModule
} from 'langium';
import { NormaGeneratedModule, NormaGeneratedSharedModule } from './generated/module.js';
import { NormaValidator, registerValidationChecks } from './validation/norma-validator.js';
import { NormaDocumentValidator, NormaLinker } from './validation/linking.js';
import { NormaValidationRegistry } from './validation/norma-validation-registry.js';
import { NormaScopeProvider } from './scoping/norma-scope-provider.js';
import { NormaScopeComputation } from './scoping/norma-scope-computation.js';
import { NormaLexer } from './parser/norma-lexer.js';
import { NormaLangiumDocuments } from './workspace/norma-documents.js';
import { NormaIndexManager } from './workspace/norma-index-manager.js';

export type NormaAddedServices = {
    validation: {
        NormaValidator: NormaValidator;
    };
};

export type NormaServices = LangiumCoreServices & NormaAddedServices;

export const NormaModule: Module<NormaServices, PartialLangiumCoreServices & NormaAddedServices> = {
    parser: {
        // Size, binary, token and nesting limits (parser/limits.ts) as located errors.
        Lexer: (services) => new NormaLexer(services),
    },
    references: {
        // Unknown names read "Unknown metric 'ServiceLevl'. Did you mean 'ServiceLevel'?"
        Linker: (services) => new NormaLinker(services),
        // Field names resolve within one source (SPEC §6).
        ScopeProvider: (services) => new NormaScopeProvider(services),
        // Local scopes collected without a stream per node (see the class).
        ScopeComputation: (services) => new NormaScopeComputation(services),
    },
    validation: {
        NormaValidator: (services) => new NormaValidator(services),
        // Linking errors carry the code 'unknown-name' and the suggestion as data.
        DocumentValidator: (services) => new NormaDocumentValidator(services),
        // Synchronous checks called without promises (see the class).
        ValidationRegistry: (services) => new NormaValidationRegistry(services),
    },
};

/** Shared services of the CLI and the language server alike. */
export const NormaSharedModule: Module<LangiumSharedCoreServices, DeepPartial<LangiumSharedCoreServices>> = {
    workspace: {
        // The list of all documents kept between changes (see the class).
        LangiumDocuments: (services) => new NormaLangiumDocuments(services),
        // The files each document refers to, kept for the question asked after every edit.
        IndexManager: (services) => new NormaIndexManager(services),
    },
};

/**
 * Services for tools without an editor (CLI, compiled checks, tests); `batch` adds overrides
 * for whole-workspace builds (workspace/batch-services.ts).
 */
export function createNormaServices(context: DefaultSharedCoreModuleContext, batch?: Module<NormaServices, PartialLangiumCoreServices>): {
    shared: LangiumSharedCoreServices;
    Norma: NormaServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), NormaGeneratedSharedModule, NormaSharedModule);
    const Norma = batch
        ? inject(createDefaultCoreModule({ shared }), NormaGeneratedModule, NormaModule, batch)
        : inject(createDefaultCoreModule({ shared }), NormaGeneratedModule, NormaModule);
    shared.ServiceRegistry.register(Norma);
    registerValidationChecks(Norma);
    return { shared, Norma };
}
