/**
 * File-watcher events only for files inside the workspace folders: a client may report any path
 * (`file:///` makes Langium crawl the whole file system, and a pipe outside the workspace would
 * block the read for good), and the server has no business with files it did not load.
 */
import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams } from 'vscode-languageserver';

export class NormaDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const folders = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(f => folderPath(f.uri));
        const changes = params.changes.filter(change => {
            const uri = URI.parse(change.uri);
            if (uri.scheme !== 'file') return false;
            return folders.some(folder => folder !== undefined && (uri.path === folder || uri.path.startsWith(folder.endsWith('/') ? folder : folder + '/')));
        });
        if (changes.length) super.didChangeWatchedFiles({ changes });
    }
}

function folderPath(uri: string): string | undefined {
    try {
        const parsed = URI.parse(uri);
        return parsed.scheme === 'file' && parsed.path !== '/' && parsed.path !== '' ? parsed.path : undefined;
    } catch {
        return undefined;
    }
}
