/**
 * The columns of each kind of data file and how a raw value (a CSV field, or a JSON value)
 * becomes a typed one. Only syntax is checked here; meaning (unknown names, period grain,
 * percent range, duplicates) is the engine's `checkMeasurements` / `checkActions`.
 */
import type { Action, Measurement } from '../engine/types.js';
import type { ColumnsBuilder } from '../engine/columns.js';
import type { Assessment } from '../audit/types.js';
import { quote } from './text.js';

/**
 * `text`: required, must not be empty. `optionalText`: empty means null.
 * `number`: required finite decimal. `count`: optional whole number >= 0, empty means null.
 */
export type FieldType = 'text' | 'optionalText' | 'number' | 'count';

export interface FieldSpec {
    name: string;
    type: FieldType;
    /** A CSV header must have this column; a JSON object must have this key. */
    requiredColumn: boolean;
}

export interface Schema<T> {
    kind: 'measurement' | 'action' | 'assessment';
    /** What one row is, for messages: "measurement", "action". */
    noun: string;
    fields: FieldSpec[];
    /** Builds the row from converted values, in `fields` order. */
    build(values: unknown[]): T;
    /** When set, rows are read into columns instead (measurements): appends the converted values. */
    columns?: (to: ColumnsBuilder, values: unknown[]) => void;
}

/** A field that could not be converted. */
export class Problem {
    constructor(readonly message: string) {}
}

export const MEASUREMENT_SCHEMA: Schema<Measurement> = {
    kind: 'measurement',
    noun: 'measurement',
    fields: [
        { name: 'program', type: 'text', requiredColumn: true },
        { name: 'metric', type: 'text', requiredColumn: true },
        { name: 'period', type: 'text', requiredColumn: true },
        { name: 'value', type: 'number', requiredColumn: true },
        { name: 'sample', type: 'count', requiredColumn: false },
        // The calls a QA sample was drawn from, for `sample valid at ...` (finite population correction).
        { name: 'population', type: 'count', requiredColumn: false },
    ],
    build: v => {
        const row: Measurement = { program: v[0] as string, metric: v[1] as string, period: v[2] as string, value: v[3] as number, sample: v[4] as number | null };
        if (v[5] !== null && v[5] !== undefined) row.population = v[5] as number;
        return row;
    },
    columns: (to, v) => to.push(v[0], v[1], v[2], v[3] as number, (v[4] ?? NaN) as number, (v[5] ?? NaN) as number),
};

export const ACTION_SCHEMA: Schema<Action> = {
    kind: 'action',
    noun: 'action',
    fields: [
        { name: 'program', type: 'text', requiredColumn: true },
        { name: 'metric', type: 'text', requiredColumn: true },
        { name: 'opened', type: 'text', requiredColumn: true },
        // An empty owner is read (SPEC §3a): the row answers nothing, and `check` warns about it.
        { name: 'owner', type: 'optionalText', requiredColumn: true },
        { name: 'due', type: 'optionalText', requiredColumn: false },
        { name: 'closed', type: 'optionalText', requiredColumn: false },
        { name: 'result', type: 'optionalText', requiredColumn: false },
    ],
    build: v => ({
        program: v[0] as string, metric: v[1] as string, opened: v[2] as string, owner: (v[3] ?? '') as string,
        due: v[4] as string | null, closed: v[5] as string | null, result: v[6] as string | null,
    }),
};

export const ASSESSMENT_SCHEMA: Schema<Assessment> = {
    kind: 'assessment',
    noun: 'assessment',
    fields: [
        { name: 'requirement', type: 'text', requiredColumn: true },
        { name: 'program', type: 'text', requiredColumn: true },
        { name: 'status', type: 'text', requiredColumn: true },
        { name: 'evidence', type: 'optionalText', requiredColumn: false },
        { name: 'assessor', type: 'optionalText', requiredColumn: false },
        { name: 'assessed', type: 'text', requiredColumn: true },
    ],
    build: v => ({
        requirement: v[0] as string, program: v[1] as string, status: v[2] as string,
        evidence: v[3] as string | null, assessor: v[4] as string | null, assessed: v[5] as string,
    }),
};

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const WHOLE = /^\d+$/;
const NUMBER_HINT = '(write 78.4; percents as 0..100 without %)';
const COUNT_HINT = '(write the number of contacts behind the value, like 212, or leave it empty)';

/** Converts a CSV field (untrimmed; `undefined` when the row is too short). */
export function fromText(spec: FieldSpec, noun: string, raw: string | undefined): unknown {
    const s = raw === undefined ? '' : trimmed(raw);
    if (typeof s !== 'string') return new Problem(`${spec.name} ${s.odd}`);
    switch (spec.type) {
        case 'text':
            return s === '' ? empty(spec, noun) : s;
        case 'optionalText':
            return s === '' ? null : s;
        case 'number':
            if (s === '') return empty(spec, noun);
            if (plainDecimal(s)) return Number(s);
            if (DECIMAL.test(s)) {
                const n = Number(s);
                if (Number.isFinite(n)) return n;
            }
            return new Problem(`${spec.name} ${quote(s)} is not a number ${NUMBER_HINT}`);
        case 'count':
            if (s === '') return null;
            if (s.length <= 15 && allDigits(s)) return Number(s);
            if (WHOLE.test(s)) {
                const n = Number(s);
                if (Number.isSafeInteger(n)) return n;
            }
            return new Problem(`${spec.name} ${quote(s)} is not a whole number ${COUNT_HINT}`);
    }
}

/**
 * Converts a JSON value. Numbers are taken as they are; a string is read like a CSV field
 * (so `"78.4"` is a number and `"78,4"` is not); null or a missing key is an empty field.
 * A number where text is expected becomes text (`2026` -> "2026"; the engine judges it).
 */
export function fromJson(spec: FieldSpec, noun: string, raw: unknown): unknown {
    if (raw === undefined || raw === null) return fromText(spec, noun, '');
    if (typeof raw === 'string') return fromText(spec, noun, raw);
    if (typeof raw === 'number') {
        switch (spec.type) {
            case 'text':
            case 'optionalText':
                return String(raw);
            case 'number':
                return Number.isFinite(raw) ? raw : new Problem(`${spec.name} ${raw} is not a finite number ${NUMBER_HINT}`);
            case 'count':
                return Number.isSafeInteger(raw) && raw >= 0 ? raw : new Problem(`${spec.name} ${raw} is not a whole number ${COUNT_HINT}`);
        }
    }
    const shown = quote(JSON.stringify(raw) ?? String(raw)).slice(1, -1);
    if (spec.type === 'number') return new Problem(`${spec.name} ${shown} is not a number ${NUMBER_HINT}`);
    if (spec.type === 'count') return new Problem(`${spec.name} ${shown} is not a whole number ${COUNT_HINT}`);
    return new Problem(`${spec.name} must be text, not ${shown}`);
}

/**
 * `raw.trim()`, without the call when it cannot change anything: the common case, a value
 * that starts and ends with a visible ASCII character.
 */
function trimmed(raw: string): string | { odd: string } {
    const n = raw.length;
    if (n === 0) return raw;
    const a = raw.charCodeAt(0);
    const b = raw.charCodeAt(n - 1);
    if (a > 32 && a < 127 && b > 32 && b < 127) return raw;
    // trim() would silently drop a byte-order mark: one in the middle of a file means files were joined.
    const odd = /[\u0000\uFEFF]/.exec(raw);
    if (odd) {
        return {
            odd: odd[0] === '\u0000'
                ? 'holds a NUL byte: the file looks binary or damaged; export it again as text'
                : 'holds a byte-order mark (U+FEFF) in the middle of the file: were two files joined together? Remove it',
        };
    }
    return raw.trim();
}

/** Whether `s` is digits with at most one point between digits (`78.4`, `212`): a number DECIMAL accepts, always finite at this length. */
function plainDecimal(s: string): boolean {
    const n = s.length;
    if (n > 15) return false;
    let point = -1;
    for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === 46) {
            if (point >= 0 || i === 0 || i === n - 1) return false;
            point = i;
        } else if (c < 48 || c > 57) return false;
    }
    return true;
}

function allDigits(s: string): boolean {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) return false;
    }
    return true;
}

function empty(spec: FieldSpec, noun: string): Problem {
    if (spec.type === 'number') return new Problem(`${spec.name} is empty ${NUMBER_HINT}`);
    return new Problem(`${spec.name} is empty (every ${noun} needs one)`);
}

/** The columns an analyst must provide, in words: "program, metric, period and value (sample optional)". */
export function describeColumns(schema: Schema<unknown>): string {
    const req = schema.fields.filter(f => f.requiredColumn).map(f => f.name);
    const opt = schema.fields.filter(f => !f.requiredColumn).map(f => f.name);
    const list = req.length > 1 ? `${req.slice(0, -1).join(', ')} and ${req[req.length - 1]}` : req.join('');
    return opt.length ? `${list} (optional: ${opt.join(', ')})` : list;
}

/** Names compared loosely: lower case, without spaces, `_` and `-`. */
function loose(name: string): string {
    return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Whether an unknown column/key looks like a misspelling of a known field: `smaple`,
 * `Samples`, `sample_size`, `closed_on`. Extra columns are otherwise ignored, so a typo in
 * an optional column would silently drop its values; these are reported instead.
 */
export function looksLike(unknown: string, field: string): boolean {
    const a = loose(unknown);
    if (a === field) return true;
    if (a.startsWith(field) && a.length <= field.length + 6) return true;
    return damerau(a, field) <= (field.length >= 5 ? 2 : 1);
}

function damerau(a: string, b: string): number {
    const d: number[][] = [];
    for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 0; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
