/**
 * The editor services of Norma, added on top of the core module (language/src/norma-module.ts)
 * by `createNormaLspServices`. One class per concern, each in its `norma-<concern>.ts`.
 */
import { inject, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumLSPServices,
} from 'langium/lsp';
import { NormaDocumentBuilder } from './norma-document-builder.js';
import { NormaGeneratedModule, NormaGeneratedSharedModule } from '../generated/module.js';
import { NormaModule, NormaSharedModule, type NormaAddedServices } from '../norma-module.js';
import { registerValidationChecks } from '../validation/norma-validator.js';
import { NormaCodeActionProvider } from './norma-code-actions.js';
import { NormaCodeLensProvider } from './norma-code-lens.js';
import { NormaCompletionProvider } from './norma-completion.js';
import { NormaEvaluation } from './norma-evaluation.js';
import { NormaFormatter } from './norma-formatter.js';
import { NormaHoverProvider } from './norma-hover.js';
import { NormaInlayHintProvider } from './norma-inlay-hints.js';
import { NormaSemanticTokenProvider } from './norma-semantic-tokens.js';
import { NormaDocumentSymbolProvider, NormaNodeKindProvider } from './norma-symbols.js';
import { NormaWorkspaceManager } from './norma-workspace-manager.js';
import { NormaLanguageServer } from './norma-language-server.js';
import { NormaDocumentUpdateHandler } from './norma-document-update-handler.js';

export type NormaLspAddedServices = {
    lsp: {
        NormaEvaluation: NormaEvaluation;
    };
};

export const NormaLspModule: Module<LangiumServices & NormaLspAddedServices, PartialLangiumLSPServices & NormaLspAddedServices> = {
    lsp: {
        CompletionProvider: (services) => new NormaCompletionProvider(services),
        HoverProvider: (services) => new NormaHoverProvider(services),
        Formatter: (services) => new NormaFormatter(services),
        CodeActionProvider: (services) => new NormaCodeActionProvider(services),
        InlayHintProvider: () => new NormaInlayHintProvider(),
        CodeLensProvider: (services) => new NormaCodeLensProvider(services),
        SemanticTokenProvider: (services) => new NormaSemanticTokenProvider(services),
        DocumentSymbolProvider: (services) => new NormaDocumentSymbolProvider(services),
        NormaEvaluation: (services) => new NormaEvaluation(services),
    },
};

export const NormaSharedLspModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    lsp: {
        NodeKindProvider: () => new NormaNodeKindProvider(),
        LanguageServer: (services) => new NormaLanguageServer(services),
        DocumentUpdateHandler: (services) => new NormaDocumentUpdateHandler(services),
    },
    workspace: {
        WorkspaceManager: (services) => new NormaWorkspaceManager(services),
        // An edit costs the same whatever the size of the workspace (see the class).
        DocumentBuilder: (services) => new NormaDocumentBuilder(services),
    },
};

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
    const shared = inject(createDefaultSharedModule(context), NormaGeneratedSharedModule, NormaSharedModule as Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>>, NormaSharedLspModule);
    const Norma = inject(
        createDefaultModule({ shared }), NormaGeneratedModule, NormaModule as Module<NormaLspServices, Partial<NormaLspServices>>,
        NormaLspModule as Module<NormaLspServices, Partial<NormaLspServices>>,
    );
    shared.ServiceRegistry.register(Norma);
    registerValidationChecks(Norma);
    return { shared, Norma };
}
