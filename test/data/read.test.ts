import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { DataIssue, Measurement } from '../../language/src/engine/types.js';
import { formatDataErrors, readActions, readMeasurements, STDIN_NAME, type DataError } from '../../language/src/data/index.js';
import { readCsv } from '../../language/src/data/csv.js';
import { scanRecord } from '../../language/src/data/csv-scan.js';
import { Collector } from '../../language/src/data/collector.js';
import { MEASUREMENT_SCHEMA } from '../../language/src/data/fields.js';
import { readNdjson } from '../../language/src/data/json.js';
import { SourceText } from '../../language/src/data/text.js';
import { rowsOf } from '../../language/src/engine/columns.js';

/** The measurement rows a collector holds (as columns), as objects. */
const rowsRead = (out: Collector<Measurement>): Measurement[] => (out.columns ? rowsOf(out.columns.build()) : out.rows);
import { FIXTURES, HEADER, stdinOf, tempDir } from './helpers.js';

const issue = (index: number, field: string, message = 'unknown program'): DataIssue => ({ kind: 'measurement', index, field, message });

describe('sources', () => {
    it('reads every data file of a folder in name order, not subfolders, hidden files or other types', async () => {
        const dir = path.join(FIXTURES, 'folder');
        const r = await readMeasurements([dir]);
        expect(r.errors).toEqual([]);
        expect(r.files).toEqual(['a-kpis.csv', 'b-aht.json', 'c-quality.ndjson'].map(f => path.join(dir, f)));
        expect(r.rows.map(x => `${x.metric} ${x.period} ${x.value} ${x.sample}`)).toEqual([
            'ServiceLevel 2026-01-05 78.4 null',
            'ServiceLevel 2026-01-06 81 120',
            'AverageHandleTime 2026-01-05 352 null',
            'AverageHandleTime 2026-01-06 348.5 90',
            'CriticalErrorAccuracy 2026-01 98.6 212',
            'CriticalErrorAccuracy 2026-02 97.1 198',
        ]);
    });

    it('reads measurements into columns: names interned once per file set, values and samples typed, rows in file order', async () => {
        const dir = path.join(FIXTURES, 'folder');
        const r = await readMeasurements([dir]);
        const c = r.columns!;
        expect(c.length).toBe(6);
        expect(c.metrics).toEqual(['ServiceLevel', 'AverageHandleTime', 'CriticalErrorAccuracy']);
        expect(Array.from(c.metric)).toEqual([0, 0, 1, 1, 2, 2]);
        expect(c.value).toBeInstanceOf(Float64Array);
        expect(Array.from(c.value)).toEqual([78.4, 81, 352, 348.5, 98.6, 97.1]);
        expect(Array.from(c.sample)).toEqual([NaN, 120, NaN, 90, 212, 198]);
        // The engine's index of a row is the same in both, so an issue about row 3 is located at its line.
        expect(r.locate({ kind: 'measurement', index: 3, field: 'value', message: 'm' })).toMatchObject({ file: path.join(dir, 'b-aht.json'), field: 'value' });
    });

    it('reads a file named twice (directly and through its folder) once', async () => {
        const dir = path.join(FIXTURES, 'folder');
        const r = await readMeasurements([path.join(dir, 'a-kpis.csv'), dir]);
        expect(r.rows).toHaveLength(6);
        expect(r.files[0]).toBe(path.join(dir, 'a-kpis.csv'));
    });

    it('reports a folder without data files, and a missing file, naming the path; and keeps reading the others', async () => {
        const empty = path.join(FIXTURES, 'empty-folder');
        const r = await readMeasurements([empty, 'no/such/kpis.csv', path.join(FIXTURES, 'folder', 'a-kpis.csv')]);
        expect(r.errors).toEqual([
            { file: empty, line: 0, column: 0, message: `no .csv, .json or .ndjson file in ${empty}` },
            { file: 'no/such/kpis.csv', line: 0, column: 0, message: 'no such file or folder' },
        ]);
        expect(r.rows).toHaveLength(2);
    });

    it('reads stdin, sniffing CSV, JSON and NDJSON, and names it <stdin>', async () => {
        const csv = await readMeasurements(['-'], { stdin: stdinOf(HEADER + 'Acme,SL,2026-01-05,78.4,\nAcme,SL,2026-01-06,x,\n') });
        expect(csv.rows).toHaveLength(1);
        expect(csv.errors).toEqual([{ file: STDIN_NAME, line: 3, column: 20, field: 'value', message: "value 'x' is not a number (write 78.4; percents as 0..100 without %)" }]);
        const json = await readMeasurements(['-'], { stdin: stdinOf('\n [{"program":"A","metric":"SL","period":"2026-01-05","value":1}]') });
        expect(json.errors).toEqual([]);
        expect(json.rows[0].value).toBe(1);
        const ndjson = await readMeasurements(['-'], { stdin: stdinOf('{"program":"A","metric":"SL","period":"2026-01-05","value":1}\n{"program":"A","metric":"SL","period":"2026-01-06","value":2}\n') });
        expect(ndjson.rows.map(x => x.value)).toEqual([1, 2]);
        expect(ndjson.locate(issue(1, 'period'))).toEqual({ file: STDIN_NAME, line: 2, column: 39, field: 'period', message: 'unknown program' });
        expect((await readMeasurements(['-'], { stdin: stdinOf('') })).errors).toEqual([]);
    });

    it('keeps multi-byte UTF-8 characters split across stdin chunks intact', async () => {
        const r = await readActions(['-'], { stdin: stdinOf('program,metric,opened,owner\nAcme,SL,2026-01-05,João Gonçalves — 品質\n', 3) });
        expect(r.rows[0].owner).toBe('João Gonçalves — 品質');
    });

    it('sniffs a file with an unknown extension', async () => {
        const t = tempDir();
        const r = await readMeasurements([t.write('export.txt', '[{"program":"A","metric":"SL","period":"2026-01-05","value":1}]')]);
        expect(r.rows).toHaveLength(1);
    });
});

describe('locate', () => {
    it('maps an engine issue back to file:line:col in CSV, even after multi-line quoted fields', async () => {
        const t = tempDir();
        const file = t.write('kpis.csv', 'value;program;metric;period\n1;Acme;SL;2026-01-05\n\n2;"Ac\nme";SL;2026-W02\n3;"Acme";  SL;2026-01\n');
        const r = await readMeasurements([file]);
        expect(r.errors).toEqual([]);
        expect(r.locate(issue(0, 'program'))).toEqual({ file, line: 2, column: 3, field: 'program', message: 'unknown program' });
        expect(r.locate(issue(1, 'program'))).toMatchObject({ line: 4, column: 3 });
        expect(r.locate(issue(1, 'period'))).toMatchObject({ line: 5, column: 8 });
        expect(r.locate(issue(2, 'metric'))).toMatchObject({ line: 6, column: 10 });
        expect(r.locate(issue(2, 'sample'))).toMatchObject({ line: 6, column: 1 });
    });

    it('maps issues in JSON (objects on one line or many) and NDJSON, across files', async () => {
        const t = tempDir();
        const a = t.write('a.json', '[{"program":"A","metric":"SL","period":"2026-01-05","value":1}, {"program":"B","metric":"SL","period":"2026-01-05","value":2},\n  {\n    "program": "C",\n    "metric": "SL", "period": "2026-01", "value": 3\n  }\n]');
        const b = t.write('b.ndjson', '\n{"program":"D","metric":"SL","period":"2026-01-05","value":4}\n');
        const r = await readMeasurements([a, b]);
        expect(r.errors).toEqual([]);
        expect(r.locate(issue(0, 'program'))).toEqual({ file: a, line: 1, column: 13, field: 'program', message: 'unknown program' });
        expect(r.locate(issue(1, 'program'))).toMatchObject({ file: a, line: 1, column: 76 });
        expect(r.locate(issue(2, 'period'))).toMatchObject({ file: a, line: 4, column: 31 });
        expect(r.locate(issue(2, 'sample'))).toMatchObject({ file: a, line: 2, column: 3 });
        expect(r.locate(issue(3, 'value'))).toMatchObject({ file: b, line: 2, column: 60 });
    });

    it('locates an index it does not know without throwing', async () => {
        const r = await readMeasurements([path.join(FIXTURES, 'folder', 'a-kpis.csv')]);
        expect(r.locate(issue(99, 'value'))).toMatchObject({ line: 0, column: 0, message: 'unknown program (row 99)' });
    });
});

describe('formatDataErrors', () => {
    it('prints file:line:col error message, paths relative to the current folder, at most 50 then a count of the rest', async () => {
        const t = tempDir();
        const rows = Array.from({ length: 60 }, (_, i) => `Acme,SL,2026-01-${String(i % 28 + 1).padStart(2, '0')},bad${i},`);
        const file = t.write('kpis.csv', HEADER + rows.join('\n'));
        const r = await readMeasurements([file]);
        expect(r.errors).toHaveLength(60);
        const text = formatDataErrors(r.errors);
        const lines = text.split('\n');
        expect(lines).toHaveLength(51);
        const shown = path.relative(process.cwd(), file).split(path.sep).join('/');
        expect(lines[0]).toBe(`${shown}:2:20 error value 'bad0' is not a number (write 78.4; percents as 0..100 without %)`);
        expect(lines[50]).toBe('... and 10 more problems in the data');
        expect(formatDataErrors(r.errors, 59).split('\n')[59]).toBe('... and 1 more problem in the data');
    });

    it('prints a whole-file error without a position', () => {
        const e: DataError = { file: STDIN_NAME, line: 0, column: 0, message: 'cannot be read: permission denied' };
        expect(formatDataErrors([e])).toBe('<stdin> error cannot be read: permission denied');
    });

    it('collects the errors of every file, in file and line order', async () => {
        const t = tempDir();
        const a = t.write('a.csv', HEADER + 'A,SL,2026-01-05,x,\nA,SL,2026-01-06,y,\n');
        const b = t.write('b.ndjson', '{"program":"A"}\nnot json\n');
        const r = await readMeasurements([a, b]);
        expect(r.errors.map(e => `${path.basename(e.file)}:${e.line}:${e.column}`)).toEqual([
            'a.csv:2:17', 'a.csv:3:17', 'b.ndjson:1:1', 'b.ndjson:1:1', 'b.ndjson:1:1', 'b.ndjson:2:1',
        ]);
    });
});

describe('actions', () => {
    it('reads actions with optional columns as null and dates kept as written', async () => {
        const t = tempDir();
        const file = t.write('actions.csv', 'Program,Metric,Opened,Owner,Due,Result\nAcme,ServiceLevel,2026-01-06,Ana Silva,2026-02-01,\nAcme,AHT,06/01/2026,Rui,,"Coaching, done"\n');
        const r = await readActions([file]);
        expect(r.errors).toEqual([]);
        expect(r.rows).toEqual([
            { program: 'Acme', metric: 'ServiceLevel', opened: '2026-01-06', owner: 'Ana Silva', due: '2026-02-01', closed: null, result: null },
            { program: 'Acme', metric: 'AHT', opened: '06/01/2026', owner: 'Rui', due: null, closed: null, result: 'Coaching, done' },
        ]);
        expect(r.locate({ kind: 'action', index: 1, field: 'opened', message: "opened '06/01/2026' is not a date" }))
            .toEqual({ file, line: 3, column: 10, field: 'opened', message: "opened '06/01/2026' is not a date" });
    });

    it('reports a missing required column, an empty owner and a misspelt closed column', async () => {
        const t = tempDir();
        const noOwner = await readActions([t.write('a.csv', 'program,metric,opened\nAcme,SL,2026-01-06\n')]);
        expect(noOwner.errors.map(e => e.message)).toEqual([
            'the header has no owner column; it has program, metric, opened. A actions file needs the columns program, metric, opened and owner (optional: due, closed, result)',
        ]);
        const r = await readActions([t.write('b.csv', 'program,metric,opened,owner,closed_on\nAcme,SL,2026-01-06,,\n')]);
        expect(r.errors.map(e => [e.line, e.column, e.message])).toEqual([
            [1, 29, "unknown column 'closed_on': did you mean 'closed'? (rename it; other extra columns are ignored)"],
        ]);
        // An empty owner is no read error (SPEC §3a): the row is kept, answers nothing, and check warns.
        expect(r.rows[0].owner).toBe('');
        const json = await readActions([t.write('c.json', '[{"program":"Acme","metric":"SL","opened":"2026-01-06","owner":"Ana","due":null}]')]);
        expect(json.rows).toEqual([{ program: 'Acme', metric: 'SL', opened: '2026-01-06', owner: 'Ana', due: null, closed: null, result: null }]);
    });
});

describe('CSV through papaparse, in chunks', () => {
    const run = async (chunks: string[]) => {
        const out = new Collector(MEASUREMENT_SCHEMA);
        const text = new SourceText(chunks.join(''));
        out.files.push({ name: 'x.csv', path: undefined, format: 'csv', delimiter: 44, newline: '\n', columns: new Int32Array(MEASUREMENT_SCHEMA.fields.length).fill(-1), text });
        await readCsv(out, 0, chunks);
        const offsets = Array.from({ length: out.table.length }, (_, i) => out.table.offset(i));
        return { rows: rowsRead(out), offsets, errors: out.errors, newline: out.files[0].newline };
    };
    const split = (text: string, cuts: number[]): string[] => {
        const points = [...new Set(cuts.map(c => c % (text.length + 1)))].sort((x, y) => x - y);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
            chunks.push(text.slice(prev, p));
            prev = p;
        }
        chunks.push(text.slice(prev));
        return chunks;
    };

    it('gives the same rows, positions and errors however the text is split into chunks', async () => {
        const piece = fc.constantFrom(
            'A,SL,2026-01,1,', '"A\nB",SL,2026-01,2,', 'A,"S""L",2026-02,3,7', 'A,SL,2026-03,x,',
            'a', '1', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'é', 'x"y', '\t',
        );
        const head = fc.tuple(fc.constantFrom('', '\n', 'sep=,\n'), fc.constantFrom('\n', '\r\n', '\r'));
        await fc.assert(fc.asyncProperty(head, fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(300), { maxLength: 6 }), async ([before, nl], parts, cuts) => {
            const text = before + 'program,metric,period,value,sample' + nl + parts.join('');
            expect(await run(split(text, cuts))).toEqual(await run([text]));
        }), { numRuns: 2000 });
    });

    it('reads quote-free lines in place exactly as papaparse reads them: rows, values, offsets and errors', async () => {
        // A quoted header name hands the whole file to papaparse; the same lines after a plain header are read in place.
        const header = fc.constantFrom('program,metric,period,value,sample', 'program,metric,period,value,sample,population', 'value,period,metric,program', 'program;metric;period;value');
        const piece = fc.constantFrom(
            'A,SL,2026-01,1,', 'A,SL,2026-01,78.40,12', 'P0001,M01,2026-01-01,75.9,339', 'B,SL,2026-02,0.5,3,40', 'A,SL,2026-01,1,2,3,4',
            'A, SL,2026-01,1,', 'A,SL ,2026-01,1,', 'A,SL,2026-01,+1,', 'A,SL,2026-01,1e3,', 'A,SL,2026-01,.5,', 'A,SL,2026-01,5.,', 'A,SL,2026-01,1.2.3,',
            'A,SL,,1,', 'A,SL,2026-01,,', 'A,SL,2026-01,1,x', 'A,SL,2026-01,1,-2', 'A,SL', ',,,,', 'A;SL;2026-01;4;5',
            '999999999999999', '9999999999999999', '1234567890.12345', '0.000000000000001', '00012.50',
            'a', '1', '.', ',', ';', ' ', '\t', 'é', '\u0000', '\uFEFF', '\n', '\n', '\n', '\r\n', '\r',
        );
        await fc.assert(fc.asyncProperty(header, fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(400), { maxLength: 6 }), async (head, parts, cuts) => {
            const body = '\n' + parts.join('');
            const inPlace = await run(split(head + body, cuts));
            const byPapaparse = await run(split(head.replace(/^[a-z]+/, name => `"${name}"`) + body, cuts));
            expect(inPlace.rows).toEqual(byPapaparse.rows);
            expect(inPlace.offsets).toEqual(byPapaparse.offsets.map(o => o - 2));
            expect(inPlace.errors).toEqual(byPapaparse.errors);
        }), { numRuns: 1500 });
    });

    it('reads a plain decimal as the number nearest its text, as Number does', async () => {
        const decimal = fc.tuple(fc.stringMatching(/^[0-9]{1,15}$/), fc.nat(15)).map(([digits, at]) =>
            (at > 0 && at < digits.length ? `${digits.slice(0, at)}.${digits.slice(at)}` : digits));
        await fc.assert(fc.asyncProperty(fc.array(decimal, { minLength: 1, maxLength: 20 }), async values => {
            const r = await run([`program,metric,period,value,sample\n${values.map(v => `A,SL,2026-01,${v},${v.replace('.', '')}`).join('\n')}\n`]);
            expect(r.errors).toEqual([]);
            expect(r.rows.map(x => x.value)).toEqual(values.map(Number));
            expect(r.rows.map(x => x.sample)).toEqual(values.map(v => Number(v.replace('.', ''))));
        }), { numRuns: 300 });
    });

    it('keeps each row\'s start offset, and locates its errors from them', async () => {
        const text = 'program,metric,period,value\r\nA,SL,2026-01,1\r\n"B\r\nC",SL,2026-02,2\r\nA,SL,2026-03,x\r\n';
        const r = await run(split(text, [40, 41, 70]));
        expect(r.newline).toBe('\n');
        expect(r.offsets).toEqual([29, 45]);
        expect(r.rows.map(x => x.program)).toEqual(['A', 'B\r\nC']);
        expect(r.errors).toEqual([{ file: 'x.csv', line: 5, column: 14, field: 'value', message: "value 'x' is not a number (write 78.4; percents as 0..100 without %)" }]);
    });

    it('ends records at a lone \\r when the header line does', async () => {
        const r = await run(['program;metric;period;value\rA;SL;2026-01;1\rA;SL;2026-02;x\r']);
        expect(r.newline).toBe('\r');
        expect(r.rows.map(x => x.value)).toEqual([1]);
        expect(r.errors.map(e => [e.line, e.column])).toEqual([[3, 14]]);
    });
});

describe('scanRecord', () => {
    it('finds where each field of one record starts and where its line ends', () => {
        expect(scanRecord('a,"b,c",d\nx', 0, ',', '\n')).toEqual({ starts: [0, 2, 8], stop: 9 });
        expect(scanRecord('h\n"x""y" ,"p\nq"\r\nz', 2, ',', '\n')).toEqual({ starts: [2, 10], stop: 15 });
        expect(scanRecord('a;;b\rc', 0, ';', '\r')).toEqual({ starts: [0, 2, 3], stop: 4 });
        expect(scanRecord('a,b', 0, ',', '\n')).toEqual({ starts: [0, 2], stop: 3 });
        expect(scanRecord('', 0, ',', '\n')).toEqual({ starts: [0], stop: 0 });
    });

    it('stops at a character after a closing quote, or at a quote never closed', () => {
        expect(scanRecord('"a"x,b\n', 0, ',', '\n').fault).toEqual({ kind: 'stray', at: 3 });
        expect(scanRecord('a,"b" c\n', 0, ',', '\n').fault).toEqual({ kind: 'stray', at: 6 });
        expect(scanRecord('a,"b\nc,d\n', 0, ',', '\n').fault).toEqual({ kind: 'unclosed', at: 2 });
        expect(scanRecord('a,"b""', 0, ',', '\n').fault).toEqual({ kind: 'unclosed', at: 2 });
        expect(scanRecord('a,b"c,d\n', 0, ',', '\n')).toEqual({ starts: [0, 2, 6], stop: 7 });
    });
});

describe('NDJSON lines across chunks', () => {
    const run = async (chunks: string[]) => {
        const out = new Collector(MEASUREMENT_SCHEMA);
        out.files.push({ name: 'x.ndjson', path: undefined, format: 'ndjson', delimiter: 44, newline: '\n', columns: new Int32Array(5) });
        await readNdjson(out, 0, chunks);
        return { rows: rowsRead(out), offsets: Array.from({ length: out.table.length }, (_, i) => out.table.offset(i)), errors: out.errors };
    };

    it('gives the same rows, offsets and errors however the text is split', async () => {
        const row = (v: number) => `{"program":"A","metric":"SL","period":"2026-01-05","value":${v}}`;
        const piece = fc.oneof(fc.nat(9).map(row), fc.constantFrom('\n', '\r\n', '\r', ' ', '{bad'));
        await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(400), { maxLength: 5 }), async (parts, cuts) => {
            const text = parts.join('');
            const points = [...new Set(cuts.map(c => c % (text.length + 1)))].sort((x, y) => x - y);
            const chunks: string[] = [];
            let prev = 0;
            for (const p of points) {
                chunks.push(text.slice(prev, p));
                prev = p;
            }
            chunks.push(text.slice(prev));
            expect(await run(chunks)).toEqual(await run([text]));
        }), { numRuns: 1000 });
    });
});

describe('fixtures', () => {
    it('exist where the tests expect them', () => {
        expect(fs.existsSync(path.join(FIXTURES, 'folder', 'sub', 'nested.csv'))).toBe(true);
        expect(fs.existsSync(path.join(FIXTURES, 'folder', '.hidden.csv'))).toBe(true);
    });
});
