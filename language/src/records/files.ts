/**
 * Which record files `--records S=path` names (SPEC §6.4): a file, a folder (every record file
 * in it, recursively), or a glob (DuckDB expands it). Each group of one format becomes one DuckDB
 * reader; CSV and TSV have their delimiter sniffed. Only names are handled here: no file is read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dialect } from './sql/dialect.js';

export type RecordFormat = 'csv' | 'parquet' | 'json' | 'ndjson';

export interface RecordFiles {
    format: RecordFormat;
    /** Paths or glob patterns, as DuckDB reads them. */
    paths: string[];
}

const EXTENSIONS: [RegExp, RecordFormat][] = [
    [/\.(csv|tsv|txt)(\.gz)?$/i, 'csv'],
    [/\.parquet$/i, 'parquet'],
    [/\.(ndjson|jsonl)(\.gz)?$/i, 'ndjson'],
    [/\.json(\.gz)?$/i, 'json'],
];

export function formatOf(file: string): RecordFormat | undefined {
    return EXTENSIONS.find(([re]) => re.test(file))?.[1];
}

/** Groups the named files by format; a problem (missing file, unknown kind) is returned in words. */
export function recordFiles(spec: string): { files: RecordFiles[]; problem?: string } {
    const isGlob = /[*?[]/.test(spec);
    let names: string[];
    if (isGlob) {
        names = [spec];
    } else if (!fs.existsSync(spec)) {
        return { files: [], problem: `${spec}: no such file or folder.` };
    } else if (fs.statSync(spec).isDirectory()) {
        names = listFiles(spec).filter(f => formatOf(f) !== undefined).sort();
        if (names.length === 0) return { files: [], problem: `${spec}: the folder holds no record files (.csv, .tsv, .parquet, .json, .ndjson, or their .gz forms).` };
    } else {
        names = [spec];
    }
    const groups = new Map<RecordFormat, string[]>();
    for (const name of names) {
        const format = formatOf(name);
        if (!format) return { files: [], problem: `${name}: Norma reads records from .csv, .tsv, .parquet, .json and .ndjson files (or their .gz forms).` };
        groups.set(format, [...(groups.get(format) ?? []), name]);
    }
    return { files: [...groups].map(([format, paths]) => ({ format, paths })) };
}

function listFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? listFiles(full) : [full];
    });
}

/** The DuckDB table function that reads a group of files: every cell as text, with the file's name. */
export function readerSql(files: RecordFiles, dialect: Dialect): string {
    const list = `[${files.paths.map(p => dialect.text(p)).join(', ')}]`;
    switch (files.format) {
        case 'csv': return `read_csv(${list}, header = true, all_varchar = true, union_by_name = true, filename = '__file')`;
        case 'parquet': return `read_parquet(${list}, union_by_name = true, filename = '__file', file_row_number = true)`;
        case 'json': return `read_json(${list}, format = 'array', union_by_name = true, filename = '__file')`;
        case 'ndjson': return `read_json(${list}, format = 'newline_delimited', union_by_name = true, filename = '__file')`;
    }
}
