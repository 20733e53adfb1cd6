// Staffing checked on real calls: the Anonymous Bank log (February 1999) and the staffing table
// its companion scripts publish (Erlang C, 15 calls per agent-hour, at most half the callers wait).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fewestAgents } from '../../language/src/engine/queueing.js';
import { computeMeasurements } from '../../language/src/records/compute.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';

const LOG = path.resolve(__dirname, '../../../shared/data/callcenter/anonymous-bank-1999-02.tsv');
const present = fs.existsSync(LOG);
if (!present) console.warn(`Skipping the Anonymous Bank staffing tests: ${LOG} is not there.`);

// Published with the data: agents needed per hour of a Wednesday, hours 0 to 23.
const PUBLISHED_AGENTS = [1, 1, 1, 0, 1, 1, 1, 4, 8, 9, 10, 9, 8, 16, 10, 10, 6, 7, 8, 8, 6, 6, 5, 4];

describe.skipIf(!present)('staffing on the Anonymous Bank log', () => {
    // An independent reading of the log, kept in the test: PHANTOM calls and negative VRU times
    // dropped, calls counted by the hour they entered the VRU, over the four Wednesdays.
    function wednesdayArrivalsPerHour(): number[] {
        const [header, ...lines] = fs.readFileSync(LOG, 'utf8').split(/\r?\n/).filter(Boolean);
        const col = Object.fromEntries(header.split('\t').map((name, i) => [name, i]));
        const perHour = new Array<number>(24).fill(0);
        for (const line of lines) {
            const cells = line.split('\t');
            if (cells[col.outcome] === 'PHANTOM' || Number(cells[col.vru_time]) < 0) continue;
            const d = cells[col.date];
            const day = new Date(Date.UTC(1900 + Number(d.slice(0, 2)), Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6)))).getUTCDay();
            if (day !== 3) continue;
            perHour[Number(cells[col.vru_entry].split(':')[0])]++;
        }
        return perHour.map((n) => n / 4);
    }

    it('gives the published agents per hour from the hourly arrivals (Erlang C, P(wait) at most 0.5)', () => {
        const agents = wednesdayArrivalsPerHour().map((perHour) =>
            fewestAgents({ offered: perHour, intervalSeconds: 3600, aht: 3600 / 15 }, { thresholdSeconds: 0, probabilityWait: 0.5 }).agents);
        expect(agents).toEqual(PUBLISHED_AGENTS);
    });

    // The same log through Norma's own formulas: hourly arrivals and the mean service time of
    // served calls, per day; Wednesdays pooled by their samples (sum then divide).
    async function wednesdayFiguresFromRecords() {
        const ws = await loadWorkspace([{ path: 'bank.norma', text: `
            source Bank {
                field day: date column "date" format "%y%m%d"
                field vru_entry: time
                field vru_time: seconds
                field ser_time: seconds
                field outcome: text
                field server: text
                field entered = day + vru_entry
                keep outcome != "PHANTOM" and vru_time >= 0s
            }
            metric Arrivals { family service unit count better higher period hourly from Bank at entered = count() }
            metric ServiceTime { family efficiency unit seconds better lower period hourly from Bank at entered
                = avg(ser_time) where server != "NO_SERVER" }
            program AnonymousBank { records Bank norm Arrivals >= 0 norm ServiceTime <= 1h }` }]);
        expect(ws.diagnostics).toEqual([]);
        const r = await computeMeasurements(ws.model!, [{ source: 'Bank', path: LOG }]);
        expect(r.errors).toEqual([]);
        const wednesday = r.measurements.filter(x => new Date(`${x.period.slice(0, 10)}T00:00:00Z`).getUTCDay() === 3);
        const arrivals = new Array<number>(24).fill(0);
        const served = Array.from({ length: 24 }, () => ({ seconds: 0, calls: 0 }));
        for (const x of wednesday) {
            const hour = Number(x.period.slice(11, 13));
            if (x.metric === 'Arrivals') arrivals[hour] += x.value;
            if (x.metric === 'ServiceTime') {
                served[hour].seconds += x.value * x.sample!;
                served[hour].calls += x.sample!;
            }
        }
        return { arrivals: arrivals.map(n => n / 4), served };
    }

    it('gives the published mean service rate, 14.86443 calls per agent-hour, from Norma\'s formulas', async () => {
        const { served } = await wednesdayFiguresFromRecords();
        // The companion script's rule: per hour, 3600 / (mean service time + 60 s of wrap-up), an
        // hour without a served call taking the mean of all; then the mean over the 24 hours.
        const all = served.reduce((s, h) => s + h.seconds, 0) / served.reduce((n, h) => n + h.calls, 0);
        const rates = served.map(h => 3600 / ((h.calls ? h.seconds / h.calls : all) + 60));
        expect(rates.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(14.86443, 5);
    });

    it('staffs each Wednesday hour from the arrivals Norma computes, as the published table and the independent reading', async () => {
        const { arrivals } = await wednesdayFiguresFromRecords();
        expect(arrivals).toEqual(wednesdayArrivalsPerHour());
        const agents = arrivals.map(perHour =>
            fewestAgents({ offered: perHour, intervalSeconds: 3600, aht: 3600 / 15 }, { thresholdSeconds: 0, probabilityWait: 0.5 }).agents);
        expect(agents).toEqual(PUBLISHED_AGENTS);
    });
});
