/**
 * CSV files: a header naming the columns (any order, any case, surrounding spaces ignored),
 * then one row per line. The delimiter is `,`, `;` or tab, whichever the header line holds
 * most of (outside quotes); a first line `sep=;` (written by Excel) names it explicitly.
 */
import type { Collector, FileInfo } from './collector.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { describeColumns, fromText, looksLike, Problem } from './fields.js';
import { quote } from './text.js';

const DELIMITERS = [44, 59, 9]; // , ; tab

/** Reads CSV text given in chunks (the first chunk without its BOM) into the collector. */
export async function readCsv<T>(out: Collector<T>, fileIndex: number, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const info = out.files[fileIndex];
    const schema = out.schema;
    const specs = schema.fields;
    const nSpecs = specs.length;
    const name = info.name;
    let tokenizer: CsvTokenizer | undefined;
    let skipSepLine = false;
    let header: string[] | undefined;
    let usable = true;
    let requiredMax = -1;
    const columns = info.columns;

    const onHeader = (fields: string[], lines: number[], cols: number[]): void => {
        header = fields.map(f => f.trim().toLowerCase());
        const seen = new Map<string, number>();
        header.forEach((h, k) => {
            const first = seen.get(h);
            if (first !== undefined && specs.some(s => s.name === h)) {
                out.error(name, lines[k], cols[k], `the column ${quote(fields[k].trim())} appears twice in the header (columns ${first + 1} and ${k + 1})`);
                usable = false;
            } else if (first === undefined) seen.set(h, k);
        });
        const missing: string[] = [];
        const hints: string[] = [];
        specs.forEach((spec, s) => {
            columns[s] = seen.get(spec.name) ?? -1;
            if (columns[s] >= 0) {
                if (spec.requiredColumn) requiredMax = Math.max(requiredMax, columns[s]);
                return;
            }
            const near = header!.findIndex(h => !specs.some(o => o.name === h) && looksLike(h, spec.name));
            if (spec.requiredColumn) {
                missing.push(spec.name);
                if (near >= 0) hints.push(`${quote(fields[near].trim())} for ${spec.name}?`);
            } else if (near >= 0) {
                out.error(name, lines[near], cols[near],
                    `unknown column ${quote(fields[near].trim())}: did you mean '${spec.name}'? (rename it; other extra columns are ignored)`);
            }
        });
        if (missing.length) {
            usable = false;
            const what = missing.length === 1 ? `no ${missing[0]} column` : `no columns ${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
            const found = header.length === 1
                ? `; it holds the single column ${quote(fields[0].trim(), 60)}: separate columns with commas, semicolons or tabs`
                : `; it has ${fields.map(f => f.trim()).join(', ')}`;
            const hint = hints.length ? ` (did you mean ${hints.join(' ')})` : '';
            out.error(name, lines[0], cols[0],
                `the header has ${what}${hint}${found.length > 200 ? found.slice(0, 199) + '…' : found}. A ${schema.noun}s file needs the columns ${describeColumns(schema)}`);
        }
    };

    const values: unknown[] = new Array(nSpecs);
    const onRecord = (fields: string[], lines: number[], cols: number[], line: number): void => {
        if (skipSepLine) {
            skipSepLine = false;
            return;
        }
        if (!header) {
            onHeader(fields, lines, cols);
            return;
        }
        if (!usable) return;
        const nf = fields.length;
        if (nf !== header.length) {
            let blank = true;
            for (let k = 0; k < nf; k++) if (fields[k].trim() !== '') { blank = false; break; }
            if (blank) return;
            if (nf > header.length) {
                const delim = info.delimiter === 44 ? 'comma' : info.delimiter === 59 ? 'semicolon' : 'tab';
                const decimals = info.delimiter === 44 ? 'write decimals with a point, 78.4, and ' : '';
                out.error(name, lines[header.length], cols[header.length],
                    `this row has ${nf} values but the header has ${header.length} columns (an unquoted ${delim} inside a value? ${decimals}put text that holds a ${delim} in double quotes)`);
                return;
            }
            if (requiredMax >= nf) {
                const lost = specs.filter((s, k) => s.requiredColumn && columns[k] >= nf).map(s => s.name);
                const last = nf - 1;
                out.error(name, lines[last], cols[last] + fields[last].length,
                    `this row has ${nf} values but the header has ${header.length} columns: ${lost.join(', ')} ${lost.length === 1 ? 'is' : 'are'} missing`);
                return;
            }
        }
        let ok = true;
        let blank = true;
        for (let s = 0; s < nSpecs; s++) {
            const k = columns[s];
            const raw = k >= 0 ? fields[k] : undefined;
            const v = fromText(specs[s], schema.noun, raw);
            values[s] = v;
            if (v instanceof Problem) ok = false;
            else if (v !== null) blank = false;
        }
        if (!ok) {
            if (blank && isBlank(fields)) return; // `,,,,` (spreadsheets leave such rows): skipped like an empty line
            for (let s = 0; s < nSpecs; s++) {
                const v = values[s];
                if (v instanceof Problem) {
                    const k = columns[s];
                    out.error(name, k >= 0 ? lines[k] : line, k >= 0 ? cols[k] : 1, v.message, specs[s].name);
                }
            }
            return;
        }
        out.add(schema.build(values), fileIndex, line, 1);
    };

    for await (const chunk of chunks) {
        if (!tokenizer) {
            if (chunk.length === 0) continue;
            const sniffed = sniffDelimiter(chunk);
            info.delimiter = sniffed.delimiter;
            skipSepLine = sniffed.sepLine;
            tokenizer = new CsvTokenizer(info.delimiter, onRecord, e => out.error(name, e.line, e.column, e.message));
        }
        tokenizer.feed(chunk);
        if (tokenizer.done) break;
    }
    tokenizer?.end();
}

function isBlank(fields: string[]): boolean {
    for (const f of fields) if (f.trim() !== '') return false;
    return true;
}

/** The delimiter named by a `sep=` line, or the one the first non-empty line holds most of. */
export function sniffDelimiter(text: string): { delimiter: number; sepLine: boolean } {
    let start = 0;
    while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const first = text.slice(start, end);
    const sep = /^sep=(.)\s*$/i.exec(first);
    if (sep) return { delimiter: sep[1].charCodeAt(0), sepLine: true };
    const counts = [0, 0, 0];
    let quoted = false;
    for (let i = 0; i < first.length; i++) {
        const c = first.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (!quoted) {
            const d = DELIMITERS.indexOf(c);
            if (d >= 0) counts[d]++;
        }
    }
    let best = 0;
    for (let d = 1; d < 3; d++) if (counts[d] > counts[best]) best = d;
    return { delimiter: DELIMITERS[best], sepLine: false };
}

export type { FileInfo };
