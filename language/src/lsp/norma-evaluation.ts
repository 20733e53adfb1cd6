/**
 * The evaluate code lens's verdicts: reads the `norma.data`, `norma.actions` and `norma.asOf`
 * settings (workspace/configuration, or the client's initializationOptions) and runs
 * `runCheck` (as `norma check` does) over the model of the open documents. When no verdict can
 * be given, every norm says why, with the file:line of the first problem (a repeated row names
 * the row it repeats; an expired exclusion names itself and its expiry). Results are cached
 * until a document or the data changes; then the client is asked to refresh its lenses. Must
 * not evaluate rules itself, and must not write to stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI, type AstNode, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { InitializeParams } from 'vscode-languageserver';
import { dataFiles, runCheck, type CheckOutcome, type CheckProblems } from '../check/index.js';
import { formatDataError } from '../data/index.js';
import { todayUtc } from '../engine/calendar.js';
import type { CheckWarning, NormResult } from '../engine/types.js';
import { buildModel } from '../model/build.js';
import type { Grain, NormaModel, SourceRef } from '../model/types.js';

export interface NormVerdicts {
    /** Norm id (`Program.Metric` or `Program.Metric@from`) -> the lens title. */
    byNorm: Map<string, string>;
    /** Shown on every norm when the data cannot be evaluated (missing file, bad rows). */
    fallback?: string;
}

/** The settings the lens reads (`norma.data`, `norma.actions`, `norma.asOf`). */
export interface EvaluationSettings {
    data: string[];
    actions: string[];
    asOf?: string;
}

const PLURAL: Record<Grain, string> = {
    interval15: 'intervals', interval30: 'intervals', hourly: 'hours', daily: 'days', weekly: 'weeks', monthly: 'months',
};

/** `met 27 of 31 days; action required since 2026-01-04`: a verdict in one line. */
export function verdictTitle(result: NormResult, grain: Grain, asOf: string): string {
    if (result.verdict === 'no-data') return `no data up to ${asOf}`;
    const met = result.points.filter(p => p.status === 'met').length;
    const judged = met + result.points.filter(p => p.status === 'missed').length;
    const unit = PLURAL[grain] ?? 'points';
    const head = `met ${met} of ${judged} ${judged === 1 ? unit.replace(/s$/, '') : unit}`;
    switch (result.verdict) {
        case 'met': return head;
        case 'at-risk': {
            const missed = result.points.filter(p => p.status === 'missed').at(-1);
            return `${head}; at risk${missed ? ` (missed ${missed.period})` : ''}`;
        }
        case 'action-required': {
            const open = result.triggers.find(t => !t.answeredBy);
            return `${head}; action required${open ? ` since ${open.periods.at(-1)}` : ''}`;
        }
        case 'action-planned': {
            const plan = result.triggers.map(t => t.answeredBy).find(a => a);
            return `${head}; action planned${plan ? ` (${plan.owner}${plan.due ? `, due ${plan.due}` : ''})` : ''}`;
        }
        case 'overdue': {
            const late = result.triggers.find(t => t.overdue)?.answeredBy;
            return `${head}; action overdue${late?.due ? ` since ${late.due}` : ''}`;
        }
        case 'stale': {
            const latest = result.points.filter(p => p.status === 'met' || p.status === 'missed').at(-1);
            return `${head}; stale: no data since ${latest?.period ?? '?'}`;
        }
    }
}

export class NormaEvaluation {
    protected root: string | undefined;
    protected initSettings: Partial<EvaluationSettings> = {};
    protected refreshSupported = false;
    protected generation = 0;
    protected cache: { key: string; verdicts: NormVerdicts } | undefined;
    protected watchers = new Map<string, fs.FSWatcher>();

    constructor(protected readonly services: LangiumServices) {
        const shared = services.shared;
        shared.lsp.LanguageServer.onInitialize(params => this.initialize(params));
        shared.workspace.DocumentBuilder.onUpdate(() => { this.generation++; });
        shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
            if (update.section === 'norma') this.refresh();
        });
    }

    protected initialize(params: InitializeParams): void {
        const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
        if (folder) this.root = URI.parse(folder).fsPath;
        const options = (params.initializationOptions ?? {}) as Record<string, unknown>;
        const section = (options.norma ?? options) as Record<string, unknown>;
        this.initSettings = normalise(section);
        this.refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    }

    /** Sets the workspace folder relative settings are read from (the client's first folder by default). */
    setRoot(folder: string): void {
        this.root = folder;
    }

    async settings(): Promise<EvaluationSettings> {
        const config = this.services.shared.workspace.ConfigurationProvider;
        const read = async (key: string) => {
            try {
                return await config.getConfiguration('norma', key);
            } catch {
                return undefined;
            }
        };
        const [data, actions, asOf] = await Promise.all([read('data'), read('actions'), read('asOf')]);
        const fromConfig = normalise({ data, actions, asOf });
        return {
            data: fromConfig.data?.length ? fromConfig.data : this.initSettings.data ?? [],
            actions: fromConfig.actions?.length ? fromConfig.actions : this.initSettings.actions ?? [],
            asOf: fromConfig.asOf ?? this.initSettings.asOf,
        };
    }

    /** The lens titles of every norm, or undefined when `norma.data` is not set. */
    async normVerdicts(): Promise<NormVerdicts | undefined> {
        const settings = await this.settings();
        if (settings.data.length === 0) return undefined;
        const asOf = settings.asOf || todayUtc();
        const resolve = (p: string) => path.resolve(this.root ?? process.cwd(), p);
        const data = settings.data.map(resolve);
        const actions = settings.actions.map(resolve);
        this.watch([...data, ...actions]);
        const key = JSON.stringify([this.generation, asOf, data, actions, signature([...data, ...actions])]);
        if (this.cache?.key === key) return this.cache.verdicts;
        const verdicts = await this.evaluate(data, actions, asOf);
        this.cache = { key, verdicts };
        return verdicts;
    }

    protected async evaluate(data: string[], actionSources: string[], asOf: string): Promise<NormVerdicts> {
        const missing = [...data, ...actionSources].find(p => !fs.existsSync(p));
        if (missing) return { byNorm: new Map(), fallback: `norma.data: no such file or folder ${missing}` };
        let outcome: CheckOutcome;
        try {
            outcome = await runCheck({
                workspace: { root: this.root ?? process.cwd(), model: this.model(), diagnostics: [] },
                measurements: [dataFiles(data)],
                actions: actionSources,
                asOf,
            });
        } catch (error) {
            return { byNorm: new Map(), fallback: `cannot evaluate: ${firstLine((error as Error).message ?? String(error))}` };
        }
        if (!outcome.ok) return { byNorm: new Map(), fallback: problemTitle(outcome.problems) };
        const { model, result } = outcome;
        const grains = new Map(model.metrics.map(m => [m.id, m.period]));
        const byNorm = new Map<string, string>();
        for (const r of result.results) {
            byNorm.set(r.norm.id, verdictTitle(r, grains.get(r.metric) ?? 'daily', result.asOf) + expiredNote(model, result.warnings ?? [], r.program, r.metric));
        }
        for (const u of result.upcoming) byNorm.set(u.id, `in force from ${u.from}`);
        return { byNorm };
    }

    /** The model of every document in the workspace, as `norma check` builds it. */
    protected model(): NormaModel {
        const documents = this.services.shared.workspace.LangiumDocuments.all.toArray();
        return buildModel(documents, node => this.locate(node));
    }

    protected locate(node: AstNode): SourceRef {
        let n: AstNode | undefined = node;
        while (n && !n.$document) n = n.$container;
        const doc: LangiumDocument | undefined = n?.$document;
        const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
        const file = doc ? path.relative(this.root ?? process.cwd(), doc.uri.fsPath).split(path.sep).join('/') : '';
        return { file, line: start.line + 1, column: start.character + 1 };
    }

    /** Drops the cached verdicts and asks the client to fetch the lenses again. */
    refresh(): void {
        this.cache = undefined;
        const connection = this.services.shared.lsp.Connection;
        if (connection && this.refreshSupported) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }

    protected watch(paths: string[]): void {
        for (const p of paths) {
            if (this.watchers.has(p) || !fs.existsSync(p)) continue;
            try {
                const watcher = fs.watch(p, { persistent: false }, () => this.refresh());
                watcher.on('error', () => { this.watchers.delete(p); });
                this.watchers.set(p, watcher);
            } catch {
                // Watching is a convenience: the modification times below still catch a change.
            }
        }
    }
}

function normalise(raw: Record<string, unknown>): Partial<EvaluationSettings> {
    const list = (v: unknown): string[] | undefined =>
        typeof v === 'string' ? (v.trim() ? [v.trim()] : []) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : undefined;
    return {
        data: list(raw.data),
        actions: list(raw.actions),
        asOf: typeof raw.asOf === 'string' && raw.asOf.trim() ? raw.asOf.trim() : undefined,
    };
}

/** Modification times of the data files (a folder's entries included): a change invalidates the cache. */
function signature(paths: string[]): string {
    return paths.map(p => {
        const stat = fs.statSync(p, { throwIfNoEntry: false });
        if (!stat) return `${p}:missing`;
        if (!stat.isDirectory()) return `${p}:${stat.mtimeMs}:${stat.size}`;
        return fs.readdirSync(p).sort().map(e => {
            const s = fs.statSync(path.join(p, e), { throwIfNoEntry: false });
            return `${e}:${s?.mtimeMs}:${s?.size}`;
        }).join(',');
    }).join(';');
}

/** `; exclusion StormEunice expired on 2026-03-31, its points judged as usual` for each expired exclusion naming the norm's program and metric. */
function expiredNote(model: NormaModel, warnings: readonly CheckWarning[], program: string, metric: string): string {
    const notes = warnings.filter(w => w.code === 'exclusion-expired' && w.exclusion).flatMap(w => {
        const x = model.exclusions.find(e => e.id === w.exclusion);
        const covers = x && (x.programs.length === 0 || x.programs.includes(program)) && (x.metrics.length === 0 || x.metrics.includes(metric));
        return covers ? [`; exclusion ${w.exclusion} expired on ${w.expired ?? x.expires}, its points judged as usual`] : [];
    });
    return [...new Set(notes)].join('');
}

/**
 * One line for every norm when no verdict can be given: the first problem at its file:line,
 * and how many more (`data problem: data/sl.csv:3:1 error The same program, metric and period
 * already appear at data/sl.csv:2. (and 2 more)`), or an expired exclusion's own headline.
 */
export function problemTitle(problems: CheckProblems): string {
    const first = problems.data[0];
    if (!first) return `cannot evaluate: ${firstLine(problems.message)}`;
    const expired = /^Expired exclusion/.test(problems.message);
    const more = problems.data.length > 1 ? ` (and ${problems.data.length - 1} more)` : '';
    if (expired) return `cannot evaluate: ${firstLine(problems.message)} First point: ${formatDataError(first)}${more}`;
    return `data problem: ${formatDataError(first)}${more}`;
}

function firstLine(text: string): string {
    return text.split('\n').find(l => l.trim())?.trim() ?? text;
}
