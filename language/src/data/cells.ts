/**
 * CSV text as rows of cells with the line and column of each (1-based), for files that are not
 * measurement or action tables but are written in a spreadsheet all the same (norm-test
 * fixtures). Records are walked by `scanRecord`, the data layer's walker that follows
 * papaparse's rules, so quoting means the same here as in `--data` files: RFC 4180 (`"a, b"`,
 * `"say ""hi"""`, line breaks inside quotes), values trimmed, a byte order mark ignored.
 */
import { scanRecord } from './csv-scan.js';
import { SourceText, stripBom } from './text.js';

export interface Cell {
    text: string;
    line: number;
    column: number;
}

export interface CellRow {
    line: number;
    cells: Cell[];
    /** The record as written (for comments and a preamble). */
    raw: string;
}

export interface CellError {
    line: number;
    column: number;
    message: string;
}

/** Every record of the text; a quoting fault is one error at its place, and reading resumes at the next line. */
export function readCells(input: string, delimiter: string): { rows: CellRow[]; errors: CellError[] } {
    const text = stripBom(input);
    const source = new SourceText(text);
    const rows: CellRow[] = [];
    const errors: CellError[] = [];
    let from = 0;
    while (from < text.length) {
        const scan = scanRecord(text, from, delimiter, '\n');
        if (scan.fault) {
            const at = source.positionOf(scan.fault.at);
            errors.push({ ...at, message: scan.fault.kind === 'unclosed' ? 'A quoted value is not closed: add the closing ".' : 'Unexpected text after a closing quote: quote the whole value.' });
            if (scan.fault.kind === 'unclosed') break;
            const next = text.indexOf('\n', scan.fault.at);
            if (next < 0) break;
            from = next + 1;
            continue;
        }
        const cells = scan.starts.map((start, k) => {
            const end = k + 1 < scan.starts.length ? scan.starts[k + 1] - delimiter.length : scan.stop;
            return { text: cellText(text.slice(start, end)), ...source.positionOf(start) };
        });
        rows.push({ line: source.positionOf(from).line, cells, raw: text.slice(from, scan.stop) });
        const newline = text.indexOf('\n', scan.stop);
        if (newline < 0) break;
        from = newline + 1;
    }
    return { rows, errors };
}

function cellText(raw: string): string {
    const t = raw.trim();
    return t.startsWith('"') ? t.slice(1, t.lastIndexOf('"') > 0 ? t.lastIndexOf('"') : undefined).replace(/""/g, '"') : t;
}

/** `,`, `;` or tab: whichever the line holds most of (`,` when none). */
export function sniffDelimiter(line: string): string {
    const counts = [',', ';', '\t'].map(d => ({ d, n: line.split(d).length - 1 }));
    counts.sort((a, b) => b.n - a.n);
    return counts[0].n > 0 ? counts[0].d : ',';
}

/** True when every cell is empty (a spreadsheet's `,,,,` line). */
export function isBlank(row: CellRow): boolean {
    return row.cells.every(c => c.text === '');
}
