import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { buildDocuments, clearAll, lspServices, METRICS, type Services } from './fixtures.js';

let services: Services;
let folder: string;

const PROGRAM = `program Acme {
    norm ServiceLevel >= 80% {
        act immediately below 70%
    }
    norm ServiceLevel >= 85% from 2026-07-01
    norm AverageHandleTime <= 6min
}
`;

const CSV = `program,metric,period,value,sample
Acme,ServiceLevel,2026-01-01,82,
Acme,ServiceLevel,2026-01-02,85,
Acme,ServiceLevel,2026-01-03,79,
Acme,ServiceLevel,2026-01-04,78,
Acme,ServiceLevel,2026-01-05,77,
Acme,AverageHandleTime,2026-01-01,300,
Acme,AverageHandleTime,2026-01-02,340,
`;

beforeAll(async () => {
    services = lspServices();
    // What a client's `initialized` does: the settings become readable.
    await services.shared.workspace.ConfigurationProvider.initialized({});
});
beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-lens-'));
    fs.writeFileSync(path.join(folder, 'measurements.csv'), CSV);
    services.Norma.lsp.NormaEvaluation.setRoot(folder);
});
afterEach(async () => {
    services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { norma: {} } });
    await clearAll(services);
    fs.rmSync(folder, { recursive: true, force: true });
});
afterAll(() => undefined);

function configure(settings: Record<string, unknown>): void {
    services.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { norma: settings } });
}

async function lenses(doc: LangiumDocument): Promise<[number, string][]> {
    const list = await services.Norma.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
    return (list ?? []).map(l => [l.range.start.line, l.command?.title ?? '']);
}

describe('evaluate code lens', () => {
    it('shows nothing on norms while norma.data is not set', async () => {
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM });
        expect(await lenses(program)).toEqual([]);
    });

    it("shows each norm's verdict on the data, through the engine (stale: handle time has no data for two days)", async () => {
        configure({ data: 'measurements.csv', asOf: '2026-01-05' });
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM });
        expect(await lenses(program)).toEqual([
            [1, 'met 2 of 5 days; action required since 2026-01-05'],
            [4, 'in force from 2026-07-01'],
            [5, 'met 2 of 2 days; stale: no data since 2026-01-02'],
        ]);
    });

    it('counts an action row as the answer to the breach', async () => {
        fs.writeFileSync(path.join(folder, 'actions.csv'), 'program,metric,opened,owner,due,closed,result\nAcme,ServiceLevel,2026-01-06,Dana,2026-02-15,,\n');
        configure({ data: ['measurements.csv'], actions: 'actions.csv', asOf: '2026-01-06' });
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM });
        expect((await lenses(program))[0]).toEqual([1, 'met 2 of 5 days; action planned (Dana, due 2026-02-15)']);
    });

    it('refreshes when the data file changes', async () => {
        configure({ data: 'measurements.csv', asOf: '2026-01-03' });
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM });
        expect((await lenses(program))[2]).toEqual([5, 'met 2 of 2 days']);
        fs.writeFileSync(path.join(folder, 'measurements.csv'), CSV.replace('Acme,AverageHandleTime,2026-01-02,340,', 'Acme,AverageHandleTime,2026-01-02,400,'));
        expect((await lenses(program))[2]).toEqual([5, 'met 1 of 2 days; at risk (missed 2026-01-02)']);
    });

    it('tells on every norm when the data cannot be read', async () => {
        configure({ data: 'missing.csv' });
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM });
        const titles = (await lenses(program)).map(l => l[1]);
        expect(titles).toEqual(Array(3).fill(`norma.data: no such file or folder ${path.join(folder, 'missing.csv')}`));
    });

    it('names a repeated row by the file and line of the row it repeats', async () => {
        fs.writeFileSync(path.join(folder, 'more.csv'), 'program,metric,period,value,sample\nAcme,ServiceLevel,2026-01-02,90,\n');
        configure({ data: ['measurements.csv', 'more.csv'], asOf: '2026-01-31' });
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM });
        const titles = (await lenses(program)).map(l => l[1]);
        expect(titles).toEqual(Array(3).fill(`data problem: ${path.relative(process.cwd(), path.join(folder, 'more.csv'))}:2:19 error The same program, metric and period already appear at ${path.relative(process.cwd(), path.join(folder, 'measurements.csv'))}:3.`));
    });

    it('explains an expired exclusion on the norms it names, with its id and expiry day', async () => {
        configure({ data: 'measurements.csv', asOf: '2026-01-31' });
        const exclusion = `exclusion Outage "Carrier outage" {
    program Acme
    metrics ServiceLevel
    periods 2026-01-03 to 2026-01-05
    approved by "Vendor management"
    expires 2026-01-20
}
`;
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': PROGRAM + exclusion });
        const first = (await lenses(program))[0];
        expect(first[0]).toBe(1);
        expect(first[1]).toContain('Outage');
        expect(first[1]).toContain('2026-01-20');
    });

    it('shows one lens per norm while a new norm is half-typed or repeats a metric', async () => {
        configure({ data: 'measurements.csv', asOf: '2026-01-05' });
        const typing = PROGRAM.replace('    norm AverageHandleTime <= 6min\n', '    norm AverageHandleTime <= 6min\n    norm AverageHandleTime <= 7min\n    norm ServiceLevel >=\n');
        const [, program] = await buildDocuments(services, { 'metrics.norma': METRICS, 'acme.norma': typing });
        expect(await lenses(program)).toEqual([
            [1, 'met 2 of 5 days; action required since 2026-01-05'],
            [4, 'in force from 2026-07-01'],
            [5, 'met 2 of 2 days; stale: no data since 2026-01-02'],
        ]);
    });

    it('shows a profile norm\'s verdict in each program that takes it', async () => {
        configure({ data: 'measurements.csv', asOf: '2026-01-03' });
        fs.writeFileSync(path.join(folder, 'measurements.csv'), CSV + 'Bravo,AverageHandleTime,2026-01-01,400,\n');
        const [, profile] = await buildDocuments(services, {
            'metrics.norma': METRICS,
            'profiles.norma': 'profile Voice {\n    norm AverageHandleTime <= 6min\n    norm CriticalErrorAccuracy >= 95%\n}\n',
            'acme.norma': 'program Acme {\n    uses Voice\n    norm ServiceLevel >= 80%\n}\nprogram Bravo {\n    uses Voice\n    norm CriticalErrorAccuracy >= 90%\n}\n',
        });
        expect(await lenses(profile)).toEqual([
            [1, 'Acme: met 2 of 2 days · Bravo: met 0 of 1 day; at risk (missed 2026-01-01)'],
            [2, 'Acme: no data up to 2026-01-03'],
        ]);
    });
});
