// Runs a Node CLI script in this process and, when the process exits, writes its peak resident
// set size to stderr as `norma-bench-max-rss-kb=<n>` (process.resourceUsage().maxRSS, in KB).
//   node bench/rss-wrapper.mjs <script.js> [args...]
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const script = resolve(process.argv[2]);
process.argv = [process.argv[0], script, ...process.argv.slice(3)];
process.on('exit', () => {
    writeSync(2, `\nnorma-bench-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
await import(pathToFileURL(script).href);
