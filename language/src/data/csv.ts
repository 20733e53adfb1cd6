/**
 * CSV files, read as a stream: a header naming the columns (any order, any case, surrounding
 * spaces ignored), then one row per line. The delimiter is `,`, `;` or tab, whichever the
 * header line holds most of (outside quotes); a first line `sep=;` (written by Excel) names it
 * explicitly. Records end at `\n` (so `\r\n` too: the `\r` is trimmed with the value), or at a
 * lone `\r` when the header line ends with one.
 *
 * Lines without a quote are split on the delimiter where they lie in the chunk's text (what
 * papaparse does with quote-free text), and a measurement row of plain fields goes straight
 * into the columns (`csv-plain.ts`); from the first quote on, papaparse parses the rest.
 *
 * Positions: each row is kept with the offset where it starts (the end of the previous
 * record). Errors found while reading get their line and column at the end of the
 * file, from their offsets and one index of the file's lines. A field's offset is found by
 * walking its record again (`csv-scan.ts`), only for a record that is reported.
 *
 * Quoting faults: papaparse reads on past a bad quote, to a later quote that looks like a
 * closing one. Here a character after a closing quote is one error at that character, and
 * reading resumes at the next line; a quote never closed is one error at the opening quote
 * (the rest of the file is part of that value).
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { sourceOf, type Collector, type FileInfo } from './collector.js';
import { PlainRecords } from './csv-plain.js';
import { scanRecord, type RecordScan } from './csv-scan.js';
import type { DataError } from './errors.js';
import { describeColumns, fromText, looksLike, Problem } from './fields.js';
import { quote } from './text.js';

const DELIMITERS = [44, 59, 9]; // , ; tab
/** A record still open after this much text is taken for a missing closing quote: the rest of the file is not read. */
const MAX_PENDING = 1 << 24;
/** The first line (which gives the delimiter and the line break) is looked for in this much text at most. */
const HEAD_MAX = 1 << 16;
/** At most this many distinct text values are shared (see `interned`); values beyond them are kept as read. */
const INTERN_MAX = 1 << 16;

interface Located {
    error: DataError;
    offset: number;
}

/** Reads CSV text given in chunks (the first chunk without its BOM) into the collector. */
export async function readCsv<T>(out: Collector<T>, fileIndex: number, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const iterator = Symbol.asyncIterator in chunks
        ? (chunks as AsyncIterable<string>)[Symbol.asyncIterator]()
        : (chunks as Iterable<string>)[Symbol.iterator]();
    const located: Located[] = [];
    try {
        await parse(out, fileIndex, iterator, located);
    } finally {
        await iterator.return?.();
        if (located.length) place(out.files[fileIndex], located);
    }
}

async function parse<T>(out: Collector<T>, fileIndex: number, iterator: AsyncIterator<string> | Iterator<string>, located: Located[]): Promise<void> {
    const info = out.files[fileIndex];
    const schema = out.schema;
    const specs = schema.fields;
    const nSpecs = specs.length;
    const name = info.name;
    const columns = info.columns;

    // The delimiter and the line break come from the first line: read until it is whole.
    let head = '';
    let ended = false;
    let sniffed = sniffCsv(head, false);
    while (!sniffed) {
        const r = await iterator.next();
        if (r.done) ended = true;
        else head += r.value;
        sniffed = sniffCsv(head, ended || head.length >= HEAD_MAX);
    }
    if (head.length === 0) return;
    info.delimiter = sniffed.delimiter;
    info.newline = sniffed.newline;
    const delimiter = String.fromCharCode(sniffed.delimiter);
    const newline = sniffed.newline;

    let skipSepLine = sniffed.sepLine;
    let header: string[] | undefined;
    let usable = true;
    let requiredMax = -1;
    /** The file's text from `textStart` on; it always holds the record being parsed. */
    let text = '';
    let textStart = 0;
    /** Where the next record starts: the end (papaparse's cursor) of the last one. */
    let cursor = 0;
    /** After a quote that is never closed nothing more is read. */
    let stopped = false;
    /** Where the record starts that grew beyond MAX_PENDING; reading stopped in it. */
    let truncatedAt = -1;

    const fail = (offset: number, message: string, field?: string): void => {
        located.push({ error: out.error(name, 0, 0, message, field), offset });
    };
    /** The record starting at `start`, walked again: where its fields start, as file offsets. */
    const scan = (start: number): RecordScan => {
        const r = scanRecord(text, start - textStart, delimiter, newline);
        return {
            starts: r.starts.map(s => s + textStart),
            stop: r.stop + textStart,
            fault: r.fault && { kind: r.fault.kind, at: r.fault.at + textStart },
        };
    };
    const stray = (at: number): string =>
        `unexpected ${JSON.stringify(text[at - textStart])} after the closing quote of a quoted value (write a " inside quotes as "")`;

    const onHeader = (fields: string[], start: number): void => {
        const at = scan(start).starts;
        header = fields.map(f => f.trim().toLowerCase());
        const seen = new Map<string, number>();
        header.forEach((h, k) => {
            const first = seen.get(h);
            if (first !== undefined && specs.some(s => s.name === h)) {
                fail(at[k], `the column ${quote(fields[k].trim())} appears twice in the header (columns ${first + 1} and ${k + 1})`);
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
                if (near >= 0) hints.push(`rename ${quote(fields[near].trim())} to '${spec.name}'`);
            } else if (near >= 0) {
                fail(at[near], `unknown column ${quote(fields[near].trim())}: did you mean '${spec.name}'? (rename it; other extra columns are ignored)`);
            }
        });
        if (missing.length) {
            usable = false;
            const what = missing.length === 1 ? `no ${missing[0]} column` : `no columns ${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
            const found = header.length === 1
                ? `; it holds the single column ${quote(fields[0].trim(), 60)}: separate columns with commas, semicolons or tabs`
                : `; it has ${fields.map(f => f.trim()).join(', ')}`;
            const hint = hints.length ? ` (${hints.join(', ')}?)` : '';
            fail(at[0],
                `the header has ${what}${hint}${found.length > 200 ? found.slice(0, 199) + '…' : found}. A ${schema.noun}s file needs the columns ${describeColumns(schema)}`);
        }
    };

    const values: unknown[] = new Array(nSpecs);
    /**
     * Text values seen so far, each kept once: a data file repeats the same programs, metrics
     * and periods, and rows that share one string each keep less for the garbage collector.
     */
    const interned = new Map<string, string>();
    // Rows read into columns are interned by the columns themselves.
    const textField = specs.map(spec => !out.columns && (spec.type === 'text' || spec.type === 'optionalText'));
    const onRecord = (fields: string[], start: number): void => {
        const nf = fields.length;
        if (nf === 1 && (fields[0] === '' || fields[0] === '\r')) return; // an empty line
        if (skipSepLine) {
            skipSepLine = false;
            return;
        }
        if (!header) {
            onHeader(fields, start);
            return;
        }
        if (!usable) return;
        if (nf !== header.length) {
            if (isBlank(fields)) return;
            if (nf > header.length) {
                const delim = info.delimiter === 44 ? 'comma' : info.delimiter === 59 ? 'semicolon' : 'tab';
                const decimals = info.delimiter === 44 ? 'write decimals with a point, 78.4, and ' : '';
                fail(scan(start).starts[header.length],
                    `this row has ${nf} values but the header has ${header.length} columns (an unquoted ${delim} inside a value? ${decimals}put text that holds a ${delim} in double quotes)`);
                return;
            }
            if (requiredMax >= nf) {
                const lost = specs.filter((s, k) => s.requiredColumn && columns[k] >= nf).map(s => s.name);
                fail(scan(start).stop,
                    `this row has ${nf} values but the header has ${header.length} columns: ${lost.join(', ')} ${lost.length === 1 ? 'is' : 'are'} missing`);
                return;
            }
        }
        let ok = true;
        let blank = true;
        for (let s = 0; s < nSpecs; s++) {
            const k = columns[s];
            const raw = k >= 0 ? fields[k] : undefined;
            let v = fromText(specs[s], schema.noun, raw);
            if (v instanceof Problem) ok = false;
            else if (v !== null) {
                blank = false;
                if (textField[s]) {
                    const known = interned.get(v as string);
                    if (known !== undefined) v = known;
                    else if (interned.size < INTERN_MAX) interned.set(v as string, v as string);
                }
            }
            values[s] = v;
        }
        if (!ok) {
            if (blank && isBlank(fields)) return; // `,,,,` (spreadsheets leave such rows): skipped like an empty line
            const at = scan(start).starts;
            for (let s = 0; s < nSpecs; s++) {
                const v = values[s];
                if (v instanceof Problem) {
                    const k = columns[s];
                    fail(k >= 0 && k < at.length ? at[k] : start, v.message, specs[s].name);
                }
            }
            return;
        }
        out.add(values, fileIndex, start);
    };

    /** A record papaparse read with a quoting error: report the first fault, then read on from the line after it. */
    const onQuoteError = (start: number, end: number, errors: Papa.ParseError[]): void => {
        const fault = scan(start).fault;
        if (!fault) {
            fail(start, `the quotes of this row cannot be read (${errors[0].message.toLowerCase()}; write a " inside quotes as "")`);
            return;
        }
        if (fault.kind === 'unclosed') {
            fail(fault.at, 'a quoted value opened here is never closed (a closing " is missing)');
            stopped = true;
            return;
        }
        fail(fault.at, stray(fault.at));
        const nl = text.indexOf(newline, fault.at - textStart);
        if (nl < 0) return;
        const from = nl + newline.length;
        const to = end - textStart;
        if (from >= to) return;
        // papaparse took the lines up to `end` into this one record; they are records of their own.
        const base = textStart + from;
        let at = base;
        Papa.parse<string[]>(text.slice(from, to), {
            delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false,
            step: r => {
                const s = at;
                at = base + r.meta.cursor;
                onParsed(r.data, s, at, r.errors);
            },
        });
    };

    /** The record reading stopped in: it is not whole, so it is not read; one error says why. */
    const onTruncated = (start: number): void => {
        stopped = true;
        const fault = scan(start).fault;
        const rest = 'the rest of the file is not read';
        if (fault?.kind === 'unclosed') {
            fail(fault.at, `a quoted value opened here is not closed within ${MAX_PENDING >> 20} MB of text (a closing " is missing); ${rest}`);
        } else if (fault?.kind === 'stray') {
            fail(fault.at, `${stray(fault.at)}; ${rest}`);
        } else {
            fail(start, `this row is longer than ${MAX_PENDING >> 20} MB of text; ${rest}`);
        }
    };

    const onParsed = (fields: string[], start: number, end: number, errors: Papa.ParseError[]): void => {
        if (stopped) return;
        if (start === truncatedAt) onTruncated(start);
        else if (errors.length) onQuoteError(start, end, errors);
        else onRecord(fields, start);
    };

    let plain: PlainRecords | null | undefined;
    const noErrors: Papa.ParseError[] = [];
    /**
     * Reads the whole lines of `text` from `cursor` on (and, when `final`, a last line without a
     * line break) while they hold no quote; papaparse would only split them on delimiters (its
     * fast mode). Returns where the unread text starts in `text`; `handOver` is set at a quote
     * (a quoted value may hold line breaks): papaparse reads on from `cursor`.
     */
    const readLines = (final: boolean): number => {
        const n = text.length;
        let i = cursor - textStart;
        while (i < n) {
            let end = text.indexOf(newline, i);
            if (end < 0) {
                if (!final) break;
                end = n;
            }
            const start = textStart + i;
            if (plain === undefined && header) plain = (usable && out.columns && PlainRecords.of(out.columns, specs, columns, header.length, delimiter)) || null;
            // A plain record holds no quote; any other line is looked at for one, itself only: a
            // search of the whole chunk before the loop was, in some runs, redone for every line.
            if (plain && plain.push(text, i, end)) {
                out.added(fileIndex, start);
            } else {
                const line = text.slice(i, end);
                if (line.includes('"')) {
                    handOver = true;
                    break;
                }
                onParsed(line.split(delimiter), start, textStart + end, noErrors);
            }
            i = Math.min(end + newline.length, n);
            cursor = textStart + i;
        }
        return i;
    };
    let handOver = false;

    // Each chunk is read where it lies, one flat string (text joined with `+` is a rope, which
    // reading it character by character may walk again and again); only the line a chunk leaves
    // unfinished is joined with the start of the next chunk, as a string of its own.
    let chunk = head;
    /** The file offset where `chunk` starts. */
    let chunkStart = 0;
    /** The unfinished line before `chunk`; it starts at `cursor`. */
    let carry = '';
    reading: for (;;) {
        /** Where the lines of `chunk` not read yet start. */
        let from = 0;
        if (carry.length) {
            const nl = chunk.indexOf(newline);
            if (nl < 0 && !ended) {
                carry += chunk;
                // A line this long is papaparse's to refuse (its text is kept, the rest of the file is not read).
                if (carry.length > MAX_PENDING) {
                    text = carry;
                    textStart = cursor;
                    break reading;
                }
            } else {
                from = nl < 0 ? chunk.length : nl + newline.length;
                text = carry + chunk.slice(0, from);
                textStart = cursor;
                carry = '';
                readLines(true);
                if (handOver) {
                    text = text.slice(cursor - textStart) + chunk.slice(from);
                    textStart = cursor;
                    break reading;
                }
            }
        }
        if (!carry.length && from < chunk.length) {
            text = chunk;
            textStart = chunkStart;
            const unread = readLines(ended);
            if (handOver) {
                text = chunk.slice(unread);
                textStart = cursor;
                break reading;
            }
            carry = chunk.slice(unread);
        }
        chunkStart += chunk.length;
        if (ended) return;
        const r = await iterator.next();
        ended = r.done === true;
        chunk = r.done ? '' : r.value;
    }

    /** Papaparse's text, from the first record it reads (already in `text`) on, chunk by chunk, keeping `text` from the current record on. */
    async function* feed(first: string): AsyncGenerator<string> {
        let chunk = first;
        let last = '';
        let held = true;
        for (;;) {
            if (chunk.length) {
                if (!held) {
                    if (cursor > textStart) {
                        text = text.slice(cursor - textStart);
                        textStart = cursor;
                    }
                    if (text.length > MAX_PENDING) {
                        truncatedAt = cursor;
                        break;
                    }
                    text += chunk;
                }
                held = false;
                last = chunk;
                yield chunk;
            }
            if (ended || stopped) break;
            const r = await iterator.next();
            if (r.done) break;
            chunk = r.value;
        }
        // Every record ends with a line break, the last one too.
        if (!last.endsWith(newline)) {
            text += newline;
            yield newline;
        }
    }

    const base = cursor;
    await new Promise<void>((resolve, reject) => {
        Papa.parse<string[], Readable>(Readable.from(feed(text)), {
            delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false,
            step: r => {
                const start = cursor;
                cursor = base + r.meta.cursor;
                onParsed(r.data, start, cursor, r.errors);
            },
            complete: () => resolve(),
            error: (e: Error) => reject(e),
        });
    });
}

/** Gives the errors found while reading their line and column, from their offsets and the file's text. */
function place(info: FileInfo, located: Located[]): void {
    const source = sourceOf(info);
    if (source) {
        for (const { error, offset } of located) {
            const p = source.positionOf(offset);
            error.line = p.line;
            error.column = p.column;
        }
    }
    // A file's text is not kept: `locate` reads it again if it needs to.
    if (info.path !== undefined) info.text = undefined;
}

function isBlank(fields: string[]): boolean {
    for (const f of fields) if (f.trim() !== '') return false;
    return true;
}

/**
 * The delimiter named by a `sep=` line, or the one the first non-empty line holds most of;
 * and the line break: `\r` when that line ends with a lone `\r`, else `\n`. Undefined while
 * the first line is not whole and more text may come (`final` false).
 */
export function sniffCsv(text: string, final: boolean): { delimiter: number; sepLine: boolean; newline: '\n' | '\r' } | undefined {
    let start = 0;
    while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    // No line break yet, or a \r that may come before a \n: wait for more.
    if (!final && (end >= text.length || (text[end] === '\r' && end + 1 >= text.length))) return undefined;
    const newline = text[end] === '\r' && text[end + 1] !== '\n' ? '\r' : '\n';
    const first = text.slice(start, end);
    const sep = /^sep=(.)\s*$/i.exec(first);
    if (sep) return { delimiter: sep[1].charCodeAt(0), sepLine: true, newline };
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
    return { delimiter: DELIMITERS[best], sepLine: false, newline };
}

export type { FileInfo };
