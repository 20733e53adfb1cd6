#!/usr/bin/env node
// The `norma` command: runs the bundled CLI built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../../dist/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
    process.stderr.write('norma: the CLI is not built yet. Run `npm run build` in the Norma folder first.\n');
    process.exit(2);
}
await import(bundle.href);
