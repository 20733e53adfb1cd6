import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';

export const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

/** A fresh temporary folder; `write(name, text)` puts a file in it and returns its path. */
export function tempDir(): { dir: string; write(name: string, text: string | Buffer): string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-data-'));
    return {
        dir,
        write(name, text) {
            const file = path.join(dir, name);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, text);
            return file;
        },
    };
}

export function stdinOf(text: string, chunkSize = 7): Readable {
    const chunks: Buffer[] = [];
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
    return Readable.from(chunks);
}

export const HEADER = 'program,metric,period,value,sample\n';
