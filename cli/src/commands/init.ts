/** `norma init [dir]`: a small working workspace to start from, with sample data that `check` runs on. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../exit-codes.js';
import { STARTER_FILES } from './init-template.js';

export function register(program: Command): void {
    program.command('init')
        .description('Create a starter workspace: a standard, metrics, one program and sample data.')
        .argument('[dir]', 'folder to create it in', '.')
        .option('--force', 'write even if the folder already holds .norma files')
        .action((dir: string, opts: { force?: boolean }) => {
            fs.mkdirSync(dir, { recursive: true });
            const existing = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.norma'));
            if (existing.length && !opts.force) {
                throw new UsageError(`${dir} already holds .norma files (${existing[0]}...); use --force to write anyway.`);
            }
            for (const [file, text] of Object.entries(STARTER_FILES)) {
                const target = path.join(dir, file);
                fs.mkdirSync(path.dirname(target), { recursive: true });
                fs.writeFileSync(target, text);
            }
            const shown = dir === '.' ? '.' : dir;
            process.stdout.write(`Created a Norma workspace in ${shown}:\n${Object.keys(STARTER_FILES).map(f => `  ${f}`).join('\n')}\n\nNext:\n  norma validate ${shown}\n  norma check ${shown} --data ${path.join(shown, 'data')} --actions ${path.join(shown, 'actions.csv')} --as-of 2026-01-31\n`);
        });
}
