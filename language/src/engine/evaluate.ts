/**
 * SPEC §3: every norm judged over its window. For each norm, the points of its program and
 * metric whose period's first day is on or after `from` (when given), before `until` (when
 * given) and not after `asOf`, in period order; their statuses, the triggers they fire, the
 * actions that answer them, the verdict and its reason. Norms whose `from` is after `asOf` are
 * not in force yet: they are listed in `upcoming`, not judged and not counted.
 *
 * `evaluate` trusts its rows (run `checkMeasurements`/`checkActions` first, as `check` does):
 * rows whose period does not parse are skipped here.
 */
import type { MetricModel, NormModel, NormaModel } from '../model/types.js';
import type {
    CheckOptions, CheckResult, CheckWarning, Measurement, NormRef, NormResult, PointResult, TriggerResult,
} from './types.js';
import { answerFor, indexActions } from './answers.js';
import { coveringExclusion, exclusionsFor, prepareExclusions } from './exclusions.js';
import { dayNumberOf, type Period } from './calendar.js';
import { crossesFloor, isUnsampled, meets } from './points.js';
import { reasonFor } from './reasons.js';
import { requiredSample } from './sample-size.js';
import { checkRequirements } from './requirements.js';
import { indexMeasurements, periodAt, seriesOf, type MeasurementIndex } from './series.js';
import { numberOrNull, type MeasurementColumns } from './columns.js';
import { annotateBreaches } from './staffing.js';
import { summarise, trendOf, type Trend } from './summary.js';
import { freshnessOf } from './freshness.js';
import { findTriggers } from './triggers.js';
import { countPoints, verdictOf } from './verdict.js';

const MINUTES_PER_DAY = 1440;

export function evaluate(model: NormaModel, measurements: readonly Measurement[] | MeasurementColumns, options: CheckOptions): CheckResult {
    return evaluateIndexed(model, options, () => indexMeasurements(measurements));
}

/** `evaluate` with the rows grouped by the caller (`check` groups them while checking them). */
export function evaluateIndexed(model: NormaModel, options: CheckOptions, indexed: () => MeasurementIndex, lazy = true): CheckResult {
    const asOf = options.asOf;
    const asOfDay = dayNumberOf(asOf);
    if (asOfDay === undefined) throw new RangeError(`asOf must be a day like 2026-02-01, not '${asOf}'.`);
    const metrics = new Map(model.metrics.map(m => [m.id, m]));
    const data = indexed();
    const columns = data.columns;
    const actions = indexActions(options.actions, asOfDay);
    const exclusions = prepareExclusions(model.exclusions, asOfDay);
    const expiredUses = new Map<string, ExpiredUse>();

    const results: NormResult[] = [];
    const trends: Trend[] = [];
    const upcoming: CheckResult['upcoming'] = [];
    for (const norm of model.norms) {
        const fromDay = dayNumberOf(norm.from);
        if (fromDay !== undefined && fromDay > asOfDay) {
            upcoming.push({ program: norm.program, metric: norm.metric, id: norm.id, from: norm.from!, source: sourceText(norm) });
            continue;
        }
        const untilDay = dayNumberOf(norm.until);
        const metric = metrics.get(norm.metric);
        const covering = exclusionsFor(exclusions, norm.program, norm.metric);
        const rows = seriesOf(data, norm.program, norm.metric);
        const points: PointResult[] = [];
        const pointPeriods: Period[] = [];
        // The points are the rows first..end-1 of the series (in period order, the window is one run of it).
        let first = -1;
        let end = -1;
        let pointExclusions: (string | undefined)[] | undefined;
        for (let k = 0; k < rows.length; k++) {
            const i = rows[k];
            const period = periodAt(data, i)!;
            if (fromDay !== undefined && period.dayNumber < fromDay) continue;
            if ((untilDay !== undefined && period.dayNumber >= untilDay) || period.dayNumber > asOfDay) break;
            let exclusion = covering.length ? coveringExclusion(covering, period.start) : undefined;
            // SPEC §3a: an expired exclusion is no longer applied; the point is judged, and a warning names it.
            if (exclusion?.expiredOn) {
                noteExpired(expiredUses, exclusion.id, exclusion.expiredOn, `${norm.program} ${norm.metric} ${columns.periods[columns.period[i]] as string}`);
                exclusion = undefined;
            }
            points.push(pointOf(norm, columns, i, exclusion?.id));
            pointPeriods.push(period);
            if (first < 0) first = k;
            end = k + 1;
            if (exclusion) (pointExclusions ??= new Array(points.length - 1).fill(undefined)).push(exclusion.id);
            else pointExclusions?.push(undefined);
        }
        const result = judge(norm, metric, points, pointPeriods, actions, asOf, asOfDay);
        trends.push(trendOf(points, metric?.better ?? 'higher'));
        if (lazy && first >= 0) pointsWhenRead(result, norm, columns, rows, first, end, pointExclusions);
        results.push(result);
    }
    annotateBreaches(model, results, columns);

    const requirements = checkRequirements(model, metrics);
    const summary = summarise(results, trends, requirements, options.failOn ?? []);
    return { schema: 1, asOf, summary, results, requirements, upcoming, warnings: expiredWarnings(model, expiredUses, asOf) };
}

/**
 * A result's points are made each time they are read, from its rows (a report writes one
 * result at a time, so they never all exist at once): 10 million points kept as objects would
 * take about a gigabyte, and a million of them cost the garbage collector more than making
 * them twice (`lazy` false keeps them, for tests that compare the two).
 */
/** Replaces `result.points` (same place among its keys) by a getter making them again from the rows. */
function pointsWhenRead(
    result: NormResult, norm: NormModel, columns: MeasurementColumns, rows: readonly number[], first: number, end: number, exclusions: (string | undefined)[] | undefined,
): void {
    Object.defineProperty(result, 'points', {
        enumerable: true,
        configurable: true,
        get(): PointResult[] {
            const points = new Array<PointResult>(end - first);
            for (let k = first; k < end; k++) points[k - first] = pointOf(norm, columns, rows[k], exclusions?.[k - first]);
            return points;
        },
    });
}

function pointOf(norm: NormModel, columns: MeasurementColumns, i: number, exclusion: string | undefined): PointResult {
    const value = columns.value[i];
    const sample = numberOrNull(columns.sample[i]);
    const hasSample = sample !== null;
    const period = columns.periods[columns.period[i]] as string;
    let point: PointResult;
    if (exclusion !== undefined) {
        point = hasSample
            ? { period, value, sample, status: 'excluded', exclusion }
            : { period, value, status: 'excluded', exclusion };
    } else {
        // `sample valid at ...`: the sample the point's population needs (hook into sample-size.ts).
        const needed = norm.samplePrecision ? requiredSample(norm.samplePrecision, columns.population ? numberOrNull(columns.population[i]) : null) : undefined;
        const tooSmall = needed !== undefined && !(hasSample && sample >= needed);
        const status = isUnsampled(norm, sample) || tooSmall ? 'unsampled' : meets(norm, value) ? 'met' : 'missed';
        point = hasSample ? { period, value, sample, status } : { period, value, status };
        if (tooSmall) point.sampleNeeded = needed;
        if (status === 'missed' && crossesFloor(norm, value)) point.critical = true;
    }
    return point;
}

function judge(
    norm: NormModel, metric: MetricModel | undefined, points: PointResult[], periods: Period[],
    actions: ReturnType<typeof indexActions>, asOf: string, asOfDay: number,
): NormResult {
    const respond = norm.respondWithin ?? null;
    const triggers: TriggerResult[] = findTriggers(points, norm.consecutive, norm.missWindow).map(t => {
        const last = periods[t.points[t.points.length - 1]];
        // `respond within N days`: by N days after the last day of the firing period.
        const until = respond === null ? undefined : Math.floor((last.end - 1) / MINUTES_PER_DAY) + respond;
        const answer = answerFor(actions, norm.program, norm.metric, last.dayNumber, until, asOfDay);
        return {
            rule: t.rule,
            periods: t.points.map(j => points[j].period),
            values: t.points.map(j => points[j].value),
            answeredBy: answer.answeredBy,
            answers: answer.answers,
            overdue: answer.overdue,
        };
    });
    const counts = countPoints(points);
    // Fresh data: only a norm still in force at asOf can go stale (a superseded one has ended).
    const inForce = norm.until === null || (dayNumberOf(norm.until) ?? Infinity) > asOfDay;
    let latest = -1;
    for (let i = points.length - 1; i >= 0 && latest < 0; i--) if (points[i].status === 'met' || points[i].status === 'missed') latest = i;
    const freshness = inForce && latest >= 0 ? freshnessOf(periods[latest], metric?.period, norm.dataWithin ?? metric?.dataWithin, asOfDay) : undefined;
    const verdict = verdictOf(counts, triggers, freshness?.stale === true);
    const unit = metric?.unit;
    return {
        program: norm.program,
        metric: norm.metric,
        norm: normRef(norm, metric),
        verdict,
        reason: reasonFor({ norm, unit, verdict, points, counts, triggers, asOf, freshness }),
        triggers,
        points,
    };
}

function normRef(norm: NormModel, metric: MetricModel | undefined): NormRef {
    const ref: NormRef = {
        id: norm.id,
        op: norm.op,
        target: norm.target,
        unit: metric?.unit.kind ?? 'count',
        from: norm.from,
        until: norm.until,
        consecutive: norm.consecutive,
        critical: norm.critical ? { side: norm.critical.side, threshold: norm.critical.threshold } : null,
        sampleMinimum: norm.sampleMinimum,
        profile: norm.profile,
        source: sourceText(norm),
    };
    if (norm.high !== undefined) ref.high = norm.high;
    if (norm.missWindow) ref.missWindow = norm.missWindow;
    if (norm.respondWithin !== undefined && norm.respondWithin !== null) ref.respondWithin = norm.respondWithin;
    if (norm.samplePrecision) ref.samplePrecision = { ...norm.samplePrecision };
    if (norm.dataWithin !== undefined && norm.dataWithin !== null) ref.dataWithin = norm.dataWithin;
    if (metric?.unit.currency) ref.currency = metric.unit.currency;
    return ref;
}

function sourceText(norm: NormModel): string {
    return `${norm.source.file}:${norm.source.line}`;
}

interface ExpiredUse {
    /** The earliest point it would have excused ("Acme ServiceLevel 2026-01-12"), by period. */
    first: string;
    firstPeriod: string;
    count: number;
    expiredOn: string;
}

function noteExpired(uses: Map<string, ExpiredUse>, id: string, expiredOn: string, point: string): void {
    const period = point.slice(point.lastIndexOf(' ') + 1);
    const use = uses.get(id);
    if (!use) {
        uses.set(id, { first: point, firstPeriod: period, count: 1, expiredOn });
        return;
    }
    use.count++;
    // Earliest period first, then the text: the same whatever the row order.
    if (period < use.firstPeriod || (period === use.firstPeriod && point < use.first)) {
        use.first = point;
        use.firstPeriod = period;
    }
}

/** One warning per expired exclusion that would still have excused points, at its `.norma` line. */
function expiredWarnings(model: NormaModel, uses: Map<string, ExpiredUse>, asOf: string): CheckWarning[] {
    const warnings: CheckWarning[] = [];
    for (const [id, use] of uses) {
        const declared = model.exclusions.find(e => e.id === id);
        const more = use.count > 1 ? ` and ${use.count - 1} more` : '';
        warnings.push({
            code: 'exclusion-expired',
            message: `Exclusion ${id} expired on ${use.expiredOn}, so as of ${asOf} it no longer excuses ${use.first}${more}: `
                + `${use.count === 1 ? 'that point is' : 'those points are'} judged as usual. Renew the exclusion (with a new approval) or remove it.`,
            ...(declared ? { source: `${declared.source.file}:${declared.source.line}` } : {}),
            exclusion: id,
            expired: use.expiredOn,
        });
    }
    return warnings.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
