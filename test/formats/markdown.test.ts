// --format markdown: the gate in the first line, the counts, the failing norms table with
// program, metric, rule, periods, values and file:line; the rest folded.
import { describe, expect, it } from 'vitest';
import { markdown } from '../../cli/src/formats/markdown.js';
import { isFailing } from '../../cli/src/formats/facts.js';
import { CASES, evaluate, writeResult } from './helpers.js';

describe.each(CASES)('markdown on $name', (c) => {
    it('puts the gate first, then counts, failing norms, and folds the rest', async () => {
        const { result, context } = await evaluate(c);
        const text = markdown(result, context);
        writeResult(`${c.name}.md`, text);
        const lines = text.split('\n');
        expect(lines[0]).toMatch(result.summary.passed ? /^### ✅ Norma gate passed as of / : /^### ❌ Norma gate failed as of \d{4}-\d{2}-\d{2}: /);
        expect(lines[2]).toContain(`**${result.summary.norms} norms**`);
        const failing = result.results.filter(r => isFailing(r.verdict));
        if (failing.length) {
            expect(text).toContain(`#### Failing norms (${failing.length})`);
            expect(text).toContain('| Program | Metric | Rule | Verdict | Periods | Values | Where |');
            for (const r of failing.slice(0, 150)) expect(text).toContain(`| ${r.norm.source} |`);
        }
        const rest = result.results.length - failing.length;
        if (rest) expect(text).toMatch(new RegExp(`<details><summary>${rest} other norms?: `));
        // Folded rows come after the <details> tag, failing rows before it.
        const details = text.indexOf('<details>');
        for (const r of result.results.filter(x => !isFailing(x.verdict)).slice(0, 150)) {
            expect(text.indexOf(`| ${r.norm.source} |`, details)).toBeGreaterThan(details);
        }
        expect(text.length).toBeLessThan(65536);
    });
});

describe('markdown on every verdict kind', () => {
    it('names the periods and values that decided each failing norm', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const text = markdown(result, context);
        expect(text.split('\n')[0]).toBe('### ❌ Norma gate failed as of 2026-02-20: 1 action required, 1 overdue, 1 no data, 2 unsatisfied requirements');
        expect(text).toContain('| Globex | ServiceLevel | &gt;= 80% | overdue | 2026-01-05, 2026-01-06, 2026-01-07 | 75%, 74%, 77% | programs.norma:25 |');
        expect(text).toContain('| Acme | FirstContactResolution | &gt;= 70% | no data | — | — | programs.norma:16 |');
        expect(text).toContain('| Globex | COPC\\_CX.Performance.PF2 |');
    });

    it('keeps markup from data and .norma text as text', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const evil = { ...result, results: result.results.map((r, i) => (i === 0 ? { ...r, program: '<script>x</script>|`y`', reason: 'a | b\nc <img src=x>' } : r)) };
        const text = markdown(evil, context);
        expect(text).not.toMatch(/<script|<img/);
        expect(text).toContain('&lt;script&gt;x&lt;/script&gt;\\|\\`y\\`');
        expect(text).toContain('a \\| b c &lt;img src=x&gt;');
    });

    it('says the gate passed when it did', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const passed = { ...result, summary: { ...result.summary, passed: true } };
        expect(markdown(passed, context).split('\n')[0]).toBe('### ✅ Norma gate passed as of 2026-02-20');
    });
});
