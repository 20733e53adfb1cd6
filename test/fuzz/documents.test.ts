// The document fuzzer (test/fuzz/documents.ts) in CI: a bounded seeded run must find no crash,
// no swallowed exception and no unlocated error. The long run: NORMA_FUZZ_LONG=1 (figures printed).
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { REPO, fuzzDocuments } from './documents.js';

const LONG = process.env.NORMA_FUZZ_LONG === '1';
const DOCUMENTS = Number(process.env.NORMA_FUZZ_DOCUMENTS ?? (LONG ? 100_000 : 5_000));
const DATA_FILES = Number(process.env.NORMA_FUZZ_DATA ?? (LONG ? 10_000 : 500));
const SEED = Number(process.env.NORMA_FUZZ_SEED ?? 15);

it(`${DOCUMENTS} mutated documents and ${DATA_FILES} mutated data files: no crash, no swallowed exception, every error located`, async () => {
    const figures = await fuzzDocuments({ documents: DOCUMENTS, dataFiles: DATA_FILES, seed: SEED, out: path.join(REPO, 'test-results/fuzz') });
    const { failures, ...counts } = figures;
    process.stderr.write(`document fuzz (seed ${SEED}): ${JSON.stringify(counts)}\n`);
    expect(failures).toEqual([]);
    // Heap flat: what a warm run holds after GC may not grow with the documents and data files read
    // (a leak of a few KB per document or file shows at the long run's scale; before the period
    // cache fix, 10,000 data files added 57 MB).
    expect(figures.heapEndMb - figures.heapWarmMb).toBeLessThan(12);
}, 3_600_000);
