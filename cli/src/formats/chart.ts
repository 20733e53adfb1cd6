/**
 * Control charts as SVG made at report time, for the HTML report: no library, no script, no
 * canvas. One chart per program and metric: the points over time (met, missed, critical,
 * unsampled, excluded), the target line stepping where a dated norm takes over, the critical
 * floor, the triggers (marked above the point that fired them, red when unanswered, amber
 * when overdue, blue when answered), and the series' mean with 3-sigma control limits
 * (individuals chart: sigma estimated from the average moving range, d2 = 1.128).
 * Every text is escaped; numbers are rounded to 0.1 px.
 */
import type { NormResult, PointResult, TriggerResult } from '../../../language/src/engine/types.js';
import type { MetricModel } from '../../../language/src/model/types.js';
import { escapeXml as x } from './escape.js';
import { show } from './facts.js';

const W = 760;
const H = 230;
const M = { left: 64, right: 44, top: 22, bottom: 30 };

export const COLORS = {
    met: '#1b7f3b', missed: '#c62828', unsampled: '#8a8a8a', excluded: '#8a8a8a', target: '#1f3a93',
    critical: '#c62828', mean: '#555', limit: '#9e9e9e', line: '#b0b7c3', answered: '#1f5fa8', overdue: '#c77700', window: '#eef2fb',
};

/** Day number (days since 1970-01-01, fractional for an interval) of the start of a period. */
export function periodStart(period: string): number {
    let m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(period);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 + (m[4] ? (+m[4] * 60 + +m[5]) / 1440 : 0);
    m = /^(\d{4})-(\d{2})$/.exec(period);
    if (m) return Date.UTC(+m[1], +m[2] - 1, 1) / 86400000;
    m = /^(\d{4})-W(\d{2})$/.exec(period);
    if (m) {
        const jan4 = Date.UTC(+m[1], 0, 4) / 86400000;
        const weekday = (new Date(jan4 * 86400000).getUTCDay() + 6) % 7;
        return jan4 - weekday + (+m[2] - 1) * 7;
    }
    return NaN;
}

/** A period as the time axis names it: itself, or `01-05 09:30` for an interval start. */
export function axisLabel(period: string): string {
    const m = /^\d{4}-(\d{2}-\d{2})T(\d{2}:\d{2})/.exec(period);
    return m ? `${m[1]} ${m[2]}` : period;
}

const r1 = (n: number) => String(Math.round(n * 10) / 10);

export interface ControlLimits { mean: number; ucl: number; lcl: number; sigma: number }

/** Mean and 3-sigma limits of an individuals chart; undefined under two values. */
export function controlLimits(values: number[]): ControlLimits | undefined {
    if (values.length < 2) return undefined;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    let mr = 0;
    for (let i = 1; i < values.length; i++) mr += Math.abs(values[i] - values[i - 1]);
    const sigma = mr / (values.length - 1) / 1.128;
    return { mean, sigma, ucl: mean + 3 * sigma, lcl: mean - 3 * sigma };
}

/** Round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
    const span = hi - lo || 1;
    const raw = span / count;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map(f => f * mag).find(s => s >= raw) ?? raw;
    const out: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
}

interface Plotted { point: PointResult; day: number; norm: NormResult }

/**
 * The chart of one program and metric. `results` are that pair's norms (one per window);
 * `asOf` bounds the time axis when there is no point.
 */
export function controlChart(results: NormResult[], metric: MetricModel | undefined, asOf: string): string {
    const norms = [...results].sort((a, b) => (a.norm.from ?? '').localeCompare(b.norm.from ?? ''));
    const plotted: Plotted[] = norms.flatMap(norm => norm.points.map(point => ({ point, norm, day: periodStart(point.period) })))
        .filter(p => Number.isFinite(p.day)).sort((a, b) => a.day - b.day);
    const judged = plotted.filter(p => p.point.status === 'met' || p.point.status === 'missed');
    const limits = controlLimits(judged.map(p => p.point.value));

    // Time axis: the points, the windows' first days, and as-of when nothing was measured.
    const days = plotted.map(p => p.day);
    for (const n of norms) if (n.norm.from) days.push(periodStart(n.norm.from));
    if (plotted.length === 0) days.push(periodStart(asOf));
    let x0 = Math.min(...days);
    let x1 = Math.max(...days);
    if (!Number.isFinite(x0)) x0 = x1 = periodStart(asOf);
    if (x1 - x0 < 1) { x0 -= 1; x1 += 1; }
    const pad = (x1 - x0) * 0.02;
    x0 -= pad; x1 += pad;

    // Value axis: points, targets, floors, control limits.
    const values = plotted.map(p => p.point.value);
    for (const n of norms) {
        values.push(n.norm.target);
        if (n.norm.high !== undefined) values.push(n.norm.high);
        if (n.norm.critical) values.push(n.norm.critical.threshold);
    }
    if (limits) values.push(limits.ucl, limits.lcl);
    let y0 = Math.min(...values);
    let y1 = Math.max(...values);
    if (y1 - y0 < 1e-9) { y0 -= Math.abs(y0) * 0.1 || 1; y1 += Math.abs(y1) * 0.1 || 1; }
    const vpad = (y1 - y0) * 0.08;
    const lowest = Math.min(...plotted.map(p => p.point.value), ...norms.map(n => n.norm.target));
    y0 = y0 - vpad < 0 && lowest >= 0 ? Math.max(0, y0 - vpad) : y0 - vpad;
    y1 += vpad;

    const sx = (d: number) => M.left + ((d - x0) / (x1 - x0)) * (W - M.left - M.right);
    const sy = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
    const fmt = (v: number) => show(v, metric);
    const out: string[] = [];
    const label = `${norms[0]?.program ?? ''} ${norms[0]?.metric ?? ''}: ${plotted.length} points`;
    out.push(`<svg class="control-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${x(label)}">`);
    out.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="#fff" stroke="#d5d9e0"/>`);

    // Windows of dated norms: a light band on every other window, and the day it starts.
    norms.forEach((n, i) => {
        if (!n.norm.from) return;
        const a = Math.max(sx(periodStart(n.norm.from)), M.left);
        if (i % 2 === 1) {
            const b = n.norm.until ? Math.min(sx(periodStart(n.norm.until)), W - M.right) : W - M.right;
            out.push(`<rect class="window" x="${r1(a)}" y="${M.top}" width="${r1(Math.max(0, b - a))}" height="${H - M.top - M.bottom}" fill="${COLORS.window}"/>`);
        }
        out.push(`<text x="${r1(a + 3)}" y="${M.top + 11}" font-size="10" fill="${COLORS.target}">from ${x(n.norm.from)}</text>`);
    });

    // Y grid and labels.
    for (const t of ticks(y0, y1)) {
        const y = sy(t);
        if (y < M.top - 0.5 || y > H - M.bottom + 0.5) continue;
        out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${r1(y)}" y2="${r1(y)}" stroke="#eceff3"/>`);
        out.push(`<text x="${M.left - 6}" y="${r1(y + 3.5)}" font-size="10" text-anchor="end" fill="#444">${x(fmt(t))}</text>`);
    }
    // X axis: a tick on every point, labelled with the point's own period (2026-09, 2026-W38,
    // 2026-10-12); when labels would overlap, every k-th is kept, counting back from the latest.
    const periods = [...new Map(plotted.map(p => [p.point.period, p.day])).entries()];
    const longest = Math.max(4, ...periods.map(([t]) => axisLabel(t).length));
    const room = Math.max(1, Math.floor((W - M.left - M.right) / (6.2 * longest + 10)));
    const every = Math.max(1, Math.ceil(periods.length / room));
    periods.forEach(([period, day], i) => {
        const cx = r1(sx(day));
        out.push(`<line class="x-tick" x1="${cx}" x2="${cx}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="#9aa0a6"/>`);
        if ((periods.length - 1 - i) % every === 0) {
            out.push(`<text class="x-label" data-period="${x(period)}" x="${cx}" y="${H - M.bottom + 16}" font-size="10" text-anchor="middle" fill="#444">${x(axisLabel(period))}</text>`);
        }
    });

    // Control limits and mean.
    if (limits) {
        for (const [v, name, dash] of [[limits.ucl, 'UCL', '2 3'], [limits.mean, 'mean', '6 3'], [limits.lcl, 'LCL', '2 3']] as [number, string, string][]) {
            const y = sy(v);
            if (y < M.top || y > H - M.bottom) continue;
            out.push(`<line class="${name === 'mean' ? 'mean' : 'control-limit'}" x1="${M.left}" x2="${W - M.right}" y1="${r1(y)}" y2="${r1(y)}" stroke="${name === 'mean' ? COLORS.mean : COLORS.limit}" stroke-dasharray="${dash}"><title>${x(`${name} ${fmt(v)}`)}</title></line>`);
            out.push(`<text x="${W - M.right + 3}" y="${r1(y + 3.5)}" font-size="9" fill="${COLORS.mean}">${name}</text>`);
        }
    }

    // Target: one segment per norm window, joined vertically where the norm changes.
    const xa = (n: NormResult) => Math.max(M.left, n.norm.from ? sx(periodStart(n.norm.from)) : M.left);
    const xb = (n: NormResult) => Math.min(W - M.right, n.norm.until ? sx(periodStart(n.norm.until)) : W - M.right);
    const step = (value: (n: NormResult) => number | undefined) => {
        let d = '';
        for (const n of norms) {
            const v = value(n);
            if (v === undefined) continue;
            d += `${d ? 'L' : 'M'}${r1(xa(n))},${r1(sy(v))}H${r1(xb(n))}`;
        }
        return d;
    };
    const targetPath = step(n => n.norm.target);
    out.push(`<path class="target" d="${targetPath}" fill="none" stroke="${COLORS.target}" stroke-width="2"><title>${x(norms.map(n => `target ${n.norm.op} ${fmt(n.norm.target)}${n.norm.from ? ` from ${n.norm.from}` : ''}`).join('; '))}</title></path>`);
    if (norms.some(n => n.norm.high !== undefined)) {
        out.push(`<path class="target" d="${step(n => n.norm.high)}" fill="none" stroke="${COLORS.target}" stroke-width="2"/>`);
    }
    for (const n of norms) {
        if (!n.norm.critical) continue;
        const y = r1(sy(n.norm.critical.threshold));
        out.push(`<line class="critical-floor" x1="${r1(xa(n))}" x2="${r1(xb(n))}" y1="${y}" y2="${y}" stroke="${COLORS.critical}" stroke-width="1.5" stroke-dasharray="8 4"><title>${x(`critical floor: act immediately ${n.norm.critical.side} ${fmt(n.norm.critical.threshold)}`)}</title></line>`);
    }

    // The series.
    const withValue = plotted.filter(p => p.point.status !== 'excluded');
    if (withValue.length > 1) {
        out.push(`<polyline fill="none" stroke="${COLORS.line}" stroke-width="1.2" points="${withValue.map(p => `${r1(sx(p.day))},${r1(sy(p.point.value))}`).join(' ')}"/>`);
    }
    const small = plotted.length > 120;
    for (const p of plotted) {
        const cx = r1(sx(p.day));
        const cy = r1(sy(p.point.value));
        const s = p.point;
        const title = `<title>${x(`${s.period}: ${fmt(s.value)} ${s.critical ? 'critical miss' : s.status}${s.sample !== undefined ? `, sample ${s.sample}` : ''}${s.exclusion ? ` (exclusion ${s.exclusion})` : ''}`)}</title>`;
        const r = small ? 2 : 3.2;
        if (s.status === 'met') out.push(`<circle class="point met" data-period="${x(s.period)}" cx="${cx}" cy="${cy}" r="${r}" fill="${COLORS.met}">${title}</circle>`);
        else if (s.status === 'missed' && s.critical) {
            const k = r + 2;
            out.push(`<path class="point missed critical" data-period="${x(s.period)}" d="M${cx},${r1(+cy - k)}l${k},${k}l-${k},${k}l-${k},-${k}z" fill="${COLORS.critical}" stroke="#000" stroke-width="0.8">${title}</path>`);
        } else if (s.status === 'missed') out.push(`<circle class="point missed" data-period="${x(s.period)}" cx="${cx}" cy="${cy}" r="${r + 0.6}" fill="${COLORS.missed}">${title}</circle>`);
        else if (s.status === 'unsampled') out.push(`<circle class="point unsampled" data-period="${x(s.period)}" cx="${cx}" cy="${cy}" r="${r}" fill="#fff" stroke="${COLORS.unsampled}" stroke-width="1.5">${title}</circle>`);
        else out.push(`<path class="point excluded" data-period="${x(s.period)}" d="M${r1(+cx - r)},${r1(+cy - r)}l${r1(2 * r)},${r1(2 * r)}m0,-${r1(2 * r)}l-${r1(2 * r)},${r1(2 * r)}" stroke="${COLORS.excluded}" stroke-width="1.6">${title}</path>`);
    }

    // Triggers: a flag above the point that fired each one.
    for (const n of norms) {
        for (const t of n.triggers) {
            const last = t.periods[t.periods.length - 1];
            const day = periodStart(last);
            if (!Number.isFinite(day)) continue;
            const cx = sx(day);
            const color = triggerColor(t);
            const text = `${t.rule === 'critical' ? 'critical point' : `${t.periods.length} consecutive misses`} (${t.periods.join(', ')}): ${t.answeredBy ? `answered by ${t.answeredBy.owner}, opened ${t.answeredBy.opened}${t.overdue ? `, overdue since ${t.answeredBy.due}` : ''}` : 'no action'}`;
            out.push(`<path class="trigger" d="M${r1(cx - 5)},${M.top - 12}h10l-5,8z" fill="${color}"><title>${x(text)}</title></path>`);
            out.push(`<line x1="${r1(cx)}" x2="${r1(cx)}" y1="${M.top - 4}" y2="${H - M.bottom}" stroke="${color}" stroke-width="0.8" stroke-dasharray="1 3"/>`);
        }
    }
    if (plotted.length === 0) {
        out.push(`<text x="${W / 2}" y="${M.top + 28}" font-size="13" text-anchor="middle" fill="#616161" stroke="#fff" stroke-width="4" paint-order="stroke">no data in the window up to ${x(asOf)}</text>`);
    }
    out.push('</svg>');
    return out.join('');
}

export function triggerColor(t: TriggerResult): string {
    return !t.answeredBy ? COLORS.missed : t.overdue ? COLORS.overdue : COLORS.answered;
}

/** A small line of the last values, for the provider comparison. */
export function sparkline(values: number[], color = '#1f3a93'): string {
    const w = 110;
    const h = 26;
    if (values.length < 2) return `<svg class="spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" aria-hidden="true"></svg>`;
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = hi - lo || 1;
    const pts = values.map((v, i) => `${r1(2 + (i * (w - 4)) / (values.length - 1))},${r1(h - 3 - ((v - lo) / span) * (h - 6))}`);
    const [lx, ly] = pts[pts.length - 1].split(',');
    return `<svg class="spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" aria-hidden="true" data-values="${values.join(' ')}"><polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.join(' ')}"/><circle cx="${lx}" cy="${ly}" r="2.2" fill="${color}"/></svg>`;
}
