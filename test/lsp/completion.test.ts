import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectCompletion } from 'langium/test';
import { InsertTextFormat } from 'vscode-languageserver';
import { buildDocuments, clearAll, lspServices, METRICS, STANDARD, type Services } from './fixtures.js';

let services: Services;
let complete: ReturnType<typeof expectCompletion>;

beforeAll(() => {
    services = lspServices();
    complete = expectCompletion(services.Norma);
});
afterEach(() => clearAll(services));

describe('completion', () => {
    it('offers metric names after `norm`, with unit and better-direction', async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        await complete({
            text: 'program P { norm <|> }',
            index: 0,
            assert: list => {
                expect(list.items.map(i => [i.label, i.detail])).toEqual([
                    ['ServiceLevel', 'percent, higher is better'],
                    ['AverageHandleTime', 'seconds, lower is better'],
                    ['CriticalErrorAccuracy', 'percent, higher is better'],
                ]);
            },
        });
    });

    it('offers the families after `family`', async () => {
        await complete({
            text: 'metric M { family <|> }',
            index: 0,
            expectedItems: ['service', 'quality', 'satisfaction', 'resolution', 'efficiency', 'cost', 'sales', 'compliance', 'people'],
        });
    });

    it('offers the units after `unit`', async () => {
        await complete({
            text: 'metric M { unit <|> }',
            index: 0,
            expectedItems: ['percent', 'ratio', 'seconds', 'minutes', 'hours', 'count', 'score', 'currency'],
        });
    });

    it('offers the periods after `period`', async () => {
        await complete({
            text: 'metric M { period <|> }',
            index: 0,
            expectedItems: ['interval15', 'interval30', 'hourly', 'daily', 'weekly', 'monthly'],
        });
    });

    it('offers higher and lower after `better`', async () => {
        await complete({ text: 'metric M { better <|> }', index: 0, expectedItems: ['higher', 'lower'] });
    });

    it('offers the channels after `channel`', async () => {
        await complete({
            text: 'program P { channel <|> }',
            index: 0,
            expectedItems: ['voice', 'email', 'chat', 'messaging', 'social', 'backoffice'],
        });
    });

    it('offers the evidence kinds after `evidence`', async () => {
        await complete({
            text: 'standard S { category C { requirement R { evidence <|> } } }',
            index: 0,
            expectedItems: ['document', 'record', 'data', 'observation', 'interview', 'system'],
        });
    });

    it('offers the families after `needs norm for family`', async () => {
        await complete({
            text: 'standard S { category C { requirement R { needs norm for family <|> } } }',
            index: 0,
            assert: list => expect(list.items.map(i => i.label)).toContain('quality'),
        });
    });

    it('offers metric names after `needs norm for metric`', async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        await complete({
            text: 'standard S { category C { requirement R { needs norm for metric <|> } } }',
            index: 0,
            expectedItems: ['ServiceLevel', 'AverageHandleTime', 'CriticalErrorAccuracy'],
        });
    });

    it('offers standards after `applies`', async () => {
        await buildDocuments(services, { 'standard.norma': STANDARD });
        await complete({ text: 'program P { applies <|> }', index: 0, expectedItems: ['COPC_CX'] });
    });

    it('offers profiles after `uses`', async () => {
        await complete({
            text: 'profile VoiceDefaults { } profile ChatDefaults { } program P { uses <|> }',
            index: 0,
            expectedItems: ['VoiceDefaults', 'ChatDefaults'],
        });
    });

    it('offers snippets for a new metric and program at the top level', async () => {
        await complete({
            text: '<|>',
            index: 0,
            assert: list => {
                const snippets = list.items.filter(i => i.insertTextFormat === InsertTextFormat.Snippet).map(i => i.label);
                expect(snippets).toEqual(['metric (new metric)', 'program (new program)']);
            },
        });
    });

    it('offers a norm snippet inside a program', async () => {
        await complete({
            text: 'program P {\n    <|>\n}',
            index: 0,
            assert: list => {
                const norm = list.items.find(i => i.label === 'norm (new norm with options)');
                expect(norm?.insertText).toBe('norm ${1:Metric} ${2|>=,<=|} ${3:80%} {\n\tact after ${4:3} consecutive misses\n\tact immediately ${5|below,above|} ${6:70%}\n}');
            },
        });
    });
});

describe('completion after a norm\'s metric', () => {
    it('offers the comparisons as well as between', async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        await complete({
            text: 'program P { norm ServiceLevel <|> }',
            index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels.slice(0, 4)).toEqual(['>=', '>', '<=', '<']);
                expect(labels).toContain('between');
                expect(list.items.find(i => i.label === '>=')?.detail).toBe('at least the target');
            },
        });
    });
});
