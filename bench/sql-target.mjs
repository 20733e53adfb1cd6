// The SQL target of the benchmark workspace, shared by sql-bench.mjs and sql-profile.mjs: the data
// folder made by check-bench.mjs, `norma compile --target sql` into a temporary folder (removed at
// exit), and the script's statements with the CSV files it loads given by absolute path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runNode } from './harness.mjs';

export const literal = s => `'${s.replace(/'/g, "''")}'`;

/** `{ dir, meta, csv, statements }` for the `rows`-row data; exits 2 when check-bench.mjs has not made it. */
export function compiledSqlTarget(rows, tempPrefix) {
    const dir = path.join(ROOT, 'bench/data', String(rows));
    if (!fs.existsSync(path.join(dir, 'measurements.csv'))) {
        console.error(`No data in ${path.relative(ROOT, dir)}: run node bench/check-bench.mjs --rows ${rows} first (it generates it).`);
        process.exit(2);
    }
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), tempPrefix));
    process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
    const compiled = runNode(path.join(ROOT, 'cli/bin/norma.js'), ['compile', path.join(dir, 'workspace'), '--target', 'sql', '--out', out]);
    if (compiled.status !== 0) throw new Error(`norma compile failed:\n${compiled.stderr}`);
    // The script loads the norms and exclusions from the CSV files written beside it (relative to its folder).
    const statements = fs.readFileSync(path.join(out, 'norma-checks.sql'), 'utf8').split(/;\n/).map(s => s.trim())
        .filter(s => s && !/^(--[^\n]*\n?)*$/.test(s))
        .map(s => s.replace(/FROM '(norma-[a-z-]+\.csv)'/, (_, file) => `FROM ${literal(path.join(out, file))}`));
    return { dir, meta, csv: path.join(dir, 'measurements.csv'), out, statements };
}
