/**
 * The data readers: measurements and actions from CSV, JSON and NDJSON files, folders and stdin.
 *
 * ```ts
 * const m = await readMeasurements(['data/', 'extra.ndjson', '-'], { stdin });
 * if (m.errors.length) fail(formatDataErrors(m.errors));        // file:line:col error message, 50 at most
 * try { check(model, m.columns, ...) } catch (e) { e.issues.map(m.locate) }   // engine issue -> file:line:col
 * ```
 *
 * Division of labour. Readers check *syntax*: the file can be read, the CSV quoting, the
 * header has the required columns, a value is a number, a sample is a whole number, a JSON
 * file is an array of objects, an NDJSON line is JSON, a required field is not empty.
 * *Meaning* (unknown program or metric, period grain, percent range, duplicates, dates of
 * actions) is checked by the engine, which reports `DataIssue { index, field }`; `locate`
 * turns that into `file:line:col` (the line and column where that row's field starts).
 * Errors never stop at the first: every row of every file is checked. A row with an error
 * is left out of `rows`; a caller gives no verdict while `errors` is not empty.
 * Measurements are read into columns (`engine/columns.ts`: program, metric and period ids,
 * typed arrays of values and samples), which is what `check` takes; `rows` makes objects of
 * them only when a caller asks.
 *
 * Sources.
 * - a file: by extension `.csv` (also `.tsv`), `.json`, `.ndjson` (also `.jsonl`); any other
 *   extension is sniffed like stdin.
 * - a folder: every `.csv`, `.tsv`, `.json`, `.ndjson`, `.jsonl` directly in it (not in
 *   subfolders; hidden files skipped), in name order. A folder without any is an error.
 * - `{ name, text }`: text already in memory (a norm test's actions, an editor buffer), read
 *   like stdin and named `name` in errors.
 * - `-`: stdin, read whole, sniffed: first non-blank character `[` -> JSON, `{` -> NDJSON,
 *   anything else -> CSV. Named `<stdin>` in errors.
 * - A file named twice (directly and through its folder) is read once.
 * - A missing file or folder is an error naming the path. An empty file, or a header with no
 *   rows, is not an error here (the engine reports the norms without data).
 *
 * CSV. UTF-8 (a byte order mark ignored), or UTF-16 with its byte order mark (Excel's
 * "Unicode Text" export, tab-separated). A header is required; columns are matched by
 * name, case-insensitively, spaces trimmed, in any order. Measurements need
 * `program, metric, period, value` (`sample` optional); actions need
 * `program, metric, opened, owner` (`due, closed, result` optional). Other columns are
 * ignored, except one that looks like a misspelt optional column (`smaple`, `Samples`,
 * `sample_size`, `closed_on`), which is an error: ignoring it would silently drop its values.
 * papaparse parses the file, as a stream, with no typing (the value rules below are ours).
 * The delimiter is `,`, `;` or tab: whichever the header line has most of (outside quotes);
 * a first line `sep=;` (as Excel writes) names it. Rows end at `\n` or `\r\n` (both may mix
 * in one file), or at a lone `\r` when the header line ends with one. Quoting per RFC 4180
 * (`"a, b"`, `"say ""hi"""`, line breaks inside quotes). A character after a closing quote
 * is one error there, and reading resumes at the next line; a quote never closed is one
 * error at the opening quote (the rest of the file is that value, so it is not read), and so
 * is a row still open after 16 MB of text. Values are trimmed. Empty lines and rows whose
 * fields are all empty (`,,,,`) are skipped. A row with more fields than the header is an
 * error (usually a decimal comma or an unquoted delimiter); a row with fewer is accepted when
 * only optional columns are missing at its end.
 *
 * Values. `value`: a decimal number with a point (`78.4`, `-3`, `1e3`); `78,4`, `78.4%`,
 * `n/a` are errors saying what to write. `sample`: empty for none, else a whole number >= 0.
 * Text fields are trimmed and must not be empty when required; action dates are kept as
 * written (the engine validates them); empty `due`, `closed`, `result` are null. Every
 * action needs an owner.
 *
 * JSON / NDJSON. JSON: one array of objects; NDJSON: one object per line, blank lines
 * skipped. Keys are the column names exactly (lower case); other keys are ignored, except a
 * misspelt optional one (reported once per file). `value`/`sample` may be numbers or numeric
 * strings; text fields may be strings or numbers. A malformed JSON file is one error at the
 * position where it breaks. Positions: the line and column where the field's value starts
 * (the object's `{` when the field is missing).
 *
 * Positions are 1-based; a column counts UTF-16 code units from the start of the physical
 * line (as VS Code does: `\n`, `\r\n` and a lone `\r` each end a line); line 0 means the file
 * as a whole. Memory: about 36 bytes per measurement row for its columns, and 12 for the
 * origin table (file, offset of the row's start). Lines and field columns are worked out only for what is reported: the file is read
 * again once, its lines indexed, and the row walked again; CSV errors found while reading get
 * their line and column that way at the end of the file.
 */
export { readMeasurements, readActions, readAssessments, readData, sniff, DATA_EXTENSIONS, type DataRead, type DataSource, type ReadOptions } from './read.js';
export { formatDataErrors, formatDataError, displayDataPath, STDIN_NAME, type DataError } from './errors.js';
export { MEASUREMENT_SCHEMA, ACTION_SCHEMA, ASSESSMENT_SCHEMA, type Schema, type FieldSpec } from './fields.js';
