/**
 * `norma staff`: how many agents a service norm needs. The workspace form plans every interval
 * of every program with a `staffing` block from its measurements (engine/staffing.ts), read
 * through runCheck like `norma check`'s; the calculator form takes one interval's workload from
 * options (`--offered 100 --per 30min --aht 180s --threshold 20s --target 80%`), like the Erlang
 * calculators analysts use today. Queueing maths lives in language/src/engine/queueing.ts.
 */
import { staffingPlans, type PlanOptions } from '../../../language/src/engine/staffing.js';
import { isDay } from '../../../language/src/engine/calendar.js';
import { parseAsOf } from '../dates.js';
import { checkFromCli } from '../check-run.js';
import { parseRecordsOptions } from '../records.js';
import { staffingCsv, staffingHtml, staffingJson, staffingMarkdown, staffingPretty, type StaffingReport } from '../formats/staffing.js';
import { fewestAgents, figuresFor, type QueueFigures, type StaffingTarget, type Workload } from '../../../language/src/engine/queueing.js';
import { readQuantity } from '../../../language/src/model/units.js';
import { UsageError } from '../exit-codes.js';
import { writeOutput } from '../terminal.js';
import { CALCULATOR_FORMATS } from '../commands/staff.js';

type StaffFormat = (typeof CALCULATOR_FORMATS)[number];
const PLAN_FORMATS = { pretty: staffingPretty, json: staffingJson, csv: staffingCsv, markdown: staffingMarkdown, html: staffingHtml } as const;

export interface StaffOptions extends CalculatorOptions {
    data?: string[];
    records?: string[];
    database?: string;
    asOf?: string;
    normFrom?: string;
    volume?: string;
    shrinkage?: string;
}

interface CalculatorOptions {
    offered?: string;
    per: string;
    aht?: string;
    threshold?: string;
    target?: string;
    asa?: string;
    patience?: string;
    agents?: string;
    format: string;
    output?: string;
}

export async function run(paths: string[], opts: StaffOptions): Promise<void> {
    // Calculator options without --data are the calculator, even when --offered is forgotten.
    const calculator = opts.offered !== undefined
        || (opts.data === undefined && opts.records === undefined && opts.database === undefined && [opts.aht, opts.target, opts.asa, opts.agents, opts.patience].some(o => o !== undefined));
    if (!calculator) return planWorkspace(paths, opts);
    if (paths.length || opts.data || opts.records || opts.database) throw new UsageError('The calculator (--offered) takes no workspace, --data, --records or --database; leave out --offered to plan a workspace.');
    const format = opts.format as StaffFormat;
    if (!CALCULATOR_FORMATS.includes(format)) throw new UsageError(`Unknown format '${opts.format}': use ${CALCULATOR_FORMATS.join(', ')}.`);
    const { load, target, agents } = readCalculator(opts);
    const figures = agents === undefined ? fewestAgents(load, target) : figuresFor(load, agents, target);
    writeOutput(renderFigures(figures, format), opts.output, format);
}

async function planWorkspace(paths: string[], opts: StaffOptions): Promise<void> {
    const render = PLAN_FORMATS[opts.format as keyof typeof PLAN_FORMATS];
    if (!render) throw new UsageError(`Unknown format '${opts.format}': use ${Object.keys(PLAN_FORMATS).join(', ')}.`);
    const sources = opts.data ?? [];
    const records = parseRecordsOptions(opts.records);
    if (sources.length === 0 && records.length === 0 && opts.database === undefined) {
        throw new UsageError('Give raw records with --records Source=<file|folder> or --database <url>, or interval measurements with --data (or --offered ... for the calculator).');
    }
    const asOf = parseAsOf(opts.asOf);
    const plan: PlanOptions = { asOf };
    if (opts.normFrom !== undefined) {
        if (!isDay(opts.normFrom)) throw new UsageError(`--norm-from '${opts.normFrom}' is not a day: write it like 2026-08-01.`);
        plan.normFrom = opts.normFrom;
    }
    if (opts.threshold !== undefined) plan.thresholdSeconds = duration(opts.threshold, '--threshold');
    if (opts.volume !== undefined) plan.volumeFactor = volumeFactor(opts.volume);
    if (opts.shrinkage !== undefined) {
        const s = percent(opts.shrinkage, '--shrinkage');
        if (s >= 1) throw new UsageError('--shrinkage must be below 100%: agents need some time on the phones.');
        plan.shrinkage = s;
    }
    const outcome = await checkFromCli({ paths, asOf, data: sources, records, database: opts.database, actions: [] });
    if (!outcome.ok) throw new UsageError(outcome.problems.message);
    const { plans, gaps } = staffingPlans(outcome.model, outcome.measurements.columns ?? outcome.measurements.rows, plan);
    const report: StaffingReport = {
        asOf, plans, gaps,
        scenario: {
            ...(plan.normFrom ? { normFrom: plan.normFrom } : {}),
            ...(opts.volume ? { volume: opts.volume } : {}),
            ...(plan.shrinkage !== undefined ? { shrinkage: plan.shrinkage } : {}),
        },
    };
    writeOutput(render(report), opts.output, opts.format);
}

/** `+10%` is 1.1, `-5%` 0.95. */
function volumeFactor(text: string): number {
    const match = /^([+-])([0-9]+(?:\.[0-9]+)?)%$/.exec(text);
    if (!match) throw new UsageError(`--volume '${text}' is not a change: write it like +10% or -5%.`);
    const change = Number(match[2]) / 100;
    const factor = match[1] === '+' ? 1 + change : 1 - change;
    if (factor < 0) throw new UsageError(`--volume '${text}' would leave fewer than no calls.`);
    return factor;
}

function readCalculator(opts: CalculatorOptions): { load: Workload; target: StaffingTarget; agents?: number } {
    const offered = requiredCount(opts.offered, '--offered', 'the calls offered in one interval, e.g. --offered 100');
    const intervalSeconds = duration(opts.per, '--per');
    if (intervalSeconds <= 0) throw new UsageError('--per must be longer than zero, e.g. --per 30min.');
    const aht = duration(required(opts.aht, '--aht', 'the average handle time, e.g. --aht 180s'), '--aht');
    if (aht <= 0) throw new UsageError('--aht must be longer than zero, e.g. --aht 180s.');
    const thresholdSeconds = duration(required(opts.threshold, '--threshold', 'the service threshold, e.g. --threshold 20s'), '--threshold');
    const target: StaffingTarget = { thresholdSeconds };
    if (opts.target !== undefined) target.serviceLevel = percent(opts.target, '--target');
    if (opts.asa !== undefined) target.asa = duration(opts.asa, '--asa');
    if (opts.patience !== undefined) {
        target.patienceSeconds = duration(opts.patience, '--patience');
        if (target.patienceSeconds <= 0) throw new UsageError('--patience must be longer than zero, e.g. --patience 5min.');
    }
    const agents = opts.agents === undefined ? undefined : requiredCount(opts.agents, '--agents', 'a whole number of agents');
    if (agents === undefined && target.serviceLevel === undefined && target.asa === undefined) {
        throw new UsageError('Say what the agents must achieve: --target 80% (service level) or --asa 30s, or give --agents for their figures.');
    }
    if (agents === 0) throw new UsageError('--agents must be at least 1.');
    return { load: { offered, intervalSeconds, aht }, target, agents };
}

function required(value: string | undefined, flag: string, what: string): string {
    if (value === undefined) throw new UsageError(`${flag} is missing: give ${what}.`);
    return value;
}

function requiredCount(value: string | undefined, flag: string, what: string): number {
    const text = required(value, flag, what);
    if (!/^[0-9]+$/.test(text)) throw new UsageError(`${flag} '${text}' is not a whole number: give ${what}.`);
    return Number(text);
}

function duration(text: string, flag: string): number {
    const read = readQuantity({ value: text });
    if (!read.ok || read.dimension !== 'duration') {
        throw new UsageError(`${flag} '${text}' is not a duration: write it with a unit, e.g. 20s, 3min or 1h.`);
    }
    const factor = read.suffix === 'min' ? 60 : read.suffix === 'h' ? 3600 : 1;
    return read.number * factor;
}

function percent(text: string, flag: string): number {
    const read = readQuantity({ value: text });
    if (!read.ok || read.dimension !== 'fraction' || read.number > 100) {
        throw new UsageError(`${flag} '${text}' is not a percent between 0% and 100%: write it like 80%.`);
    }
    return read.number / 100;
}

/** Rounds for reading without losing what the JSON consumer needs (six decimals as the oracles). */
function round(value: number, digits = 6): number | null {
    if (!Number.isFinite(value)) return null;
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}

export function renderFigures(figures: QueueFigures, format: StaffFormat): string {
    const json = {
        model: figures.model,
        agents: figures.agents,
        serviceLevel: round(figures.serviceLevel),
        probabilityWait: round(figures.probabilityWait),
        asa: round(figures.asa),
        occupancy: round(figures.occupancy),
        probabilityAbandon: round(figures.probabilityAbandon),
    };
    switch (format) {
        case 'json':
            return JSON.stringify(json, null, 2);
        case 'csv':
            return `${Object.keys(json).join(',')}\n${Object.values(json).map((v) => (v === null ? '' : String(v))).join(',')}`;
        case 'markdown':
            return [
                '| model | agents | service level | waits | ASA | occupancy | abandons |',
                '|---|---:|---:|---:|---:|---:|---:|',
                `| ${label(figures.model)} | ${figures.agents} | ${pct(figures.serviceLevel)} | ${pct(figures.probabilityWait)} | ${seconds(figures.asa)} | ${pct(figures.occupancy)} | ${pct(figures.probabilityAbandon)} |`,
            ].join('\n');
        default:
            return [
                `${figures.agents} agents (${label(figures.model)})`,
                `  service level    ${pct(figures.serviceLevel)}`,
                `  calls that wait  ${pct(figures.probabilityWait)}`,
                `  average wait     ${seconds(figures.asa)}`,
                `  occupancy        ${pct(figures.occupancy)}`,
                ...(figures.model === 'erlang-a' ? [`  abandons         ${pct(figures.probabilityAbandon)}`] : []),
            ].join('\n');
    }
}

function label(model: QueueFigures['model']): string {
    return model === 'erlang-c' ? 'Erlang C' : 'Erlang A';
}

function pct(fraction: number): string {
    return `${(fraction * 100).toFixed(1)}%`;
}

function seconds(value: number): string {
    return Number.isFinite(value) ? `${value.toFixed(1)} s` : 'unbounded (too few agents)';
}
