/** The files `norma compile` writes, named apart from their generators so `norma compile --help` names them without loading one. */

/** `--target js`: the standalone module (generators/js.ts). */
export const COMPILED_MODULE_NAME = 'norma-checks.mjs';

/** `--target sql`: the evaluation script (generators/sql.ts). */
export const SQL_FILE_NAME = 'norma-checks.sql';
