/**
 * Where each returned row came from, compact enough for millions of rows: the offset of the
 * row's start in its file's text (Float64Array, so files beyond 2 GB are fine), 8 bytes a row,
 * and the first row of each file (files are read one after the other). The first character of
 * a CSV row, the `{` of a JSON object or NDJSON line. Lines, columns and field positions are
 * not stored; they are worked out, only when something is reported, from the file's text (see
 * `locate.ts`).
 */
export class RowTable {
    /** File index and its first row, in row order. */
    private readonly fileOf: number[] = [];
    private readonly firstRow: number[] = [];
    private offsets = new Float64Array(1024);
    length = 0;

    push(file: number, offset: number): void {
        if (this.length === this.offsets.length) this.reserve(this.length * 2);
        const i = this.length++;
        if (this.fileOf.length === 0 || this.fileOf[this.fileOf.length - 1] !== file) {
            this.fileOf.push(file);
            this.firstRow.push(i);
        }
        this.offsets[i] = offset;
    }

    file(i: number): number {
        const starts = this.firstRow;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= i) lo = mid; else hi = mid - 1;
        }
        return this.fileOf[lo];
    }

    offset(i: number): number {
        return this.offsets[i];
    }

    /** Room for `rows` rows (grown to it at once rather than by doubling). */
    reserve(rows: number): void {
        if (rows <= this.offsets.length) return;
        const o = new Float64Array(rows);
        o.set(this.offsets.subarray(0, this.length));
        this.offsets = o;
    }
}
