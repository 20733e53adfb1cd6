/**
 * JSON files (one array of objects) and NDJSON files (one object per line; blank lines
 * skipped). Keys are the lower-case column names; other keys are ignored, except one that
 * looks like a misspelt optional field (`Sample`, `smaple`), reported once per file.
 * value and sample may be numbers or numeric strings ("78.4"); text fields may be strings
 * or numbers (a number becomes text and the engine judges it).
 */
import type { Collector } from './collector.js';
import { fromJson, looksLike, Problem, type Schema } from './fields.js';
import { elementStarts, jsonSyntaxError, valueOffset } from './json-scan.js';
import { quote, SourceText } from './text.js';

type Position = (offset: number) => { line: number; column: number };

/** Per-file memory for the misspelt-key check. */
class KeyCheck {
    private readonly verdicts = new Map<string, string | null>();
    private readonly reported = new Set<string>();
    constructor(private readonly schema: Schema<unknown>) {}

    /** The field an unknown key seems meant for, the first time that key is seen in the file. */
    suspicious(key: string): string | undefined {
        let field = this.verdicts.get(key);
        if (field === undefined) {
            const known = this.schema.fields.some(f => f.name === key);
            field = known ? null : this.schema.fields.find(f => !f.requiredColumn && looksLike(key, f.name))?.name ?? null;
            this.verdicts.set(key, field);
        }
        if (field === null || this.reported.has(key)) return undefined;
        this.reported.add(key);
        return field;
    }
}

/** Converts one parsed object; `start` is the offset of its `{` in `text`, and `origin` that of `text` in the file. */
function convertObject<T>(
    out: Collector<T>, fileIndex: number, obj: Record<string, unknown>, text: string, start: number, pos: Position, keys: KeyCheck, origin: number,
): void {
    const schema = out.schema;
    const specs = schema.fields;
    const name = out.files[fileIndex].name;
    const values: unknown[] = new Array(specs.length);
    let ok = true;
    let optionalMissing = false;
    for (let s = 0; s < specs.length; s++) {
        const spec = specs[s];
        const raw = obj[spec.name];
        if (raw === undefined && spec.requiredColumn && !Object.prototype.hasOwnProperty.call(obj, spec.name)) {
            const other = Object.keys(obj).find(k => k.toLowerCase() === spec.name || looksLike(k, spec.name));
            values[s] = new Problem(`the ${schema.noun} has no "${spec.name}" field${other ? ` (it has ${quote(other)}; field names are lower case: "${spec.name}")` : ''}`);
            ok = false;
            continue;
        }
        if (raw === undefined && !spec.requiredColumn) optionalMissing = true;
        const v = fromJson(spec, schema.noun, raw);
        values[s] = v;
        if (v instanceof Problem) ok = false;
    }
    if (optionalMissing) {
        for (const key in obj) {
            const field = keys.suspicious(key);
            if (field && obj[field] === undefined) {
                const p = pos(valueOffset(text, start, key));
                out.error(name, p.line, p.column,
                    `unknown field ${quote(key)}: did you mean "${field}"? (rename it; other extra fields are ignored)`, field);
            }
        }
    }
    if (!ok) {
        for (let s = 0; s < specs.length; s++) {
            const v = values[s];
            if (!(v instanceof Problem)) continue;
            const off = valueOffset(text, start, specs[s].name);
            const p = pos(off >= 0 ? off : start);
            out.error(name, p.line, p.column, v.message, specs[s].name);
        }
        return;
    }
    out.add(values, fileIndex, origin + start);
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'string') return `the text ${quote(v)}`;
    return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

function firstNonSpace(text: string, from = 0): number {
    let i = from;
    while (i < text.length && /\s/.test(text[i])) i++;
    return i;
}

/** Reads a whole JSON text (without BOM): an array of objects. */
export function readJson<T>(out: Collector<T>, fileIndex: number, source: SourceText): void {
    const text = source.text;
    const name = out.files[fileIndex].name;
    const first = firstNonSpace(text);
    if (first >= text.length) return; // an empty file: no rows
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (e) {
        const found = jsonSyntaxError(text);
        const offset = found?.offset ?? Number(/at position (\d+)/.exec((e as Error).message)?.[1] ?? first);
        const p = source.positionOf(offset);
        out.error(name, p.line, p.column, `${found?.message ?? (e as Error).message}; the file cannot be read`);
        return;
    }
    if (!Array.isArray(data)) {
        const p = source.positionOf(first);
        const hint = isObject(data) ? ' (for one object per line, name the file .ndjson)' : '';
        out.error(name, p.line, p.column,
            `a JSON data file holds an array of objects, [ { "program": ... }, ... ], but this one holds ${isObject(data) ? 'an object' : describe(data)}${hint}`);
        return;
    }
    const starts = elementStarts(text, first);
    const pos: Position = off => source.positionOf(off);
    const keys = new KeyCheck(out.schema as Schema<unknown>);
    for (let k = 0; k < data.length; k++) {
        const item: unknown = data[k];
        const start = starts[k] ?? first;
        if (!isObject(item)) {
            const p = pos(start);
            out.error(name, p.line, p.column, `item ${k + 1} of the array is ${describe(item)}, not an object like { "program": ..., "metric": ... }`);
            continue;
        }
        convertObject(out, fileIndex, item, text, start, pos, keys, 0);
    }
}

/** Reads NDJSON text given in chunks (the first without its BOM). */
export async function readNdjson<T>(out: Collector<T>, fileIndex: number, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const name = out.files[fileIndex].name;
    const keys = new KeyCheck(out.schema as Schema<unknown>);
    let rest = '';
    /** The offset of `rest` in the file's text. */
    let restOffset = 0;
    let lineNo = 1;
    const onLine = (line: string, lineOffset: number): void => {
        const n = lineNo++;
        const start = firstNonSpace(line);
        if (start >= line.length) return;
        let item: unknown;
        try {
            item = JSON.parse(line);
        } catch (e) {
            const found = jsonSyntaxError(line);
            const offset = found?.offset ?? start;
            out.error(name, n, offset + 1, `${found?.message ?? (e as Error).message} (each line of an .ndjson file is one JSON object)`);
            return;
        }
        if (!isObject(item)) {
            out.error(name, n, start + 1, `this line holds ${describe(item)}, not a JSON object like { "program": ..., "metric": ... }`);
            return;
        }
        convertObject(out, fileIndex, item, line, start, off => ({ line: n, column: off + 1 }), keys, lineOffset);
    };
    for await (const chunk of chunks) {
        const text = rest.length ? rest + chunk : chunk;
        const n = text.length;
        let from = 0;
        let cr = text.indexOf('\r');
        for (;;) {
            if (cr >= 0 && cr < from) cr = text.indexOf('\r', from);
            const nl = text.indexOf('\n', from);
            const i = cr >= 0 && (nl < 0 || cr < nl) ? cr : nl;
            if (i < 0) break;
            if (i === cr && i + 1 >= n) break; // \r at the end: wait for a possible \n
            onLine(text.slice(from, i), restOffset + from);
            from = i + (i === cr && text.charCodeAt(i + 1) === 10 ? 2 : 1);
        }
        rest = text.slice(from);
        restOffset += from;
    }
    if (rest.length) onLine(rest, restOffset);
}
