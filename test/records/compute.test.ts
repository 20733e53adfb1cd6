// Computing measurements from record files in embedded DuckDB: formats, time zones and
// daylight-saving days, ISO and Sunday weeks, bad cells located, records no program takes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { computeMeasurements } from '../../language/src/records/compute.js';
import type { NormaModel } from '../../language/src/model/types.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-records-'));
function file(name: string, text: string | Buffer): string {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
}

async function model(text: string): Promise<NormaModel> {
    const ws = await loadWorkspace([{ path: 'ws.norma', text }]);
    expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return ws.model!;
}

const CALLS = (zone: string, grain: string, extra = '') => `
    source Calls {
        field at: timestamp column "offered_at"
        field outcome: text
        field wait: seconds
        field answered = outcome = "ANSWERED"
        ${zone ? `timezone "${zone}"` : ''}
        ${extra}
    }
    metric Offered { family service unit count better higher period ${grain} from Calls at at = count() }
    program P { records Calls norm Offered >= 1 }`.replace('field at: timestamp', 'field ts: timestamp').replace('from Calls at at', 'from Calls at ts');

describe('computeMeasurements', () => {
    it('names intervals by local start, with the offset where a local time repeats (Europe/London, 25 October 2026)', async () => {
        const m = await model(CALLS('Europe/London', 'interval30'));
        const csv = file('dst.csv', ['offered_at,outcome,wait',
            '2026-10-24T23:40:00Z,ANSWERED,3',   // 00:40 BST
            '2026-10-25T00:35:00Z,ANSWERED,3',   // 01:35 BST, first 01:30
            '2026-10-25T01:10:00Z,ANSWERED,3',   // 01:10 GMT, second 01:00
            '2026-10-25T01:40:00Z,ANSWERED,3',   // 01:40 GMT, second 01:30
            '2026-10-25T02:05:00Z,ANSWERED,3',   // 02:05 GMT
        ].join('\n'));
        const r = await computeMeasurements(m, [{ source: 'Calls', path: csv }]);
        expect(r.errors).toEqual([]);
        expect(r.measurements.map(x => x.period)).toEqual([
            '2026-10-25T00:30', '2026-10-25T01:00+00:00', '2026-10-25T01:30+00:00', '2026-10-25T01:30+01:00', '2026-10-25T02:00',
        ]);
    });

    it('cuts days in the source zone: a 25-hour day holds every record of it', async () => {
        const m = await model(CALLS('Europe/London', 'daily'));
        const csv = file('day.csv', ['offered_at,outcome,wait',
            '2026-10-24T22:59:00Z,A,1',  // 23:59 BST on the 24th
            '2026-10-24T23:00:00Z,A,1',  // 00:00 BST on the 25th
            '2026-10-25T23:59:00Z,A,1',  // 23:59 GMT on the 25th
            '2026-10-26T00:00:00Z,A,1',  // the 26th
        ].join('\n'));
        const r = await computeMeasurements(m, [{ source: 'Calls', path: csv }]);
        expect(r.measurements.map(x => [x.period, x.value])).toEqual([['2026-10-24', 1], ['2026-10-25', 2], ['2026-10-26', 1]]);
    });

    it('weeks are ISO weeks, or start on Sunday when the metric says so', async () => {
        const csv = file('weeks.csv', ['offered_at,outcome,wait', '2026-01-04T10:00:00,A,1', '2026-01-05T10:00:00,A,1', '2026-01-10T10:00:00,A,1', '2026-01-11T10:00:00,A,1'].join('\n'));
        const iso = await computeMeasurements(await model(CALLS('', 'weekly')), [{ source: 'Calls', path: csv }]);
        expect(iso.measurements.map(x => [x.period, x.value])).toEqual([['2026-W01', 1], ['2026-W02', 3]]);
        const sunday = await computeMeasurements(await model(CALLS('', 'weekly starting sunday')), [{ source: 'Calls', path: csv }]);
        expect(sunday.measurements.map(x => [x.period, x.value])).toEqual([['2026-W02', 3], ['2026-W03', 1]]);
    });

    it('reads 15-minute intervals from gzip CSV, TSV, NDJSON, JSON and a folder alike', async () => {
        const m = await model(CALLS('', 'interval15'));
        const rows = [['2026-01-05T09:14:59', 'A', '1'], ['2026-01-05T09:15:00', 'A', '2']];
        const csv = 'offered_at,outcome,wait\n' + rows.map(r => r.join(',')).join('\n');
        const inputs = [
            file('gz/calls.csv.gz', gzipSync(Buffer.from(csv))),
            file('tsv/calls.tsv', csv.replace(/,/g, '\t')),
            file('nd/calls.ndjson', rows.map(r => JSON.stringify({ offered_at: r[0], outcome: r[1], wait: Number(r[2]) })).join('\n')),
            file('js/calls.json', JSON.stringify(rows.map(r => ({ offered_at: r[0], outcome: r[1], wait: r[2] })))),
            path.join(dir, 'gz'),
        ];
        for (const input of inputs) {
            const r = await computeMeasurements(m, [{ source: 'Calls', path: input }]);
            expect(r.errors, input).toEqual([]);
            expect(r.measurements.map(x => [x.period, x.value]), input).toEqual([['2026-01-05T09:00', 1], ['2026-01-05T09:15', 1]]);
        }
    });

    it('reports a cell that does not parse with file:line:column, field, value and a hint, and gives no rows', async () => {
        const m = await model(CALLS('', 'daily', '').replace('field ts: timestamp column "offered_at"', 'field ts: timestamp column "offered_at" format "%Y-%m-%d %H:%M"'));
        const csv = file('bad.csv', ['offered_at,outcome,wait', '2026-01-05 09:00,A,1', '7:02,A,1', '2026-01-05 09:10,A,soon'].join('\n'));
        const r = await computeMeasurements(m, [{ source: 'Calls', path: csv }]);
        expect(r.measurements).toEqual([]);
        expect(r.errorCount).toBe(2);
        expect(r.errors).toEqual([
            { file: csv, line: 3, column: 1, field: 'ts', message: `field ts: '7:02' is not a timestamp; the field's format is %Y-%m-%d %H:%M` },
            { file: csv, line: 4, column: 3, field: 'wait', message: `field wait: 'soon' is not a duration; write seconds (75), M:SS (1:15) or H:MM:SS (0:01:15)` },
        ]);
    });

    it('names a missing column with a did-you-mean', async () => {
        const m = await model(CALLS('', 'daily'));
        const csv = file('cols.csv', 'offered_at,outcomes,wait\n2026-01-05T09:00:00,A,1\n');
        const r = await computeMeasurements(m, [{ source: 'Calls', path: csv }]);
        expect(r.errors.map(e => e.message)).toEqual([`The column 'outcome' of field outcome (source Calls) is missing. Did you mean 'outcomes'? (write column "outcomes" on the field)`]);
    });

    it('warns about records no program takes, with the count and examples', async () => {
        const m = await model(CALLS('', 'daily').replace('records Calls', 'records Calls where outcome = "A"'));
        const csv = file('untaken.csv', 'offered_at,outcome,wait\n2026-01-05T09:00:00,A,1\n2026-01-05T09:00:00,B,2\n');
        const r = await computeMeasurements(m, [{ source: 'Calls', path: csv }]);
        expect(r.measurements.map(x => x.value)).toEqual([1]);
        expect(r.warnings.map(w => w.message)).toEqual([
            `1 Calls record is taken by no program (no 'records Calls where ...' matches), for example: ts=2026-01-05 09:00:00, outcome=B, wait=2.000.`,
        ]);
    });

    it('says which source is unknown', async () => {
        const m = await model(CALLS('', 'daily'));
        const r = await computeMeasurements(m, [{ source: 'Cals', path: 'x.csv' }]);
        expect(r.errors.map(e => e.message)).toEqual([`--records Cals=...: the workspace declares no source 'Cals'. Did you mean 'Calls'?`]);
    });

    it('warns of the taken records without an instant, each once however many programs take it, and counts them in no period', async () => {
        const m = await model(`
            source Calls { field ts: timestamp column "offered_at" field queue: text }
            metric Offered { family service unit count better higher period daily from Calls at ts = count() }
            program P { records Calls where queue != "Z" norm Offered >= 1 }
            program Q { records Calls where queue = "B" norm Offered >= 1 }`);
        const csv = file('no-instant.csv', ['offered_at,queue',
            '2026-01-05T09:00:00Z,A',
            ',A',                        // no instant, taken by P
            ',B',                        // no instant, taken by P and Q: one record
            ',C',                        // no instant, taken by P
            ',Z',                        // no instant, taken by no program: said in the untaken warning instead
            '2026-01-05T10:00:00Z,B',
        ].join('\n'));
        const r = await computeMeasurements(m, [{ source: 'Calls', path: csv }]);
        expect(r.errors).toEqual([]);
        expect(r.measurements.map(x => `${x.program} ${x.period} ${x.value}`)).toEqual(['P 2026-01-05 2', 'Q 2026-01-05 1']);
        const messages = r.warnings.map(w => w.message);
        expect(messages).toContain('3 Calls records have no ts, so no period: they count in no metric measured at ts.');
        expect(messages.filter(x => x.includes('taken by no program'))).toHaveLength(1);
        expect(messages).toHaveLength(2);
    });

    it('says nothing of instants when every taken record has one', async () => {
        const m = await model(CALLS('', 'daily'));
        const r = await computeMeasurements(m, [{ source: 'Calls', path: file('all-instants.csv', 'offered_at,outcome,wait\n2026-01-05T09:00:00Z,A,1\n') }]);
        expect(r.warnings).toEqual([]);
        expect(r.measurements.map(x => x.value)).toEqual([1]);
    });
});
