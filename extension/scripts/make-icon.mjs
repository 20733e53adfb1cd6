// Draws the extension's 128x128 PNG icon (a rounded tile, three bars and the norm's line)
// with no image library: shapes sampled 4x4 per pixel, written with node:zlib.
// Run: node extension/scripts/make-icon.mjs  (writes extension/images/icon.png)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const SIZE = 128;
const SUB = 4;
const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, '..', 'images', 'icon.png');

const TILE = [0x1f, 0x3a, 0x5f];
const BAR = [0xe8, 0xee, 0xf5];
const BAR_LOW = [0xf0, 0x8a, 0x5d];
const LINE = [0xf5, 0xc5, 0x42];

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

/** The colour at one sample point, or null for transparent. Later shapes paint over earlier ones. */
function sample(x, y) {
    let c = null;
    if (inRoundedRect(x, y, 4, 4, 124, 124, 24)) c = TILE;
    const bars = [[26, 62, BAR_LOW], [54, 40, BAR], [82, 28, BAR]];
    for (const [x0, top, colour] of bars) if (inRoundedRect(x, y, x0, top, x0 + 20, 104, 4)) c = colour;
    if (c && y >= 50 && y <= 56 && x >= 18 && x <= 110) c = LINE;
    return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
        let r = 0, g = 0, b = 0, a = 0;
        for (let sy = 0; sy < SUB; sy++) for (let sx = 0; sx < SUB; sx++) {
            const c = sample(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB);
            if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
        const o = py * (SIZE * 4 + 1) + 1 + px * 4;
        if (a) { raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a); }
        raw[o + 3] = Math.round((a / (SUB * SUB)) * 255);
    }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0); header.writeUInt32BE(SIZE, 4);
header[8] = 8; header[9] = 6; // 8-bit RGBA
const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`Wrote ${out} (${png.length} bytes)`);
