/**
 * `norma staff` reports over one result (the plans of engine/staffing.ts): every interval in
 * csv and json; in pretty, markdown and html a heat map of the agents needed by time of day
 * and weekday (the mean over the weeks, rounded up to whole agents), the view a workforce
 * planner reads. Text from .norma files and data is escaped for each format.
 */
import type { PlanGap, StaffingPlan, PlannedInterval } from '../../../language/src/engine/staffing.js';
import { intervalLabel } from '../../../language/src/engine/staffing.js';
import { formatValue } from '../../../language/src/engine/format.js';
import { isoWeekday, parsePeriod } from '../../../language/src/engine/calendar.js';
import { escapeHtml, escapeMarkdown } from './escape.js';

export interface StaffingReport {
    asOf: string;
    plans: StaffingPlan[];
    gaps: PlanGap[];
    /** What was asked: a later norm, a volume change, shrinkage. */
    scenario: { normFrom?: string; volume?: string; shrinkage?: number };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function staffingJson(report: StaffingReport): string {
    return JSON.stringify({ schema: 1, asOf: report.asOf, scenario: report.scenario, plans: report.plans, gaps: report.gaps }, null, 2);
}

export function staffingCsv(report: StaffingReport): string {
    const header = 'program,metric,period,weekday,norm,model,offered,aht,agents,scheduled,logged_in,gap,service_level,asa';
    const cell = (v: string | number | undefined) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const lines = [header];
    for (const plan of report.plans) {
        for (const i of plan.intervals) {
            lines.push([plan.program, plan.metric, i.period, weekdayOf(i.period), i.norm, i.model, round(i.offered), round(i.aht), i.agents,
                i.scheduled, i.loggedIn, i.gap, round(i.serviceLevel, 6), round(i.asa)].map(cell).join(','));
        }
    }
    return lines.join('\n');
}

function round(v: number, digits = 3): number | undefined {
    if (!Number.isFinite(v)) return undefined;
    const f = 10 ** digits;
    return Math.round(v * f) / f;
}

function weekdayOf(period: string): string {
    const p = parsePeriod(period);
    return p.ok ? WEEKDAYS[isoWeekday(p.dayNumber) - 1] : '';
}

/** Agents by time of day (rows) and weekday (columns): the mean over the weeks, rounded up. */
export interface HeatMap {
    times: string[];
    /** cells[time][weekday 0..6]: agents, or undefined where no interval fell. */
    cells: (number | undefined)[][];
    peak: number;
}

export function heatMap(plan: StaffingPlan, pick: (i: PlannedInterval) => number = i => i.agents): HeatMap {
    const sums = new Map<string, { total: number; count: number }[]>();
    for (const i of plan.intervals) {
        const p = parsePeriod(i.period);
        if (!p.ok) continue;
        const time = intervalLabel(i.period, plan.grain);
        let row = sums.get(time);
        if (!row) sums.set(time, row = Array.from({ length: 7 }, () => ({ total: 0, count: 0 })));
        const day = isoWeekday(p.dayNumber) - 1;
        row[day].total += pick(i);
        row[day].count += 1;
    }
    const times = [...sums.keys()].sort();
    let peak = 0;
    const cells = times.map(t => sums.get(t)!.map(c => {
        if (c.count === 0) return undefined;
        const mean = Math.ceil(c.total / c.count - 1e-9);
        peak = Math.max(peak, mean);
        return mean;
    }));
    return { times, cells, peak };
}

function goalText(plan: StaffingPlan): string {
    return plan.goal.kind === 'service-level'
        ? `${round(plan.goal.serviceLevel * 100, 2)}% within ${formatValue(plan.goal.thresholdSeconds, { kind: 'seconds' })}`
        : `average speed of answer ${formatValue(plan.goal.asa, { kind: 'seconds' })}`;
}

function summary(plan: StaffingPlan): string {
    const n = plan.intervals.length;
    const model = plan.intervals.some(i => i.model === 'erlang-a') ? 'Erlang A' : 'Erlang C';
    const peak = plan.intervals.reduce<PlannedInterval | undefined>((best, i) => (!best || i.agents > best.agents ? i : best), undefined);
    const short = plan.intervals.filter(i => i.gap !== undefined && i.gap < 0).length;
    const parts = [`${plan.program} ${plan.metric}: ${goalText(plan)}, ${n} interval${n === 1 ? '' : 's'} (${model})`];
    if (peak) parts.push(`peak ${peak.agents} agents in ${peak.period}`);
    if (plan.intervals.some(i => i.gap !== undefined)) parts.push(`short of agents in ${short} of ${n} intervals`);
    return parts.join('; ');
}

function scenarioText(report: StaffingReport): string {
    const s = report.scenario;
    const parts = [`as of ${report.asOf}`];
    if (s.normFrom) parts.push(`norms in force on ${s.normFrom}`);
    if (s.volume) parts.push(`volume ${s.volume}`);
    if (s.shrinkage !== undefined) parts.push(`shrinkage ${round(s.shrinkage * 100, 2)}% (cells show scheduled staff)`);
    return parts.join(', ');
}

function cellsFor(plan: StaffingPlan, report: StaffingReport): HeatMap {
    return heatMap(plan, report.scenario.shrinkage !== undefined ? i => i.scheduled ?? i.agents : i => i.agents);
}

export function staffingPretty(report: StaffingReport): string {
    const lines = [`Agents needed (${scenarioText(report)}); each cell is the mean over the weeks, rounded up.`];
    for (const plan of report.plans) {
        lines.push('', summary(plan));
        const map = cellsFor(plan, report);
        lines.push(`  ${'interval'.padEnd(11)} ${WEEKDAYS.map(d => d.padStart(4)).join('')}`);
        map.times.forEach((t, r) => lines.push(`  ${t.padEnd(11)} ${map.cells[r].map(v => (v === undefined ? '·' : String(v)).padStart(4)).join('')}`));
    }
    for (const g of report.gaps) lines.push('', `${g.program} ${g.metric}: no plan, ${g.reason}.`);
    if (report.plans.length === 0 && report.gaps.length === 0) lines.push('', 'No program has a staffing block with a service norm on interval data.');
    return lines.join('\n');
}

export function staffingMarkdown(report: StaffingReport): string {
    const lines = [`## Agents needed`, '', `${escapeMarkdown(scenarioText(report))}; each cell is the mean over the weeks, rounded up.`];
    for (const plan of report.plans) {
        const map = cellsFor(plan, report);
        lines.push('', `### ${escapeMarkdown(summary(plan))}`, '', `| interval | ${WEEKDAYS.join(' | ')} |`, `|---|${WEEKDAYS.map(() => '---:').join('|')}|`);
        map.times.forEach((t, r) => lines.push(`| ${t} | ${map.cells[r].map(v => (v === undefined ? '' : String(v))).join(' | ')} |`));
    }
    for (const g of report.gaps) lines.push('', `- ${escapeMarkdown(`${g.program} ${g.metric}: no plan, ${g.reason}.`)}`);
    return lines.join('\n');
}

export function staffingHtml(report: StaffingReport): string {
    const h = escapeHtml;
    const sections = report.plans.map(plan => {
        const map = cellsFor(plan, report);
        const rows = map.times.map((t, r) => `<tr><th scope="row">${h(t)}</th>${map.cells[r].map((v, d) => {
            if (v === undefined) return '<td class="none"></td>';
            const shade = map.peak === 0 ? 0 : Math.round((v / map.peak) * 100);
            return `<td data-weekday="${WEEKDAYS[d]}" data-time="${h(t)}" style="--shade:${shade}%">${v}</td>`;
        }).join('')}</tr>`).join('\n');
        return `<section class="plan" data-program="${h(plan.program)}" data-metric="${h(plan.metric)}">
<h2>${h(summary(plan))}</h2>
<div class="scroll"><table class="heat"><thead><tr><th scope="col">interval</th>${WEEKDAYS.map(d => `<th scope="col">${d}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
    }).join('\n');
    const gaps = report.gaps.length ? `<ul class="gaps">${report.gaps.map(g => `<li>${h(`${g.program} ${g.metric}: no plan, ${g.reason}.`)}</li>`).join('')}</ul>` : '';
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Norma staffing: agents needed</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1rem; color: #1a1a1a; }
h1 { font-size: 1.3rem; } h2 { font-size: 1rem; margin-top: 1.5rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table.heat { border-collapse: collapse; }
.heat th, .heat td { padding: 2px 6px; text-align: right; border: 1px solid #ddd; font-variant-numeric: tabular-nums; }
.heat td { background: color-mix(in srgb, #c0392b var(--shade), #ffffff); }
.heat td.none { background: #f4f4f4; }
@media print { .scroll { overflow: visible; } }
</style>
</head>
<body>
<h1>Agents needed</h1>
<p>${h(scenarioText(report))}. Each cell is the mean over the weeks of the agents needed in that interval, rounded up; darker is more.</p>
${sections || '<p>No program has a staffing block with a service norm on interval data.</p>'}
${gaps}
</body>
</html>`;
}
