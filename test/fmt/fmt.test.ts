// norma fmt: the formatter is idempotent and keeps the token stream and every comment, over the
// examples and over generated workspaces (fast-check); the command's --check and rewrite modes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createNormaServices } from '../../language/src/norma-module.js';
import { formatText } from '../../language/src/lsp/norma-formatter.js';
import { collectFiles } from '../../language/src/workspace/workspace.js';
import { formatFiles } from '../../cli/src/run/fmt.js';
import { norma, REPO, workspace } from '../cli/run-norma.js';
import { BASE } from '../diff/base-workspace.js';

const lexer = createNormaServices(EmptyFileSystem).Norma.parser.Lexer;

/** Non-whitespace tokens, and comments (trailing blanks of their lines aside). */
function tokens(text: string): { tokens: string[]; comments: string[] } {
    const r = lexer.tokenize(text);
    return {
        tokens: r.tokens.map(t => t.image),
        comments: r.hidden.filter(t => !/^\s*$/.test(t.image)).map(t => t.image.replace(/[ \t]+$/gm, '')),
    };
}

const EXAMPLES = path.join(REPO, 'examples');
const exampleFiles = fs.existsSync(EXAMPLES) ? collectFiles([EXAMPLES]) : [];

const SEPARATORS = [' ', '  ', '\t', '\n', '\n\n', '\n\n\n', ' \n    ', '\n        ', ' /* note */ ', '\n/* a block\n   comment */\n', ' // trailing remark\n', '\n// own-line remark\n', '\n\n// paragraph remark\n\n'];

/** The same tokens as `text`, re-joined with random whitespace and comments. */
const scrambled = (text: string) => {
    const lexed = lexer.tokenize(text).tokens.map(t => t.image);
    return fc.array(fc.integer({ min: 0, max: SEPARATORS.length - 1 }), { minLength: lexed.length, maxLength: lexed.length })
        .map(seps => lexed.map((t, i) => {
            if (i === 0) return t;
            // No comment inside a qualified name (`A.B`): keep dots tight.
            const sep = t === '.' || lexed[i - 1] === '.' ? '' : SEPARATORS[seps[i]];
            return sep + t;
        }).join(''));
};

const PARAGRAPHS = `// Metrics of the voice channel
metric ServiceLevel "Calls answered within 20 seconds" {
    family service   unit percent
    better higher  period daily  // the COPC default
}


/* Programs */
program Acme "Acme — facturación" { norm ServiceLevel >= 80% { act after 3 consecutive misses } }
`;

describe('the formatter (property tests)', () => {
    it('is idempotent and keeps tokens and comments on generated workspaces', async () => {
        for (const source of [BASE, PARAGRAPHS]) {
            await fc.assert(fc.asyncProperty(scrambled(source), async text => {
                const once = await formatText(text);
                expect(await formatText(once)).toBe(once);
                expect(tokens(once)).toEqual(tokens(text));
            }), { numRuns: 60 });
        }
    });

    it('keeps a paragraph break and a comment where it was', async () => {
        const out = await formatText(PARAGRAPHS);
        expect(out).toMatch(/\n    period daily +\/\/ the COPC default\n/);
        expect(out).toMatch(/}\n\n\/\* Programs \*\/\nprogram Acme/);
        expect(out).toContain('"Acme — facturación"');
        expect(await formatText(out)).toBe(out);
    });

    it.skipIf(exampleFiles.length === 0)('is idempotent and token-preserving on the examples, as written and scrambled', async () => {
        for (const file of exampleFiles) {
            const text = fs.readFileSync(file, 'utf8');
            const once = await formatText(text);
            expect(await formatText(once)).toBe(once);
            expect(tokens(once)).toEqual(tokens(text));
            await fc.assert(fc.asyncProperty(scrambled(text), async scrambledText => {
                const out = await formatText(scrambledText);
                expect(await formatText(out)).toBe(out);
                expect(tokens(out)).toEqual(tokens(scrambledText));
            }), { numRuns: 10 });
        }
    });
});

describe('norma fmt', () => {
    it('--check names each file that would change and exits 1; without it, rewrites and names them', () => {
        const dir = workspace({
            'a.norma': PARAGRAPHS,
            'sub/b.norma': 'metric X "x" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\n',
        });
        const check = norma(['fmt', '--check', '.'], { cwd: dir });
        expect(check.code).toBe(1);
        expect(check.stdout).toContain('a.norma would be reformatted');
        expect(check.stdout).not.toContain('sub/b.norma would');
        expect(check.stdout).toContain('1 of 2 files would be reformatted');
        expect(fs.readFileSync(path.join(dir, 'a.norma'), 'utf8')).toBe(PARAGRAPHS);
        const write = norma(['fmt'], { cwd: dir });
        expect(write.code).toBe(0);
        expect(write.stdout).toContain('a.norma formatted');
        expect(norma(['fmt', '--check'], { cwd: dir }).code).toBe(0);
    });

    it('leaves a file with syntax errors untouched and exits 2 with file:line:col', () => {
        const broken = 'metric X "x" {\n    family service\n';
        const dir = workspace({ 'broken.norma': broken });
        const r = norma(['fmt', 'broken.norma'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/broken\.norma:\d+:\d+ error/);
        expect(fs.readFileSync(path.join(dir, 'broken.norma'), 'utf8')).toBe(broken);
    });

    it('formatFiles works against any formatText-like function', async () => {
        const dir = workspace({ 'x.norma': 'a' });
        const outcome = await formatFiles([path.join(dir, 'x.norma')], true, async t => t + '\n');
        expect(outcome.changed).toHaveLength(1);
        expect(fs.readFileSync(path.join(dir, 'x.norma'), 'utf8')).toBe('a');
    });

    it.skipIf(exampleFiles.length === 0)('--check passes on examples/', () => {
        const r = norma(['fmt', '--check', 'examples']);
        expect(r.stdout + r.stderr).toContain('already formatted');
        expect(r.code).toBe(0);
    });
});
