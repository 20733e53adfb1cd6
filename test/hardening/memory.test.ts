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
import { parsePeriod } from '../../language/src/engine/calendar.js';
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

it('periods read from data files do not keep the files in memory', () => {
    // Found by the long document fuzz run (heap after GC 24 -> 81 MB over 10,000 mutated data
    // files): the engine's period cache kept each text as read, and a value read from a file
    // can be a slice of the file's whole text (a broken quote makes the rest of the file one
    // cell), so every file that held a new period stayed alive, its reason quoting it too.
    const start = heapMb();
    for (let i = 0; i < 200; i++) {
        const file = `${i},`.padEnd(400_000, 'x');
        // A long invalid period (the rest of a file), and a short valid one taken from a file.
        expect(parsePeriod(file.slice(0, 200_000)).ok).toBe(false);
        const short = (`${file}2026-01-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${i % 2 ? '30' : '00'}`).slice(400_000);
        expect(parsePeriod(short).ok).toBe(true);
    }
    const end = heapMb();
    process.stderr.write(`heap after GC: ${start.toFixed(1)} MB before 200 data files' periods, ${end.toFixed(1)} MB after\n`);
    // 200 files of 400 KB kept would add 80 MB.
    expect(end - start).toBeLessThan(8);
});
