#!/usr/bin/env node
// Writes the example's KPI data and improvement actions: six months (2026-05-01 .. 2026-10-31)
// of every program's normed metrics at the metric's grain, plus the actions that answer some
// breaches. Seeded and dependency-free: every run writes the same bytes.
//
//   node examples/copc-cx/generate-data.mjs [--out <folder>]     (default: this folder)
//
// Files (in the folder given):
//   data/measurements.csv    ACD, WFM, ticketing and finance exports: daily service and efficiency
//                            metrics, weekly forecast accuracy, monthly cost per contact
//   data/surveys.ndjson      weekly first-contact resolution and satisfaction (one JSON per line)
//   data/qa-evaluations.json monthly quality monitoring results (a JSON array), sample = evaluations
//   actions.csv              improvement actions (program,metric,opened,owner,due,closed,result)
//
// Values are realistic but controlled: random noise never misses a norm by accident (a point
// that would is mirrored back to the met side), and every miss is scripted below in SCRIPTED,
// so the verdicts described in README.md hold by construction.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1] : HERE;

const FIRST_DAY = '2026-05-01';
const LAST_DAY = '2026-10-31';

// ---------------------------------------------------------------------------------------------
// Seeded randomness: mulberry32, one stream per program and metric, so that editing one series
// does not move the random numbers of any other.
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
function hash(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
}
const SEED = 20261031;
/** Roughly normal noise in [-1, 1] (mean of three uniforms, rescaled). */
const noise = rng => (rng() + rng() + rng()) / 1.5 - 1;

// ---------------------------------------------------------------------------------------------
// Calendar: days, ISO weeks (Monday start) and months.
const DAY_MS = 86400000;
const dayNum = iso => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = n => new Date(n * DAY_MS).toISOString().slice(0, 10);
const weekday = n => (new Date(n * DAY_MS).getUTCDay() + 6) % 7;   // 0 = Monday .. 6 = Sunday

function isoWeek(n) {
    const thursday = n - weekday(n) + 3;
    const year = new Date(thursday * DAY_MS).getUTCFullYear();
    const week = Math.floor((thursday - dayNum(`${year}-01-01`)) / 7) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
}

const DAYS = [];
for (let n = dayNum(FIRST_DAY); n <= dayNum(LAST_DAY); n++) DAYS.push(n);
// Complete ISO weeks only: the week's Monday on or after the first day, its Sunday by the last.
const WEEKS = DAYS.filter(n => weekday(n) === 0 && n + 6 <= dayNum(LAST_DAY));
const MONTHS = [...new Set(DAYS.map(n => isoOf(n).slice(0, 7)))];

// ---------------------------------------------------------------------------------------------
// The norms the data is shaped around (they mirror programs/*.norma and profiles/*.norma).
// `t` is the target in data units (percent 0..100, seconds, EUR); `from` a dated norm's start.
const ge = (t, from) => ({ op: '>=', t, from });
const le = (t, from) => ({ op: '<=', t, from });
const between = (low, high) => ({ op: 'between', low, high });

// Series: base level, noise amplitude, decimals, weekly shape (Mon..Sun, added), sample size.
// `margin` is how far past the target a mirrored point lands (scaled by 0.2..1.2).
const P = { decimals: 1, margin: 1 };                 // percent defaults
const VOICE_WEEK = [-3, -1, 0, 0, 0.5, 2, 3];         // Mondays are the hardest day
const VOICE_OFFERED = [2600, 2300, 2150, 2100, 2000, 1100, 800];

const VOICE = (scale) => ({
    ServiceLevel: { ...P, grain: 'daily', base: 85.5, amp: 3, week: VOICE_WEEK, norms: [ge(80)], sample: wd => VOICE_OFFERED[wd] * scale },
    AverageSpeedOfAnswer: { grain: 'daily', base: 17, amp: 6, decimals: 0, margin: 4, week: [5, 2, 0, 0, -1, -3, -4], norms: [le(30)], sample: wd => VOICE_OFFERED[wd] * scale },
    AbandonmentRate: { ...P, grain: 'daily', base: 3.2, amp: 1, margin: 0.5, week: [0.6, 0.2, 0, 0, -0.1, -0.5, -0.6], norms: [le(5)], sample: wd => VOICE_OFFERED[wd] * scale },
    AverageHandleTime: { grain: 'daily', base: 326, amp: 18, decimals: 0, margin: 8, week: [8, 4, 0, 0, -2, -6, -8], norms: [le(360)], sample: wd => VOICE_OFFERED[wd] * scale * 0.96 },
    Occupancy: { ...P, grain: 'daily', base: 82, amp: 3, week: [3, 1, 0, 0, -1, -3, -4], norms: [between(75, 88)] },
    ScheduleAdherence: { ...P, grain: 'daily', base: 93, amp: 2, norms: [ge(90)] },
    FirstContactResolution: { ...P, grain: 'weekly', base: 75, amp: 2, norms: [ge(72)], sample: () => 14000 * scale },
    CustomerSatisfaction: { ...P, grain: 'weekly', base: 84, amp: 2.5, norms: [ge(80)], sample: () => 1300 * scale },
    ForecastAccuracy: { ...P, grain: 'weekly', base: 93.5, amp: 2, norms: [ge(90)] },
    CostPerContact: { grain: 'monthly', base: 3.95 - (1 - scale) * 0.7, amp: 0.12, decimals: 2, margin: 0.05, norms: [le(4.2)], sample: () => 60000 * scale },
});

const QUALITY = (evaluations) => ({
    EndUserCriticalAccuracy: { ...P, grain: 'monthly', base: 98.4, amp: 0.8, margin: 0.3, norms: [ge(97)], sample: () => evaluations },
    BusinessCriticalAccuracy: { ...P, grain: 'monthly', base: 98.2, amp: 0.8, margin: 0.3, norms: [ge(97)], sample: () => evaluations },
    ComplianceCriticalAccuracy: { ...P, grain: 'monthly', base: 99.5, amp: 0.3, margin: 0.2, norms: [ge(99)], sample: () => evaluations },
    NonCriticalAccuracy: { ...P, grain: 'monthly', base: 93, amp: 2, norms: [ge(90)], sample: () => evaluations },
});

const PROGRAMS = {
    AcmeBillingVoice: {
        ...VOICE(1),
        // The contract renewal: 85% from August, and NorthStar staffed up for it.
        ServiceLevel: { ...VOICE(1).ServiceLevel, norms: [ge(80), ge(85, '2026-08-01')], base: d => (d >= dayNum('2026-08-01') ? 88.5 : 85.5) },
        ...QUALITY(320),
    },
    AcmeBillingVoiceLisbon: { ...VOICE(0.45), ...QUALITY(230) },
    AcmeEmailCare: {
        EmailResponseTime: { grain: 'daily', base: 5.6 * 3600, amp: 1800, decimals: 0, margin: 1200, week: [2400, 1200, 0, -600, -600, -1200, 0], norms: [le(8 * 3600)], sample: wd => [900, 820, 780, 760, 700, 380, 0][wd], closed: [6] },
        AverageHandleTime: { grain: 'daily', base: 455, amp: 30, decimals: 0, margin: 15, norms: [le(540)], sample: wd => [900, 820, 780, 760, 700, 380, 0][wd], closed: [6] },
        FirstContactResolution: { ...P, grain: 'weekly', base: 73.5, amp: 2, norms: [ge(70)], sample: () => 4300 },
        CustomerSatisfaction: { ...P, grain: 'weekly', base: 79, amp: 2.5, norms: [ge(75)], sample: () => 410 },
        ForecastAccuracy: { ...P, grain: 'weekly', base: 91, amp: 2, norms: [ge(88)] },
        CostPerContact: { grain: 'monthly', base: 3.25, amp: 0.1, decimals: 2, margin: 0.05, norms: [le(3.6)], sample: () => 18500 },
        ...QUALITY(240),
    },
    HelvetiaChat: {
        ServiceLevel: { ...P, grain: 'daily', base: 86, amp: 3, week: [-2, -1, 0, 0, 0, 1, 2], norms: [ge(80)], sample: wd => [1400, 1300, 1250, 1200, 1150, 600, 450][wd] },
        AverageSpeedOfAnswer: { grain: 'daily', base: 12, amp: 4, decimals: 0, margin: 3, norms: [le(20)], sample: wd => [1400, 1300, 1250, 1200, 1150, 600, 450][wd] },
        AbandonmentRate: { ...P, grain: 'daily', base: 5, amp: 1.5, margin: 0.8, norms: [le(8)], sample: wd => [1400, 1300, 1250, 1200, 1150, 600, 450][wd] },
        AverageHandleTime: { grain: 'daily', base: 610, amp: 40, decimals: 0, margin: 20, norms: [le(720)], sample: wd => [1350, 1250, 1200, 1150, 1100, 580, 430][wd] },
        ScheduleAdherence: { ...P, grain: 'daily', base: 93.5, amp: 2, norms: [ge(90)] },
        FirstContactResolution: { ...P, grain: 'weekly', base: 79, amp: 2, norms: [ge(75)], sample: () => 7700 },
        // CustomerSatisfaction: no rows at all, the survey feed is not connected (no-data).
        ForecastAccuracy: { ...P, grain: 'weekly', base: 89.5, amp: 2.5, norms: [ge(85)] },
        CostPerContact: { grain: 'monthly', base: 3.45, amp: 0.12, decimals: 2, margin: 0.05, norms: [le(3.9)], sample: () => 33000 },
        ...QUALITY(260),
    },
    HelvetiaClaimsBackOffice: {
        // The workflow tool's export stopped after Friday 23 October: no rows since (stale).
        OnTimeCompletion: { ...P, grain: 'daily', base: 97.5, amp: 1.5, margin: 0.6, norms: [ge(95)], sample: wd => [520, 480, 470, 460, 430, 0, 0][wd], closed: [5, 6], until: '2026-10-23' },
        AverageHandleTime: { grain: 'daily', base: 760, amp: 35, decimals: 0, margin: 20, norms: [le(840)], sample: wd => [520, 480, 470, 460, 430, 0, 0][wd], closed: [5, 6] },
        ForecastAccuracy: { ...P, grain: 'weekly', base: 89, amp: 2.5, norms: [ge(85)] },
        CostPerContact: { grain: 'monthly', base: 4.3, amp: 0.08, decimals: 2, margin: 0.05, norms: [le(4.5)], sample: () => 10200 },
        ...QUALITY(215),
    },
};

// ---------------------------------------------------------------------------------------------
// The story: every miss in the data, by program, metric and period ([value, sample?]).
const SCRIPTED = {
    AcmeBillingVoice: {
        // Three days under 80% after a new billing system went live: a consecutive trigger,
        // answered by an action closed with a result (action-planned).
        ServiceLevel: {
            '2026-06-08': [77.9], '2026-06-09': [76.4], '2026-06-10': [78.8],
            // The carrier outage: excluded by exclusions/2026-07-carrier-outage.norma.
            '2026-07-14': [41.2], '2026-07-15': [58.9],
            // Under the new 85% norm: three misses in a row, and nobody has opened an action
            // yet (action-required).
            '2026-10-12': [83.1], '2026-10-13': [82.4], '2026-10-14': [84.2],
        },
        AverageSpeedOfAnswer: { '2026-06-08': [28], '2026-06-09': [29], '2026-06-10': [27], '2026-07-14': [212], '2026-07-15': [131] },
        AbandonmentRate: { '2026-06-08': [4.6], '2026-06-09': [4.9], '2026-06-10': [4.4], '2026-07-14': [18.4], '2026-07-15': [11.2] },
        Occupancy: { '2026-07-14': [96.1], '2026-07-15': [92.4] },
        // Two weeks under 72%: at risk, one more and an action is required.
        FirstContactResolution: { '2026-W42': [70.8], '2026-W43': [71.5] },
    },
    AcmeBillingVoiceLisbon: {
        // 22 September: a third of the Lisbon team off sick on the day of Acme's price-change
        // letter. Service level crosses the 65% floor (a critical trigger); the action opened the
        // next day was due 15 October and is still open (overdue). The same day misses ASA,
        // abandonment and occupancy, none past its floor (at-risk).
        ServiceLevel: { '2026-07-14': [39.5], '2026-07-15': [61.0], '2026-09-22': [61.8] },
        AverageSpeedOfAnswer: { '2026-07-14': [236], '2026-07-15': [118], '2026-09-22': [78] },
        AbandonmentRate: { '2026-07-14': [19.7], '2026-07-15': [10.8], '2026-09-22': [8.7] },
        Occupancy: { '2026-07-14': [95.2], '2026-07-15': [91.0], '2026-09-22': [91.4] },
    },
    AcmeEmailCare: {
        // A backlog after a billing-error mailing: three days over 8 hours. An action is open
        // and due 13 November (action-planned).
        EmailResponseTime: { '2026-10-19': [32760], '2026-10-20': [37440], '2026-10-21': [30960] },
        // August: only 142 evaluations (QA analysts on holiday), under the 200 minimum. The
        // month is unsampled: reported, neither met nor missed, although 96.3% is below the floor.
        ComplianceCriticalAccuracy: { '2026-08': [96.3, 142] },
    },
    HelvetiaClaimsBackOffice: {
        // Cost per claim rose in June (new intake system, double running) and has improved every
        // month since: three misses fired a trigger in August, answered by an action due at
        // year end (action-planned); the last four months show sustained improvement.
        CostPerContact: { '2026-05': [4.38], '2026-06': [4.96], '2026-07': [4.85], '2026-08': [4.71], '2026-09': [4.62], '2026-10': [4.55] },
    },
};

const ACTIONS = [
    ['AcmeBillingVoice', 'ServiceLevel', '2026-06-11', 'Dana Whitfield (NorthStar workforce management)', '2026-06-30', '2026-06-26',
        'Evening shift of 6 FTE added and billing-system job aids published; service level back above 80% from 11 June'],
    ['AcmeBillingVoiceLisbon', 'ServiceLevel', '2026-09-23', 'Rui Almeida (Atlântico CX planeamento)', '2026-10-15', '', ''],
    ['AcmeEmailCare', 'EmailResponseTime', '2026-10-22', 'Priya Nair (NorthStar email team lead)', '2026-11-13', '', ''],
    ['HelvetiaClaimsBackOffice', 'CostPerContact', '2026-09-03', 'Claire Dubois (Atlântico CX operations)', '2026-12-31', '',
        ''],
];

// ---------------------------------------------------------------------------------------------

function activeNorm(norms, startDay) {
    let active = norms[0];
    for (const n of norms) if (!n.from || dayNum(n.from) <= startDay) active = n;
    return active;
}

/** Mirrors a value that misses its norm back to the met side. */
function guard(value, norm, margin, rng) {
    const push = margin * (0.2 + rng());
    if (norm.op === '>=' && value < norm.t) return norm.t + push;
    if (norm.op === '<=' && value > norm.t) return norm.t - push;
    if (norm.op === 'between') {
        if (value < norm.low) return norm.low + push;
        if (value > norm.high) return norm.high - push;
    }
    return value;
}

const round = (v, decimals) => Number(v.toFixed(decimals));

function periodsOf(grain) {
    if (grain === 'daily') return DAYS.map(n => ({ period: isoOf(n), start: n, wd: weekday(n) }));
    if (grain === 'weekly') return WEEKS.map(n => ({ period: isoWeek(n), start: n, wd: 0 }));
    return MONTHS.map(m => ({ period: m, start: dayNum(`${m}-01`), wd: 0 }));
}

function series(program, metric, spec) {
    const rng = mulberry32(SEED ^ hash(`${program}/${metric}`));
    const scripted = SCRIPTED[program]?.[metric] ?? {};
    const rows = [];
    for (const { period, start, wd } of periodsOf(spec.grain)) {
        if (spec.closed?.includes(weekday(start)) && spec.grain === 'daily') continue;
        if (spec.until && start > dayNum(spec.until)) continue;
        const base = typeof spec.base === 'function' ? spec.base(start) : spec.base;
        // Summer holidays cost a little everywhere in July and August.
        const summer = /-0[78]/.test(period) || /W(2[7-9]|3[0-5])$/.test(period) ? -0.3 : 0;
        let value = base + (spec.week ? spec.week[wd] : 0) + spec.amp * noise(rng) + summer * spec.amp;
        value = guard(value, activeNorm(spec.norms, start), spec.margin ?? 1, rng);
        let sample = spec.sample ? Math.round(spec.sample(wd) * (0.94 + 0.12 * rng())) : '';
        const fixed = scripted[period];
        if (fixed) {
            value = fixed[0];
            if (fixed[1] !== undefined) sample = fixed[1];
        }
        rows.push({ program, metric, period, value: round(value, spec.decimals ?? 1), sample });
    }
    return rows;
}

const rows = [];
for (const [program, metrics] of Object.entries(PROGRAMS)) {
    for (const [metric, spec] of Object.entries(metrics)) rows.push(...series(program, metric, spec));
}
for (const r of rows) {
    // Percent metrics must stay within 0..100 (a guard against a typo in the table above).
    if (r.value < 0) throw new Error(`negative value ${r.program} ${r.metric} ${r.period}`);
}

const isSurvey = r => r.metric === 'FirstContactResolution' || r.metric === 'CustomerSatisfaction';
const isQa = r => /Accuracy$/.test(r.metric) && r.metric !== 'ForecastAccuracy';

const csvField = v => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (header, lines) => [header.join(','), ...lines.map(l => l.map(csvField).join(','))].join('\n') + '\n';
const json = r => JSON.stringify(r.sample === '' ? { program: r.program, metric: r.metric, period: r.period, value: r.value }
    : { program: r.program, metric: r.metric, period: r.period, value: r.value, sample: r.sample });

const files = {
    'data/measurements.csv': csv(['program', 'metric', 'period', 'value', 'sample'],
        rows.filter(r => !isSurvey(r) && !isQa(r)).map(r => [r.program, r.metric, r.period, r.value, r.sample])),
    'data/surveys.ndjson': rows.filter(isSurvey).map(json).join('\n') + '\n',
    'data/qa-evaluations.json': `[\n${rows.filter(isQa).map(r => `  ${json(r)}`).join(',\n')}\n]\n`,
    'actions.csv': csv(['program', 'metric', 'opened', 'owner', 'due', 'closed', 'result'], ACTIONS),
};

for (const [file, text] of Object.entries(files)) {
    const target = join(OUT, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
}
process.stdout.write(`${rows.length} measurements and ${ACTIONS.length} actions written under ${OUT}\n`);
