import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectHover } from 'langium/test';
import { explainNorm } from '../../language/src/model/explain.js';
import type { MetricModel, NormModel } from '../../language/src/model/types.js';
import { buildDocuments, clearAll, lspServices, METRICS, STANDARD, type Services } from './fixtures.js';

let services: Services;
let hover: ReturnType<typeof expectHover>;

beforeAll(() => {
    services = lspServices();
    hover = expectHover(services.Norma);
});
afterEach(() => clearAll(services));

describe('hover', () => {
    it("shows a metric's title, unit, direction, period and description on its name in a norm", async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        await hover({
            text: 'program P { norm Servi<|>ceLevel >= 80% }',
            index: 0,
            hover: '**Calls answered within 20 seconds** (`ServiceLevel`)\n\npercent · higher is better · daily · service\n\nShare of offered calls answered within 20 s.',
        });
    });

    it("shows a requirement's text on its name", async () => {
        await hover({
            text: 'standard COPC_CX { category Performance { requirement P<|>F1 "Every program has a service norm" } }',
            index: 0,
            hover: '**requirement COPC_CX.Performance.PF1**\n\nEvery program has a service norm',
        });
    });

    it('explains a norm in plain words on its comparison', async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        await hover({
            text: 'program P {\n    norm ServiceLevel ><|>= 80% {\n        act immediately below 70%\n    }\n}',
            index: 0,
            hover: 'Service level must be at least 80% each day; 3 misses in a row, or one day below 70%, require an action plan.',
        });
    });

    it('explains a norm with a sample minimum and a start date on its keyword', async () => {
        await buildDocuments(services, { 'metrics.norma': METRICS });
        await hover({
            text: 'program P { no<|>rm CriticalErrorAccuracy >= 98% from 2026-07-01 { act after 2 consecutive misses sample at least 50 } }',
            index: 0,
            hover: 'Critical error accuracy must be at least 98% each month from 2026-07-01; 2 misses in a row require an action plan; months with a sample under 50 are not judged.',
        });
    });

    it("shows a standard's title after `applies`", async () => {
        await buildDocuments(services, { 'standard.norma': STANDARD });
        await hover({ text: 'program P { applies COPC<|>_CX }', index: 0, hover: '**standard COPC_CX**\n\nCOPC CX Standard' });
    });
});

describe('explainNorm', () => {
    const metric: MetricModel = {
        id: 'AverageHandleTime', title: 'AHT', family: 'efficiency', unit: { kind: 'seconds' }, better: 'lower',
        period: 'weekly', source: { file: '', line: 1, column: 1 },
    };
    const norm: NormModel = {
        id: 'P.AverageHandleTime', program: 'P', metric: 'AverageHandleTime', op: '<=', target: 360, from: null, until: null,
        consecutive: 1, critical: { side: 'above', threshold: 600 }, sampleMinimum: null, profile: null, source: { file: '', line: 1, column: 1 },
    };

    it('writes durations in minutes and a single-miss trigger', () => {
        expect(explainNorm(norm, metric)).toBe('Average handle time must be at most 6 min each week; a single miss, or one week above 10 min, requires an action plan');
    });

    it('writes a range', () => {
        expect(explainNorm({ ...norm, op: 'between', target: 90, high: 5400, consecutive: 3, critical: null }, metric))
            .toBe('Average handle time must be between 1.5 min and 1.5 h each week; 3 misses in a row require an action plan');
    });
});
