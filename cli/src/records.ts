/**
 * `--records S=path` for `check` and `measure`: parses the option, runs the data layer's records
 * computation (or the same computation inside a database, `--database`), prints its warnings (records no program takes, periods with no denominator) on
 * stderr, and turns its errors into one located report (exit 2, no verdict). No rule lives here.
 */
import type { NormaModel } from '../../language/src/model/types.js';
import { formatDataErrors } from '../../language/src/data/index.js';
import { parseRecordsSpec, readRecords, recordsErrorSummary, type RecordsResult, type RecordsSpec } from '../../language/src/data/records.js';
import { UsageError } from './exit-codes.js';
import type { Progress } from './progress.js';
import { colorFor, colors } from './terminal.js';
import { formatCount } from '../../language/src/text/count.js';

export function parseRecordsOptions(values: readonly string[] | undefined): RecordsSpec[] {
    return (values ?? []).map(v => {
        const spec = parseRecordsSpec(v);
        if (!spec) throw new UsageError(`--records ${v}: write the source and the files, like --records Calls=exports/calls.csv.`);
        return spec;
    });
}

/**
 * Computes the rows from `--records` files (embedded DuckDB) or, given `database`, inside that
 * database; throws a UsageError (exit 2) on bad records.
 */
export async function computeRecords(model: NormaModel, specs: RecordsSpec[], progress: Progress, options: { showSkipped?: boolean; database?: string } = {}): Promise<RecordsResult> {
    const onPhase = (text: string) => progress.phase(text);
    let result: RecordsResult;
    try {
        result = options.database === undefined ? await readRecords(model, specs, { onPhase }) : await (await import('./database/measure.js')).measureAt(options.database, model, onPhase);
    } finally {
        progress.done();
    }
    if (result.errors.length) {
        const more = recordsErrorSummary(result);
        const n = result.errorCount;
        throw new UsageError(`The records have ${formatCount(n)} problem${n === 1 ? '' : 's'}; no measurement is computed until they are fixed:\n${formatDataErrors(result.errors)}${more ? `\n${more}` : ''}`);
    }
    const c = colors(colorFor(process.stderr));
    for (const w of result.warnings) process.stderr.write(`${c.yellow('warning')} ${w.message}\n`);
    if (options.showSkipped !== false) {
        for (const s of result.skipped.slice(0, 20)) process.stderr.write(`${c.dim('info')} ${s.reason}\n`);
        if (result.skipped.length > 20) process.stderr.write(`${c.dim('info')} ... and ${result.skipped.length - 20} more periods without a row\n`);
    }
    return result;
}
