/**
 * The common record of a measurements file, straight into the columns: a line with no quote
 * (papaparse itself only splits such text on delimiters, its "fast mode") and no `\r` but at
 * its end, as many fields as the header, every field it needs plain: text with a visible
 * ASCII character at both ends, a value of digits with at most one point between digits,
 * counts of digits or empty. Such a record is read without a string or an array per field
 * (the fields are positions in the chunk's text), which was most of what reading a million
 * rows cost.
 *
 * Any other record (a space to trim, a sign or an exponent, an empty or faulty field, too few
 * or too many fields) is not read here: `push` returns false and csv.ts reads its fields as
 * ever. So this only does faster what that path does: the same numbers (m / 10^k for at most
 * 15 digits is the double nearest the text, as `Number` gives), names, ids and offsets.
 */
import type { ColumnsBuilder } from '../engine/columns.js';
import type { FieldSpec } from './fields.js';

/** The measurement fields, in `MEASUREMENT_SCHEMA` order (what `ColumnsBuilder.push` takes): three names, a value, two counts. */
const LAYOUT = ['program', 'metric', 'period', 'value', 'sample', 'population'];
/** At most this many digits: below 2^53 as a whole number, so m and 10^k are exact doubles. */
const MAX_DIGITS = 15;
const POW10 = Array.from({ length: MAX_DIGITS + 1 }, (_, k) => 10 ** k);
/** Names remembered per name column, by a hash of their text: a file cycles through a few metrics and programs row after row. */
const SLOTS = 1024;

export class PlainRecords {
    /** Where each field of the record starts and ends (end exclusive). */
    private readonly starts: Int32Array;
    private readonly ends: Int32Array;
    /** Per name column, names seen and their ids, by slot (`slot`): most rows find their names here without making a string. */
    private readonly names: string[][] = [[], [], []];
    private readonly nameIds = [new Int32Array(SLOTS), new Int32Array(SLOTS), new Int32Array(SLOTS)];

    private constructor(
        private readonly to: ColumnsBuilder,
        /** For each measurement field, its column in the file, or -1. */
        private readonly columns: Int32Array,
        private readonly width: number,
        private readonly delimiter: number,
    ) {
        this.starts = new Int32Array(width + 1);
        this.ends = new Int32Array(width + 1);
        for (const names of this.names) names.length = SLOTS;
    }

    /** A reader for the measurement fields, or undefined for another schema or a delimiter longer than one character. */
    static of(to: ColumnsBuilder, specs: readonly FieldSpec[], columns: Int32Array, width: number, delimiter: string): PlainRecords | undefined {
        if (delimiter.length !== 1 || specs.length !== LAYOUT.length || specs.some((s, k) => s.name !== LAYOUT[k])) return undefined;
        if (columns[0] < 0 || columns[1] < 0 || columns[2] < 0 || columns[3] < 0) return undefined;
        return new PlainRecords(to, columns, width, delimiter.charCodeAt(0));
    }

    /** Reads the record `text[from, to)` (its line break left out) into the columns; false when it is not plain. */
    push(text: string, from: number, to: number): boolean {
        const width = this.width;
        const starts = this.starts;
        const ends = this.ends;
        const d = this.delimiter;
        // A `\r\n` line: the `\r` ends the last field, and is trimmed with it.
        const cr = to > from && text.charCodeAt(to - 1) === 13;
        const stop = cr ? to - 1 : to;
        let n = 0;
        starts[0] = from;
        for (let i = from; i < stop; i++) {
            const c = text.charCodeAt(i);
            if (c === d) {
                ends[n++] = i;
                if (n === width) return false;
                starts[n] = i + 1;
            } else if (c === 13 || c === 34) {
                return false;
            }
        }
        ends[n++] = stop;
        if (n !== width) return false;
        const columns = this.columns;
        // Trimming looks for a NUL or a byte-order mark in a field that has something to trim.
        if (cr && columns.indexOf(width - 1) >= 0 && holdsOdd(text, starts[width - 1], stop)) return false;
        const program = this.nameId(0, text, starts[columns[0]], ends[columns[0]]);
        const metric = this.nameId(1, text, starts[columns[1]], ends[columns[1]]);
        const period = this.nameId(2, text, starts[columns[2]], ends[columns[2]]);
        if (program < 0 || metric < 0 || period < 0) return false;
        const value = plainNumber(text, starts[columns[3]], ends[columns[3]], false);
        const k = columns[4];
        const sample = k < 0 ? NaN : plainNumber(text, starts[k], ends[k], true);
        const j = columns[5];
        const population = j < 0 ? NaN : plainNumber(text, starts[j], ends[j], true);
        if (value === undefined || sample === undefined || population === undefined) return false;
        this.to.pushIds(program, metric, period, value, sample, population);
        return true;
    }

    /** The id of the name `text[a, b)` in name column `t`, or -1 when it is not plain (empty, or a space or control character at an end). */
    private nameId(t: number, text: string, a: number, b: number): number {
        if (b <= a || !visible(text.charCodeAt(a)) || !visible(text.charCodeAt(b - 1))) return -1;
        let h = b - a;
        for (let i = a; i < b; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
        const slot = (h ^ (h >>> 10)) & (SLOTS - 1);
        const known = this.names[t][slot];
        if (known !== undefined && known.length === b - a && text.startsWith(known, a)) return this.nameIds[t][slot];
        const id = this.to.idOf(t, text.slice(a, b));
        this.names[t][slot] = this.to.nameOf(t, id) as string;
        this.nameIds[t][slot] = id;
        return id;
    }
}

function holdsOdd(text: string, a: number, b: number): boolean {
    for (let i = a; i < b; i++) {
        const c = text.charCodeAt(i);
        if (c === 0 || c === 0xfeff) return true;
    }
    return false;
}

function visible(c: number): boolean {
    return c > 32 && c < 127;
}

/**
 * `text[a, b)` as a number when plain: digits with at most one point between digits (a count:
 * digits only; empty: NaN, no count); undefined otherwise (csv.ts then reads it, and reports it).
 */
function plainNumber(text: string, a: number, b: number, count: boolean): number | undefined {
    const n = b - a;
    if (n === 0) return count ? NaN : undefined;
    if (n > MAX_DIGITS + 1) return undefined;
    let m = 0;
    let point = -1;
    for (let i = a; i < b; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
        } else if (c === 46 && !count && point < 0 && i > a && i < b - 1) {
            point = i;
        } else {
            return undefined;
        }
    }
    if (point < 0) return n > MAX_DIGITS ? undefined : m;
    return m / POW10[b - point - 1];
}
