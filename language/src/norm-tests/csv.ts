/**
 * A small CSV reader for norm-test fixtures, with the line and column of every cell (1-based),
 * so a mistake is reported where the analyst typed it. RFC 4180 quoting (`"a, b"`,
 * `"say ""hi"""`); the delimiter is `,`, `;` or tab, whichever the header line has most of;
 * a byte order mark is ignored; values are trimmed.
 */
export interface Cell {
    text: string;
    line: number;
    column: number;
}

export interface CsvLine {
    line: number;
    cells: Cell[];
    /** The physical line as written (for comments and the preamble). */
    raw: string;
}

export function sniffDelimiter(line: string): string {
    const counts = [',', ';', '\t'].map(d => ({ d, n: line.split(d).length - 1 }));
    counts.sort((a, b) => b.n - a.n);
    return counts[0].n > 0 ? counts[0].d : ',';
}

/** Splits text into rows of cells; quoted cells may span lines. */
export function readCsv(text: string, delimiter: string): { rows: CsvLine[]; error?: { line: number; column: number; message: string } } {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const rows: CsvLine[] = [];
    let i = 0;
    let line = 1;
    let lineStart = 0;
    while (i < text.length) {
        const rowLine = line;
        const rowStart = i;
        const cells: Cell[] = [];
        for (;;) {
            // One cell.
            const column = i - lineStart + 1;
            const cellLine = line;
            let value = '';
            while (i < text.length && (text[i] === ' ' || text[i] === '\t') && text[i] !== delimiter) i++;
            if (text[i] === '"') {
                i++;
                for (;;) {
                    if (i >= text.length) return { rows, error: { line: cellLine, column, message: 'A quoted value is not closed: add the closing ".' } };
                    const ch = text[i];
                    if (ch === '"') {
                        if (text[i + 1] === '"') { value += '"'; i += 2; continue; }
                        i++;
                        break;
                    }
                    if (ch === '\n') { line++; lineStart = i + 1; }
                    value += ch;
                    i++;
                }
                while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
                    if (text[i] !== ' ' && text[i] !== '\t') {
                        return { rows, error: { line, column: i - lineStart + 1, message: 'Unexpected text after a closing quote: quote the whole value.' } };
                    }
                    i++;
                }
            } else {
                while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
                value = value.trim();
            }
            cells.push({ text: value, line: cellLine, column });
            if (text[i] === delimiter) { i++; continue; }
            break;
        }
        const raw = text.slice(rowStart, i);
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        lineStart = i;
        rows.push({ line: rowLine, cells, raw });
    }
    return { rows };
}

/** True when every cell is empty (a spreadsheet's `,,,,` line). */
export function isBlank(row: CsvLine): boolean {
    return row.cells.every(c => c.text === '');
}
