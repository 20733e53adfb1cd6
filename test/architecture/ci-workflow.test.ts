// Where users get the VS Code extension: README says "a CI artifact of each commit". The GitHub
// workflow runs the whole of `.ci/run` on every push and keeps the `.vsix` that `.ci/run`
// packaged and tested in a real VS Code; these tests tie the four places together by their paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const REPO = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, string> }
const workflow = YAML.parse(read('.github/workflows/ci.yml')) as { on: Record<string, unknown>; jobs: Record<string, { container?: string; steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap(j => j.steps);
/** The file `npm run package` writes (its `-o`). */
const packaged = /-o \.\.\/(\S+\.vsix)/.exec((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.package)![1];

describe("the repository's CI workflow", () => {
    it('runs on every push and pull request, the whole of .ci/run, on the Debian it is written for', () => {
        expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
        expect(workflow.on.push).toBeNull();
        expect(steps.filter(s => s.run).map(s => s.run!.trim())).toContain('bash .ci/run');
        // .ci/run installs Debian packages with apt-get as root: a Debian container, not the Ubuntu runner.
        expect(Object.values(workflow.jobs)[0].container).toMatch(/^debian:/);
    });

    it('keeps, after .ci/run passed, the .vsix that .ci/run packaged and tested in VS Code', () => {
        const ci = read('.ci/run');
        const packageAt = ci.indexOf('npm run package');
        expect(packageAt).toBeGreaterThan(0);
        expect(ci.indexOf('npm run test:vscode')).toBeGreaterThan(packageAt);
        expect(read('test/vscode-e2e/run.mjs')).toContain(`path.join(root, '${packaged}')`);
        const upload = steps.find(s => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === packaged);
        expect(upload, `an upload-artifact step for ${packaged}`).toBeDefined();
        expect(upload!.if).toBeUndefined(); // only when every step before it passed
        expect(upload!.with!['if-no-files-found']).toBe('error');
        expect(steps.indexOf(upload!)).toBeGreaterThan(steps.findIndex(s => s.run?.trim() === 'bash .ci/run'));
    });

    it('is where both READMEs send users for the .vsix, by the artifact name', () => {
        const name = steps.find(s => s.with?.path === packaged)!.with!.name;
        for (const readme of ['README.md', 'extension/README.md']) {
            const text = read(readme);
            expect(text, readme).toContain('.github/workflows/ci.yml');
            expect(text, readme).toContain(`\`${name}\``);
            expect(text, readme).toContain(packaged);
        }
    });
});
