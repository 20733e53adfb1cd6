/** `norma init [dir]`: a small working workspace to start from, with sample data that `check` runs on. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../exit-codes.js';
import { STARTER_FILES } from './init-template.js';
import { writeFile, writeOutput } from '../terminal.js';

export function register(program: Command): void {
    program.command('init')
        .description('Create a starter workspace: a standard, metrics, one program and sample data.')
        .argument('[dir]', 'folder to create it in', '.')
        .option('--force', 'write even if the folder already holds .norma files, overwriting the starter files it lists')
        .addHelpText('after', `
Nothing is written when the folder already holds .norma files or any of the starter files:
init lists them and stops (exit 2); --force writes anyway and lists what it overwrote.

Exit codes: 0 written; 2 the folder is not empty of Norma files (without --force), or a file
cannot be written.
`)
        .action((dir: string, opts: { force?: boolean }) => {
            const existing = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.norma')).sort() : [];
            const overwritten = Object.keys(STARTER_FILES).filter(file => fs.existsSync(path.join(dir, file)));
            const inTheWay = [...new Set([...overwritten, ...existing].map(f => f.split(path.sep).join('/')))];
            if (inTheWay.length && !opts.force) {
                throw new UsageError(`${dir} already holds ${inTheWay.length === 1 ? 'this file' : 'these files'}; nothing was written (use --force to write anyway${overwritten.length ? ', overwriting the starter files' : ''}):\n${inTheWay.map(f => `  ${f}`).join('\n')}`);
            }
            for (const [file, text] of Object.entries(STARTER_FILES)) writeFile(path.join(dir, file), text);
            const shown = dir === '.' ? '.' : dir;
            if (overwritten.length) process.stderr.write(`Overwrote ${overwritten.length} file${overwritten.length === 1 ? '' : 's'} (--force):\n${overwritten.map(f => `  ${f}`).join('\n')}\n`);
            writeOutput(`Created a Norma workspace in ${shown}:\n${Object.keys(STARTER_FILES).map(f => `  ${f}`).join('\n')}\n\nNext:\n  norma validate ${shown}\n  norma check ${shown} --data ${path.join(shown, 'data')} --actions ${path.join(shown, 'actions.csv')} --as-of 2026-01-31`);
        });
}
