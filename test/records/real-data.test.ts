// Real call logs through workspaces of our own (../shared/data/callcenter; skipped with a message
// when absent): the figures published with the data must come out of Norma's formulas exactly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { computeMeasurements } from '../../language/src/records/compute.js';

const DATA = path.resolve(__dirname, '../../../shared/data/callcenter');
const BANK = path.join(DATA, 'anonymous-bank-1999-02.tsv');
const TRENDS = path.join(DATA, 'call-centre-trends-q1-2021.csv');
if (!fs.existsSync(BANK)) console.warn(`Skipping the Anonymous Bank records test: ${BANK} is not there.`);
if (!fs.existsSync(TRENDS)) console.warn(`Skipping the call-centre trends records test: ${TRENDS} is not there.`);

async function model(text: string) {
    const ws = await loadWorkspace([{ path: 'ws.norma', text }]);
    expect(ws.diagnostics).toEqual([]);
    return ws.model!;
}

describe.skipIf(!fs.existsSync(BANK))('the Anonymous Bank log (February 1999)', () => {
    it('gives the published mean arrivals per hour over the four Wednesdays', async () => {
        const m = await model(`
            source Bank "Anonymous Bank call-by-call records" {
                field day: date column "date" format "%y%m%d"          // 990201: two-digit years
                field vru_entry: time                                  // 7:02:47, time of day
                field vru_time: seconds
                field outcome: text
                field entered = day + vru_entry
                keep outcome != "PHANTOM" and vru_time >= 0s           // as the published figures do
            }
            metric Arrivals "Calls entering the VRU" {
                family service unit count better higher period hourly
                from Bank at entered
                = count()
            }
            program AnonymousBank { records Bank norm Arrivals >= 0 }`);
        const r = await computeMeasurements(m, [{ source: 'Bank', path: BANK }]);
        expect(r.errors).toEqual([]);
        const perHour = new Array<number>(24).fill(0);
        for (const row of r.measurements) {
            const day = new Date(`${row.period.slice(0, 10)}T00:00:00Z`).getUTCDay();
            if (day === 3) perHour[Number(row.period.slice(11, 13))] += row.value;
        }
        expect(perHour.map(n => n / 4)).toEqual([6.75, 1.75, 1.25, 0, 0.5, 0.25, 4.75, 39.5, 97.25, 107.5, 124, 110.25, 95.5,
            203.5, 115.75, 115.5, 67.75, 75, 88.75, 85.5, 68, 61.5, 57.5, 44.25]);
    });
});

describe.skipIf(!fs.existsSync(TRENDS))('the call-centre trends file (Q1 2021)', () => {
    it('gives 4,054 of 5,000 answered, 89.94% resolved of answered and mean satisfaction 3.40', async () => {
        const m = await model(`
            source Trends "One row per call" {
                field day: date column "Date" format "%d/%m/%Y"        // DD/MM/YYYY, whatever the README says
                field answered_flag: text column "Answered (Y/N)"
                field resolved: boolean column "Resolved"
                field satisfaction: integer column "Satisfaction rating"
                field answered = answered_flag = "Y"
            }
            metric Calls { family service unit count better higher period monthly from Trends at day = count() }
            metric Answered { family service unit count better higher period monthly from Trends at day = count(answered) }
            metric Resolution { family resolution unit percent better higher period monthly from Trends at day
                = count(answered and resolved) / count(answered) }
            metric Satisfaction { family satisfaction unit score better higher period monthly from Trends at day
                = avg(satisfaction) where answered }
            program Trends { records Trends norm Calls >= 0 }`);
        const r = await computeMeasurements(m, [{ source: 'Trends', path: TRENDS }]);
        expect(r.errors).toEqual([]);
        const rows = (metric: string) => r.measurements.filter(x => x.metric === metric);
        expect(rows('Calls').map(x => x.period)).toEqual(['2021-01', '2021-02', '2021-03']);
        const total = (metric: string) => rows(metric).reduce((n, x) => n + x.value, 0);
        expect(total('Calls')).toBe(5000);
        expect(total('Answered')).toBe(4054);
        // Monthly figures roll up by their samples (the denominators), never by averaging percentages.
        const rollUp = (metric: string) => rows(metric).reduce((n, x) => n + x.value * x.sample!, 0) / rows(metric).reduce((n, x) => n + x.sample!, 0);
        expect(rows('Resolution').reduce((n, x) => n + x.sample!, 0)).toBe(4054);
        expect(rollUp('Resolution').toFixed(2)).toBe('89.94');
        expect(rollUp('Satisfaction').toFixed(2)).toBe('3.40');
    });
});
