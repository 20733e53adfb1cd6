/**
 * The COPC performance headline over an audit span, computed month by month rather than from
 * the latest point only. For each of the last N calendar months up to `asOf` (the month of
 * `asOf` last), at that month's last day (or `asOf`, when earlier): every norm of the program
 * in force that day whose points up to that day include a judged one counts once; it is
 * meeting target when its latest judged point is met, and meeting or improving when met or
 * when its last three judged points each beat the one before (the summary's rule). The span's
 * shares pool the norm-months (sum of meeting / sum of judged), as roll-ups of counts do.
 */
import type { Better, MetricModel } from '../model/types.js';
import type { NormResult, PointResult } from '../engine/types.js';
import { daysFromCivil, daysInMonth, dayNumberOf, formatDay, parsePeriod } from '../engine/calendar.js';
import { showsSustainedImprovement } from '../engine/summary.js';
import type { HeadlineSpan } from './types.js';

export function headlineOver(results: readonly NormResult[], metrics: ReadonlyMap<string, MetricModel>, asOf: string, months: number): HeadlineSpan {
    const asOfDay = dayNumberOf(asOf)!;
    const year = Number(asOf.slice(0, 4));
    const month = Number(asOf.slice(5, 7));
    const monthly: HeadlineSpan['monthly'] = [];
    for (let k = months - 1; k >= 0; k--) {
        const index = year * 12 + (month - 1) - k;
        const y = Math.floor(index / 12);
        const m = (index % 12) + 1;
        const cut = Math.min(daysFromCivil(y, m, daysInMonth(y, m)), asOfDay);
        monthly.push({ month: formatDay(cut).slice(0, 7), ...judgeAt(results, metrics, cut) });
    }
    const judged = monthly.reduce((n, x) => n + x.judged, 0);
    const meeting = monthly.reduce((n, x) => n + x.meeting, 0);
    const meetingOrImproving = monthly.reduce((n, x) => n + x.meetingOrImproving, 0);
    return {
        months, from: monthly[0].month, to: monthly[monthly.length - 1].month, judged, meeting, meetingOrImproving,
        meetingTarget: judged ? meeting / judged : null,
        meetingOrImprovingShare: judged ? meetingOrImproving / judged : null,
        monthly,
    };
}

/** The headline counts of a program's norms on one day. */
function judgeAt(results: readonly NormResult[], metrics: ReadonlyMap<string, MetricModel>, day: number): { judged: number; meeting: number; meetingOrImproving: number } {
    let judged = 0;
    let meeting = 0;
    let meetingOrImproving = 0;
    for (const r of results) {
        const from = dayNumberOf(r.norm.from);
        const until = dayNumberOf(r.norm.until);
        if ((from !== undefined && from > day) || (until !== undefined && until <= day)) continue;
        const upTo = pointsUpTo(r.points, day);
        const latest = lastJudged(upTo);
        if (!latest) continue;
        judged++;
        const better: Better = metrics.get(r.metric)?.better ?? 'higher';
        if (latest.status === 'met') {
            meeting++;
            meetingOrImproving++;
        } else if (showsSustainedImprovement(upTo, better)) {
            meetingOrImproving++;
        }
    }
    return { judged, meeting, meetingOrImproving };
}

/** The points whose period starts on or before `day` (points are in period order). */
function pointsUpTo(points: readonly PointResult[], day: number): PointResult[] {
    const out: PointResult[] = [];
    for (const p of points) {
        const period = parsePeriod(p.period);
        if (!period.ok || period.dayNumber > day) break;
        out.push(p);
    }
    return out;
}

function lastJudged(points: readonly PointResult[]): PointResult | undefined {
    for (let i = points.length - 1; i >= 0; i--) if (points[i].status === 'met' || points[i].status === 'missed') return points[i];
    return undefined;
}
