// Issue 15, memory: the editor's norma/check path (workspace load, runCheck with the engine
// evaluated once per process) run 2,000 times in one process while the workspace's files are
// replaced on disk; the heap after garbage collection must stay flat. Before the fix each run
// kept a compiled module (+0.7 MB) and a set of Langium services (+23 KB).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { expect, it } from 'vitest';
import { checkRequest } from '../../language/src/lsp/norma-check-request.js';
import { tempDir } from '../cli/run-norma.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1e6;
};

const RUNS = 2_000;
const WARM_UP = 200;

it(`${RUNS} norma/check runs with replaced documents keep the heap flat`, async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.csv'), 'program,metric,period,value,sample\n' +
        Array.from({ length: 28 }, (_, d) => `P,SL,2026-02-${String(d + 1).padStart(2, '0')},${70 + (d % 20)},100`).join('\n') + '\n');
    const write = (i: number) => fs.writeFileSync(path.join(dir, 'w.norma'),
        `metric SL "Service level ${i}" { family service unit percent better higher period daily }\nprogram P "Run ${i}" { norm SL >= ${60 + (i % 30)}% }\n`);
    let start = 0;
    for (let i = 0; i < RUNS; i++) {
        write(i);
        const response = await checkRequest({ folder: dir, data: ['m.csv'], actions: [], asOf: '2026-02-28' });
        expect(response.kind).toBe('result');
        if (i === WARM_UP) start = heapMb();
    }
    const end = heapMb();
    process.stderr.write(`heap after GC: ${start.toFixed(1)} MB after ${WARM_UP} runs, ${end.toFixed(1)} MB after ${RUNS}\n`);
    // 1,800 more runs: a module or a set of services kept per run would add 40 MB to 1.2 GB.
    expect(end - start).toBeLessThan(8);
}, 600_000);
