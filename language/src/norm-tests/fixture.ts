/**
 * Norm-test fixtures: one CSV file per case, `<name>.normtest.csv`, that an analyst can write
 * in a spreadsheet. A preamble (before the header) sets the case up; then the points, each
 * optionally with the status it should get; then the expected verdicts.
 *
 * ```csv
 * # Three misses in a row need an action plan
 * as-of,2026-01-31
 * program,metric,period,value,sample,expect
 * AcmeBilling,ServiceLevel,2026-01-05,82,,met
 * AcmeBilling,ServiceLevel,2026-01-06,78,,missed
 * AcmeBilling,ServiceLevel,2026-01-07,77,,missed
 * AcmeBilling,ServiceLevel,2026-01-08,76,,missed trigger
 * AcmeBilling,ServiceLevel,,,,action-required
 * ```
 *
 * - Preamble: lines before the header. `#` lines are comments (the first one describes the
 *   case); `as-of,2026-01-31` (or `as-of: 2026-01-31`) is required; `actions,<file>` names an
 *   actions file, relative to the fixture; without it, a sibling `<name>.actions.csv` is used
 *   when present. It is read by the data layer (`language/src/data`) exactly as `norma check
 *   --actions` reads it: same columns, formats and errors.
 * - Header: the first row with the cells `program` and `metric`. Columns (any order, any case):
 *   program, metric, period, value, expect; `sample` optional; `note` ignored.
 * - A point row has a period and a value (in the metric's unit as in data files: percent
 *   0..100, durations in seconds). Its `expect`, when filled, is the point's status: `met`,
 *   `missed`, `critical` (a missed point past the critical floor; it always fires a trigger),
 *   `unsampled`, `excluded` (optionally naming the exclusion: `excluded StormEunice`).
 *   `missed trigger` says the point completes a streak that fires a trigger; `missed` alone
 *   says it does not.
 * - A verdict row has no value: `expect` is the verdict of the norm of that program and metric
 *   in force at `as-of` (or, when its period is filled, of the norm whose window holds that day):
 *   met, at-risk, action-planned, stale, action-required, overdue, no-data.
 * - `#` lines and empty rows may appear anywhere.
 */
import { isDay } from '../engine/calendar.js';
import { isBlank, readCells, sniffDelimiter, type Cell } from '../data/cells.js';

export const NORM_TEST_SUFFIX = '.normtest.csv';

export const VERDICTS = ['met', 'at-risk', 'action-planned', 'stale', 'action-required', 'overdue', 'no-data'] as const;
export type ExpectedVerdict = (typeof VERDICTS)[number];
export const POINT_STATUSES = ['met', 'missed', 'critical', 'unsampled', 'excluded'] as const;
export type ExpectedStatus = (typeof POINT_STATUSES)[number];

export interface Located {
    line: number;
    column: number;
}

export interface FixtureError extends Located {
    file: string;
    message: string;
}

export interface PointExpectation {
    status: ExpectedStatus;
    trigger: boolean;
    exclusion?: string;
    at: Located;
}

export interface FixturePoint {
    program: string;
    metric: string;
    period: string;
    value: number;
    sample: number | null;
    expect: PointExpectation | null;
    line: number;
    /** Where each field starts, for engine issues. */
    fields: Record<string, Located>;
}

export interface VerdictExpectation {
    program: string;
    metric: string;
    /** The day whose norm is meant, or null for the norm in force at as-of. */
    at: string | null;
    verdict: ExpectedVerdict;
    line: number;
    fields: Record<string, Located>;
}

export interface NormTestFixture {
    file: string;
    name: string;
    description: string | null;
    asOf: string;
    /** The actions file named in the preamble (relative to the fixture), if any. */
    actionsFile: string | null;
    points: FixturePoint[];
    verdicts: VerdictExpectation[];
}

const POINT_COLUMNS = ['program', 'metric', 'period', 'value', 'sample', 'expect', 'note'];
const REQUIRED_POINT_COLUMNS = ['program', 'metric', 'period', 'value', 'expect'];

function isComment(cells: Cell[]): boolean {
    return cells[0]?.text.startsWith('#') ?? false;
}

function caseName(file: string): string {
    const base = file.split('/').pop() ?? file;
    return base.endsWith(NORM_TEST_SUFFIX) ? base.slice(0, -NORM_TEST_SUFFIX.length) : base.replace(/\.csv$/i, '');
}

interface Header {
    columns: Map<string, number>;
}

function readHeader(cells: Cell[], file: string, known: string[], required: string[], errors: FixtureError[]): Header | undefined {
    const columns = new Map<string, number>();
    cells.forEach((c, i) => {
        const name = c.text.trim().toLowerCase();
        if (name === '') return;
        if (!known.includes(name)) {
            errors.push({ file, line: c.line, column: c.column, message: `Unknown column '${c.text}': the columns are ${known.filter(k => k !== 'note').join(', ')} (and note, ignored).` });
        } else if (columns.has(name)) {
            errors.push({ file, line: c.line, column: c.column, message: `The column '${name}' appears twice.` });
        } else {
            columns.set(name, i);
        }
    });
    const missing = required.filter(r => !columns.has(r));
    if (missing.length) {
        errors.push({ file, line: cells[0]?.line ?? 1, column: 1, message: `The header lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.` });
        return undefined;
    }
    return { columns };
}

function cellOf(cells: Cell[], header: Header, name: string, line: number): Cell {
    const i = header.columns.get(name);
    const last = cells[cells.length - 1];
    return (i !== undefined ? cells[i] : undefined) ?? { text: '', line, column: last ? last.column + last.text.length + 1 : 1 };
}

/** Parses a `.normtest.csv` text. `file` is how errors name it. */
export function parseNormTest(file: string, text: string): { fixture?: NormTestFixture; errors: FixtureError[] } {
    const errors: FixtureError[] = [];
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find(l => /\bprogram\b/i.test(l) && /\bmetric\b/i.test(l)) ?? '';
    const delimiter = sniffDelimiter(firstLine);
    const csv = readCells(text, delimiter);
    for (const e of csv.errors) errors.push({ file, ...e });
    let description: string | null = null;
    let asOf: { value: string; at: Located } | null = null;
    let actionsFile: string | null = null;
    let header: Header | undefined;
    let headerSeen = false;
    const points: FixturePoint[] = [];
    const verdicts: VerdictExpectation[] = [];
    const seenPoints = new Map<string, number>();

    for (const row of csv.rows) {
        if (isBlank(row)) continue;
        if (isComment(row.cells)) {
            if (!headerSeen && description === null) description = row.raw.trim().replace(/^#+\s*/, '').replace(/[,;\t]+$/, '').trim() || null;
            continue;
        }
        const first = row.cells[0];
        if (!headerSeen) {
            if (row.cells.some(c => c.text.toLowerCase() === 'program') && row.cells.some(c => c.text.toLowerCase() === 'metric')) {
                headerSeen = true;
                header = readHeader(row.cells, file, POINT_COLUMNS, REQUIRED_POINT_COLUMNS, errors);
                continue;
            }
            // A setting: `key,value` or `key: value`.
            let key = first.text;
            let value = row.cells[1]?.text ?? '';
            let at: Located = row.cells[1] ? { line: row.cells[1].line, column: row.cells[1].column } : { line: first.line, column: first.column + first.text.length };
            const colon = key.indexOf(':');
            if (colon > 0 && value === '') {
                value = key.slice(colon + 1).trim();
                at = { line: first.line, column: first.column + colon + 1 };
                key = key.slice(0, colon);
            }
            key = key.trim().toLowerCase();
            if (key === 'as-of' || key === 'asof' || key === 'as of') {
                if (!isDay(value)) errors.push({ file, ...at, message: `as-of '${value}' is not a day: write it like 2026-01-31.` });
                else asOf = { value, at };
            } else if (key === 'actions') {
                if (!value) errors.push({ file, ...at, message: 'actions: name the actions CSV file, relative to this fixture.' });
                else actionsFile = value;
            } else if (key === 'description') {
                description = value || description;
            } else {
                errors.push({
                    file, line: first.line, column: first.column,
                    message: `'${first.text}' is neither a setting (as-of, actions, description) nor the header row (program,metric,period,value,sample,expect).`,
                });
            }
            continue;
        }
        if (!header) continue;
        const cell = (name: string) => cellOf(row.cells, header!, name, row.line);
        const extra = row.cells.slice(header.columns.size > 0 ? Math.max(...header.columns.values()) + 1 : 0).find(c => c.text !== '');
        if (extra) errors.push({ file, line: extra.line, column: extra.column, message: `A value outside the columns: '${extra.text}' (a decimal comma, or a delimiter inside an unquoted value?).` });
        const program = cell('program');
        const metric = cell('metric');
        const period = cell('period');
        const value = cell('value');
        const sample = cell('sample');
        const expect = cell('expect');
        const fields: Record<string, Located> = {};
        for (const [name, c] of Object.entries({ program, metric, period, value, sample, expect })) fields[name] = { line: c.line, column: c.column };
        let bad = false;
        for (const [name, c] of [['program', program], ['metric', metric]] as const) {
            if (!c.text) { errors.push({ file, line: c.line, column: c.column, message: `The ${name} is empty.` }); bad = true; }
        }
        if (value.text === '') {
            // A verdict row.
            if (sample.text !== '') errors.push({ file, line: sample.line, column: sample.column, message: 'A verdict row (no value) takes no sample.' });
            const word = expect.text.toLowerCase();
            if (!word) {
                errors.push({ file, line: value.line, column: value.column, message: 'A row needs a value (a point) or an expected verdict in expect (a verdict row).' });
                continue;
            }
            if (!(VERDICTS as readonly string[]).includes(word)) {
                const hint = (POINT_STATUSES as readonly string[]).includes(word.split(/\s+/)[0]) ? ` ('${word}' is a point status: give the point its value)` : '';
                errors.push({ file, line: expect.line, column: expect.column, message: `Unknown verdict '${expect.text}': expect ${VERDICTS.join(', ')}${hint}.` });
                continue;
            }
            if (period.text !== '' && !isDay(period.text)) {
                errors.push({ file, line: period.line, column: period.column, message: `In a verdict row, period picks the norm in force on that day: write a day like 2026-01-31, not '${period.text}'.` });
                continue;
            }
            if (!bad) verdicts.push({ program: program.text, metric: metric.text, at: period.text || null, verdict: word as ExpectedVerdict, line: row.line, fields });
            continue;
        }
        // A point row.
        if (!period.text) { errors.push({ file, line: period.line, column: period.column, message: 'A point needs a period (2026-01-05, 2026-W02, 2026-01 or 2026-01-05T09:30).' }); bad = true; }
        const v = Number(value.text);
        if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value.text) || !Number.isFinite(v)) {
            errors.push({ file, line: value.line, column: value.column, message: `The value '${value.text}' is not a number: write 78.4 (percent as 0..100, durations in seconds, a decimal point).` });
            bad = true;
        }
        let s: number | null = null;
        if (sample.text !== '') {
            s = Number(sample.text);
            if (!/^\d+$/.test(sample.text)) { errors.push({ file, line: sample.line, column: sample.column, message: `The sample '${sample.text}' is not a whole number.` }); bad = true; }
        }
        let expectation: PointExpectation | null = null;
        if (expect.text) {
            const words = expect.text.trim().split(/\s+/);
            const status = words[0].toLowerCase();
            const rest = words.slice(1);
            if (!(POINT_STATUSES as readonly string[]).includes(status)) {
                const hint = (VERDICTS as readonly string[]).includes(status) ? ` ('${status}' is a verdict: put it on a row without a value)` : '';
                errors.push({ file, line: expect.line, column: expect.column, message: `Unknown point status '${expect.text}': expect ${POINT_STATUSES.join(', ')}, optionally followed by 'trigger'${hint}.` });
                bad = true;
            } else {
                const trigger = rest.length > 0 && rest[rest.length - 1].toLowerCase() === 'trigger';
                const others = trigger ? rest.slice(0, -1) : rest;
                if (status === 'excluded' && others.length <= 1) {
                    expectation = { status, trigger, ...(others[0] ? { exclusion: others[0] } : {}), at: expect };
                } else if (others.length === 0 && (!trigger || status === 'missed' || status === 'critical')) {
                    expectation = { status: status as ExpectedStatus, trigger: trigger || status === 'critical', at: expect };
                } else {
                    errors.push({
                        file, line: expect.line, column: expect.column,
                        message: `Cannot read '${expect.text}': write a status (${POINT_STATUSES.join(', ')}); a missed point may add 'trigger'; an excluded one may name its exclusion.`,
                    });
                    bad = true;
                }
            }
        }
        const key = `${program.text}\u0000${metric.text}\u0000${period.text}`;
        if (!bad && seenPoints.has(key)) {
            errors.push({ file, line: period.line, column: period.column, message: `${program.text} ${metric.text} ${period.text} is given twice (first on line ${seenPoints.get(key)}).` });
            bad = true;
        }
        if (bad) continue;
        seenPoints.set(key, row.line);
        points.push({ program: program.text, metric: metric.text, period: period.text, value: v, sample: s, expect: expectation, line: row.line, fields });
    }
    if (!headerSeen) errors.push({ file, line: 1, column: 1, message: 'No header row: write program,metric,period,value,sample,expect before the points.' });
    if (!asOf) errors.push({ file, line: 1, column: 1, message: 'The case needs its evaluation day: add a line as-of,2026-01-31 before the header.' });
    if (headerSeen && header && !verdicts.length && !points.some(p => p.expect)) {
        errors.push({ file, line: 1, column: 1, message: 'The case expects nothing: fill expect on a point, or add a verdict row (program,metric,,,,met).' });
    }
    if (errors.length || !asOf) return { errors };
    return { fixture: { file, name: caseName(file), description, asOf: asOf.value, actionsFile, points, verdicts }, errors };
}
