import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { readMeasurements } from '../../language/src/data/index.js';
import { FIXTURES, HEADER, tempDir } from './helpers.js';

async function read(text: string, name = 'kpis.csv') {
    const t = tempDir();
    const file = t.write(name, text);
    const r = await readMeasurements([file]);
    return { ...r, file, errs: r.errors.map(e => ({ line: e.line, column: e.column, field: e.field, message: e.message })) };
}

describe('CSV measurements', () => {
    it('reads rows with numbers, an empty sample as null, and columns in any order and case', async () => {
        const r = await read(' Value ,PROGRAM,metric,Sample,period,site\n78.4,Acme,ServiceLevel,,2026-01-05,Lisbon\n81,Acme,ServiceLevel,120,2026-01-06,Porto\n');
        expect(r.errors).toEqual([]);
        expect(r.rows).toEqual([
            { program: 'Acme', metric: 'ServiceLevel', period: '2026-01-05', value: 78.4, sample: null },
            { program: 'Acme', metric: 'ServiceLevel', period: '2026-01-06', value: 81, sample: 120 },
        ]);
        expect(r.files).toEqual([r.file]);
    });

    it('reads the optional population (the calls a QA sample was drawn from), leaving it out when empty', async () => {
        const r = await read('program,metric,period,value,sample,population\nAcme,QA,2026-09,98.5,278,1000\nAcme,QA,2026-10,99,385,\nAcme,QA,2026-11,99,12,x\n');
        expect(r.rows).toEqual([
            { program: 'Acme', metric: 'QA', period: '2026-09', value: 98.5, sample: 278, population: 1000 },
            { program: 'Acme', metric: 'QA', period: '2026-10', value: 99, sample: 385 },
        ]);
        expect(r.errs).toEqual([{ line: 4, column: 23, field: 'population', message: expect.stringContaining("population 'x' is not a whole number") }]);
    });

    it('accepts a file without a sample column and rows that leave the optional last column out', async () => {
        const r = await read('program,metric,period,value\nAcme,SL,2026-01-05,78.4\n');
        expect(r.errors).toEqual([]);
        expect(r.rows[0]).toEqual({ program: 'Acme', metric: 'SL', period: '2026-01-05', value: 78.4, sample: null });
        const short = await read(HEADER + 'Acme,SL,2026-01-05,78.4\n');
        expect(short.errors).toEqual([]);
        expect(short.rows).toHaveLength(1);
    });

    it('reads numbers of every form the same, plain or not', async () => {
        const values = ['78.4', '007', '1.', '.5', '+3', '-2.5', '1e3', '2.5E-1', '123456789012345', '1234567890123456.5', ' 42 ', '42\t'];
        const r = await read(HEADER + values.map((v, k) => `Acme,SL,2026-01-${String(k + 1).padStart(2, '0')},${v},${k === 0 ? '000123' : ''}`).join('\n') + '\n');
        expect(r.errors).toEqual([]);
        expect(r.rows.map(x => x.value)).toEqual(values.map(v => Number(v.trim())));
        expect(r.rows[0].sample).toBe(123);
        const bad = await read(HEADER + 'Acme,SL,2026-01-05,1.2.3,\nAcme,SL,2026-01-06,.,\nAcme,SL,2026-01-07,5,1.0\nAcme,SL,2026-01-08,5,12345678901234567\n');
        expect(bad.errs.map(e => e.message)).toEqual([
            "value '1.2.3' is not a number (write 78.4; percents as 0..100 without %)",
            "value '.' is not a number (write 78.4; percents as 0..100 without %)",
            "sample '1.0' is not a whole number (write the number of contacts behind the value, like 212, or leave it empty)",
            "sample '12345678901234567' is not a whole number (write the number of contacts behind the value, like 212, or leave it empty)",
        ]);
    });

    it('gives rows with the same text one shared string, trimmed', async () => {
        const r = await read(HEADER + 'Acme,SL,2026-01-05,1,\n Acme ,SL,2026-01-05 ,2,\r\nAcme,SL,2026-01-06,3,\n');
        expect(r.errors).toEqual([]);
        expect(r.rows.map(x => [x.program, x.period])).toEqual([['Acme', '2026-01-05'], ['Acme', '2026-01-05'], ['Acme', '2026-01-06']]);
    });

    it('reports a value that is not a number with what to write instead', async () => {
        const r = await read(HEADER + 'Acme,ServiceLevel,2026-01-05,n/a,\nAcme,ServiceLevel,2026-01-06,78.4%,\nAcme,ServiceLevel,2026-01-07,,\nAcme,ServiceLevel,2026-01-08,0x10,\n');
        expect(r.errs).toEqual([
            { line: 2, column: 30, field: 'value', message: "value 'n/a' is not a number (write 78.4; percents as 0..100 without %)" },
            { line: 3, column: 30, field: 'value', message: "value '78.4%' is not a number (write 78.4; percents as 0..100 without %)" },
            { line: 4, column: 30, field: 'value', message: 'value is empty (write 78.4; percents as 0..100 without %)' },
            { line: 5, column: 30, field: 'value', message: "value '0x10' is not a number (write 78.4; percents as 0..100 without %)" },
        ]);
        expect(r.rows).toEqual([]);
    });

    it('reports a sample that is not a whole number of 0 or more', async () => {
        const r = await read(HEADER + 'Acme,SL,2026-01-05,78.4,12.5\nAcme,SL,2026-01-06,78.4,-3\nAcme,SL,2026-01-07,78.4,many\nAcme,SL,2026-01-08,78.4, 40 \n');
        const msg = (s: string) => `sample '${s}' is not a whole number (write the number of contacts behind the value, like 212, or leave it empty)`;
        expect(r.errs).toEqual([
            { line: 2, column: 25, field: 'sample', message: msg('12.5') },
            { line: 3, column: 25, field: 'sample', message: msg('-3') },
            { line: 4, column: 25, field: 'sample', message: msg('many') },
        ]);
        expect(r.rows).toEqual([{ program: 'Acme', metric: 'SL', period: '2026-01-08', value: 78.4, sample: 40 }]);
    });

    it('reports every empty required field of a row, and keeps reading the next rows', async () => {
        const r = await read(HEADER + ',SL,2026-01-05,1,\nAcme, ,,2,\nAcme,SL,2026-01-07,3,\n');
        expect(r.errs).toEqual([
            { line: 2, column: 1, field: 'program', message: 'program is empty (every measurement needs one)' },
            { line: 3, column: 6, field: 'metric', message: 'metric is empty (every measurement needs one)' },
            { line: 3, column: 8, field: 'period', message: 'period is empty (every measurement needs one)' },
        ]);
        expect(r.rows.map(x => x.value)).toEqual([3]);
    });

    it('reports missing columns once, at the header, and reads no row of that file', async () => {
        const r = await read('program,metric,period,val\nAcme,SL,2026-01-05,1\n');
        expect(r.errs).toEqual([{
            line: 1, column: 1, field: undefined,
            message: "the header has no value column (rename 'val' to 'value'?); it has program, metric, period, val. A measurements file needs the columns program, metric, period and value (optional: sample, population)",
        }]);
        expect(r.rows).toEqual([]);
        const two = await read('program,period\nAcme,2026-01-05\n');
        expect(two.errs[0].message).toMatch(/^the header has no columns metric and value; it has program, period\./);
        const one = await read('program|metric|period|value\nAcme|SL|2026-01|1\n');
        expect(one.errs[0].message).toMatch(/single column 'program\|metric\|period\|value': separate columns with commas, semicolons or tabs/);
    });

    it('reports a column named twice and a misspelt optional column', async () => {
        const r = await read('program,metric,period,value,Value\nAcme,SL,2026-01-05,1,2\n');
        expect(r.errs).toEqual([{ line: 1, column: 29, field: undefined, message: "the column 'Value' appears twice in the header (columns 4 and 5)" }]);
        const typo = await read('program,metric,period,value,smaple\nAcme,SL,2026-01-05,1,2\n');
        expect(typo.errs).toEqual([{ line: 1, column: 29, field: undefined, message: "unknown column 'smaple': did you mean 'sample'? (rename it; other extra columns are ignored)" }]);
        const size = await read('program,metric,period,value,Sample Size\nAcme,SL,2026-01-05,1,2\n');
        expect(size.errs[0].message).toContain("did you mean 'sample'?");
    });

    it('reports a row with more values than the header (a decimal comma) at the first extra value', async () => {
        const r = await read(HEADER + 'Acme,SL,2026-01-05,78,4,\nAcme,SL,2026-01-06,78.4,\n');
        expect(r.errs).toEqual([{
            line: 2, column: 25, field: undefined,
            message: 'this row has 6 values but the header has 5 columns (an unquoted comma inside a value? write decimals with a point, 78.4, and put text that holds a comma in double quotes)',
        }]);
        expect(r.rows).toHaveLength(1);
    });

    it('reports a row too short to hold a required value', async () => {
        const r = await read(HEADER + 'Acme,SL,2026-01-05\n');
        expect(r.errs).toEqual([{ line: 2, column: 19, field: undefined, message: 'this row has 3 values but the header has 5 columns: value is missing' }]);
    });

    it('reads quoted fields with delimiters, doubled quotes and line breaks, and counts physical lines', async () => {
        const r = await read(HEADER + '"Acme, Inc","Service""Level",2026-01-05,"78.4",\n"Multi\nLine",SL,2026-01-06,81,\r\nAcme,SL,2026-01-07,bad,\n');
        expect(r.rows.slice(0, 2).map(x => [x.program, x.metric])).toEqual([['Acme, Inc', 'Service"Level'], ['Multi\nLine', 'SL']]);
        expect(r.errs).toEqual([{ line: 5, column: 20, field: 'value', message: "value 'bad' is not a number (write 78.4; percents as 0..100 without %)" }]);
    });

    it('reports a stray character after a closing quote and resumes at the next line', async () => {
        const r = await read(HEADER + '"Acme"x,SL,2026-01-05,1,\nAcme,SL,2026-01-06,2,\nAcme,"S"L",2026-01-07,3,\nAcme,SL,2026-01-08,4,\n');
        expect(r.errs).toEqual([
            { line: 2, column: 7, field: undefined, message: 'unexpected "x" after the closing quote of a quoted value (write a " inside quotes as "")' },
            { line: 4, column: 9, field: undefined, message: 'unexpected "L" after the closing quote of a quoted value (write a " inside quotes as "")' },
        ]);
        expect(r.rows.map(x => x.value)).toEqual([2, 4]);
    });

    it('reports a quote that is never closed at the opening quote, as one error for the rest of the file', async () => {
        const r = await read(HEADER + 'Acme,SL,2026-01-05,1,\nAcme,"SL,2026-01-06,2,\nAcme,SL,2026-01-07,x,\n');
        expect(r.errs).toEqual([{ line: 3, column: 6, field: undefined, message: 'a quoted value opened here is never closed (a closing " is missing)' }]);
        expect(r.rows).toHaveLength(1);
    });

    it('recovers the rows papaparse would take into a value after a stray quote', async () => {
        // papaparse reads on from "Acme"x to the next quote that looks like a closing one.
        const r = await read(HEADER + '"Acme"x,SL,2026-01-05,1,\nAcme,SL,2026-01-06,2,\nAcme,SL,2026-01-07,y,\n"Acme",SL,2026-01-08,4,\nAcme,SL,2026-01-09,5,\n');
        expect(r.errs).toEqual([
            { line: 2, column: 7, field: undefined, message: 'unexpected "x" after the closing quote of a quoted value (write a " inside quotes as "")' },
            { line: 4, column: 20, field: 'value', message: "value 'y' is not a number (write 78.4; percents as 0..100 without %)" },
        ]);
        expect(r.rows.map(x => x.value)).toEqual([2, 4, 5]);
        expect(r.locate({ kind: 'measurement', index: 1, field: 'period', message: 'm' })).toMatchObject({ line: 5, column: 11 });
    });

    it('stops at a row still open after 16 MB of text, with one error at its opening quote', async () => {
        const r = await read(HEADER + 'Acme,"SL,2026-01-05,1,\n' + 'Acme,SL,2026-01-06,2,\n'.repeat(1000000));
        expect(r.errs).toEqual([{ line: 2, column: 6, field: undefined, message: 'a quoted value opened here is not closed within 16 MB of text (a closing " is missing); the rest of the file is not read' }]);
        expect(r.rows).toEqual([]);
    });

    it('reads CRLF and LF line ends mixed in one file, and a last row without a line break', async () => {
        const r = await read('program,metric,period,value,sample\r\nAcme,SL,2026-01-05,1,"2"\r\nAcme,SL,2026-01-06,2,\nAcme,SL,2026-01-07\r\n"Acme",SL,2026-01-08,oops,"3"');
        expect(r.rows.map(x => [x.value, x.sample])).toEqual([[1, 2], [2, null]]);
        expect(r.errs).toEqual([
            { line: 4, column: 19, field: undefined, message: 'this row has 3 values but the header has 5 columns: value is missing' },
            { line: 5, column: 22, field: 'value', message: "value 'oops' is not a number (write 78.4; percents as 0..100 without %)" },
        ]);
    });

    it('skips empty lines and rows of empty fields, keeping line numbers', async () => {
        const r = await read('\n' + HEADER + '\n,,,,\n   \nAcme,SL,2026-01-05,x,\n\n');
        expect(r.errs).toEqual([{ line: 6, column: 20, field: 'value', message: "value 'x' is not a number (write 78.4; percents as 0..100 without %)" }]);
    });

    it('reads a ;-delimited file with a BOM, CRLF and spaced header names (fixture)', async () => {
        const file = path.join(FIXTURES, 'semicolon-bom.csv');
        const r = await readMeasurements([file]);
        expect(r.errors.map(e => [e.line, e.column, e.message])).toEqual([
            [2, 30, "value '78,4' is not a number (write 78.4; percents as 0..100 without %)"],
        ]);
        expect(r.rows).toEqual([{ program: 'Acme', metric: 'ServiceLevel', period: '2026-01-06', value: 81.5, sample: 120 }]);
    });

    it('detects a tab delimiter and honours an Excel sep= line', async () => {
        const tab = await read('program\tmetric\tperiod\tvalue\nAcme\tSL\t2026-01-05\t1,5\n', 'kpis.tsv');
        expect(tab.errs.map(e => [e.line, e.column])).toEqual([[2, 20]]);
        const sep = await read('sep=|\nprogram|metric|period|value\nAcme|SL|2026-01-05|1.5\n');
        expect(sep.errors).toEqual([]);
        expect(sep.rows[0].value).toBe(1.5);
    });

    it('reads a UTF-16 tab-separated export (Excel "Unicode Text") and locates its errors', async () => {
        const t = tempDir();
        const text = '\uFEFFprogram\tmetric\tperiod\tvalue\r\nAçme\tSL\t2026-01-05\t78.4\r\nAçme\tSL\t2026-01-06\tn/a\r\n';
        const file = t.write('export.csv', Buffer.from(text, 'utf16le'));
        const r = await readMeasurements([file]);
        expect(r.rows).toEqual([{ program: 'Açme', metric: 'SL', period: '2026-01-05', value: 78.4, sample: null }]);
        expect(r.errors.map(e => [e.line, e.column, e.field])).toEqual([[3, 20, 'value']]);
        expect(r.locate({ kind: 'measurement', index: 0, field: 'period', message: 'm' })).toMatchObject({ line: 2, column: 9 });
    });

    it('treats a header-only or empty file as no rows, not an error', async () => {
        expect((await read(HEADER)).errors).toEqual([]);
        expect((await read('')).errors).toEqual([]);
        expect((await read('\uFEFF')).rows).toEqual([]);
    });

    it('reads a file larger than one chunk, with a quoted multi-line field across the chunk boundary', async () => {
        const lines: string[] = [];
        for (let i = 0; i < 40000; i++) lines.push(`"Acme\n${i}",SL,2026-01-05,${i},`);
        const r = await read(HEADER + lines.join('\n') + '\nAcme,SL,2026-01-06,oops,\n');
        expect(r.rows).toHaveLength(40000);
        expect(r.rows[39999].program).toBe('Acme\n39999');
        expect(r.errs).toEqual([{ line: 80002, column: 20, field: 'value', message: "value 'oops' is not a number (write 78.4; percents as 0..100 without %)" }]);
    });
});
