/** `norma compile [paths...] --out <dir> --target js|json`: executable checks and the resolved model. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { COMPILED_MODULE_NAME, generateJsModule } from '../../../language/src/generators/js.js';
import { generateModelJson } from '../../../language/src/generators/json.js';
import { generateSql, SQL_FILE_NAME } from '../../../language/src/generators/sql.js';
import type { NormaModel } from '../../../language/src/model/types.js';
import { parseAsOf } from '../dates.js';
import { UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';

/** Each target writes one file into the output folder. */
export const TARGETS: Record<string, { file: string; generate: (model: NormaModel) => string }> = {
    js: { file: COMPILED_MODULE_NAME, generate: generateJsModule },
    sql: { file: SQL_FILE_NAME, generate: generateSql },
    json: { file: 'norma-model.json', generate: generateModelJson },
};

export function register(program: Command): void {
    program.command('compile')
        .description('Write executable compliance checks (js, or sql for DuckDB), or the resolved model (json).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .requiredOption('--out <dir>', 'folder to write into')
        .option('--target <target>', `what to write: ${Object.keys(TARGETS).join(', ')}`, 'js')
        .addHelpText('after', `
The js target is one standalone ES module with no imports:
  import { check } from './${COMPILED_MODULE_NAME}';
  const result = check(measurements, { asOf: '2026-02-01', actions });
It returns the same JSON as \`norma check --format json\`.
Exit codes: 0 written, 2 language errors or bad arguments.
`)
        .action(async (paths: string[], opts: { out: string; target: string }) => {
            const target = TARGETS[opts.target];
            if (!target) throw new UsageError(`Unknown target '${opts.target}': use ${Object.keys(TARGETS).join(', ')}.`);
            const ws = await loadOrExplain(paths, parseAsOf(undefined), { quietWarnings: true });
            fs.mkdirSync(opts.out, { recursive: true });
            const file = path.join(opts.out, target.file);
            fs.writeFileSync(file, target.generate(ws.model));
            process.stderr.write(`Wrote ${file} (${ws.model.norms.length} norms, ${ws.model.programs.length} programs).\n`);
        });
}
