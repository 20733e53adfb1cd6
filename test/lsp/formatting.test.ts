import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectFormatting } from 'langium/test';
import { formatText, FormatError } from '../../language/src/lsp/norma-formatter.js';
import { clearAll, lspServices, type Services } from './fixtures.js';

let services: Services;
let format: ReturnType<typeof expectFormatting>;

beforeAll(() => {
    services = lspServices();
    format = expectFormatting(services.Norma);
});
afterEach(() => clearAll(services));

const CANONICAL = `// programs/acme.norma
program AcmeBilling "Acme Telecom — billing" {
    client "Acme Telecom"
    channel voice // the main line
    applies COPC_CX, ISO_18295

    /* Service level, as agreed in the 2025 contract. */
    norm ServiceLevel >= 80% {
        act after 3 consecutive misses
        act immediately below 70%
    }
    norm ServiceLevel >= 85% from 2026-07-01
    norm CriticalErrorAccuracy >= 98% {
        sample at least 50
    }
}

metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
}
`;

describe('formatting', () => {
    it('lays out a block on one line as one property per line, 4-space indented', async () => {
        await format({
            before: 'metric ServiceLevel "SL" { family service unit percent better higher period daily }',
            after: 'metric ServiceLevel "SL" {\n    family service\n    unit percent\n    better higher\n    period daily\n}\n',
        });
    });

    it('puts `{` on the declaration line and re-indents nested blocks', async () => {
        await format({
            before: 'standard S\n{\nversion "7.0"\n  category C {\n        requirement R "Text" {\n  needs norm for family service }\n}\n}',
            after: 'standard S {\n    version "7.0"\n    category C {\n        requirement R "Text" {\n            needs norm for family service\n        }\n    }\n}\n',
        });
    });

    it('collapses several blank lines between top-level blocks to one and drops blank lines after `{`', async () => {
        await format({
            before: 'metric A { family service }\n\n\n\nmetric B {\n\n    family quality\n}',
            after: 'metric A {\n    family service\n}\n\nmetric B {\n    family quality\n}\n',
        });
    });

    it('keeps adjacent top-level blocks adjacent', async () => {
        await format({
            before: 'metric A { family service }\nmetric B { family quality }',
            after: 'metric A {\n    family service\n}\nmetric B {\n    family quality\n}\n',
        });
    });

    it('keeps every comment: header, trailing, own-line and block comments', async () => {
        await format({
            before: `// programs/acme.norma
program AcmeBilling "Acme Telecom — billing" {
  client "Acme Telecom"
        channel voice // the main line
  applies COPC_CX , ISO_18295


      /* Service level, as agreed in the 2025 contract. */
  norm ServiceLevel >= 80% { act after 3 consecutive misses
     act immediately below 70% }
  norm ServiceLevel >= 85% from 2026-07-01
  norm CriticalErrorAccuracy >= 98% { sample at least 50 }
}
metric ServiceLevel "Calls answered within 20 seconds" { family service unit percent }`,
            after: CANONICAL.replace('}\n\nmetric', '}\nmetric'),
        });
    });

    it('leaves the canonical layout unchanged (idempotent)', async () => {
        await format({ before: CANONICAL, after: CANONICAL });
    });

    it('keeps a comment that ends a block inside the block', async () => {
        await format({
            before: 'program P {\nnorm ServiceLevel >= 80%\n// more norms to come\n}',
            after: 'program P {\n    norm ServiceLevel >= 80%\n    // more norms to come\n}\n',
        });
    });

    it('writes qualified names and lists without inner spaces', async () => {
        await format({
            before: 'program P { norm Pack . ServiceLevel >= 80% applies A ,B }',
            after: 'program P {\n    norm Pack.ServiceLevel >= 80%\n    applies A, B\n}\n',
        });
    });

    it('leaves a file with syntax errors alone', async () => {
        await format({ before: 'metric { family service', after: 'metric { family service' });
    });
});

describe('formatText (norma fmt)', () => {
    it('formats text without an editor, the same way', async () => {
        expect(await formatText('metric M { family service }')).toBe('metric M {\n    family service\n}\n');
    });

    it('is idempotent on its own output', async () => {
        const once = await formatText(CANONICAL.replace(/\n {4}/g, '\n  '));
        expect(once).toBe(CANONICAL);
        expect(await formatText(once)).toBe(once);
    });

    it('throws a FormatError naming the syntax error', async () => {
        await expect(formatText('metric { }')).rejects.toBeInstanceOf(FormatError);
        await expect(formatText('metric { }')).rejects.toThrow(/^Cannot format a file with syntax errors: 1:8 /);
    });
});

describe('formatText on the language reference sample', () => {
    const SAMPLE = `// standards/copc-cx.norma
import "../metrics/service.norma"
standard COPC_CX "COPC CX Standard for Customer Experience Service Providers" {
    version "7.0"
    category Performance "Performance" {
        requirement PF1 "Every program has a service norm" {
            needs norm for family service          // static: checked while authoring
        }
    }
}

metric ServiceLevel "Calls answered within 20 seconds" {
    family service          // service | quality | satisfaction
    unit percent            // percent | ratio | seconds
    better higher           // higher | lower
    period daily
    description "Share of offered calls answered within 20 s; abandons under 5 s excluded."
}

program AcmeBilling "Acme Telecom — billing, inbound voice" {
    client "Acme Telecom"
    channel voice                                  // voice | email | chat
    applies COPC_CX
    certified 2025-04-01                           // certification lapses after 24 months

    norm ServiceLevel >= 80% {
        act after 3 consecutive misses             // the COPC rule; this is the default when omitted
        act immediately below 70%                  // a critical floor: one point is enough
    }
    norm ServiceLevel >= 85% from 2026-07-01       // a later norm supersedes from its date
    norm AverageHandleTime <= 6min
    norm CriticalErrorAccuracy >= 98% {
        sample at least 50
    }
}

exclusion StormOutage "Power cut at the Leeds site" {
    program AcmeBilling
    metrics ServiceLevel, AverageHandleTime
    periods 2026-01-05 to 2026-01-07
    approved by "Client services director"
    expires 2026-12-31
}
`;
    const comments = (text: string) => text.match(/\/\/.*|\/\*[\s\S]*?\*\//g);

    it('leaves the canonical sample as it is, aligned trailing comments included', async () => {
        expect(await formatText(SAMPLE)).toBe(SAMPLE);
    });

    it('keeps every comment of a flattened sample, in order', async () => {
        const flattened = SAMPLE.replace(/\n\s*(?=[a-z}])/g, '\n');
        const formatted = await formatText(flattened);
        expect(comments(formatted)).toEqual(comments(SAMPLE));
        expect(await formatText(formatted)).toBe(formatted);
    });
});
