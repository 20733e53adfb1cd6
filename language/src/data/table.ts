/**
 * Where each returned row came from, compact enough for millions of rows: the file's index
 * (Int32Array) and the offset of the row's start in that file's text (Float64Array, so files
 * beyond 2 GB are fine): 12 bytes a row. The first character of a CSV row, the `{` of a JSON
 * object or NDJSON line. Lines, columns and field positions are not stored; they are worked
 * out, only when something is reported, from the file's text (see `locate.ts`).
 */
export class RowTable {
    private files = new Int32Array(1024);
    private offsets = new Float64Array(1024);
    length = 0;

    push(file: number, offset: number): void {
        if (this.length === this.offsets.length) this.grow();
        const i = this.length++;
        this.files[i] = file;
        this.offsets[i] = offset;
    }

    file(i: number): number {
        return this.files[i];
    }

    offset(i: number): number {
        return this.offsets[i];
    }

    private grow(): void {
        const size = this.offsets.length * 2;
        const f = new Int32Array(size);
        f.set(this.files);
        this.files = f;
        const o = new Float64Array(size);
        o.set(this.offsets);
        this.offsets = o;
    }
}
