/**
 * A streaming RFC 4180 tokenizer that knows where every field starts (line and column).
 *
 * Why not csv-parse: on 1,000,000 rows it took 3.5 s (5.3 s with `info` for line numbers),
 * it gives no field columns, and after a bad quote it swallows the rows that follow.
 * This tokenizer reads the same rows in a fraction of that, reports each field's position,
 * and resumes at the next line after a quoting error.
 *
 * Rules: fields separated by the delimiter; records end at `\n`, `\r\n` or a lone `\r`.
 * A field that starts with `"` is quoted: it may hold delimiters and line breaks, and `""`
 * stands for one `"`; after the closing quote only spaces or tabs may come before the next
 * delimiter or line end. A `"` inside an unquoted field is kept as it is (as spreadsheets do).
 * Empty lines are skipped.
 */

export interface CsvSyntaxError {
    line: number;
    column: number;
    message: string;
    /** The rest of the text could not be read (an unclosed quote). */
    fatal: boolean;
}

/**
 * Receives each record. `lines[i]`/`columns[i]` give where field i starts (1-based); the
 * arrays are reused between calls, so read them before returning. `line` is where the record starts.
 */
export type RecordSink = (fields: string[], lines: number[], columns: number[], line: number) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
/** A quoted field longer than this is taken for a missing closing quote. */
const MAX_PENDING = 1 << 24;

export class CsvTokenizer {
    private buf = '';
    /** Line number at `buf[0]`'s record start, and where that line starts in `buf` (may be negative). */
    private line = 1;
    private lineStart = 0;
    private readonly lines: number[] = [];
    private readonly columns: number[] = [];
    private stopped = false;

    constructor(
        private readonly delimiter: number,
        private readonly onRecord: RecordSink,
        private readonly onError: (e: CsvSyntaxError) => void,
    ) {}

    /** True after a fatal error: the rest of the input is ignored. */
    get done(): boolean {
        return this.stopped;
    }

    feed(chunk: string): void {
        if (this.stopped) return;
        this.buf = this.buf.length ? this.buf + chunk : chunk;
        this.run(false);
    }

    end(): void {
        if (this.stopped) return;
        this.run(true);
        this.buf = '';
    }

    /**
     * Tokenizes the one record that starts at `offset` of a whole text (used to find field
     * columns again when an error is reported later). Returns its fields' positions.
     */
    static recordAt(text: string, offset: number, line: number, lineStart: number, delimiter: number): { lines: number[]; columns: number[]; fields: string[] } | undefined {
        let found: { lines: number[]; columns: number[]; fields: string[] } | undefined;
        const t = new CsvTokenizer(delimiter, (fields, ls, cs) => {
            if (!found) found = { fields, lines: ls.slice(0, fields.length), columns: cs.slice(0, fields.length) };
        }, () => undefined);
        t.line = line;
        t.lineStart = lineStart - offset;
        t.buf = text.slice(offset);
        t.run(true, 1);
        return found;
    }

    private run(final: boolean, maxRecords = Infinity): void {
        const buf = this.buf;
        const n = buf.length;
        const delim = this.delimiter;
        const lines = this.lines;
        const columns = this.columns;
        let line = this.line;
        let lineStart = this.lineStart;
        let i = 0;
        let records = 0;

        outer:
        while (i < n && records < maxRecords) {
            const recStart = i;
            const recLine = line;
            const recLineStart = lineStart;
            const fields: string[] = [];
            for (;;) {
                const fieldLine = line;
                const fieldCol = i - lineStart + 1;
                let value: string;
                if (i < n && buf.charCodeAt(i) === QUOTE) {
                    let j = i + 1;
                    let q: number;
                    let doubled = false;
                    for (;;) {
                        q = buf.indexOf('"', j);
                        if (q < 0 || (q + 1 === n && !final)) {
                            if (!final) {
                                if (n - recStart > MAX_PENDING) {
                                    this.fatal(fieldLine, fieldCol, `a quoted value opened here is not closed within ${MAX_PENDING >> 20} MB of text (a closing " is missing)`);
                                    return;
                                }
                                i = recStart; line = recLine; lineStart = recLineStart;
                                break outer;
                            }
                            this.fatal(fieldLine, fieldCol, 'a quoted value opened here is never closed (a closing " is missing)');
                            return;
                        }
                        if (q + 1 < n && buf.charCodeAt(q + 1) === QUOTE) {
                            doubled = true;
                            j = q + 2;
                            continue;
                        }
                        break;
                    }
                    value = buf.slice(i + 1, q);
                    if (doubled) value = value.replace(/""/g, '"');
                    const moved = advanceLines(buf, i + 1, q, line, lineStart);
                    line = moved.line;
                    lineStart = moved.lineStart;
                    i = q + 1;
                    while (i < n && (buf.charCodeAt(i) === SPACE || buf.charCodeAt(i) === TAB) && buf.charCodeAt(i) !== delim) i++;
                    if (i >= n && !final) {
                        i = recStart; line = recLine; lineStart = recLineStart;
                        break outer;
                    }
                    if (i < n) {
                        const c = buf.charCodeAt(i);
                        if (c !== delim && c !== LF && c !== CR) {
                            let end = i;
                            while (end < n && buf.charCodeAt(end) !== LF && buf.charCodeAt(end) !== CR) end++;
                            if ((end >= n || (end + 1 >= n && buf.charCodeAt(end) === CR)) && !final) {
                                // Report it once the whole line (and its line break) is here.
                                i = recStart; line = recLine; lineStart = recLineStart;
                                break outer;
                            }
                            this.onError({
                                line, column: i - lineStart + 1, fatal: false,
                                message: `unexpected ${JSON.stringify(buf[i])} after the closing quote of a quoted value (write a " inside quotes as "")`,
                            });
                            // Drop the record and resume at the next line.
                            i = end;
                            if (i < n) {
                                i += buf.charCodeAt(i) === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
                                line++;
                                lineStart = i;
                            }
                            records++;
                            continue outer;
                        }
                    }
                } else {
                    let j = i;
                    while (j < n) {
                        const c = buf.charCodeAt(j);
                        if (c === delim || c === LF || c === CR) break;
                        j++;
                    }
                    if (j >= n && !final) {
                        i = recStart; line = recLine; lineStart = recLineStart;
                        break outer;
                    }
                    value = buf.slice(i, j);
                    i = j;
                }
                const k = fields.length;
                fields.push(value);
                lines[k] = fieldLine;
                columns[k] = fieldCol;
                if (i >= n) break;
                const c = buf.charCodeAt(i);
                if (c === delim) {
                    i++;
                    continue;
                }
                if (c === CR) {
                    if (i + 1 < n) i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
                    else if (final) i += 1;
                    else {
                        i = recStart; line = recLine; lineStart = recLineStart;
                        break outer;
                    }
                } else {
                    i++;
                }
                line++;
                lineStart = i;
                break;
            }
            records++;
            if (fields.length === 1 && fields[0] === '' && buf.charCodeAt(recStart) !== QUOTE) continue; // an empty line
            this.onRecord(fields, lines, columns, recLine);
        }
        this.buf = i >= n ? '' : buf.slice(i);
        this.line = line;
        this.lineStart = lineStart - i;
    }

    private fatal(line: number, column: number, message: string): void {
        this.onError({ line, column, message, fatal: true });
        this.stopped = true;
        this.buf = '';
    }
}

function advanceLines(text: string, from: number, to: number, line: number, lineStart: number): { line: number; lineStart: number } {
    const nl = text.indexOf('\n', from);
    const cr = text.indexOf('\r', from);
    if ((nl < 0 || nl >= to) && (cr < 0 || cr >= to)) return { line, lineStart };
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, lineStart };
}

