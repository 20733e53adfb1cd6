/**
 * `--format html`: one self-contained report file, for a vendor manager, that works offline,
 * reads on a phone (tables become stacked cards under 640 px) and prints on A4. No script, no
 * external resource (a Content-Security-Policy forbids both); charts are inline SVG made at
 * report time (chart.ts). Sections, each its own function (sections/ holds the newer ones):
 * a title naming clients, providers and the period covered; the gate and the norms that fail
 * it; the counts; the readiness summary (from `norma assess`); the programs at a glance with
 * their latest data; the requirements matrix; the provider comparison per metric; per program
 * its norms with verdicts and reasons and a control chart per metric; the action log; the
 * exclusion register; the norms not yet in force. Every text from `.norma` files or data is
 * escaped. `webview` renders the same page for VS Code's webview (its CSP: a nonce'd style).
 */
import type { CheckResult, NormResult, Verdict } from '../../../language/src/engine/types.js';
import { actionLog } from './sections/action-log.js';
import { coverOf, coverTitle, latestData } from './sections/cover.js';
import { exclusionRegister } from './sections/exclusions.js';
import { readinessSummary } from './sections/readiness.js';
import type { MetricModel, NormaModel, ProgramModel } from '../../../language/src/model/types.js';
import { COLORS, controlChart, sparkline } from './chart.js';
import { escapeHtml as h } from './escape.js';
import { byProgram, countParts, decidingText, gateReasons, isFailing, lastJudged, percent, programIds, ruleText, show } from './facts.js';
import type { ReportContext, TextFormat } from './format.js';
import { metricsById, VERDICT_ORDER, verdictWords } from './values.js';

export const VERDICT_COLORS: Record<Verdict, string> = {
    'met': '#1b7f3b', 'at-risk': '#a15c00', 'action-planned': '#1f5fa8', 'action-required': '#b3261e', 'overdue': '#8e1b5a', 'stale': '#6d4c41', 'no-data': '#5f6368',
};

export const CSS = `
:root { --ink: #1d2330; --muted: #5f6673; --line: #dfe3ea; --bg: #f6f7f9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 14px; }
.gate { padding: 12px 16px; border-radius: 6px; font-size: 17px; font-weight: 600; color: #fff; margin: 12px 0; }
.gate.passed { background: #1b7f3b; } .gate.failed { background: #b3261e; }
.tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; }
.tile { flex: 1 1 100px; border: 1px solid var(--line); border-left: 5px solid var(--c); border-radius: 4px; padding: 6px 10px; }
.tile b { display: block; font-size: 22px; }
.tile span { color: var(--muted); font-size: 12px; }
nav ul { margin: 4px 0; padding-left: 18px; columns: 3; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f2f6; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.src { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
.matrix th.cat { text-align: center; }
.matrix td.cell { text-align: center; font-weight: 700; }
.ok { color: #1b7f3b; } .ko { color: #b3261e; } .na { color: #9aa0a6; }
.bar { vertical-align: middle; margin-right: 6px; }
${Object.entries(VERDICT_COLORS).map(([v, c]) => `.badge.v-${v} { background: ${c}; } .tile.v-${v} { --c: ${c}; }`).join('\n')}
.tile.headline { --c: #1f3a93; }
.program { break-before: auto; }
figure.chart { margin: 8px 0 18px; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 2px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; color: var(--muted); margin: 6px 0 12px; align-items: center; }
.legend svg { vertical-align: middle; margin-right: 4px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
.failing td { background: #fff6f5; }
.status { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; border: 1px solid currentColor; }
.status.overdue { color: #b3261e; } .status.open { color: #1f5fa8; } .status.closed { color: #1b7f3b; }
.control-chart .x-label { font-variant-numeric: tabular-nums; }
@media (max-width: 640px) {
  main { padding: 12px 12px 32px; }
  h1 { font-size: 20px; }
  nav ul { columns: 1; }
  .src { white-space: normal; overflow-wrap: anywhere; }
  td.num { white-space: normal; text-align: left; }
  table.cards, table.cards thead, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: auto; }
  table.cards thead { display: none; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 6px 8px; }
  table.cards td { border: 0; padding: 2px 0; overflow-wrap: anywhere; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-weight: 600; }
  table.cards th[scope=row] { border: 0; background: none; padding: 2px 0; font-size: 14px; }
  .matrix td.cell { display: inline-block; min-width: 3.2em; text-align: left; }
  .matrix td.cell::before { font-weight: 400; }
}
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  .program { break-before: page; }
  table { font-size: 10.5px; }
  figure.chart svg { width: 100%; }
  .src { white-space: normal; overflow-wrap: anywhere; }
  td, th { overflow-wrap: anywhere; }
  td.num { white-space: normal; }
  tr { break-inside: avoid; }
}
`;

export interface PageOptions {
    /** The Content-Security-Policy of the page (the file report's by default). */
    csp: string;
    /** A nonce for the inline style, when the CSP asks one (VS Code's webview). */
    nonce?: string;
}

const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export const html: TextFormat = (result, context) => page(result, context, { csp: FILE_CSP });

/** The same report for a webview whose CSP allows only a nonce'd style (no script, no image). */
export function webviewReport(result: CheckResult, context: ReportContext, options: { nonce: string; cspSource: string }): string {
    const csp = `default-src 'none'; img-src ${options.cspSource} data:; style-src 'nonce-${options.nonce}'; script-src 'none'; form-action 'none'; frame-src 'none'`;
    return page(result, context, { csp, nonce: options.nonce });
}

function page(result: CheckResult, context: ReportContext, options: PageOptions): string {
    const model = context.model;
    const metrics = metricsById(model);
    const programs = new Map(model.programs.map(p => [p.id, p]));
    const results = byProgram(result);
    const ids = programIds(result, model).filter(id => results.has(id) || result.requirements.some(r => r.program === id));
    const cover = coverOf(result, model);
    const latest = latestData(result);
    const body: string[] = [];

    body.push(`<h1>${h(coverTitle(cover))}</h1><p class="sub">Norma report as of ${h(result.asOf)} · ${result.summary.norms} norm${result.summary.norms === 1 ? '' : 's'} in ${ids.length} program${ids.length === 1 ? '' : 's'}</p>`);
    body.push(gateSection(result, metrics));
    body.push(countTiles(result));
    if (context.assessment) body.push(readinessSummary(context.assessment));
    body.push(glance(ids, programs, results, latest));
    body.push(`<nav><b>Contents</b><ul>${context.assessment ? '<li><a href="#readiness">Audit readiness</a></li>' : ''}<li><a href="#glance">Programs at a glance</a></li><li><a href="#requirements">Requirements matrix</a></li><li><a href="#providers">Provider comparison</a></li>${ids.map(id => `<li><a href="#program-${h(id)}">${h(id)}</a></li>`).join('')}<li><a href="#actions">Action log</a></li><li><a href="#exclusions">Exclusion register</a></li></ul></nav>`);

    body.push(requirementsMatrix(result, model));
    body.push(providerComparison(result, model, metrics));

    body.push(`<section id="programs"><h2>Programs</h2>${legend()}</section>`);
    for (const id of ids) body.push(programSection(id, programs.get(id), results.get(id) ?? [], result, metrics, latest.get(id)));

    if (result.warnings.length) {
        body.push(`<section id="warnings"><h2>Warnings (${result.warnings.length})</h2><table class="cards"><thead><tr><th>Warning</th><th>Where</th></tr></thead><tbody>`
            + result.warnings.map(w => `<tr><td data-label="Warning">${h(w.message)}</td><td data-label="Where" class="src">${h(w.source ?? '')}</td></tr>`).join('')
            + `</tbody></table></section>`);
    }
    body.push(actionLog(result, context.actions ?? []));
    body.push(exclusionRegister(result, model));
    if (result.upcoming.length) {
        body.push(`<section id="upcoming"><h2>Not yet in force</h2><table class="cards"><thead><tr><th>Program</th><th>Metric</th><th>From</th><th>Norm</th><th>Where</th></tr></thead><tbody>`
            + result.upcoming.map(u => `<tr><td data-label="Program">${h(u.program)}</td><td data-label="Metric">${h(u.metric)}</td><td data-label="From">${h(u.from)}</td><td data-label="Norm">${h(u.id)}</td><td data-label="Where" class="src">${h(u.source)}</td></tr>`).join('')
            + `</tbody></table></section>`);
    }
    body.push(`<footer>Made by Norma from the results of one evaluation as of ${h(result.asOf)}${countParts(result).length ? ` (${h(countParts(result).join(', '))})` : ''}. Charts: points over time, one axis label per point (thinned when they would overlap), the norm's target (stepping where a dated norm takes over), the critical floor, the series' mean and 3-sigma control limits (individuals chart, sigma from the average moving range). Trends compare the last of the points drawn with the first.</footer>`);

    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(options.csp)}">
<title>${h(coverTitle(cover))}</title>
<style${options.nonce ? ` nonce="${h(options.nonce)}"` : ''}>${CSS}</style>
</head>
<body><main>
${body.join('\n')}
</main></body>
</html>
`;
}

/** The gate, then the norms and requirements that fail it: the first thing a vendor manager reads. */
function gateSection(result: CheckResult, metrics: Map<string, MetricModel>): string {
    const s = result.summary;
    const out = [s.passed
        ? `<div class="gate passed" id="gate" data-passed="true">Gate passed</div>`
        : `<div class="gate failed" id="gate" data-passed="false">Gate failed: ${h(gateReasons(result))}</div>`];
    const failing = result.results.filter(r => isFailing(r.verdict))
        .sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || a.program.localeCompare(b.program));
    const unmet = result.requirements.filter(r => !r.satisfied);
    if (failing.length || unmet.length) {
        out.push('<section id="failing"><h2>What fails the gate</h2><table class="failing cards"><thead><tr><th>Verdict</th><th>Program</th><th>Norm</th><th>Reason</th><th>Where</th></tr></thead><tbody>');
        for (const r of failing) {
            out.push(`<tr data-failing="${h(r.norm.id)}"><td data-label="Verdict">${badge(r.verdict)}</td><td data-label="Program"><a href="#program-${h(r.program)}">${h(r.program)}</a></td>`
                + `<td data-label="Norm">${h(ruleText(r.norm, metrics.get(r.metric)))}</td><td data-label="Reason">${h(r.reason)}</td><td data-label="Where" class="src">${h(r.norm.source)}</td></tr>`);
        }
        for (const q of unmet) {
            out.push(`<tr data-failing-requirement="${h(q.id)}"><td data-label="Verdict"><span class="badge v-action-required">unsatisfied</span></td><td data-label="Program"><a href="#program-${h(q.program)}">${h(q.program)}</a></td>`
                + `<td data-label="Requirement">${h(q.id)}</td><td data-label="Reason">${h(q.reason)}</td><td data-label="Where" class="src"></td></tr>`);
        }
        out.push('</tbody></table></section>');
    }
    return out.join('');
}

function countTiles(result: CheckResult): string {
    const s = result.summary;
    // Colours come from classes, never style attributes: the webview's policy allows only the nonce'd style sheet.
    const tiles: [string, number, Verdict][] = [
        ['action required', s.actionRequired, 'action-required'], ['overdue', s.overdue, 'overdue'],
        ['stale', s.stale, 'stale'], ['no data', s.noData, 'no-data'], ['at risk', s.atRisk, 'at-risk'],
        ['action planned', s.actionPlanned, 'action-planned'], ['met', s.met, 'met'],
        ['unsatisfied requirements', s.requirementsUnsatisfied, 'action-required'],
    ];
    return `<div class="tiles" id="counts">${tiles.map(([w, n, v]) => `<div class="tile v-${v}"><b>${n}</b><span>${w}</span></div>`).join('')}`
        + `<div class="tile headline"><b>${percent(s.meetingTarget)}</b><span>meeting target</span></div>`
        + `<div class="tile headline"><b>${percent(s.meetingOrImproving)}</b><span>meeting or improving</span></div></div>`;
}

/** One row per program: who serves whom, how many norms fail, and how fresh its data is. */
function glance(ids: string[], programs: Map<string, ProgramModel>, results: Map<string, NormResult[]>, latest: Map<string, { period: string; metric: string }>): string {
    const out = ['<section id="glance"><h2>Programs at a glance</h2><table class="glance cards"><thead><tr><th>Program</th><th>Client</th><th>Provider</th><th>Norms</th><th>Failing</th><th>Latest data</th></tr></thead><tbody>'];
    for (const id of ids) {
        const p = programs.get(id);
        const list = results.get(id) ?? [];
        const failing = list.filter(r => isFailing(r.verdict)).length;
        const last = latest.get(id);
        out.push(`<tr data-program="${h(id)}"><td data-label="Program"><a href="#program-${h(id)}">${h(id)}</a></td><td data-label="Client">${h(p?.client ?? '—')}</td><td data-label="Provider">${h(p?.provider ?? '—')}</td>`
            + `<td data-label="Norms" class="num">${list.length}</td><td data-label="Failing" class="num">${failing ? `<b class="ko">${failing}</b>` : '0'}</td>`
            + `<td data-label="Latest data" class="latest-data">${last ? `${h(last.period)} <span class="sub">(${h(last.metric)})</span>` : 'no data'}</td></tr>`);
    }
    out.push('</tbody></table></section>');
    return out.join('');
}

function badge(verdict: Verdict): string {
    return `<span class="badge v-${verdict}">${h(verdictWords(verdict))}</span>`;
}

function requirementsMatrix(result: CheckResult, model: NormaModel): string {
    const out = ['<section id="requirements"><h2>Requirements matrix</h2>'];
    const byKey = new Map(result.requirements.map(r => [`${r.program}\u0000${r.id}`, r]));
    const requirements = new Map(model.requirements.map(r => [r.id, r]));
    let any = false;
    for (const standard of model.standards) {
        const applying = model.programs.filter(p => p.applies.includes(standard.id));
        if (applying.length === 0) continue;
        any = true;
        const categories = standard.categories.filter(c => c.requirements.length);
        out.push(`<h3>${h(standard.id)}${standard.title && standard.title !== standard.id ? ` · ${h(standard.title)}` : ''}${standard.version ? ` <span class="sub">version ${h(standard.version)}</span>` : ''}</h3>`);
        out.push(`<table class="matrix cards" data-standard="${h(standard.id)}"><thead><tr><th rowspan="2">Program</th>`
            + categories.map(c => `<th class="cat" colspan="${c.requirements.length}" title="${h(c.name)}">${h(c.title || c.name)}</th>`).join('') + '</tr><tr>'
            + categories.flatMap(c => c.requirements.map(id => `<th title="${h(requirements.get(id)?.title ?? id)}">${h(requirements.get(id)?.name ?? id)}</th>`)).join('')
            + '</tr></thead><tbody>');
        for (const p of applying) {
            out.push(`<tr><th scope="row"><a href="#program-${h(p.id)}">${h(p.id)}</a></th>`);
            for (const c of categories) {
                for (const id of c.requirements) {
                    const r = byKey.get(`${p.id}\u0000${id}`);
                    const label = h(requirements.get(id)?.name ?? id);
                    if (!r) out.push(`<td data-label="${label}" class="cell na" title="${h(`${id}: no norm needed`)}">·</td>`);
                    else if (r.satisfied) out.push(`<td data-label="${label}" class="cell ok" data-requirement="${h(id)}" data-satisfied="true" title="${h(`${id}: ${r.reason}`)}">✓</td>`);
                    else out.push(`<td data-label="${label}" class="cell ko" data-requirement="${h(id)}" data-satisfied="false" title="${h(`${id}: ${r.reason}`)}">✗</td>`);
                }
            }
            out.push('</tr>');
        }
        out.push('</tbody></table>');
        const missing = result.requirements.filter(r => !r.satisfied && applying.some(p => p.id === r.program) && r.id.startsWith(`${standard.id}.`));
        if (missing.length) {
            out.push(`<ul>${missing.map(r => `<li><b>${h(r.program)}</b>: ${h(r.id)}: ${h(r.reason)}</li>`).join('')}</ul>`);
        }
    }
    if (!any) out.push('<p class="sub">No program applies a standard.</p>');
    out.push('</section>');
    return out.join('');
}

interface Row { program: ProgramModel | undefined; id: string; share: number | null; latest: string; latestStatus: string; trend: string; spark: string; rule: string }

function providerComparison(result: CheckResult, model: NormaModel, metrics: Map<string, MetricModel>): string {
    const out = ['<section id="providers"><h2>Provider comparison</h2><p class="sub">Per metric, the programs side by side: share of judged points that met the norm, the latest value, and the trend of the last six points.</p>'];
    const programs = new Map(model.programs.map(p => [p.id, p]));
    const byMetric = new Map<string, Map<string, NormResult[]>>();
    for (const r of result.results) {
        const m = byMetric.get(r.metric) ?? new Map<string, NormResult[]>();
        m.set(r.program, [...(m.get(r.program) ?? []), r]);
        byMetric.set(r.metric, m);
    }
    for (const [metricId, perProgram] of byMetric) {
        const metric = metrics.get(metricId);
        const rows: Row[] = [...perProgram].map(([programId, list]) => {
            const sorted = [...list].sort((a, b) => (a.norm.from ?? '').localeCompare(b.norm.from ?? ''));
            const points = sorted.flatMap(r => r.points);
            const judged = points.filter(p => p.status === 'met' || p.status === 'missed');
            const met = judged.filter(p => p.status === 'met').length;
            const last = lastJudged(points);
            const recent = judged.slice(-6).map(p => p.value);
            return {
                program: programs.get(programId), id: programId,
                share: judged.length ? met / judged.length : null,
                latest: last ? show(last.value, metric) : '—',
                latestStatus: last ? `${last.status} (${last.period})` : 'no data',
                trend: trendOf(recent, metric?.better ?? 'higher'),
                spark: sparkline(recent),
                rule: ruleText(sorted[sorted.length - 1].norm, metric, false),
            };
        });
        rows.sort((a, b) => (a.program?.client ?? '').localeCompare(b.program?.client ?? '') || (a.program?.provider ?? '').localeCompare(b.program?.provider ?? '') || a.id.localeCompare(b.id));
        out.push(`<h3>${h(metricId)}${metric && metric.title !== metricId ? ` <span class="sub">${h(metric.title)}</span>` : ''}</h3>`);
        out.push(`<table class="providers cards" data-metric="${h(metricId)}"><thead><tr><th>Program</th><th>Client</th><th>Provider</th><th>Norm</th><th>Points met</th><th>Latest</th><th>Trend</th></tr></thead><tbody>`);
        for (const r of rows) {
            const share = r.share === null ? '—' : `<svg class="bar" xmlns="http://www.w3.org/2000/svg" width="70" height="8" viewBox="0 0 70 8" aria-hidden="true"><rect width="70" height="8" rx="4" fill="#eceff3"/><rect width="${Math.round(r.share * 70)}" height="8" rx="4" fill="#1b7f3b"/></svg>${percent(r.share)}`;
            out.push(`<tr><td data-label="Program"><a href="#program-${h(r.id)}">${h(r.id)}</a></td><td data-label="Client">${h(r.program?.client ?? '—')}</td><td data-label="Provider">${h(r.program?.provider ?? '—')}</td><td data-label="Norm">${h(r.rule)}</td>`
                + `<td data-label="Points met" class="num">${share}</td><td data-label="Latest" class="num" title="${h(r.latestStatus)}">${h(r.latest)}</td><td data-label="Trend" class="trend">${r.spark} <span class="trend-label">${h(r.trend)}</span></td></tr>`);
        }
        out.push('</tbody></table>');
    }
    if (byMetric.size === 0) out.push('<p class="sub">No norm was evaluated.</p>');
    out.push('</section>');
    return out.join('');
}

/**
 * Improving, worsening or steady, from the same values the sparkline draws: the last against
 * the first, in the metric's better direction (steady within 0.5%). A line that ends above
 * where it starts reads "↗", so a handle time ending on its highest point is never "improving".
 */
export function trendOf(values: number[], better: 'higher' | 'lower'): string {
    if (values.length < 2) return 'too few points';
    const first = values[0];
    const last = values[values.length - 1];
    const scale = Math.max(Math.abs(first), Math.abs(last), 1e-9);
    if (Math.abs(last - first) / scale < 0.005) return '→ steady';
    const up = last > first;
    return (up === (better === 'higher')) ? `${up ? '↗' : '↘'} improving` : `${up ? '↗' : '↘'} worsening`;
}

function programSection(id: string, program: ProgramModel | undefined, results: NormResult[], result: CheckResult, metrics: Map<string, MetricModel>, latest: { period: string; metric: string } | undefined): string {
    const out = [`<section class="program" id="program-${h(id)}" data-program="${h(id)}">`];
    out.push(`<h2>${h(id)}${program && program.title !== id ? ` · ${h(program.title)}` : ''}</h2>`);
    const facts = [
        program?.client ? `client ${h(program.client)}` : '', program?.provider ? `provider ${h(program.provider)}` : '',
        program?.channel ? `channel ${h(program.channel)}` : '', program?.applies.length ? `applies ${h(program.applies.join(', '))}` : '',
        program?.certified ? `certified ${h(program.certified)}` : '',
        `<span class="latest-data">latest data ${latest ? `${h(latest.period)} (${h(latest.metric)})` : 'none'}</span>`,
        program ? `<span class="src">${h(`${program.source.file}:${program.source.line}`)}</span>` : '',
    ].filter(Boolean);
    if (facts.length) out.push(`<p class="sub">${facts.join(' · ')}</p>`);
    const sorted = [...results].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
    if (sorted.length) {
        out.push('<table class="norms cards"><thead><tr><th>Verdict</th><th>Norm</th><th>Reason</th><th>Periods</th><th>Values</th><th>Where</th></tr></thead><tbody>');
        for (const r of sorted) {
            const metric = metrics.get(r.metric);
            const d = decidingText(r, metric);
            out.push(`<tr data-norm="${h(r.norm.id)}" data-verdict="${r.verdict}"><td data-label="Verdict">${badge(r.verdict)}</td><td data-label="Norm">${h(ruleText(r.norm, metric))}</td><td data-label="Reason">${h(r.reason)}</td><td data-label="Periods">${h(d.periods)}</td><td data-label="Values">${h(d.values)}</td><td data-label="Where" class="src">${h(r.norm.source)}</td></tr>`);
        }
        out.push('</tbody></table>');
    }
    const missing = result.requirements.filter(r => r.program === id && !r.satisfied);
    if (missing.length) out.push(`<p><b class="ko">Unsatisfied requirements:</b> ${missing.map(r => `${h(r.id)} (${h(r.reason)})`).join('; ')}</p>`);
    // One control chart per metric, covering every norm (window) of that metric.
    const byMetric = new Map<string, NormResult[]>();
    for (const r of results) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r]);
    for (const [metricId, list] of byMetric) {
        const metric = metrics.get(metricId);
        const verdicts = list.map(r => `${r.norm.from ? `from ${r.norm.from}: ` : ''}${verdictWords(r.verdict)}`).join(', ');
        out.push(`<figure class="chart" data-program="${h(id)}" data-metric="${h(metricId)}" data-norms="${h(list.map(r => r.norm.id).join(' '))}">`
            + `<figcaption>${h(metricId)}${metric && metric.title !== metricId ? ` <span class="sub">${h(metric.title)}</span>` : ''} · ${h(verdicts)}</figcaption>`
            + controlChart(list, metric, result.asOf) + '</figure>');
    }
    out.push('</section>');
    return out.join('');
}

function legend(): string {
    const item = (svg: string, text: string) => `<span><svg xmlns="http://www.w3.org/2000/svg" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">${svg}</svg>${text}</span>`;
    return `<div class="legend">`
        + item(`<circle cx="11" cy="7" r="3.2" fill="${COLORS.met}"/>`, 'met')
        + item(`<circle cx="11" cy="7" r="3.8" fill="${COLORS.missed}"/>`, 'missed')
        + item(`<path d="M11,2l5,5l-5,5l-5,-5z" fill="${COLORS.critical}" stroke="#000" stroke-width="0.8"/>`, 'critical miss')
        + item(`<circle cx="11" cy="7" r="3.2" fill="#fff" stroke="${COLORS.unsampled}" stroke-width="1.5"/>`, 'unsampled')
        + item(`<path d="M8,4l6,6m0,-6l-6,6" stroke="${COLORS.excluded}" stroke-width="1.6"/>`, 'excluded')
        + item(`<path d="M1,7H21" stroke="${COLORS.target}" stroke-width="2"/>`, 'target')
        + item(`<path d="M1,7H21" stroke="${COLORS.critical}" stroke-width="1.5" stroke-dasharray="5 3"/>`, 'critical floor')
        + item(`<path d="M1,7H21" stroke="${COLORS.mean}" stroke-dasharray="6 3"/>`, 'mean')
        + item(`<path d="M1,7H21" stroke="${COLORS.limit}" stroke-dasharray="2 3"/>`, '3σ control limits')
        + item(`<path d="M6,3h10l-5,8z" fill="${COLORS.missed}"/>`, 'trigger, no action')
        + item(`<path d="M6,3h10l-5,8z" fill="${COLORS.overdue}"/>`, 'trigger, action overdue')
        + item(`<path d="M6,3h10l-5,8z" fill="${COLORS.answered}"/>`, 'trigger, answered')
        + '</div>';
}
