/**
 * `--format name` or `--format name:file`, for every command that writes reports: one format at
 * most on the terminal, `--output` naming that one's file, and no two formats to one file.
 */
import * as path from 'node:path';
import { UsageError } from './exit-codes.js';

export function parseFormats<Name extends string>(
    specs: string[], output: string | undefined, known: Readonly<Record<Name, unknown>>, example: string,
): { name: Name; file?: string }[] {
    const list = (specs.length ? specs : ['pretty']).map(spec => {
        const colon = spec.indexOf(':');
        const name = colon < 0 ? spec : spec.slice(0, colon);
        const file = colon < 0 ? undefined : spec.slice(colon + 1);
        if (!Object.hasOwn(known, name)) throw new UsageError(`Unknown format '${name}': use ${Object.keys(known).join(', ')}.`);
        if (file === '') throw new UsageError(`--format ${name}: give a file after the colon, like ${name}:${example}.`);
        return { name: name as Name, file };
    });
    const toStdout = list.filter(f => !f.file);
    if (output) {
        if (toStdout.length !== 1) throw new UsageError('--output needs exactly one --format without a file of its own.');
        toStdout[0].file = output;
    } else if (toStdout.length > 1) {
        throw new UsageError(`Only one format can go to the terminal; give the others a file, like --format ${toStdout[1].name}:${example}.`);
    }
    const byFile = new Map<string, string>();
    for (const f of list) {
        if (!f.file || f.file === '-') continue;
        const earlier = byFile.get(path.resolve(f.file));
        if (earlier) throw new UsageError(`--format ${earlier} and --format ${f.name} both write ${f.file}; give each format its own file.`);
        byFile.set(path.resolve(f.file), f.name);
    }
    return list;
}
