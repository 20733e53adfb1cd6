/**
 * SPEC §3a: the same rows in any order, in any number of files, give byte-identical results.
 * Measurement and action rows of random workspaces are shuffled and split across CSV and NDJSON
 * files; `norma check --format json` must not change a byte, except the file:line that warnings
 * give for the rows they are about.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { norma, workspace } from './run-norma.js';
import { randomCase } from './random-workspace.js';

const HEAD = 'program,metric,period,value,sample';
const ACTION_HEAD = 'program,metric,opened,owner,due,closed,result';

/** Each row goes to file `parts[i] % files`; some files are NDJSON. */
function writeSplit(dir: string, head: string, rows: string[], parts: number[], files: number, stem: string): string[] {
    const names: string[] = [];
    for (let f = 0; f < files; f++) {
        const mine = rows.filter((_, i) => parts[i % parts.length] % files === f);
        const ndjson = f % 2 === 1;
        const name = path.join(dir, `${stem}-${f}.${ndjson ? 'ndjson' : 'csv'}`);
        if (ndjson) {
            const text = mine.map(r => JSON.stringify(Object.fromEntries(r.split(',').map((v, i) => [head.split(',')[i], cell(head.split(',')[i], v)]))));
            fs.writeFileSync(name, text.join('\n') + '\n');
        } else {
            fs.writeFileSync(name, [head, ...mine].join('\n') + '\n');
        }
        names.push(name);
    }
    return names;
}

function cell(column: string, v: string): unknown {
    if (v === '') return null;
    return column === 'value' || column === 'sample' ? Number(v) : v;
}

function withoutRowSources(json: string): unknown {
    const result = JSON.parse(json);
    for (const w of result.warnings ?? []) delete w.source;
    return result;
}

describe('order independence (SPEC §3a)', () => {
    test('shuffling and splitting measurement and action rows across files never changes a byte of the JSON (but warnings\' file:line)', () => {
        fc.assert(fc.property(
            randomCase,
            fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
            fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
            fc.integer({ min: 1, max: 3 }),
            fc.integer({ min: 1, max: 2 }),
            fc.boolean(),
            (c, keys, parts, dataFiles, actionFiles, nOfM) => {
                // Same-day actions with other owners, and one without an owner, make order matter if anything does.
                const actions = c.actionsCsv.trim().split('\n').slice(1);
                const extra = actions.flatMap((a, i) => {
                    const [p, m, opened, , due] = a.split(',');
                    return [`${p},${m},${opened},Owner ${i},${due},,`, `${p},${m},${opened},,${due},,`];
                });
                const actionRows = [...actions, ...extra];
                const files = { ...c.files };
                if (nOfM) files['programs.norma'] = files['programs.norma'].replace(/act after (\d) consecutive misses/g, 'act after $1 of 4 misses respond within 2 days');
                const dir = workspace(files);
                const rows = c.csv.trim().split('\n').slice(1);
                const plain = ['check', dir, '--data', ...writeSplit(dir, HEAD, rows, [0], 1, 'a'), '--actions',
                    ...writeSplit(dir, ACTION_HEAD, actionRows, [0], 1, 'x'), '--as-of', c.asOf, '--format', 'json'];
                const shuffle = <T>(list: T[]) => list.map((r, i) => [keys[i % keys.length] * 7919 + i, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
                const shuffled = ['check', dir, '--data', ...writeSplit(dir, HEAD, shuffle(rows), parts, dataFiles, 'b'), '--actions',
                    ...writeSplit(dir, ACTION_HEAD, shuffle(actionRows), parts, actionFiles, 'y'), '--as-of', c.asOf, '--format', 'json'];
                const a = norma(plain);
                const b = norma(shuffled);
                expect(a.stderr).toBe('');
                expect(a.code).toBeLessThan(2);
                expect(b.code).toBe(a.code);
                expect(withoutRowSources(b.stdout)).toEqual(withoutRowSources(a.stdout));
                // Byte for byte once the row sources are taken out.
                expect(JSON.stringify(withoutRowSources(b.stdout))).toBe(JSON.stringify(withoutRowSources(a.stdout)));
                const warnings = JSON.parse(a.stdout).warnings as { code: string; source: string }[];
                expect(warnings.filter(w => w.code === 'action-without-owner')).toHaveLength(actions.length);
                for (const w of warnings) expect(w.source).toMatch(/x-0\.csv:\d+$/);
                fs.rmSync(dir, { recursive: true, force: true });
            },
        ), { numRuns: 8, endOnFailure: true });
    }, 120_000);
});
