/**
 * Where each returned row came from, compact enough for millions of rows: three Int32Arrays
 * (file, line, column of the row's start: 1 for CSV and NDJSON, the `{` for JSON). Field
 * columns are not stored; they are found again, only when an error is reported, by
 * re-reading that row (see `locate.ts`).
 */
export class RowTable {
    private fileIdx = new Int32Array(1024);
    private lines = new Int32Array(1024);
    private cols = new Int32Array(1024);
    length = 0;

    push(file: number, line: number, column: number): void {
        if (this.length === this.lines.length) this.grow();
        const i = this.length++;
        this.fileIdx[i] = file;
        this.lines[i] = line;
        this.cols[i] = column;
    }

    file(i: number): number {
        return this.fileIdx[i];
    }

    line(i: number): number {
        return this.lines[i];
    }

    column(i: number): number {
        return this.cols[i];
    }

    private grow(): void {
        const size = this.lines.length * 2;
        const f = new Int32Array(size);
        f.set(this.fileIdx);
        this.fileIdx = f;
        const l = new Int32Array(size);
        l.set(this.lines);
        this.lines = l;
        const c = new Int32Array(size);
        c.set(this.cols);
        this.cols = c;
    }
}
