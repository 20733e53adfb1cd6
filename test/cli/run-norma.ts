// Spawns the built `norma` binary as a user would, and collects its output and exit code.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'cli/bin/norma.js');

export interface Run { code: number; stdout: string; stderr: string }

export function norma(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {}): Run {
    if (!fs.existsSync(path.join(REPO, 'dist/cli.mjs'))) throw new Error('dist/cli.mjs is missing: run `npm run build` first.');
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: 'true', ...options.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? REPO, input: options.input, encoding: 'utf8', env: env as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'norma-test-'): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes files (relative path -> text) under a new temp folder and returns it. */
export function workspace(files: Record<string, string>): string {
    const dir = tempDir();
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}
