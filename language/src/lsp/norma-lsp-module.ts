/**
 * The editor services of Norma, added on top of the core module by `createNormaLspServices`
 * (language/src/norma-module.ts). One class per concern, each in its `norma-<concern>.ts`.
 */
import type { DeepPartial, Module } from 'langium';
import type { LangiumServices, LangiumSharedServices, PartialLangiumLSPServices } from 'langium/lsp';
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
    },
    workspace: {
        WorkspaceManager: (services) => new NormaWorkspaceManager(services),
    },
};
