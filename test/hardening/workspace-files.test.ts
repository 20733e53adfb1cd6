// Hostile workspaces (issue 15): every import and file-system problem is a located diagnostic,
// never a crash, a hang or a raw ENOENT; a broken link is one warning, not the end of the run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadWorkspaceFromDisk, type Diagnostic } from '../../language/src/workspace/workspace.js';
import { norma, workspace } from '../cli/run-norma.js';

const METRIC = 'metric M { family quality unit percent better higher period monthly }\n';

async function diagnostics(dir: string, paths = [dir]): Promise<Diagnostic[]> {
    const ws = await loadWorkspaceFromDisk(paths);
    return ws.diagnostics;
}
const line = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`;

describe('imports that name no file', () => {
    it.each([
        ['import', /Expected a text in double quotes here/],
        ['import "', /`"` is not a character Norma reads here/],
        ['import ""', /This import names no file/],
        ['import "."', /Cannot import '\.': \. is a folder, not a file/],
        ['import "metrics"', /Cannot import 'metrics': metrics is a folder, not a file/],
        ['import "README.md"', /Cannot import 'README.md': README.md is not a \.norma file/],
    ])('%s gives a located error', async (text, message) => {
        const dir = workspace({ 'm.norma': text + '\n', 'metrics/x.norma': METRIC, 'README.md': '# hi\n' });
        const found = (await diagnostics(dir, [path.join(dir, 'm.norma')])).filter(d => d.file === 'm.norma');
        expect(found.map(line).join('\n')).toMatch(message);
        expect(found.every(d => d.line === 1 && d.column >= 1)).toBe(true);
    });
});

describe('imports canonicalised by real path', () => {
    it('a self-import through the parent folder ends (the file is loaded once)', async () => {
        const dir = workspace({ 'a/m.norma': 'import "../a/m.norma"\n' + METRIC });
        const ws = await loadWorkspaceFromDisk([path.join(dir, 'a')]);
        expect(ws.files.map(f => f.path)).toEqual(['m.norma']);
        expect(ws.diagnostics).toEqual([]);
    });

    it('an import cycle through a link ends', async () => {
        const dir = workspace({ 'a.norma': 'import "link/b.norma"\n' + METRIC, 'sub/b.norma': 'import "../a.norma"\n' });
        fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'link'));
        const ws = await loadWorkspaceFromDisk([path.join(dir, 'a.norma')]);
        expect(ws.files.map(f => f.path).sort()).toEqual(['a.norma', 'sub/b.norma']);
        expect(ws.diagnostics).toEqual([]);
    });

    it('an import of /dev/zero is refused without reading it', async () => {
        const dir = workspace({ 'm.norma': 'import "../../../../../../../../dev/zero"\n' });
        const found = await diagnostics(dir);
        expect(found.map(line)).toEqual([expect.stringMatching(/^m\.norma:1:1 error Cannot import .*dev\/zero is not a regular file/)]);
    });
});

describe('files that are not readable text', () => {
    it('a FIFO named x.norma is skipped with one warning (never opened)', async () => {
        const dir = workspace({ 'm.norma': METRIC });
        execFileSync('mkfifo', [path.join(dir, 'x.norma')]);
        expect((await diagnostics(dir)).map(line)).toEqual(['x.norma:1:1 warning Skipped: this path is not a regular file (a pipe, device or socket), so it is not read.']);
    });

    it('a dangling link and a link loop are one warning each, and the rest is checked', async () => {
        const dir = workspace({ 'm.norma': METRIC + 'metric N { family quality unit percent better higher period month }\n' });
        fs.symlinkSync('nowhere.norma', path.join(dir, 'dangling.norma'));
        fs.symlinkSync('loop2.norma', path.join(dir, 'loop1.norma'));
        fs.symlinkSync('loop1.norma', path.join(dir, 'loop2.norma'));
        fs.symlinkSync('.', path.join(dir, 'self'));
        expect((await diagnostics(dir)).map(line)).toEqual([
            'dangling.norma:1:1 warning Skipped: this path is a symbolic link to nothing.',
            'loop1.norma:1:1 warning Skipped: this path is a symbolic link that loops.',
            'loop2.norma:1:1 warning Skipped: this path is a symbolic link that loops.',
            expect.stringMatching(/^m\.norma:2:\d+ error Unknown period 'month'/),
        ]);
    });

    it('a binary file is one error', async () => {
        const bytes = Buffer.alloc(1 << 20);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
        const dir = workspace({});
        fs.writeFileSync(path.join(dir, 'x.norma'), bytes);
        const found = await diagnostics(dir);
        expect(found).toHaveLength(1);
        expect(line(found[0])).toMatch(/^x\.norma:1:\d+ error This file is not UTF-8 text/);
    });

    it('a Latin-1 file is one error at the first byte that is not UTF-8', async () => {
        const dir = workspace({});
        fs.writeFileSync(path.join(dir, 'x.norma'), Buffer.from('metric M {\n  description "caf\xe9"\n}\n', 'latin1'));
        expect((await diagnostics(dir)).map(line)).toEqual(['x.norma:2:19 error This file is not UTF-8 text (byte 30 is not valid UTF-8); Norma reads only UTF-8 text files.']);
    });

    it('UTF-8 text holding a NUL byte is one error', async () => {
        const dir = workspace({ 'x.norma': METRIC + 'metric \u0000 N {}\n' });
        expect((await diagnostics(dir)).map(line)).toEqual([expect.stringMatching(/^x\.norma:2:8 error This file holds a NUL byte at line 2, column 8/)]);
    });
});

describe('the command line', () => {
    it('norma validate names the file, line and column of an import problem and exits 2', () => {
        const dir = workspace({ 'm.norma': 'import "."\n' });
        const run = norma(['validate', dir]);
        expect(run.code).toBe(2);
        expect(run.stderr + run.stdout).toMatch(/m\.norma:1:1 .*Cannot import '\.'/);
        expect(run.stderr).not.toMatch(/EISDIR|    at /);
    });

    it('norma validate on a folder holding only a FIFO prints the warning, then exits 2', () => {
        const dir = workspace({});
        execFileSync('mkfifo', [path.join(dir, 'x.norma')]);
        const run = norma(['validate', dir]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/x\.norma:1:1 warning Skipped: this path is not a regular file/);
        expect(run.stderr).toMatch(/No \.norma file found/);
    });
});

describe('the workspace limits', () => {
    it("admit the benchmark's 10,000-program workspace, the size issue 12 measures", async () => {
        // @ts-expect-error plain ESM script without type declarations
        const { writeProgramWorkspace } = await import('../../bench/program-files.mjs');
        const { MAX_WORKSPACE_CHARS, MAX_WORKSPACE_FILES } = await import('../../language/src/parser/limits.js');
        const dir = workspace({});
        const { files } = writeProgramWorkspace(dir, 10_000) as { files: number };
        const texts = [dir, path.join(dir, 'programs')].flatMap(d => fs.readdirSync(d).filter(f => f.endsWith('.norma')).map(f => fs.readFileSync(path.join(d, f), 'utf8')));
        expect(texts).toHaveLength(files);
        expect(files).toBeLessThan(MAX_WORKSPACE_FILES);
        expect(texts.reduce((n, t) => n + t.length, 0)).toBeLessThan(MAX_WORKSPACE_CHARS);
    });
});
