/**
 * `norma measure [paths...] --records S=path... [--format csv|json] [--output file]`: computes the
 * measurement rows of every metric defined by a formula (SPEC §6.4) and writes them in the §2
 * format, so the numbers can be inspected, shared and diffed before anything is judged.
 */
import type { Measurement } from '../../../language/src/engine/types.js';
import { checkRecordOptions } from '../check-run.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { loadOrExplain } from '../load.js';
import { createProgress } from '../progress.js';
import { computeRecords, parseRecordsOptions } from '../records.js';
import { writeOutput } from '../terminal.js';

export interface MeasureOptions {
    records?: string[];
    database?: string;
    format: string;
    output?: string;
}

export async function run(paths: string[], opts: MeasureOptions): Promise<void> {
    if (opts.format !== 'csv' && opts.format !== 'json') throw new UsageError(`Unknown format '${opts.format}': use csv or json.`);
    const specs = parseRecordsOptions(opts.records);
    checkRecordOptions(specs, opts.database);
    if (!specs.length && opts.database === undefined) throw new UsageError('Give the raw records with --records Source=<file|folder>, or the database that holds them with --database <url>.');
    const ws = await loadOrExplain(paths, new Date().toISOString().slice(0, 10));
    const result = await computeRecords(ws.model, specs, createProgress(), { database: opts.database });
    writeOutput(opts.format === 'csv' ? toCsv(result.measurements) : toJson(result.measurements), opts.output, opts.format);
    process.exitCode = ExitCode.Ok;
}

function toCsv(rows: readonly Measurement[]): string {
    const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ['program,metric,period,value,sample'];
    for (const r of rows) lines.push([cell(r.program), cell(r.metric), cell(r.period), String(r.value), r.sample == null ? '' : String(r.sample)].join(','));
    return lines.join('\n') + '\n';
}

function toJson(rows: readonly Measurement[]): string {
    return JSON.stringify(rows.map(r => ({ program: r.program, metric: r.metric, period: r.period, value: r.value, sample: r.sample ?? null })), null, 2) + '\n';
}
