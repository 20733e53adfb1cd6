// Runs a Node script in this process and, when the process exits, writes its own resource use
// to stderr as one line `norma-bench-usage={"userMs":..,"sysMs":..,"maxRssKb":..}`
// (process.resourceUsage(): CPU of every thread, the kernel's peak resident set). bench/harness.mjs
// reads and removes that line.
//   node bench/child-usage.mjs <script.js> [args...]
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const script = resolve(process.argv[2]);
process.argv = [process.argv[0], script, ...process.argv.slice(3)];
process.on('exit', () => {
    const u = process.resourceUsage();
    writeSync(2, `\nnorma-bench-usage=${JSON.stringify({ userMs: u.userCPUTime / 1000, sysMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS })}\n`);
});
await import(pathToFileURL(script).href);
