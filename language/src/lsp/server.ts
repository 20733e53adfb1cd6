/**
 * Starts Norma's language server on a connection: over stdio for any LSP client
 * (`norma lsp --stdio`), or over IPC / a socket / named pipes when the client chose one
 * (vscode-languageserver reads `--stdio`, `--node-ipc`, `--socket=` and `--pipe=` from argv).
 * Importing this module starts nothing. Never writes to stdout: with `--stdio`, stdout is the
 * protocol; logs go to the client (connection.console) or stderr.
 */
import '../polyfill.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createNormaLspServices } from './norma-lsp-module.js';
import { registerNormaRequests } from './norma-check-request.js';
import { followAsOfSetting } from './norma-as-of.js';
import { registerSelectionRanges } from './norma-selection-range.js';
import { protocolStrategy, registerProtocolHandlers } from './norma-protocol.js';
import { FrameGuard } from './frames.js';

export interface StartedServer {
    connection: Connection;
    services: ReturnType<typeof createNormaLspServices>;
}

/**
 * Starts the server and returns at once; the process then lives on the connection until the
 * client sends `shutdown` and `exit`. With no transport flag in argv, stdio is used.
 */
export function startServer(): StartedServer {
    const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe=', '--clientProcessId'];
    if (!process.argv.some(a => transports.some(t => a.startsWith(t)))) process.argv.push('--stdio');
    // stdout belongs to the protocol: anything a dependency prints goes to stderr instead.
    console.log = console.info = console.debug = (...args: unknown[]) => { process.stderr.write(args.map(String).join(' ') + '\n'); };
    let services: ReturnType<typeof createNormaLspServices> | undefined;
    // Malformed params are answered -32602 and unknown documents null before any handler runs.
    const options = { messageStrategy: protocolStrategy(() => services?.shared) };
    // Over stdio a malformed frame would stop every later request being read (lsp/frames.ts).
    const connection = process.argv.includes('--stdio')
        ? createConnection(ProposedFeatures.all, process.stdin.pipe(new FrameGuard(problem => process.stderr.write(`${problem}\n`))), process.stdout, options)
        : createConnection(ProposedFeatures.all, options);
    registerProtocolHandlers(connection);
    // A client that refuses an optional request (e.g. client/registerCapability) must not kill the server.
    process.on('unhandledRejection', error => {
        connection.console.error(`Norma language server: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
    services = createNormaLspServices({ connection, ...NodeFileSystem });
    // Every file of the workspace gets its diagnostics, not only the opened ones.
    services.shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
    registerNormaRequests(services.shared);
    followAsOfSetting(services.shared, services.Norma);
    registerSelectionRanges(services.shared);
    startLanguageServer(services.shared);
    return { connection, services };
}
