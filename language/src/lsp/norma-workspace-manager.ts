/**
 * Loads every `.norma` file of the client's workspace at start. Clients that send only a
 * `rootUri` (no `workspaceFolders`, as several simple LSP clients do) get that folder loaded
 * too, so names resolve across files in every editor.
 */
import { DefaultWorkspaceManager } from 'langium';
import type { InitializeParams } from 'vscode-languageserver';

export class NormaWorkspaceManager extends DefaultWorkspaceManager {
    override initialize(params: InitializeParams): void {
        super.initialize(params);
        if (!this.folders?.length && params.rootUri) {
            this.folders = [{ uri: params.rootUri, name: params.rootUri.split('/').filter(Boolean).pop() ?? 'workspace' }];
        }
    }
}
