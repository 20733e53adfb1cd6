/** The help of the options that name where a command's data comes from, shared by the commands that judge data. */

export const RECORDS_HELP = 'raw records of a source: Source=file, folder or glob (.csv, .tsv, .parquet, .json, .ndjson, .gz); repeatable';

export const DATABASE_HELP = 'compute the formula metrics inside the database that holds the source tables: postgres://user:password@host:port/database or duckdb:<file>; only measurement rows come back';
