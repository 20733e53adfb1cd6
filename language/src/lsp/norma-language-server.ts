/**
 * The initialize result: Langium's capabilities plus `selectionRangeProvider` (served by
 * norma-selection-range.ts). The resolve requests (completionItem, codeLens, inlayHint,
 * documentLink) are not advertised, since every item is sent complete.
 */
import { DefaultLanguageServer } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';

export class NormaLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        result.capabilities.selectionRangeProvider = true;
        return result;
    }
}
