// The CI recipes in examples/ci: every `norma` command they run exists with the flags they
// use (checked against --help), and runs for real on the shipped example, producing the
// reports the recipes upload (JUnit valid against its schema, SARIF, Markdown, HTML).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, norma, tempDir } from '../cli/run-norma.js';
import { hasCommand, REPO, SCHEMAS } from './env.js';
import { normaCommands } from './ci-recipes-commands.js';

const RECIPES = ['examples/ci/github-actions.yml', 'examples/ci/gitlab-ci.yml'];

/** `NORMA_*: value  # comment` lines of the env / variables blocks. */
function normaVariables(text: string): Record<string, string> {
    const vars: Record<string, string> = {};
    for (const m of text.matchAll(/^\s+(NORMA_[A-Z_]+):[ \t]*(.*?)[ \t]*(?:#.*)?$/gm)) {
        if (!m[2].startsWith('${{')) vars[m[1]] = m[2];
    }
    return vars;
}

function helpOf(sub: string): string {
    const r = norma([sub, '--help']);
    expect(r.code).toBe(0);
    return r.stdout;
}

describe.each(RECIPES)('%s', (recipe) => {
    const text = fs.readFileSync(path.join(REPO, recipe), 'utf8');
    const commands = normaCommands(text);
    const vars = normaVariables(text);

    it('runs validate and check with JUnit, SARIF, Markdown and HTML outputs', () => {
        expect(commands.map(c => c.split(/\s+/)[2])).toEqual(['validate', 'validate', 'check']);
        const check = commands[2];
        for (const f of ['junit:', 'sarif:', 'markdown:', 'html:']) expect(check).toContain(`--format ${f}`);
        expect(commands[0]).toContain('--format sarif');
        expect(Object.keys(vars).filter(k => k !== 'NORMA_PACKAGE').sort()).toEqual(['NORMA_ACTIONS', 'NORMA_CHECK_ARGS', 'NORMA_DATA', 'NORMA_WORKSPACE']);
    });

    it('uses only commands, flags and formats that exist (--help)', () => {
        for (const command of commands) {
            const words = command.split(/\s+/);
            const help = helpOf(words[2]);
            for (const flag of words.filter(w => w.startsWith('--'))) expect(help, `${flag} in norma ${words[2]} --help`).toContain(flag);
            for (const f of words.filter((w, k) => words[k - 1] === '--format')) expect(help).toContain(f.split(':')[0]);
        }
    });

    it('runs every norma command for real on the example', () => {
        const dir = tempDir('norma-ci-');
        fs.symlinkSync(path.join(REPO, 'examples'), path.join(dir, 'examples'));
        fs.mkdirSync(path.join(dir, 'reports'));
        const env = { ...process.env, ...vars, CI: 'true', NO_COLOR: '1' };
        const codes = commands.map(command => {
            const r = spawnSync('sh', ['-c', command.replace(/^npx norma\b/, `"${process.execPath}" "${BIN}"`)], { cwd: dir, env, encoding: 'utf8' });
            return { code: r.status, stdout: r.stdout, stderr: r.stderr };
        });
        expect(codes.map(c => c.code)).toEqual([0, 0, 1]);  // the example's gate fails: it holds real breaches
        expect(codes[2].stdout).toContain('Gate: failed');
        expect(codes[2].stderr).not.toContain('Reading data');
        const reports = path.join(dir, 'reports');
        expect(fs.readdirSync(reports).sort()).toEqual(['junit.xml', 'norma.html', 'norma.sarif', 'summary.md', 'validate.sarif']);
        expect(fs.readFileSync(path.join(reports, 'summary.md'), 'utf8').split('\n')[0]).toMatch(/^### ❌ Norma gate failed as of 2026-10-31/);
        expect(JSON.parse(fs.readFileSync(path.join(reports, 'norma.sarif'), 'utf8')).version).toBe('2.1.0');
        expect(JSON.parse(fs.readFileSync(path.join(reports, 'validate.sarif'), 'utf8')).version).toBe('2.1.0');
        expect(fs.readFileSync(path.join(reports, 'norma.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
        if (hasCommand('xmllint')) {
            const r = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'junit-ant.xsd'), path.join(reports, 'junit.xml')], { encoding: 'utf8' });
            expect(r.status, r.stderr).toBe(0);
        }
        // SARIF paths are relative to where the job runs, so the code host finds the norms.
        const sarif = JSON.parse(fs.readFileSync(path.join(reports, 'norma.sarif'), 'utf8'));
        const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
        expect(uri.startsWith('examples/copc-cx/')).toBe(true);
        expect(fs.existsSync(path.join(dir, uri))).toBe(true);
    }, 60000);
});
