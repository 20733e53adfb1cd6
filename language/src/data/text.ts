/**
 * Positions in text. A line ends at `\n`, `\r\n` or a lone `\r` (as editors count them);
 * lines and columns are 1-based and columns count UTF-16 code units, like VS Code.
 * A UTF-8 byte order mark is not part of the text (it is stripped before anything else).
 */

export const BOM = '\uFEFF';

export function stripBom(text: string): string {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The encoding of a file from its first bytes: UTF-16 when it starts with a UTF-16 byte order
 * mark (Excel's "Unicode Text" export, tab-separated), else UTF-8.
 */
export function encodingOf(head: Uint8Array): 'utf8' | 'utf16le' {
    return head.length >= 2 && head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : 'utf8';
}

/** A whole file's bytes as text, without byte order mark. */
export function decode(bytes: Buffer): string {
    return stripBom(bytes.toString(encodingOf(bytes)));
}

/** A whole text with a lazily built index of its line starts: offset <-> line and column. */
export class SourceText {
    private starts: Int32Array | undefined;

    constructor(readonly text: string) {}

    get lineStarts(): Int32Array {
        if (!this.starts) this.starts = lineStarts(this.text);
        return this.starts;
    }

    /** The offset of a 1-based line and column (clamped to the text). */
    offsetOf(line: number, column: number): number {
        const starts = this.lineStarts;
        const l = Math.min(Math.max(line, 1), starts.length);
        return Math.min(starts[l - 1] + Math.max(column, 1) - 1, this.text.length);
    }

    /** The 1-based line and column of an offset. */
    positionOf(offset: number): { line: number; column: number } {
        const starts = this.lineStarts;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return { line: lo + 1, column: offset - starts[lo] + 1 };
    }
}

export function lineStarts(text: string): Int32Array {
    let out = new Int32Array(1024);
    let n = 0;
    out[n++] = 0;
    const len = text.length;
    for (let i = 0; i < len; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
            if (n === out.length) {
                const bigger = new Int32Array(out.length * 2);
                bigger.set(out);
                out = bigger;
            }
            out[n++] = i + 1;
        }
    }
    return out.subarray(0, n);
}

/** The line and column reached after walking `text[from, to)` from a known position. */
export function advance(text: string, from: number, to: number, line: number, lineStart: number): { line: number; lineStart: number } {
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, lineStart };
}

/** A value quoted for a message, shortened when long. */
export function quote(value: string, max = 40): string {
    const s = value.length > max ? value.slice(0, max - 1) + '…' : value;
    return `'${s}'`;
}
