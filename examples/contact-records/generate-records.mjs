#!/usr/bin/env node
// Writes the example's raw records: one month (October 2026, with the night the clocks go back in
// London) of a synthetic call log for two queues, the QA evaluations of some of those calls, and
// the post-call surveys. Seeded and dependency-free: every run writes the same bytes.
//
//   node examples/contact-records/generate-records.mjs [--out <folder>]   (default: this folder)
//
// Files (in the folder given):
//   records/calls.csv            ACD export: call_id,queue,offered_at,outcome,queue_seconds,talk,hold,acw_seconds
//                                (offered_at in UTC, talk as M:SS, the other durations in seconds)
//   records/qa-evaluations.csv   QA export: evaluation_id,queue,evaluated_on (DD/MM/YYYY),critical_errors,score
//   records/surveys.ndjson       one JSON object per answered survey: queue, answered_at, satisfaction, resolved
//
// What the numbers do, by construction: BILL_EN answers slowly on 14, 15 and 16 October (three
// consecutive service-level misses: a trigger that needs an action); BILL_FR meets its norms.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1] : HERE;

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

const QUEUES = [
    { name: 'BILL_EN', calls: 90, seed: 11, slowDays: new Set([14, 15, 16]), surveys: 0.2, critical: 0.03, evaluations: 70 },
    { name: 'BILL_FR', calls: 80, seed: 23, slowDays: new Set(), surveys: 0.15, critical: 0.02, evaluations: 45 },
];
const DAYS = 31;

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** UTC ISO text of a London local time on a day of October 2026 (BST until 02:00 local on the 25th). */
function londonToUtc(day, minuteOfDay) {
    const bst = day < 25 || (day === 25 && minuteOfDay < 60);
    const utc = Date.UTC(2026, 9, day, 0, 0, 0) + (minuteOfDay - (bst ? 60 : 0)) * 60_000;
    return new Date(utc).toISOString().replace('.000Z', 'Z');
}
const mss = s => `${Math.floor(s / 60)}:${pad(s % 60)}`;

const calls = ['call_id,queue,offered_at,outcome,queue_seconds,talk,hold,acw_seconds'];
const evaluations = ['evaluation_id,queue,evaluated_on,critical_errors,score'];
const surveys = [];
let callNo = 0;
let evaluationNo = 0;

for (const q of QUEUES) {
    const random = mulberry32(q.seed);
    const answeredCalls = [];
    for (let day = 1; day <= DAYS; day++) {
        const slow = q.slowDays.has(day);
        const n = Math.round(q.calls * (0.85 + 0.3 * random()));
        const minutes = Array.from({ length: n }, () => 8 * 60 + Math.floor(random() * 12 * 60)).sort((a, b) => a - b);
        for (const minute of minutes) {
            callNo++;
            const second = Math.floor(random() * 60);
            const offeredAt = londonToUtc(day, minute).replace(':00Z', `:${pad(second)}Z`);
            const abandonChance = slow ? 0.09 : 0.03;
            if (random() < abandonChance) {
                const wait = Math.floor(random() * (slow ? 90 : 40));
                calls.push(`C${pad(callNo, 6)},${q.name},${offeredAt},ABANDONED,${wait},,,`);
                continue;
            }
            // Waits: mostly short; on slow days most callers wait longer than 20 s.
            const wait = slow ? 10 + Math.floor(random() * 60) : Math.floor(-Math.log(1 - random()) * 7);
            const talk = 120 + Math.floor(random() * 240);
            const hold = random() < 0.3 ? Math.floor(random() * 60) : 0;
            const wrap = 20 + Math.floor(random() * 50);
            calls.push(`C${pad(callNo, 6)},${q.name},${offeredAt},ANSWERED,${wait},${mss(talk)},${hold},${wrap}`);
            answeredCalls.push({ day, offeredAt, wait, talk });
        }
        // Two test calls a day, which `keep outcome != "TEST"` drops.
        for (let t = 0; t < 2; t++) {
            callNo++;
            calls.push(`C${pad(callNo, 6)},${q.name},${londonToUtc(day, 7 * 60 + t)},TEST,0,0:05,0,0`);
        }
    }
    // The night the clocks go back: calls at 01:10 and 01:40 local, once in BST and once in GMT.
    if (q.name === 'BILL_EN') {
        for (const utc of ['2026-10-25T00:10:00Z', '2026-10-25T00:40:00Z', '2026-10-25T01:10:00Z', '2026-10-25T01:40:00Z']) {
            callNo++;
            calls.push(`C${pad(callNo, 6)},${q.name},${utc},ANSWERED,4,${mss(200)},0,30`);
        }
    }
    for (let i = 0; i < q.evaluations; i++) {
        evaluationNo++;
        const day = 1 + Math.floor(random() * DAYS);
        const critical = random() < q.critical ? 1 + Math.floor(random() * 2) : 0;
        const score = critical ? 40 + Math.floor(random() * 30) : 75 + Math.floor(random() * 26);
        evaluations.push(`Q${pad(evaluationNo, 5)},${q.name},${pad(day)}/10/2026,${critical},${score}`);
    }
    for (const c of answeredCalls) {
        if (random() >= q.surveys) continue;
        const answered = new Date(Date.parse(c.offeredAt) + (c.wait + c.talk + 60) * 1000).toISOString().replace('.000Z', 'Z');
        const r = random();
        const satisfaction = r < 0.04 ? 1 : r < 0.1 ? 2 : r < 0.2 ? 3 : r < 0.55 ? 4 : 5;
        const resolvedDraw = random();
        const resolved = resolvedDraw < 0.05 ? null : resolvedDraw < 0.8 ? 'yes' : 'no';
        surveys.push(JSON.stringify({ queue: q.name, answered_at: answered, satisfaction, resolved }));
    }
}

mkdirSync(join(OUT, 'records'), { recursive: true });
writeFileSync(join(OUT, 'records', 'calls.csv'), calls.join('\n') + '\n');
writeFileSync(join(OUT, 'records', 'qa-evaluations.csv'), evaluations.join('\n') + '\n');
writeFileSync(join(OUT, 'records', 'surveys.ndjson'), surveys.join('\n') + '\n');
