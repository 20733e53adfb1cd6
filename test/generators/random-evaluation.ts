// Random valid workspaces, data and actions that use every rule the engine has, for the
// differential test of the SQL evaluation: every comparison (>=, >, <=, <, between), values on
// the threshold itself (decimal thresholds such as 82.4% on a ratio metric and 4.1min), critical
// floors, N consecutive and N of M misses, \`respond within\`, sample minimums with missing
// samples, \`sample valid at ...\` with and without a population, dated norms that supersede and
// norms not yet in force, profiles, every grain (15/30-minute intervals, hourly, daily, weekly,
// monthly) and the repeated intervals of a daylight-saving night, fresh and stale data (\`data
// within\` on metrics and norms, series that stop before the evaluation day, evaluation days
// before and after the latest point), overlapping exclusions naming some or all programs and
// metrics (expired ones too), and actions with ties on the same day, without owners, closed
// later than the evaluation day or opened after it.
import fc from 'fast-check';

export interface EvaluationCase {
    files: Record<string, string>;
    measurements: { program: string; metric: string; period: string; value: number; sample: number | null; population: number | null }[];
    actions: { program: string; metric: string; opened: string; owner: string; due: string | null; closed: string | null; result: string | null }[];
    asOf: string;
}

const dayText = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

interface MetricShape {
    id: string;
    unit: string;
    better: 'higher' | 'lower';
    period: string;
    /** Thresholds as written and as data values (normalised), from low to high. */
    levels: { written: string; value: number }[];
    /** The i-th period of the series. */
    period_of: (i: number) => string;
}

const METRICS: MetricShape[] = [
    {
        id: 'SL', unit: 'percent', better: 'higher', period: 'daily', period_of: dayText,
        levels: [['70%', 70], ['80%', 80], ['82.4%', 82.4], ['90%', 90]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        id: 'FCR', unit: 'ratio', better: 'higher', period: 'weekly', period_of: i => `2026-W${pad(1 + i)}`,
        levels: [['0.7', 0.7], ['0.8', 0.8], ['82.4%', 0.824], ['0.9', 0.9]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        id: 'AHT', unit: 'seconds', better: 'lower', period: 'daily', period_of: dayText,
        levels: [['4min', 240], ['4.1min', 246], ['250s', 250], ['5min', 300]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        id: 'ACC', unit: 'percent', better: 'higher', period: 'monthly', period_of: i => `2026-${pad(1 + (i % 12))}`,
        levels: [['95%', 95], ['97.5%', 97.5], ['98%', 98], ['99%', 99]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        id: 'ASA', unit: 'seconds', better: 'lower', period: 'interval30',
        period_of: i => `${dayText(2 * Math.floor(i / 4))}T${pad(9 + Math.floor((i % 4) / 2))}:${i % 2 ? '30' : '00'}`,
        levels: [['10s', 10], ['20s', 20], ['0.5min', 30], ['40s', 40]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        id: 'ABN', unit: 'percent', better: 'lower', period: 'interval15',
        period_of: i => `${dayText(2 * Math.floor(i / 4))}T10:${pad((i % 4) * 15)}`,
        levels: [['2%', 2], ['5%', 5], ['7.5%', 7.5], ['10%', 10]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        id: 'OCC', unit: 'percent', better: 'higher', period: 'hourly',
        period_of: i => `${dayText(2 * Math.floor(i / 3))}T${pad(8 + (i % 3))}:00`,
        levels: [['60%', 60], ['70%', 70], ['75.5%', 75.5], ['85%', 85]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
    {
        // The night the clocks go back: 01:30 comes twice, first with the summer offset (SPEC §6.2).
        id: 'DST', unit: 'percent', better: 'higher', period: 'interval30',
        period_of: i => `${dayText(2 * Math.floor(i / 4))}T${['01:00', '01:30+01:00', '01:30+00:00', '02:00'][i % 4]}`,
        levels: [['70%', 70], ['80%', 80], ['82.4%', 82.4], ['90%', 90]].map(([w, v]) => ({ written: w as string, value: v as number })),
    },
];

const PRECISIONS = ['95% confidence within 5%', '90% confidence within 10%', '99% confidence within 20%', '80% confidence within 12.5%'];

/** Undefined three times in four. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const normArb = fc.record({
    metric: fc.integer({ min: 0, max: METRICS.length - 1 }),
    op: fc.constantFrom('>=', '>', '<=', '<', 'between', 'better'),
    level: fc.integer({ min: 1, max: 2 }),
    consecutive: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    window: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    respond: rarely(fc.integer({ min: 0, max: 5 })),
    floor: fc.boolean(),
    sample: fc.option(fc.integer({ min: 10, max: 60 }), { nil: undefined }),
    precision: rarely(fc.integer({ min: 0, max: PRECISIONS.length - 1 })),
    within: rarely(fc.integer({ min: 1, max: 20 })),
    from: fc.option(fc.integer({ min: 3, max: 30 }), { nil: undefined }),
    inProfile: fc.boolean(),
    // Actions aimed at the norm's triggers: one opened on the evaluation day (answering every trigger with
    // no response time), and with 'overdue' one more opened earlier, open past its due day.
    act: fc.constantFrom('none', 'none', 'answer', 'overdue'),
    earlier: fc.integer({ min: 1, max: 40 }),
});

const exclusionArb = fc.record({
    programs: fc.subarray([0, 1, 2]),
    metrics: fc.subarray(METRICS.map((_, i) => i), { maxLength: 3 }),
    start: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 0, max: 6 }),
    kind: fc.constantFrom('day', 'week', 'month', 'interval'),
    expires: fc.integer({ min: 0, max: 80 }),
});

const actionArb = fc.record({
    program: fc.integer({ min: 0, max: 2 }),
    metric: fc.integer({ min: 0, max: METRICS.length - 1 }),
    // Opened on one of a few days more often than not, so that several actions tie on a day (-1: the
    // evaluation day itself, which answers every trigger without a response time).
    opened: fc.oneof(fc.constantFrom(3, 10, 20, -1), fc.integer({ min: 0, max: 60 })),
    owner: fc.constantFrom('Team lead', 'Team lead', 'Team lead', '', '  '),
    // Due on or after the opening day (an earlier due day is a data error).
    dueAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    closedAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    // A second action the same day for the same program and metric, open or closed.
    twin: fc.option(fc.record({ dueAfter: fc.integer({ min: 0, max: 30 }), closedAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }) }), { nil: undefined }),
});

export const evaluationCase: fc.Arbitrary<EvaluationCase> = fc.record({
    programs: fc.array(fc.array(normArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    // Level (4: far below the lowest), sample (null: none) and the population beyond the sample (null: none).
    values: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: null })), { minLength: 50, maxLength: 50 }),
    length: fc.integer({ min: 4, max: 45 }),
    gaps: fc.array(fc.integer({ min: 0, max: 44 }), { maxLength: 5 }),
    // Periods missing at the end of a series (one per program and metric, cycling): data that stops early goes stale.
    tails: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 8 }),
    // `data within N days` on a metric (null: the default of two periods).
    metricWithin: fc.array(fc.option(fc.integer({ min: 1, max: 20 }), { nil: null, freq: 2 }), { minLength: METRICS.length, maxLength: METRICS.length }),
    exclusions: fc.array(exclusionArb, { maxLength: 4 }),
    actions: fc.array(actionArb, { maxLength: 12 }),
    // The evaluation day: any day, or (half the time) a few days either side of the end of the daily series,
    // where data goes from fresh to stale.
    asOfDay: fc.integer({ min: 5, max: 60 }),
    nearEnd: fc.option(fc.integer({ min: -2, max: 4 }), { nil: undefined }),
}).map(({ programs, values, length, gaps, tails, metricWithin, exclusions, actions, asOfDay, nearEnd }) => {
    const asOf = nearEnd === undefined ? asOfDay : Math.min(60, Math.max(5, length - 1 + nearEnd));
    const metricLines = METRICS.map((m, i) =>
        `metric ${m.id} "Metric ${m.id}" { family service unit ${m.unit} better ${m.better} period ${m.period}${metricWithin[i] === null ? '' : ` data within ${metricWithin[i]} days`} }`);
    const programLines: string[] = [];
    const profileLines: string[] = [];
    const measurements: EvaluationCase['measurements'] = [];
    const used = new Set<string>();
    const aimed: { program: number; metric: number; overdue: number | null }[] = [];
    programs.forEach((norms, p) => {
        const name = `P${p}`;
        const own: string[] = [];
        const profile: string[] = [];
        const seen = new Set<string>();
        const declared = new Set<number>();
        for (const n of norms) {
            const key = `${n.metric}@${n.from ?? ''}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const m = METRICS[n.metric];
            const target = m.levels[n.level];
            let comparison: string;
            const op = n.op === 'better' ? (m.better === 'higher' ? '>=' : '<=') : n.op;
            if (op === 'between') comparison = `between ${m.levels[n.level - 1].written} and ${m.levels[n.level + 1].written}`;
            else comparison = `${op} ${target.written}`;
            const options: string[] = [];
            // `act after N of M misses` (M >= N) or `act after N consecutive misses`; `respond within D days`.
            if (n.consecutive !== undefined && n.window !== undefined) options.push(`act after ${n.consecutive} of ${n.consecutive + n.window} misses`);
            else if (n.consecutive !== undefined) options.push(`act after ${n.consecutive} consecutive misses`);
            if (n.respond !== undefined) options.push(`respond within ${n.respond} days`);
            // A floor on the target's far side: below a lower level for >=/>, above a higher one for <=/<.
            // (only where the comparison agrees with the metric's direction, as the validator asks).
            if (n.floor && op !== 'between' && op.startsWith('>') === (m.better === 'higher')) {
                options.push(m.better === 'higher' ? `act immediately below ${m.levels[n.level - 1].written}` : `act immediately above ${m.levels[n.level + 1].written}`);
            }
            if (n.sample !== undefined) options.push(`sample at least ${n.sample}`);
            if (n.precision !== undefined) options.push(`sample valid at ${PRECISIONS[n.precision]}`);
            if (n.within !== undefined) options.push(`data within ${n.within} days`);
            const line = `    norm ${m.id} ${comparison}${n.from !== undefined ? ` from ${dayText(n.from)}` : ''}${options.length ? ` { ${options.join(' ')} }` : ''}`;
            // A profile's norms for a metric apply only when the program declares none for it.
            if (n.inProfile && !declared.has(n.metric)) profile.push(line);
            else { own.push(line); declared.add(n.metric); }
            used.add(`${p}:${n.metric}`);
            if (n.act !== 'none') aimed.push({ program: p, metric: n.metric, overdue: n.act === 'overdue' ? n.earlier : null });
        }
        const profileNorms = profile.filter(l => !declared.has(METRICS.findIndex(m => l.startsWith(`    norm ${m.id} `))));
        if (profileNorms.length) profileLines.push(`profile Defaults${p} {`, ...profileNorms, '}');
        programLines.push(`program ${name} "Program ${p}" {`, ...(profileNorms.length ? [`    uses Defaults${p}`] : []), ...own, '}');
        for (let mi = 0; mi < METRICS.length; mi++) {
            if (!used.has(`${p}:${mi}`)) continue;
            const m = METRICS[mi];
            const end = length - tails[(p * METRICS.length + mi) % tails.length];
            for (let i = 0; i < end; i++) {
                if (gaps.includes(i)) continue;
                if (m.period === 'monthly' && i >= 12) break;
                const [level, sample, beyond] = values[(i + p * 7 + mi * 3) % values.length];
                measurements.push({
                    program: name, metric: m.id, period: m.period_of(i), value: level === 4 ? m.levels[0].value / 2 : m.levels[level].value,
                    sample, population: beyond === null ? null : (sample ?? 0) + beyond + 1,
                });
            }
        }
    });
    const exclusionLines: string[] = [];
    exclusions.forEach((x, i) => {
        const programsLine = x.programs.filter(p => p < programs.length).map(p => `P${p}`);
        if (x.programs.length && !programsLine.length) return;
        // The listed metrics are those the kind of period can excuse (the validator's grain rule).
        const fits = (grain: string) => x.kind === 'day' ? grain !== 'weekly' && grain !== 'monthly'
            : x.kind === 'interval' ? grain.startsWith('interval') || grain === 'hourly'
                : grain === (x.kind === 'week' ? 'weekly' : 'monthly');
        const metrics = x.metrics.filter(m => fits(METRICS[m].period));
        if (x.metrics.length && !metrics.length) return;
        const period = (d: number) => {
            switch (x.kind) {
                case 'week': return `2026-W${pad(1 + Math.floor(d / 7))}`;
                case 'month': return `2026-${pad(1 + Math.floor(d / 31))}`;
                case 'interval': return `${dayText(d)}T10:00`;
                default: return dayText(d);
            }
        };
        exclusionLines.push(`exclusion X${i} "Outage ${i}" {`,
            ...(programsLine.length ? [`    program ${programsLine.join(', ')}`] : []),
            ...(metrics.length ? [`    metrics ${metrics.map(m => METRICS[m].id).join(', ')}`] : []),
            `    periods ${period(x.start)} to ${period(x.start + x.length)}`,
            `    approved by "Vendor management"`,
            `    expires ${dayText(x.expires)}`,
            '}');
    });
    // Most actions are for a metric the program has a norm for (the index picks among them), a few for another.
    const normed = programs.map((_, p) => METRICS.map((_, mi) => mi).filter(mi => used.has(`${p}:${mi}`)));
    const actionRows: EvaluationCase['actions'] = actions
        .filter(a => a.program < programs.length)
        .map(a => ({ ...a, metric: a.metric < METRICS.length - 1 ? normed[a.program][a.metric % normed[a.program].length] : a.metric,
            opened: a.opened < 0 ? asOf : a.opened }))
        .flatMap(a => [a, ...(a.twin ? [{ ...a, ...a.twin, owner: 'Quality lead' }] : [])])
        .concat(aimed.flatMap(a => [
            { program: a.program, metric: a.metric, opened: asOf, owner: 'Team lead', dueAfter: 7, closedAfter: undefined, twin: undefined },
            ...(a.overdue === null ? [] : [{ program: a.program, metric: a.metric, opened: Math.max(0, asOf - a.overdue), owner: 'Team lead', dueAfter: 0, closedAfter: undefined, twin: undefined }]),
        ]))
        .map(a => ({
            program: `P${a.program}`, metric: METRICS[a.metric].id, opened: dayText(a.opened), owner: a.owner,
            due: a.dueAfter === undefined ? null : dayText(a.opened + a.dueAfter),
            closed: a.closedAfter === undefined ? null : dayText(a.opened + a.closedAfter), result: null,
        }));
    const files: Record<string, string> = {
        'metrics.norma': metricLines.join('\n') + '\n',
        'programs.norma': [...profileLines, ...programLines].join('\n') + '\n',
    };
    if (exclusionLines.length) files['exclusions.norma'] = exclusionLines.join('\n') + '\n';
    return { files, measurements, actions: actionRows, asOf: dayText(asOf) };
});
