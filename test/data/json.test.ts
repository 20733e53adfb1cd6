import { describe, expect, it } from 'vitest';
import { readMeasurements } from '../../language/src/data/index.js';
import { tempDir } from './helpers.js';

async function read(text: string, name: string) {
    const t = tempDir();
    const file = t.write(name, text);
    const r = await readMeasurements([file]);
    return { ...r, file, errs: r.errors.map(e => ({ line: e.line, column: e.column, field: e.field, message: e.message })) };
}

const NUM = '(write 78.4; percents as 0..100 without %)';

describe('JSON measurements', () => {
    it('reads an array of objects; numbers or numeric strings for value and sample; extra keys ignored', async () => {
        const r = await read(JSON.stringify([
            { program: 'Acme', metric: 'SL', period: '2026-01-05', value: 78.4, site: 'Lisbon' },
            { program: 'Acme', metric: 'SL', period: '2026-01-06', value: '81', sample: '120' },
            { program: 'Acme', metric: 'SL', period: '2026-01-07', value: 79, sample: null },
        ], null, 2), 'kpis.json');
        expect(r.errors).toEqual([]);
        expect(r.rows).toEqual([
            { program: 'Acme', metric: 'SL', period: '2026-01-05', value: 78.4, sample: null },
            { program: 'Acme', metric: 'SL', period: '2026-01-06', value: 81, sample: 120 },
            { program: 'Acme', metric: 'SL', period: '2026-01-07', value: 79, sample: null },
        ]);
    });

    it('refuses a file that is not an array of objects', async () => {
        const obj = await read('\n  {"program": "Acme"}\n', 'kpis.json');
        expect(obj.errs).toEqual([{
            line: 2, column: 3, field: undefined,
            message: 'a JSON data file holds an array of objects, [ { "program": ... }, ... ], but this one holds an object (for one object per line, name the file .ndjson)',
        }]);
        const num = await read('42', 'kpis.json');
        expect(num.errs[0].message).toContain('but this one holds the number 42');
    });

    it('reports a malformed file once, at the position where it breaks', async () => {
        const comma = await read('[\n  {"program": "Acme", "value": 1,}\n]', 'kpis.json');
        expect(comma.errs).toEqual([{ line: 2, column: 34, field: undefined, message: "unexpected '}' in the JSON: expected a quoted field name; the file cannot be read" }]);
        const token = await read('[\n  {"program": "Acme",\n   "value": x}\n]', 'kpis.json');
        expect(token.errs).toEqual([{
            line: 3, column: 13, field: undefined,
            message: `unexpected 'x' in the JSON: expected a value (a "string", a number, an object, an array, true, false or null); the file cannot be read`,
        }]);
        const open = await read('[{"program": "Acme"}', 'kpis.json');
        expect(open.errs).toEqual([{ line: 1, column: 21, field: undefined, message: "the JSON ends too early: expected ',' or ']' after an element of an array; the file cannot be read" }]);
        const missingComma = await read('[{"a": 1}\n {"b": 2}]', 'kpis.json');
        expect(missingComma.errs[0]).toMatchObject({ line: 2, column: 2 });
    });

    it('reports each bad object at the field value, and an item that is not an object', async () => {
        const text = [
            '[',
            '  { "program": "Acme", "metric": "SL", "period": "2026-01-05", "value": "n/a" },',
            '  { "program": "Acme", "metric": "SL", "period": "2026-01-06",',
            '    "value": 78.4, "sample": 12.5 },',
            '  "Acme,SL,2026-01-07,80",',
            '  { "program": "", "metric": "SL", "period": "2026-01-08", "Value": 1 },',
            '  { "program": true, "metric": "SL", "period": "2026-01-09", "value": 1 }, { "program": "Acme", "metric": "SL", "period": "2026-01-10", "value": 2 }',
            ']',
        ].join('\n');
        const r = await read(text, 'kpis.json');
        expect(r.errs).toEqual([
            { line: 2, column: 73, field: 'value', message: `value 'n/a' is not a number ${NUM}` },
            { line: 4, column: 30, field: 'sample', message: "sample 12.5 is not a whole number (write the number of contacts behind the value, like 212, or leave it empty)" },
            { line: 5, column: 3, field: undefined, message: "item 3 of the array is the text 'Acme,SL,2026-01-07,80', not an object like { \"program\": ..., \"metric\": ... }" },
            { line: 6, column: 16, field: 'program', message: 'program is empty (every measurement needs one)' },
            { line: 6, column: 69, field: 'value', message: `the measurement has no "value" field (it has 'Value'; field names are lower case: "value")` },
            { line: 7, column: 16, field: 'program', message: 'program must be text, not true' },
        ]);
        expect(r.rows).toEqual([{ program: 'Acme', metric: 'SL', period: '2026-01-10', value: 2, sample: null }]);
    });

    it('reports a misspelt optional key once per file', async () => {
        const r = await read(JSON.stringify([
            { program: 'A', metric: 'SL', period: '2026-01-05', value: 1, Sample: 5 },
            { program: 'A', metric: 'SL', period: '2026-01-06', value: 1, Sample: 5 },
        ]), 'kpis.json');
        expect(r.errs).toEqual([{ line: 1, column: 72, field: 'sample', message: `unknown field 'Sample': did you mean "sample"? (rename it; other extra fields are ignored)` }]);
    });

    it('treats an empty JSON file as no rows', async () => {
        expect((await read('  \n', 'kpis.json')).errors).toEqual([]);
        expect((await read('[]', 'kpis.json')).errors).toEqual([]);
    });
});

describe('NDJSON measurements', () => {
    it('reads one object per line, skipping blank lines, with CRLF', async () => {
        const r = await read('{"program":"Acme","metric":"SL","period":"2026-01-05","value":78.4}\r\n\r\n  \r\n{"program":"Acme","metric":"SL","period":"2026-01-06","value":81,"sample":9}\r\n', 'kpis.ndjson');
        expect(r.errors).toEqual([]);
        expect(r.rows.map(x => [x.value, x.sample])).toEqual([[78.4, null], [81, 9]]);
    });

    it('reports a line that is not JSON, a line that is not an object, and bad fields, and reads the rest', async () => {
        const r = await read([
            '{"program":"Acme","metric":"SL","period":"2026-01-05","value":1}',
            '{"program":"Acme","metric":"SL","period":"2026-01-06","value":2',
            '',
            '[1, 2]',
            '  {"program":"Acme","metric":"SL","period":"2026-01-07","value":"78,4"}',
            '{"program":"Acme","metric":"SL","period":"2026-01-08","value":3}',
        ].join('\n'), 'kpis.jsonl');
        expect(r.errs).toEqual([
            { line: 2, column: 64, field: undefined, message: "the JSON ends too early: expected ',' or '}' after a value in an object (each line of an .ndjson file is one JSON object)" },
            { line: 4, column: 1, field: undefined, message: 'this line holds an array, not a JSON object like { "program": ..., "metric": ... }' },
            { line: 5, column: 65, field: 'value', message: `value '78,4' is not a number ${NUM}` },
        ]);
        expect(r.rows.map(x => x.value)).toEqual([1, 3]);
    });
});
