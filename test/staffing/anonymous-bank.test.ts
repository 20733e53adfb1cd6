// Staffing checked on real calls: the Anonymous Bank log (February 1999) and the staffing table
// its companion scripts publish (Erlang C, 15 calls per agent-hour, at most half the callers wait).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fewestAgents } from '../../language/src/engine/queueing.js';

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
});
