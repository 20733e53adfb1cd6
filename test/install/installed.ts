// The packed package, installed for real outside the repository: `npm pack` (which runs the
// `prepack` build), then the tarball installed globally into an empty prefix and as a
// devDependency of an empty project. Shared by the install tests; built once per run.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };

export interface Installed {
    /** Folder outside the repository holding everything below. */
    root: string;
    tarball: string;
    /** `npm install -g --prefix <prefix>`: the command is `<prefix>/bin/norma`. */
    prefix: string;
    globalBin: string;
    /** An empty project with the package as a devDependency (`npx norma`). */
    project: string;
    /** Environment for running commands: the global prefix first on PATH, no colour, CI set. */
    env: NodeJS.ProcessEnv;
}

export interface Run { code: number | null; stdout: string; stderr: string }

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number }): Run {
    const r: SpawnSyncReturns<string> = spawnSync(command, args, {
        cwd: options.cwd, env: options.env, input: options.input, encoding: 'utf8', timeout: options.timeout ?? 240_000, maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
    const r = run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env });
    if (r.code !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r;
}

let installed: Installed | undefined;

/** Packs and installs once; NORMA_TARBALL=<file> reuses a tarball packed before. */
export function install(): Installed {
    if (installed) return installed;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-install-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    // npm sets these for scripts it runs; a nested npm must not inherit the repository's settings.
    for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
    let tarball = process.env.NORMA_TARBALL;
    if (!tarball) {
        npm(['pack', '--pack-destination', root], REPO, env);
        const packed = fs.readdirSync(root).filter(f => f.endsWith('.tgz'));
        if (packed.length !== 1) throw new Error(`npm pack wrote ${packed.length} tarballs into ${root}.`);
        tarball = path.join(root, packed[0]);
    }
    const prefix = path.join(root, 'prefix');
    npm(['install', '-g', '--prefix', prefix, tarball], root, env);
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'kpi-gate', version: '1.0.0', private: true }, null, 2));
    npm(['install', '-D', tarball], project, env);
    const globalBin = path.join(prefix, 'bin', 'norma');
    installed = {
        root, tarball, prefix, globalBin, project,
        env: { ...env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH ?? ''}` },
    };
    return installed;
}

/** A copy of the shipped example in a fresh folder outside the repository. */
export function exampleCopy(into: string): string {
    const dir = fs.mkdtempSync(path.join(into, 'example-'));
    fs.cpSync(path.join(REPO, 'examples/copc-cx'), dir, { recursive: true });
    return dir;
}

/** Rows of a CSV without quoted cells (the example's files). */
export function simpleCsv(text: string): Record<string, string>[] {
    const [head, ...lines] = text.trim().split(/\r?\n/);
    const names = head.split(',');
    return lines.map(line => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}
