/** `norma lsp --stdio`: the language server for any LSP client (Neovim, Emacs, Helix, Zed, Sublime). */
import type { Command } from 'commander';

export function register(program: Command): void {
    program.command('lsp')
        .description('Start the Norma language server (for editors other than VS Code).')
        .option('--stdio', 'talk LSP over stdin/stdout (the default)')
        .allowUnknownOption(true)
        .addHelpText('after', `
The server talks LSP on stdin and stdout and runs until the editor asks it to exit.

Exit codes: 0 the editor shut the server down; 1 the editor exited without asking it to shut down.
`)
        .action(async () => {
            if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
            const { startServer } = await import('../../../language/src/lsp/server.js');
            startServer();
        });
}
