/**
 * The frames a client writes over stdio, checked before vscode-jsonrpc reads them. Its reader
 * drops a header block with no usable Content-Length but keeps the body that followed it, which
 * then reads as the headers of the next frame, and so on: one malformed frame and no later
 * request is ever answered. Here such a frame (no Content-Length, a header line without ':',
 * a length that is not a number or is larger than any message) is dropped, the stream is
 * re-synchronised at the next `Content-Length:` header, and one line goes to stderr. Well-formed
 * frames pass through byte for byte.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Larger than any message Norma needs (a file is at most 2,000,000 characters, escaped in JSON). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

const HEADERS_END = Buffer.from('\r\n\r\n', 'ascii');
const NEXT_FRAME = /content-length\s*:/i;
/** A header block longer than this is no header block. */
const MAX_HEADER_BYTES = 8 * 1024;

export class FrameGuard extends Transform {
    private buffer: Buffer = Buffer.alloc(0);
    /** The bytes of the body still to pass through, once its headers were. */
    private body = -1;
    /** After a malformed frame: looking for the next Content-Length header. */
    private skipping = false;

    constructor(private readonly report: (problem: string) => void) {
        super();
    }

    override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
        this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
        for (;;) {
            if (this.skipping) {
                const rest = this.buffer.toString('latin1');
                const next = rest.search(NEXT_FRAME);
                // Without a next header yet, keep a tail that may be its first bytes.
                this.buffer = next >= 0 ? this.buffer.subarray(next) : Buffer.from(rest.slice(-16), 'latin1');
                if (next < 0) break;
                this.skipping = false;
            }
            if (this.body >= 0) {
                // The body streams through as it comes (a large file is not gathered first).
                const n = Math.min(this.body, this.buffer.length);
                if (n > 0) this.push(this.buffer.subarray(0, n));
                this.buffer = this.buffer.subarray(n);
                this.body -= n;
                if (this.body > 0) break;
                this.body = -1;
                continue;
            }
            const end = this.buffer.indexOf(HEADERS_END);
            if (end < 0) {
                if (this.buffer.length <= MAX_HEADER_BYTES) break;
                this.resync('a header block that never ends', MAX_HEADER_BYTES);
                continue;
            }
            const length = contentLength(this.buffer.subarray(0, end).toString('ascii'));
            if (typeof length === 'string') {
                this.resync(length, end + HEADERS_END.length);
                continue;
            }
            this.push(this.buffer.subarray(0, end + HEADERS_END.length));
            this.buffer = this.buffer.subarray(end + HEADERS_END.length);
            this.body = length;
        }
        done();
    }

    /** Drops a malformed frame: its headers, and what follows up to the next Content-Length header. */
    private resync(problem: string, headerBytes: number): void {
        this.buffer = this.buffer.subarray(headerBytes);
        this.skipping = true;
        this.report(`Norma language server: dropped a malformed frame (${problem}); reading on at the next Content-Length header.`);
    }
}

/** The Content-Length of a header block, or why the block is malformed. */
function contentLength(headers: string): number | string {
    let length: number | string = 'no Content-Length header';
    for (const line of headers.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) return `a header line without ':'`;
        if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
        const value = line.slice(colon + 1).trim();
        if (!/^\d+$/.test(value)) return `Content-Length '${value.slice(0, 20)}' is not a number`;
        length = Number(value);
        if (length > MAX_FRAME_BYTES) return `Content-Length ${value} is larger than any message`;
    }
    return length;
}
