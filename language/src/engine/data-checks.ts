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
import type { Action, DataIssue, Measurement } from './types.js';
import { indexModel, type ModelIndex } from './model-index.js';
import { describeKind, fitsGrain, grainExample, grainWords, parsePeriod, dayNumberOf } from './periods.js';

/** Problems in measurement rows; an empty array when every row can be judged. */
export function checkMeasurements(model: NormaModel, rows: readonly Measurement[], index: ModelIndex = indexModel(model)): DataIssue[] {
    const issues: DataIssue[] = [];
    const issue = (i: number, field: string, message: string, extra?: Partial<DataIssue>) =>
        issues.push({ kind: 'measurement', index: i, field, message, ...extra });
    // program -> metric -> period start -> index of the first row, to find repeats.
    const seen = new Map<string, Map<string, Map<number, number>>>();
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (row === null || typeof row !== 'object') {
            issue(i, 'row', 'A measurement must be an object with program, metric, period and value.');
            continue;
        }
        const { program, metric: metricId, period: periodText, value, sample } = row;
        let programOk = false;
        if (typeof program !== 'string' || program === '') issue(i, 'program', 'The program is missing.');
        else if (!index.programs.has(program)) issue(i, 'program', `Unknown program '${program}'.${index.suggestProgram(program)}`);
        else programOk = true;
        let metric: MetricModel | undefined;
        if (typeof metricId !== 'string' || metricId === '') issue(i, 'metric', 'The metric is missing.');
        else if (!(metric = index.metrics.get(metricId))) issue(i, 'metric', `Unknown metric '${metricId}'.${index.suggestMetric(metricId)}`);

        const period = parsePeriod(periodText);
        let periodOk = period.ok;
        if (!period.ok) issue(i, 'period', capitalise(period.reason));
        else if (metric && !fitsGrain(period, metric.period)) {
            periodOk = false;
            issue(i, 'period', `${periodText} is ${describeKind(period)}, but ${metric.id} is measured ${grainWords(metric.period)}: `
                + `write ${grainExample(metric.period, period.day)}.`);
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

        if (programOk && metric && periodOk && period.ok) {
            let byMetric = seen.get(program);
            if (!byMetric) seen.set(program, byMetric = new Map());
            let byStart = byMetric.get(metric.id);
            if (!byStart) byMetric.set(metric.id, byStart = new Map());
            const first = byStart.get(period.start);
            if (first === undefined) byStart.set(period.start, i);
            else issue(i, 'period', `The same program, metric and period already appear in row ${first}.`, { duplicateOf: first });
        }
    }
    return issues;
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
        const { program, metric, owner, opened, due, closed } = row;
        if (typeof program !== 'string' || program === '') issue(i, 'program', 'The program is missing.');
        else if (!index.programs.has(program)) issue(i, 'program', `Unknown program '${program}'.${index.suggestProgram(program)}`);
        if (typeof metric !== 'string' || metric === '') issue(i, 'metric', 'The metric is missing.');
        else if (!index.metrics.has(metric)) issue(i, 'metric', `Unknown metric '${metric}'.${index.suggestMetric(metric)}`);
        if (typeof owner !== 'string' || owner.trim() === '') {
            issue(i, 'owner', 'The owner is missing: every improvement action needs a responsible owner.');
        }
        const openedDay = dayField(i, 'opened', opened, true, issue);
        dayField(i, 'due', due, false, issue);
        const closedDay = dayField(i, 'closed', closed, false, issue);
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
