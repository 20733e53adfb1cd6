// The language-server fuzzer (test/fuzz/server.ts) in CI: a bounded seeded run over stdio must
// answer every request, with no crash, no internal error (-32603) and no swallowed exception.
// The long run: NORMA_FUZZ_LONG=1 (figures printed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { REPO, fuzzServer } from './server.js';

const LONG = process.env.NORMA_FUZZ_LONG === '1';
const REQUESTS = Number(process.env.NORMA_FUZZ_REQUESTS ?? (LONG ? 10_000 : 1_000));
const SEED = Number(process.env.NORMA_FUZZ_SEED ?? 15);
/** How much the server's heap after GC may grow from warm to the end of the run. */
const BOUND_MB = 24;

it(`${REQUESTS} random requests, edits, cancellations and malformed messages over stdio: all answered, no crash, no internal error`, async () => {
    if (!fs.existsSync(path.join(REPO, 'extension/dist/server.cjs'))) throw new Error('extension/dist/server.cjs is missing: run `npm run build` first.');
    fs.mkdirSync(path.join(REPO, 'test-results/fuzz'), { recursive: true });
    const progress = LONG ? path.join(REPO, 'test-results/fuzz/server-progress.log') : undefined;
    const figures = await fuzzServer({ requests: REQUESTS, seed: SEED, example: path.join(REPO, 'examples/copc-cx'), progress });
    process.stderr.write(`server fuzz (seed ${SEED}): ${JSON.stringify({ ...figures, internalErrors: figures.internalErrors.length })}\n`);
    expect(figures.internalErrors).toEqual([]);
    expect(figures.stalled).toEqual([]);
    expect({ crashes: figures.crashes, unanswered: figures.unanswered, swallowed: figures.swallowed }).toEqual({ crashes: 0, unanswered: 0, swallowed: 0 });
    expect(figures.answered).toBe(figures.requests);
    // The server's heap after GC stays flat once warm (RSS alone cannot tell a leak from V8 not shrinking).
    expect(figures.heapEndMb - figures.heapStartMb).toBeLessThan(BOUND_MB);
}, 3_600_000);
