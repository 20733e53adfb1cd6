/**
 * The node entry of the language server, bundled to extension/dist/server.cjs: the VS Code
 * extension starts it over IPC, other editors with `--stdio`.
 */
import '../polyfill.js';
import { startServer } from './server.js';

startServer();
