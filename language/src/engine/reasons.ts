/**
 * Each verdict in plain words for a contact-center analyst, naming the periods and values that
 * decided it: "3 consecutive misses (2026-01-03 78.1%, 2026-01-04 77%, 2026-01-05 79.2%) with no
 * action opened since 2026-01-05", "Met on 27 of 31 points (4 unsampled); latest 2026-01-31
 * 82.4% (target >= 80%)". Values carry the metric's unit.
 */
import type { MetricUnit, NormModel } from '../model/types.js';
import type { PointResult, TriggerResult, Verdict } from './types.js';
import type { PointCounts } from './verdict.js';
import type { Freshness } from './freshness.js';
import { formatRule, formatValue, plural } from './format.js';
import { precisionWords } from './sample-size.js';

export interface ReasonInput {
    norm: NormModel;
    unit: MetricUnit | undefined;
    verdict: Verdict;
    points: readonly PointResult[];
    counts: PointCounts;
    triggers: readonly TriggerResult[];
    asOf: string;
    freshness?: Freshness;
}

export function reasonFor(input: ReasonInput): string {
    switch (input.verdict) {
        case 'no-data': return noDataReason(input);
        case 'action-required': return actionRequiredReason(input);
        case 'overdue': return overdueReason(input);
        case 'stale': return staleReason(input);
        case 'action-planned': return actionPlannedReason(input);
        case 'at-risk': return atRiskReason(input);
        default: return metReason(input);
    }
}

/** `3 consecutive misses (2026-01-03 78.1%, ...)` or `2026-01-05 65% below the critical floor 70%`. */
export function describeTrigger(t: TriggerResult, unit: MetricUnit | undefined, norm: NormModel): string {
    if (t.rule === 'critical') {
        const floor = norm.critical;
        const side = floor ? `${floor.side} the critical floor ${formatValue(floor.threshold, unit)}` : 'past the critical floor';
        return `${t.periods[0]} ${formatValue(t.values[0], unit)} ${side}`;
    }
    const list = t.periods.map((p, i) => `${p} ${formatValue(t.values[i], unit)}`).join(', ');
    if (t.rule === 'n-of-m') return `${t.periods.length} misses in ${norm.missWindow} points (${list})`;
    return `${t.periods.length} consecutive misses (${list})`;
}

function target(input: ReasonInput): string {
    return `target ${formatRule(input.norm, input.unit)}`;
}

function latestJudged(points: readonly PointResult[], status?: 'met' | 'missed'): PointResult | undefined {
    for (let i = points.length - 1; i >= 0; i--) {
        const s = points[i].status;
        if (status ? s === status : s === 'met' || s === 'missed') return points[i];
    }
    return undefined;
}

function pointText(p: PointResult, unit: MetricUnit | undefined): string {
    return `${p.period} ${formatValue(p.value, unit)}`;
}

/**
 * For points unsampled by `sample valid at ...`: `latest 2026-09 sample 212 of the 278 that a
 * valid sample at 95% confidence within 5% needs`; the empty string when no point was.
 */
function neededText(norm: NormModel, points: readonly PointResult[]): string {
    const precision = norm.samplePrecision;
    if (!precision) return '';
    const latest = [...points].reverse().find(p => p.sampleNeeded !== undefined);
    if (!latest) return '';
    const sample = latest.sample !== undefined ? `sample ${latest.sample}` : 'no sample';
    return `latest ${latest.period} ${sample} of the ${latest.sampleNeeded} that ${precisionWords(precision)} needs`;
}

/** ` (2 unsampled, 1 excluded)` or the empty string. */
function setAside(counts: PointCounts, norm?: NormModel, points?: readonly PointResult[]): string {
    const parts: string[] = [];
    const needed = norm && points ? neededText(norm, points) : '';
    if (counts.unsampled) parts.push(`${counts.unsampled} unsampled${needed ? `: ${needed}` : ''}`);
    if (counts.excluded) parts.push(`${counts.excluded} excluded`);
    return parts.length ? ` (${parts.join(', ')})` : '';
}

function windowText(norm: NormModel, asOf: string): string {
    const parts: string[] = [];
    if (norm.from) parts.push(`from ${norm.from}`);
    if (norm.until) parts.push(`before ${norm.until}`);
    parts.push(`up to ${asOf}`);
    return parts.join(', ');
}

function noDataReason({ norm, points, counts, asOf, unit }: ReasonInput): string {
    if (points.length === 0) return `No data in the norm's window (${windowText(norm, asOf)})`;
    const parts: string[] = [];
    const needed = neededText(norm, points);
    if (counts.unsampled && needed) {
        parts.push(`${plural(counts.unsampled, 'point')} with too small a sample (${needed})`);
    } else if (counts.unsampled) {
        const latest = [...points].reverse().find(p => p.status === 'unsampled');
        const sample = latest && latest.sample !== undefined ? `sample ${latest.sample}` : 'no sample';
        parts.push(`${plural(counts.unsampled, 'point')} with a sample below ${norm.sampleMinimum}`
            + (latest ? ` (latest ${pointText(latest, unit)}, ${sample})` : ''));
    }
    if (counts.excluded) {
        const ids = [...new Set(points.filter(p => p.exclusion).map(p => p.exclusion))].join(', ');
        parts.push(`${plural(counts.excluded, 'point')} excluded by ${ids}`);
    }
    return `No point to judge in the norm's window (${windowText(norm, asOf)}): ${parts.join('; ')}`;
}

function actionRequiredReason({ norm, triggers, unit }: ReasonInput): string {
    const open = triggers.filter(t => t.answeredBy === null);
    const first = open[0];
    const since = first.periods[first.periods.length - 1];
    const within = norm.respondWithin !== undefined && norm.respondWithin !== null
        ? ` within ${plural(norm.respondWithin, 'day')} of its end` : '';
    let text = `${describeTrigger(first, unit, norm)} with no action opened since ${since}${within}`;
    if (open.length > 1) {
        const last = open[open.length - 1];
        text += open.length === 2
            ? `; then ${describeTrigger(last, unit, norm)}`
            : `; ${open.length - 1} more unanswered triggers since, the latest ${describeTrigger(last, unit, norm)}`;
    }
    return text;
}

function actionWords(t: TriggerResult): string {
    const a = t.answeredBy!;
    return `the action of ${a.owner} opened ${a.opened}`;
}

function overdueReason({ norm, triggers, unit, asOf }: ReasonInput): string {
    const late = triggers.filter(t => t.overdue);
    const t = late[late.length - 1];
    // Any open answering action past its due day makes the norm overdue: name the one due first.
    const day = dayNumber(asOf);
    const a = t.answers.filter(x => x.due !== null && dayNumber(x.due) < day && (x.closed === null || dayNumber(x.closed) > day))
        .sort((x, y) => (x.due! < y.due! ? -1 : x.due! > y.due! ? 1 : 0))[0] ?? t.answeredBy!;
    let text = `The action of ${a.owner} opened ${a.opened} for ${describeTrigger(t, unit, norm)} was due ${a.due} `
        + `and is not closed as of ${asOf}`;
    if (late.length > 1) text += ` (${late.length} triggers answered by overdue actions)`;
    return text;
}

function actionPlannedReason({ norm, triggers, unit }: ReasonInput): string {
    const t = triggers[triggers.length - 1];
    const a = t.answeredBy!;
    const status = a.closed ? `, closed ${a.closed}` : a.due ? `, due ${a.due}` : '';
    const answered = `${describeTrigger(t, unit, norm)} answered by ${actionWords(t)}${status}`;
    return triggers.length === 1 ? capitalise(answered) : `All ${triggers.length} triggers answered; the latest: ${answered}`;
}

function staleReason(input: ReasonInput): string {
    const latest = latestJudged(input.points)!;
    const f = input.freshness!;
    const state = input.triggers.length ? `; every trigger answered` : input.counts.missed ? `; missed on ${input.counts.missed} of ${plural(input.counts.met + input.counts.missed, 'judged point')}` : '';
    return `No data since ${latest.period} (latest ${pointText(latest, input.unit)}, ${target(input)}): data is expected within ${f.allowance}, `
        + `so by ${f.freshUntil} at the latest, and it is ${input.asOf}${state}`;
}

function atRiskReason(input: ReasonInput): string {
    const { points, counts, unit, norm } = input;
    const judged = counts.met + counts.missed;
    const miss = latestJudged(points, 'missed')!;
    const latest = latestJudged(points)!;
    const latestText = latest === miss ? '' : `; latest ${pointText(latest, unit)}`;
    return `Missed on ${counts.missed} of ${plural(judged, 'judged point')}${setAside(counts, norm, points)}, latest miss ${pointText(miss, unit)}`
        + `${latestText} (${target(input)}); no trigger yet (action after ${norm.missWindow ? `${norm.consecutive} of ${norm.missWindow}` : `${norm.consecutive} consecutive`} misses`
        + `${norm.critical ? ` or one ${norm.critical.side} ${formatValue(norm.critical.threshold, unit)}` : ''})`;
}

function metReason(input: ReasonInput): string {
    const { points, counts, unit, norm } = input;
    const latest = latestJudged(points)!;
    return `Met on ${counts.met} of ${plural(points.length, 'point')}${setAside(counts, norm, points)}; latest ${pointText(latest, unit)} (${target(input)})`;
}

/** YYYY-MM-DD compares as text; a number keeps the comparisons above plain. */
function dayNumber(day: string): number {
    return Number(day.slice(0, 10).replace(/-/g, ''));
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
