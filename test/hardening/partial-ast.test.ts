// Issue 15: validators tolerate every partial AST the parser's recovery produces (test/setup.ts
// fails a test in which Langium swallows a check's exception), and the input limits
// (language/src/parser/limits.ts) give one located error instead of a stack overflow.
import { describe, expect, it } from 'vitest';
import { loadWorkspace, type Diagnostic } from '../../language/src/workspace/workspace.js';
import { MAX_FILE_CHARS, MAX_NESTING, MAX_TOKEN_CHARS } from '../../language/src/parser/limits.js';

const METRIC = 'metric M { family quality unit percent better higher period daily }\n';

async function load(text: string): Promise<Diagnostic[]> {
    return (await loadWorkspace([{ path: 'x.norma', text }], { asOf: '2026-02-01' })).diagnostics;
}
const messages = (ds: Diagnostic[]) => ds.map(d => `${d.line}:${d.column} ${d.message}`);

describe('partial ASTs', () => {
    it.each([
        ['exclusion s periods', 'exclusion with periods but no period'],
        [METRIC + 'exclusion s { metrics M periods }', 'exclusion of a metric, periods missing'],
        [METRIC.replace(' period daily', '') + 'exclusion s { metrics M periods 2026-01-01 approved by "x" }', 'exclusion whose metric has no period'],
        ['program{norm>{act immediately', 'norm without metric or threshold'],
        [METRIC + 'program P { norm M > { critical floor below 10% } }', 'critical floor on a bound without threshold'],
        [METRIC + 'program P { norm M <= }', 'bound without threshold on a higher-is-better metric'],
        [METRIC.replace('daily', 'constructor') + 'exclusion s { metrics M periods 2026-01-01 approved by "x" }', 'a period named like an Object method'],
        [METRIC + 'program P { norm M >= 10constructor }', 'a unit suffix named like an Object method'],
    ])('%s (%s): located diagnostics, no exception', async text => {
        const found = await load(text);
        expect(found.length).toBeGreaterThan(0);
        expect(found.every(d => d.line >= 1 && d.column >= 1)).toBe(true);
        expect(messages(found).join('\n')).not.toMatch(/An error occurred/);
    });
});

describe('limits', () => {
    it('a string of 5,000,000 characters: one error for the file size, no stack overflow', async () => {
        expect(messages(await load(`metric M "${'x'.repeat(5_000_000)}" {}`))).toEqual([
            `1:1 This file has more than ${MAX_FILE_CHARS.toLocaleString('en-US')} characters, the most Norma reads in one file; split it into files that import each other.`,
        ]);
    });

    it('a string over the token limit is located at its start', async () => {
        const found = messages(await load(`${METRIC}metric N "${'y'.repeat(MAX_TOKEN_CHARS + 1)}" {}`));
        expect(found).toContain(`2:10 This string has ${(MAX_TOKEN_CHARS + 3).toLocaleString('en-US')} characters; Norma reads tokens of at most ${MAX_TOKEN_CHARS.toLocaleString('en-US')} characters.`);
    });

    it('a string just under the token limit is read', async () => {
        expect(await load(`metric N "${'y'.repeat(MAX_TOKEN_CHARS - 2)}" { family quality unit percent better higher period daily }`)).toEqual([]);
    });

    it('1,500 nested blocks: one nesting error at the brace past the limit, no stack overflow', async () => {
        const found = messages(await load('exclusion E { ' + 'program P { '.repeat(1500)));
        const nesting = found.filter(m => m.includes('nested'));
        expect(nesting).toEqual([`1:${14 + 12 * (MAX_NESTING - 1) + 11} Braces are nested more than ${MAX_NESTING} deep here; Norma reads at most ${MAX_NESTING} open '{' at once (is a '}' missing above?).`]);
    });
});
