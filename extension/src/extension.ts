/**
 * The VS Code client of Norma: starts the bundled language server (dist/server.cjs) over IPC,
 * keeps it in sync with the `norma.*` settings and the `.norma` files, and adds the commands
 * Check Workspace Against Data..., Compile Checks and Open Report, with the gate's verdict in
 * the status bar. The check and the compile run in the server (`norma/check`, `norma/compile`):
 * one engine, the CLI's; this client never evaluates a rule itself.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type {
    CheckParams, CheckResponse, CompileParams, CompileResponse, Failure,
} from '../../language/src/lsp/norma-check-request.js';
import type { CheckResult } from '../../language/src/engine/types.js';
import type { Action } from '../../language/src/engine/types.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { gateFailures, renderReport, summaryLine } from './report.js';

const CHECK_REQUEST = 'norma/check';
const COMPILE_REQUEST = 'norma/compile';

let client: LanguageClient | undefined;

interface LastCheck {
    folder: vscode.WorkspaceFolder;
    result: CheckResult;
    model: NormaModel;
    actions: Action[];
    root: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Norma', { log: true });
    const serverModule = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'norma' }, { scheme: 'untitled', language: 'norma' }],
        synchronize: {
            configurationSection: 'norma',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{norma,csv,json,ndjson}'),
        },
        outputChannel: output,
    };
    client = new LanguageClient('norma', 'Norma Language Server', serverOptions, clientOptions);

    const status = vscode.window.createStatusBarItem('norma.gate', vscode.StatusBarAlignment.Left, 10);
    status.name = 'Norma gate';
    status.command = 'norma.openReport';
    let last: LastCheck | undefined;
    let panel: vscode.WebviewPanel | undefined;

    const showStatus = (result: CheckResult) => {
        status.text = result.summary.passed ? '$(pass) Norma: passing' : `$(error) Norma: ${gateFailures(result)}`;
        status.tooltip = `${summaryLine(result)}\nClick to open the report.`;
        status.backgroundColor = result.summary.passed ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
        status.show();
    };

    const showReport = (check: LastCheck) => {
        const title = `Norma report: ${check.folder.name} as of ${check.result.asOf}`;
        if (!panel) {
            panel = vscode.window.createWebviewPanel('norma.report', title, vscode.ViewColumn.Beside, {
                enableScripts: false,
                enableCommandUris: false,
                localResourceRoots: [],
            });
            panel.onDidDispose(() => { panel = undefined; }, undefined, context.subscriptions);
        }
        panel.title = title;
        panel.webview.html = renderReport(check.result, check.model, {
            cspSource: panel.webview.cspSource,
            nonce: crypto.randomBytes(16).toString('base64'),
            root: check.root,
            actions: check.actions,
        });
        panel.reveal(undefined, true);
    };

    const explainFailure = (failure: Failure) => {
        if (failure.kind === 'language-errors') {
            const first = failure.diagnostics[0];
            const where = first ? ` First: ${first.file}:${first.line}:${first.column} ${first.message}` : '';
            void vscode.window.showErrorMessage(
                `Norma: the workspace has ${failure.diagnostics.length} language error(s); fix them before checking data.${where}`,
                'Show Problems',
            ).then(choice => { if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
        } else {
            output.appendLine(failure.message);
            void vscode.window.showErrorMessage(`Norma: ${failure.message.split('\n')[0]}`, 'Show Details')
                .then(choice => { if (choice) output.show(true); });
        }
    };

    const runCheck = async (): Promise<LastCheck | undefined> => {
        const folder = await pickFolder();
        if (!folder || !client) return undefined;
        const config = vscode.workspace.getConfiguration('norma', folder.uri);
        let data = asList(config.get('data'));
        if (data.length === 0) {
            const picked = await vscode.window.showOpenDialog({
                title: 'Norma: KPI data to check (a .csv, .json or .ndjson file, or a folder)',
                defaultUri: folder.uri,
                canSelectFiles: true,
                canSelectFolders: true,
                canSelectMany: true,
                openLabel: 'Check against this data',
                filters: { 'KPI data': ['csv', 'json', 'ndjson'] },
            });
            if (!picked?.length) return undefined;
            data = picked.map(u => u.fsPath);
        }
        await saveDirtyNormaFiles();
        const params: CheckParams = {
            folder: folder.uri.fsPath,
            data,
            actions: asList(config.get('actions')),
            asOf: config.get<string>('asOf') || undefined,
        };
        const response = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: 'Norma: checking data' },
            () => client!.sendRequest<CheckResponse>(CHECK_REQUEST, params),
        );
        if (response.kind !== 'result') {
            explainFailure(response);
            return undefined;
        }
        last = { folder, result: response.result, model: response.model, actions: response.actions, root: response.root };
        showStatus(response.result);
        if (panel) showReport(last);
        return last;
    };

    context.subscriptions.push(
        output,
        status,
        vscode.commands.registerCommand('norma.check', async () => {
            const check = await runCheck();
            if (!check) return;
            const choice = await vscode.window.showInformationMessage(`Norma: ${summaryLine(check.result)}`, 'Open Report');
            if (choice) showReport(check);
        }),
        vscode.commands.registerCommand('norma.openReport', async () => {
            const check = last ?? await runCheck();
            if (check) showReport(check);
        }),
        vscode.commands.registerCommand('norma.compile', async () => {
            const folder = await pickFolder();
            if (!folder || !client) return;
            const out = await vscode.window.showOpenDialog({
                title: 'Norma: folder to write the compiled checks into',
                defaultUri: folder.uri,
                canSelectFiles: false,
                canSelectFolders: true,
                canSelectMany: false,
                openLabel: 'Compile into this folder',
            });
            if (!out?.length) return;
            await saveDirtyNormaFiles();
            const params: CompileParams = { folder: folder.uri.fsPath, out: out[0].fsPath, target: 'js' };
            const response = await client.sendRequest<CompileResponse>(COMPILE_REQUEST, params);
            if (response.kind !== 'written') return explainFailure(response);
            const choice = await vscode.window.showInformationMessage(
                `Norma: wrote ${response.file} (${response.norms} norms, ${response.programs} programs).`, 'Open File');
            if (choice) await vscode.window.showTextDocument(vscode.Uri.file(response.file));
        }),
    );

    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

/** The workspace folder to work on: the only one, the active editor's, or the user's pick. */
async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
        void vscode.window.showErrorMessage('Norma: open a folder with .norma files first.');
        return undefined;
    }
    if (folders.length === 1) return folders[0];
    const active = vscode.window.activeTextEditor?.document.uri;
    const owner = active && vscode.workspace.getWorkspaceFolder(active);
    return owner ?? vscode.window.showWorkspaceFolderPick({ placeHolder: 'Norma: which workspace folder?' });
}

/** A setting given as one path or a list, with empty entries dropped. */
function asList(value: unknown): string[] {
    const list = Array.isArray(value) ? value : [value];
    return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(v => v.trim());
}

/** The check reads the files from disk: save the .norma files being edited first. */
async function saveDirtyNormaFiles(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments
        .filter(d => d.isDirty && d.languageId === 'norma' && d.uri.scheme === 'file')
        .map(d => d.save()));
}
