// The extension's README is its page in VS Code's Extensions view (vsce packs extension/README.md
// into the .vsix, .vscodeignore lets it in). Every setting the extension contributes is
// explained there, in its settings table, with what an empty value does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const EXTENSION = path.resolve(import.meta.dirname, '../../extension');
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> } };
};
const readme = fs.readFileSync(path.join(EXTENSION, 'README.md'), 'utf8');
const settings = Object.keys(manifest.contributes.configuration.properties);

describe("the extension's README (its page in the Extensions view)", () => {
    it('is packed into the .vsix', () => {
        expect(fs.readFileSync(path.join(EXTENSION, '.vscodeignore'), 'utf8').split('\n')).toContain('!README.md');
    });

    it('explains every contributed setting in its settings table', () => {
        expect(settings.sort()).toEqual(['norma.actions', 'norma.asOf', 'norma.data']);
        for (const setting of settings) {
            const row = readme.split('\n').find(l => l.startsWith(`| \`${setting}\` |`));
            expect(row, setting).toBeDefined();
            // What it does, and what leaving it empty does.
            expect(row!.length, setting).toBeGreaterThan(150);
            expect(row, setting).toMatch(/Empty:|Optional:/);
        }
        expect(readme).toMatch(/"norma\.data": \[/);
    });

    it('says norma.asOf judges certification age and due dates in the lens and the Problems panel', () => {
        const row = readme.split('\n').find(l => l.startsWith('| `norma.asOf` |'))!;
        expect(row).toMatch(/certification/);
        expect(row).toMatch(/Problems panel/);
        expect(row).toMatch(/lens/);
    });
});
