// Issue 15, data edge cases: each gives a located error (file:line:column), exit 2 and no verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { norma, tempDir } from '../cli/run-norma.js';

const WORKSPACE = `metric SL "Service level" { family service unit percent better higher period daily }
program P { norm SL >= 80% }
`;
const HEADER = 'program,metric,period,value,sample\n';
const ROWS = 'P,SL,2026-01-05,85,100\nP,SL,2026-01-06,70,100\nP,SL,2026-01-07,70,100\nP,SL,2026-01-08,70,100\n';

function run(files: Record<string, string | Buffer>, args: string[]) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'w.norma'), WORKSPACE);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const r = norma(['check', dir, ...args.map(a => (a.startsWith('-') ? a : path.join(dir, a))), '--as-of', '2026-01-31'], { env: { NO_COLOR: '1' } });
    return { ...r, dir };
}

describe('bad data: located error, exit 2, no verdict', () => {
    it.each([
        ['a byte-order mark at the start of a line in the middle of a CSV file', { 'm.csv': HEADER + 'P,SL,2026-01-05,85,100\n\uFEFFP,SL,2026-01-06,70,100\n' }, /m\.csv:3:1 error program holds a byte-order mark \(U\+FEFF\) in the middle of the file/],
        ['two CSV files joined (the second header after a BOM)', { 'm.csv': HEADER + ROWS + '\uFEFF' + HEADER + ROWS }, /m\.csv:6:1 error program holds a byte-order mark/],
        ['a NUL byte in a CSV value', { 'm.csv': HEADER + 'P,SL,2026-01-05,85,100\nP,SL,2026-01-06, 7\u00000,100\n' }, /m\.csv:3:\d+ error value holds a NUL byte/],
        ['a byte-order mark inside a JSON string', { 'm.json': JSON.stringify([{ program: '\uFEFFP', metric: 'SL', period: '2026-01-05', value: 85, sample: 100 }]) }, /m\.json:1:\d+ error program holds a byte-order mark/],
    ])('%s', (_, files, message) => {
        const r = run(files, ['--data', Object.keys(files)[0]]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stdout).toBe('');
    });

    it('an action due before it was opened', () => {
        const r = run({
            'm.csv': HEADER + ROWS,
            'a.csv': 'program,metric,opened,owner,due\nP,SL,2026-01-10,Dana,2026-01-02\n',
        }, ['--data', 'm.csv', '--actions', 'a.csv']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/a\.csv:2:\d+ error The action is due \(2026-01-02\) before it was opened \(2026-01-10\)\./);
        expect(r.stdout).toBe('');
    });

    it('an action due on the day it was opened is fine', () => {
        const r = run({ 'm.csv': HEADER + ROWS, 'a.csv': 'program,metric,opened,owner,due\nP,SL,2026-01-10,Dana,2026-01-10\n' }, ['--data', 'm.csv', '--actions', 'a.csv']);
        expect(r.stderr).not.toMatch(/error/);
        expect(r.code).toBe(1);
    });
});
