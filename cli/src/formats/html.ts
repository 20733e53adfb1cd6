/**
 * `--format html`: one self-contained report file that works offline and prints well. No
 * script, no external resource (a Content-Security-Policy forbids both); charts are inline
 * SVG made at report time (chart.ts). Sections: the gate and counts; the requirements matrix
 * (programs x requirements of each applied standard, grouped by category); the provider
 * comparison per metric (share of points met, latest value, trend); per program its norms with
 * verdicts and reasons and a control chart per metric. Every text from `.norma` files or data
 * is escaped.
 */
import type { CheckResult, NormResult, Verdict } from '../../../language/src/engine/types.js';
import type { MetricModel, NormaModel, ProgramModel } from '../../../language/src/model/types.js';
import { COLORS, controlChart, sparkline } from './chart.js';
import { escapeHtml as h } from './escape.js';
import { byProgram, countParts, decidingText, gateReasons, lastJudged, percent, programIds, ruleText, show } from './facts.js';
import type { TextFormat } from './format.js';
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
.bar { display: inline-block; width: 70px; height: 8px; background: #eceff3; border-radius: 4px; vertical-align: middle; margin-right: 6px; }
.bar i { display: block; height: 8px; border-radius: 4px; background: #1b7f3b; }
.program { break-before: auto; }
figure.chart { margin: 8px 0 18px; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 2px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; color: var(--muted); margin: 6px 0 12px; align-items: center; }
.legend svg { vertical-align: middle; margin-right: 4px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  .program { break-before: page; }
  table { font-size: 10.5px; }
  tr { break-inside: avoid; }
}
`;

export const html: TextFormat = (result, context) => {
    const model = context.model;
    const metrics = metricsById(model);
    const programs = new Map(model.programs.map(p => [p.id, p]));
    const results = byProgram(result);
    const ids = programIds(result, model).filter(id => results.has(id) || result.requirements.some(r => r.program === id));
    const s = result.summary;
    const body: string[] = [];

    body.push(`<h1>Norma report</h1><p class="sub">As of ${h(result.asOf)} · ${s.norms} norm${s.norms === 1 ? '' : 's'} in ${ids.length} program${ids.length === 1 ? '' : 's'}</p>`);
    body.push(s.passed
        ? `<div class="gate passed" id="gate" data-passed="true">Gate passed</div>`
        : `<div class="gate failed" id="gate" data-passed="false">Gate failed: ${h(gateReasons(result))}</div>`);
    const tiles: [string, number, string][] = [
        ['action required', s.actionRequired, VERDICT_COLORS['action-required']], ['overdue', s.overdue, VERDICT_COLORS.overdue],
        ['stale', s.stale, VERDICT_COLORS.stale], ['no data', s.noData, VERDICT_COLORS['no-data']], ['at risk', s.atRisk, VERDICT_COLORS['at-risk']],
        ['action planned', s.actionPlanned, VERDICT_COLORS['action-planned']], ['met', s.met, VERDICT_COLORS.met],
        ['unsatisfied requirements', s.requirementsUnsatisfied, VERDICT_COLORS['action-required']],
    ];
    body.push(`<div class="tiles" id="counts">${tiles.map(([w, n, c]) => `<div class="tile" style="--c:${c}"><b>${n}</b><span>${w}</span></div>`).join('')}`
        + `<div class="tile" style="--c:#1f3a93"><b>${percent(s.meetingTarget)}</b><span>meeting target</span></div>`
        + `<div class="tile" style="--c:#1f3a93"><b>${percent(s.meetingOrImproving)}</b><span>meeting or improving</span></div></div>`);
    body.push(`<nav><b>Contents</b><ul><li><a href="#requirements">Requirements matrix</a></li><li><a href="#providers">Provider comparison</a></li>${ids.map(id => `<li><a href="#program-${h(id)}">${h(id)}</a></li>`).join('')}</ul></nav>`);

    body.push(requirementsMatrix(result, model));
    body.push(providerComparison(result, model, metrics));

    body.push(`<section id="programs"><h2>Programs</h2>${legend()}</section>`);
    for (const id of ids) body.push(programSection(id, programs.get(id), results.get(id) ?? [], result, metrics));

    if (result.warnings.length) {
        body.push(`<section id="warnings"><h2>Warnings (${result.warnings.length})</h2><table><tr><th>Warning</th><th>Where</th></tr>`
            + result.warnings.map(w => `<tr><td>${h(w.message)}</td><td class="src">${h(w.source ?? '')}</td></tr>`).join('')
            + `</table></section>`);
    }
    if (result.upcoming.length) {
        body.push(`<section id="upcoming"><h2>Not yet in force</h2><table><tr><th>Program</th><th>Metric</th><th>From</th><th>Norm</th><th>Where</th></tr>`
            + result.upcoming.map(u => `<tr><td>${h(u.program)}</td><td>${h(u.metric)}</td><td>${h(u.from)}</td><td>${h(u.id)}</td><td class="src">${h(u.source)}</td></tr>`).join('')
            + `</table></section>`);
    }
    body.push(`<footer>Made by Norma from the results of one evaluation as of ${h(result.asOf)}${countParts(result).length ? ` (${h(countParts(result).join(', '))})` : ''}. Charts: points over time, the norm's target (stepping where a dated norm takes over), the critical floor, the series' mean and 3-sigma control limits (individuals chart, sigma from the average moving range).</footer>`);

    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Norma report as of ${h(result.asOf)}</title>
<style>${CSS}</style>
</head>
<body><main>
${body.join('\n')}
</main></body>
</html>
`;
};

function badge(verdict: Verdict): string {
    return `<span class="badge" style="background:${VERDICT_COLORS[verdict]}">${h(verdictWords(verdict))}</span>`;
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
        out.push(`<table class="matrix" data-standard="${h(standard.id)}"><thead><tr><th rowspan="2">Program</th>`
            + categories.map(c => `<th class="cat" colspan="${c.requirements.length}" title="${h(c.name)}">${h(c.title || c.name)}</th>`).join('') + '</tr><tr>'
            + categories.flatMap(c => c.requirements.map(id => `<th title="${h(requirements.get(id)?.title ?? id)}">${h(requirements.get(id)?.name ?? id)}</th>`)).join('')
            + '</tr></thead><tbody>');
        for (const p of applying) {
            out.push(`<tr><th><a href="#program-${h(p.id)}">${h(p.id)}</a></th>`);
            for (const c of categories) {
                for (const id of c.requirements) {
                    const r = byKey.get(`${p.id}\u0000${id}`);
                    if (!r) out.push(`<td class="cell na" title="${h(`${id}: no norm needed`)}">·</td>`);
                    else if (r.satisfied) out.push(`<td class="cell ok" data-requirement="${h(id)}" data-satisfied="true" title="${h(`${id}: ${r.reason}`)}">✓</td>`);
                    else out.push(`<td class="cell ko" data-requirement="${h(id)}" data-satisfied="false" title="${h(`${id}: ${r.reason}`)}">✗</td>`);
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
        out.push(`<table class="providers" data-metric="${h(metricId)}"><tr><th>Program</th><th>Client</th><th>Provider</th><th>Norm</th><th>Points met</th><th>Latest</th><th>Trend</th></tr>`);
        for (const r of rows) {
            const share = r.share === null ? '—' : `<span class="bar"><i style="width:${Math.round(r.share * 100)}%"></i></span>${percent(r.share)}`;
            out.push(`<tr><td><a href="#program-${h(r.id)}">${h(r.id)}</a></td><td>${h(r.program?.client ?? '—')}</td><td>${h(r.program?.provider ?? '—')}</td><td>${h(r.rule)}</td>`
                + `<td class="num">${share}</td><td class="num" title="${h(r.latestStatus)}">${h(r.latest)}</td><td>${r.spark} ${h(r.trend)}</td></tr>`);
        }
        out.push('</table>');
    }
    if (byMetric.size === 0) out.push('<p class="sub">No norm was evaluated.</p>');
    out.push('</section>');
    return out.join('');
}

/** Improving, worsening or steady: the mean of the last three values against the three before. */
export function trendOf(values: number[], better: 'higher' | 'lower'): string {
    if (values.length < 4) return 'too few points';
    const half = Math.floor(values.length / 2);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const before = mean(values.slice(0, half));
    const after = mean(values.slice(half));
    const scale = Math.max(Math.abs(before), Math.abs(after), 1e-9);
    if (Math.abs(after - before) / scale < 0.005) return '→ steady';
    const up = after > before;
    return (up === (better === 'higher')) ? `${up ? '↗' : '↘'} improving` : `${up ? '↗' : '↘'} worsening`;
}

function programSection(id: string, program: ProgramModel | undefined, results: NormResult[], result: CheckResult, metrics: Map<string, MetricModel>): string {
    const out = [`<section class="program" id="program-${h(id)}" data-program="${h(id)}">`];
    out.push(`<h2>${h(id)}${program && program.title !== id ? ` · ${h(program.title)}` : ''}</h2>`);
    const facts = [
        program?.client ? `client ${h(program.client)}` : '', program?.provider ? `provider ${h(program.provider)}` : '',
        program?.channel ? `channel ${h(program.channel)}` : '', program?.applies.length ? `applies ${h(program.applies.join(', '))}` : '',
        program?.certified ? `certified ${h(program.certified)}` : '', program ? `<span class="src">${h(`${program.source.file}:${program.source.line}`)}</span>` : '',
    ].filter(Boolean);
    if (facts.length) out.push(`<p class="sub">${facts.join(' · ')}</p>`);
    const sorted = [...results].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
    if (sorted.length) {
        out.push('<table class="norms"><tr><th>Verdict</th><th>Norm</th><th>Reason</th><th>Periods</th><th>Values</th><th>Where</th></tr>');
        for (const r of sorted) {
            const metric = metrics.get(r.metric);
            const d = decidingText(r, metric);
            out.push(`<tr data-norm="${h(r.norm.id)}" data-verdict="${r.verdict}"><td>${badge(r.verdict)}</td><td>${h(ruleText(r.norm, metric))}</td><td>${h(r.reason)}</td><td>${h(d.periods)}</td><td>${h(d.values)}</td><td class="src">${h(r.norm.source)}</td></tr>`);
        }
        out.push('</table>');
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
