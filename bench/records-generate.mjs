// Synthetic ACD call records for the records benchmark: `rows` calls over 28 days for 50 queues,
// seeded (the same bytes every run), written as CSV; Parquet is written from it by DuckDB.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from './random.mjs';

export const QUEUES = Array.from({ length: 50 }, (_, i) => `Q${String(i + 1).padStart(2, '0')}`);
const START = Date.UTC(2026, 1, 1);
const SPAN_SECONDS = 28 * 86400;

/** Writes `file` with `rows` records; returns nothing until the stream is flushed. */
export async function generateCalls(file, rows, seed = 7) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const random = mulberry32(seed);
    const out = fs.createWriteStream(file);
    const write = text => (out.write(text) ? Promise.resolve() : new Promise(resolve => out.once('drain', resolve)));
    await write('queue,offered_at,outcome,queue_seconds,talk,hold,wrap\n');
    let chunk = '';
    for (let i = 0; i < rows; i++) {
        const queue = QUEUES[Math.floor(random() * QUEUES.length)];
        const at = new Date(START + Math.floor(random() * SPAN_SECONDS) * 1000).toISOString().slice(0, 19);
        const r = random();
        const outcome = r < 0.05 ? 'ABANDONED' : r < 0.051 ? 'TEST' : 'ANSWERED';
        const wait = Math.floor(-Math.log(1 - random()) * 15);
        const answered = outcome === 'ANSWERED';
        chunk += `${queue},${at},${outcome},${wait},${answered ? 60 + Math.floor(random() * 400) : ''},${answered ? Math.floor(random() * 30) : ''},${answered ? 10 + Math.floor(random() * 80) : ''}\n`;
        if (chunk.length > 1 << 20) { await write(chunk); chunk = ''; }
    }
    await write(chunk);
    await new Promise((resolve, reject) => out.end(error => (error ? reject(error) : resolve())));
}
