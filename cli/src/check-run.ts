/**
 * The one way the CLI commands that judge data (`check`, `assess`, `staff`) call `runCheck`: the
 * workspace loaded while the data is read, the progress line around reading and computing, the
 * measurements from `--data`, from `--records` files (embedded DuckDB) or from `--database`
 * (computed where the records live), and the workspace's diagnostics printed on stderr.
 */
import { dataFiles, runCheck, type CheckOutcome } from '../../language/src/check/index.js';
import type { RecordsSpec } from '../../language/src/data/records.js';
import type { Verdict } from '../../language/src/engine/types.js';
import { formatDiagnostic } from './diagnostics.js';
import { UsageError } from './exit-codes.js';
import { loadCheckWorkspace } from './load-with-data.js';
import { createProgress } from './progress.js';
import { colorFor, colors } from './terminal.js';
import { formatCount } from '../../language/src/text/count.js';

export interface CliCheckInput {
    paths: string[];
    asOf: string;
    /** `--data` sources (files, folders, `-`). */
    data: string[];
    records: RecordsSpec[];
    /** `--database <url>`. */
    database?: string;
    actions: string[];
    failOn?: Verdict[];
}

/** Refuses `--records` with `--database`: the rows of a source come from one place. */
export function checkRecordOptions(records: readonly RecordsSpec[], database: string | undefined): void {
    if (database !== undefined && records.length) {
        throw new UsageError('Give the records either as files (--records) or in a database (--database), not both.');
    }
}

/** Runs the check and prints the workspace's diagnostics; the caller renders the outcome. */
export async function checkFromCli(input: CliCheckInput): Promise<CheckOutcome> {
    checkRecordOptions(input.records, input.database);
    if ([...input.data, ...input.actions].filter(s => s === '-').length > 1) throw new UsageError('Only one source can read stdin (-).');
    const sources = [...input.data, ...input.actions];
    const progress = createProgress();
    const database = input.database;
    let outcome: CheckOutcome;
    try {
        outcome = await runCheck({
            workspace: loadCheckWorkspace(input.paths, input.asOf, sources),
            measurements: [dataFiles(input.data)],
            records: input.records,
            computeRecords: database === undefined ? undefined : async (model, onPhase) => (await import('./database/measure.js')).measureAt(database, model, onPhase),
            computing: text => progress.phase(text),
            actions: input.actions,
            asOf: input.asOf,
            failOn: input.failOn ?? [],
            reading: read => progress.reading(sources, stdin => read(stdin ? { stdin } : {})),
            evaluating: rows => progress.phase(`Evaluating ${formatCount(rows)} rows…`),
        });
    } finally {
        progress.done();
    }
    const ws = outcome.workspace;
    const c = colors(colorFor(process.stderr));
    // Warnings are shown with a result; every diagnostic when the language has errors.
    for (const d of ws.diagnostics) process.stderr.write(formatDiagnostic(d, ws.root, c) + '\n');
    return outcome;
}
