/**
 * Where the fields of one CSV record start. papaparse gives each record's fields and where
 * the record ends (`meta.cursor`), but not where each field starts; this walk finds that,
 * and only runs for a record that is reported (an error, the header, an engine issue).
 *
 * Same rules as papaparse: a field that starts with `"` is quoted, `""` inside it is one
 * `"`, and after its closing quote only white space may come before the delimiter or the
 * line break. A `"` inside an unquoted field is an ordinary character.
 */

export interface RecordScan {
    /** The offset where each field starts (a quoted field: its opening quote). */
    starts: number[];
    /** Where the record's content ends: its line break (before a `\r` of `\r\n`), or the end of the text. */
    stop: number;
    /** A quoting fault: `stray`, a character after a closing quote; `unclosed`, an opening quote never closed. */
    fault?: { kind: 'stray' | 'unclosed'; at: number };
}

const QUOTE = 34;

/** Walks the record that starts at `from` in `text`. */
export function scanRecord(text: string, from: number, delimiter: string, newline: string): RecordScan {
    const n = text.length;
    const starts: number[] = [];
    const d0 = delimiter.charCodeAt(0);
    const n0 = newline.charCodeAt(0);
    const isDelimiter = (i: number): boolean => text.charCodeAt(i) === d0 && text.startsWith(delimiter, i);
    const isNewline = (i: number): boolean => text.charCodeAt(i) === n0 && text.startsWith(newline, i);
    const stopAt = (i: number): number => (i > from && newline === '\n' && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
    let i = from;
    for (;;) {
        starts.push(i);
        if (text.charCodeAt(i) === QUOTE) {
            let q = i + 1;
            for (;;) {
                q = text.indexOf('"', q);
                if (q < 0) return { starts, stop: n, fault: { kind: 'unclosed', at: i } };
                if (text.charCodeAt(q + 1) === QUOTE) {
                    q += 2;
                    continue;
                }
                break;
            }
            i = q + 1;
            while (i < n && !isDelimiter(i) && !isNewline(i) && /\s/.test(text[i])) i++;
            if (i < n && !isDelimiter(i) && !isNewline(i)) return { starts, stop: stopAt(i), fault: { kind: 'stray', at: i } };
        } else {
            while (i < n && !isDelimiter(i) && !isNewline(i)) i++;
        }
        if (i >= n) return { starts, stop: stopAt(n) };
        if (isNewline(i)) return { starts, stop: stopAt(i) };
        i += delimiter.length;
    }
}
