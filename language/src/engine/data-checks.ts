/**
 * Checks measurement and action rows against the model before anything is judged. Every
 * problem is reported (not only the first), each with the row's index, the field and a plain
 * message; `check` refuses to give a verdict while any remains.
 *
 * Rows for a metric the program has no norm for are accepted (after the same checks) and
 * ignored by the evaluation: a data export usually carries more metrics than the norms use,
 * and adding a norm later must not require a new export.
 */
import type { MetricModel, NormaModel } from '../model/types.js';
import type { Action, CheckWarning, DataIssue, Measurement } from './types.js';
import { indexModel, type ModelIndex } from './model-index.js';
import { describeKind, fitsGrain, grainExample, grainWords, parsePeriod, dayNumberOf, type Period } from './calendar.js';
import { addToSeries, parsePeriods, periodAt, SeriesFinder, type MeasurementIndex, type Series } from './series.js';
import { asColumns, type MeasurementColumns } from './columns.js';

/** Problems in measurement rows (objects or columns); an empty array when every row can be judged. */
export function checkMeasurements(model: NormaModel, rows: readonly Measurement[] | MeasurementColumns, index: ModelIndex = indexModel(model)): DataIssue[] {
    return scanMeasurements(model, rows, index).issues;
}

/** A series while the rows are checked: what its program and metric are worth, once, and what finds repeats. */
interface CheckedSeries extends Series {
    /** The issue every row of this program gets, or undefined when the program is known. */
    programProblem: string | undefined;
    /** The issue every row of this metric gets, or undefined when the metric is known. */
    metricProblem: string | undefined;
    metric: MetricModel | undefined;
    /** The latest period start of the rows checked for repeats, while they come in increasing order. */
    lastStart: number;
    /** Period start -> index of the first row, once a row came out of order (only then can one repeat another). */
    starts: Map<number, number> | undefined;
}

/** Grain checks are remembered per period and metric for the first this many metrics seen. */
const GRAIN_KEYS = 4096;

/**
 * The data checks and the rows grouped for the evaluation, in one pass (`check` uses both;
 * the groups are those of `indexMeasurements`, plus possibly empty ones for rows whose period
 * does not parse, and only meaningful when there are no issues).
 */
export function scanMeasurements(
    model: NormaModel, rows: readonly Measurement[] | MeasurementColumns, index: ModelIndex = indexModel(model),
): { issues: DataIssue[]; data: MeasurementIndex } {
    const columns = asColumns(rows);
    const issues: DataIssue[] = [];
    const issue = (i: number, field: string, message: string, extra?: Partial<DataIssue>) =>
        issues.push({ kind: 'measurement', index: i, field, message, ...extra });
    const periodById = parsePeriods(columns);
    const data: MeasurementIndex = { columns, periodById, groups: new Map() };
    const finder = new SeriesFinder<CheckedSeries>(columns, data.groups, (program, metric) => newSeries(index, program, metric));
    // A period's grain against a metric, once per period and metric (period id x metric number -> problem, '' when none).
    const grainProblems = new Map<number, string>();
    const metricIds = new Map<MetricModel, number>();
    const odd = columns.odd;
    const periodIds = columns.period;
    const values = columns.value;
    const samples = columns.sample;
    const populations = columns.population;
    for (let i = 0; i < columns.length; i++) {
        let value: unknown;
        let sample: unknown;
        let population: unknown;
        const row = odd?.get(i) as Measurement | undefined;
        if (row !== undefined || odd?.has(i)) {
            if (row === null || typeof row !== 'object') {
                issue(i, 'row', 'A measurement must be an object with program, metric, period and value.');
                continue;
            }
            ({ value, sample, population } = row);
        } else {
            value = values[i];
            const s = samples[i];
            sample = s === s ? s : undefined;
            const n = populations ? populations[i] : NaN;
            population = n === n ? n : undefined;
        }
        const series = finder.of(i);
        if (series.programProblem !== undefined) issue(i, 'program', series.programProblem);
        if (series.metricProblem !== undefined) issue(i, 'metric', series.metricProblem);
        const metric = series.metric;

        const periodId = periodIds[i];
        const period = periodById[periodId];
        let periodOk = period.ok;
        if (!period.ok) issue(i, 'period', capitalise(period.reason));
        else if (metric) {
            let m = metricIds.get(metric);
            if (m === undefined) metricIds.set(metric, m = metricIds.size);
            const key = m < GRAIN_KEYS ? periodId * GRAIN_KEYS + m : -1;
            let problem = key >= 0 ? grainProblems.get(key) : undefined;
            if (problem === undefined) {
                problem = fitsGrain(period, metric.period) ? ''
                    : `${columns.periods[periodId] as string} is ${describeKind(period)}, but ${metric.id} is measured ${grainWords(metric.period)}: `
                        + `write ${grainExample(metric.period, period.day)}.`;
                if (key >= 0) grainProblems.set(key, problem);
            }
            if (problem !== '') {
                periodOk = false;
                issue(i, 'period', problem);
            }
        }

        if (typeof value !== 'number' || !Number.isFinite(value)) {
            issue(i, 'value', `The value must be a number, not ${shown(value)}.`);
        } else if (metric) {
            const problem = valueProblem(value, metric);
            if (problem) issue(i, 'value', problem);
        }

        if (sample !== undefined && sample !== null
            && (typeof sample !== 'number' || !Number.isInteger(sample) || sample < 0)) {
            issue(i, 'sample', `The sample must be a whole number of contacts or transactions, 0 or more, not ${shown(sample)}.`);
        }
        if (population !== undefined && population !== null) {
            if (typeof population !== 'number' || !Number.isInteger(population) || population < 1) {
                issue(i, 'population', `The population must be a whole number of contacts, 1 or more, not ${shown(population)}.`);
            } else if (typeof sample === 'number' && sample > population) {
                issue(i, 'population', `The sample ${sample} is larger than the population ${population} it was drawn from.`);
            }
        }

        if (!period.ok) continue;
        if (series.programProblem === undefined && metric && periodOk) {
            if (series.starts === undefined && period.start > series.lastStart) {
                series.lastStart = period.start;
            } else {
                const starts = series.starts ?? (series.starts = startsOf(series, data, metric));
                const first = starts.get(startKey(period));
                if (first === undefined) starts.set(startKey(period), i);
                else issue(i, 'period', `The same program, metric and period already appear in row ${first}.`, { duplicateOf: first });
            }
        }
        addToSeries(series, i, period, columns, periodById);
    }
    return { issues, data };
}

function newSeries(index: ModelIndex, program: unknown, metricId: unknown): CheckedSeries {
    let programProblem: string | undefined;
    if (typeof program !== 'string' || program === '') programProblem = 'The program is missing.';
    else if (!index.programs.has(program)) programProblem = `Unknown program '${program}'.${index.suggestProgram(program)}`;
    let metricProblem: string | undefined;
    let metric: MetricModel | undefined;
    if (typeof metricId !== 'string' || metricId === '') metricProblem = 'The metric is missing.';
    else if (!(metric = index.metrics.get(metricId))) metricProblem = `Unknown metric '${metricId}'.${index.suggestMetric(metricId)}`;
    return { rows: [], sorted: true, programProblem, metricProblem, metric, lastStart: -Infinity, starts: undefined };
}

/** The period starts of a series' rows checked so far (those at the metric's grain; all distinct), each with its row. */
function startsOf(series: CheckedSeries, data: MeasurementIndex, metric: MetricModel): Map<number, number> {
    const starts = new Map<number, number>();
    for (const j of series.rows) {
        const p = periodAt(data, j)!;
        if (fitsGrain(p, metric.period) && !starts.has(startKey(p))) starts.set(startKey(p), j);
    }
    return starts;
}

/** What makes two periods the same: the start, and the UTC offset of an interval on a daylight-saving night. */
function startKey(p: Period): number {
    return p.offset === undefined ? p.start : p.start + (p.offset + 2000) / 10000;
}

/** Problems in action rows; an empty array when every row is usable. */
export function checkActions(model: NormaModel, rows: readonly Action[], index: ModelIndex = indexModel(model)): DataIssue[] {
    const issues: DataIssue[] = [];
    const issue = (i: number, field: string, message: string) => issues.push({ kind: 'action', index: i, field, message });
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (row === null || typeof row !== 'object') {
            issue(i, 'row', 'An action must be an object with program, metric, opened and owner.');
            continue;
        }
        const { program, metric, owner, opened, due, closed } = row as Action & { owner: unknown };
        if (typeof program !== 'string' || program === '') issue(i, 'program', 'The program is missing.');
        else if (!index.programs.has(program)) issue(i, 'program', `Unknown program '${program}'.${index.suggestProgram(program)}`);
        if (typeof metric !== 'string' || metric === '') issue(i, 'metric', 'The metric is missing.');
        else if (!index.metrics.has(metric)) issue(i, 'metric', `Unknown metric '${metric}'.${index.suggestMetric(metric)}`);
        // A row without an owner is not an error (SPEC §3a): it answers nothing, and `check` warns about it.
        if (owner !== undefined && owner !== null && typeof owner !== 'string') issue(i, 'owner', `The owner must be a name, not ${shown(owner)}.`);
        const openedDay = dayField(i, 'opened', opened, true, issue);
        const dueDay = dayField(i, 'due', due, false, issue);
        const closedDay = dayField(i, 'closed', closed, false, issue);
        if (openedDay !== undefined && dueDay !== undefined && dueDay < openedDay) {
            issue(i, 'due', `The action is due (${due}) before it was opened (${opened}).`);
        }
        if (openedDay !== undefined && closedDay !== undefined && closedDay < openedDay) {
            issue(i, 'closed', `The action is closed (${closed}) before it was opened (${opened}).`);
        }
    }
    return issues;
}

/** Checks an optional or required day field; returns its day number when valid. */
function dayField(
    i: number, field: string, text: unknown, required: boolean, issue: (i: number, field: string, message: string) => void,
): number | undefined {
    if (text === undefined || text === null || text === '') {
        if (required) issue(i, field, `The ${field} date is missing: write a day like 2026-01-05.`);
        return undefined;
    }
    const day = typeof text === 'string' ? dayNumberOf(text) : undefined;
    if (day === undefined) {
        const parsed = typeof text === 'string' ? parsePeriod(text) : undefined;
        const why = parsed && !parsed.ok && !parsed.reason.includes('is not a period') ? ` (${parsed.reason})` : '';
        issue(i, field, `The ${field} date must be a day like 2026-01-05, not ${shown(text)}${why}.`);
    }
    return day;
}

/** Why a value is impossible in its metric's unit, or undefined. */
function valueProblem(value: number, metric: MetricModel): string | undefined {
    switch (metric.unit.kind) {
        case 'percent':
            return value < 0 || value > 100
                ? `${metric.id} is a percent, written 0 to 100: ${value} is outside that range.` : undefined;
        case 'ratio':
            return value < 0 || value > 1
                ? `${metric.id} is a ratio, written 0 to 1: ${value} is outside that range`
                    + (value > 1 && value <= 100 ? ` (${value}% is written ${value / 100}).` : '.')
                : undefined;
        case 'seconds':
        case 'minutes':
        case 'hours':
            return value < 0 ? `${metric.id} is a duration (in seconds): ${value} cannot be negative.` : undefined;
        case 'count':
            return value < 0 ? `${metric.id} is a count: ${value} cannot be negative.` : undefined;
        case 'currency':
            return value < 0 ? `${metric.id} is an amount of money: ${value} cannot be negative.` : undefined;
        default:
            return undefined; // scores (NPS runs -100..100) may be any finite number
    }
}

function shown(value: unknown): string {
    if (value === undefined || value === null || value === '') return 'an empty cell';
    if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
    return String(value);
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Action rows without an owner: each answers nothing and is reported as a warning at its row. */
export function ownerlessActions(rows: readonly Action[]): CheckWarning[] {
    const warnings: CheckWarning[] = [];
    for (let i = 0; i < rows.length; i++) {
        const a = rows[i];
        if (!a || typeof a !== 'object' || (typeof a.owner === 'string' && a.owner.trim() !== '')) continue;
        warnings.push({
            code: 'action-without-owner',
            message: `The action for ${a.program} ${a.metric} opened ${a.opened} has no owner, so it answers no trigger: name who is responsible for it.`,
            row: { kind: 'action', index: i },
        });
    }
    return warnings;
}
