// A service-level breach on interval data names the agents each of its intervals needed
// (expected counts checked by hand with the textbook Erlang C formula: 14, 16 and 12).
import { describe, expect, it } from 'vitest';
import { check } from '../../language/src/engine/index.js';
import { serviceThreshold } from '../../language/src/engine/staffing.js';
import type { Measurement } from '../../language/src/engine/types.js';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';

const WORKSPACE = `source Calls {
    field offered_at: timestamp
    field outcome: text
    field wait: seconds
    field handle: seconds
    field answered = outcome = "ANSWERED"
    field abandoned = outcome = "ABANDONED"
    field offered = answered or abandoned
}
metric ServiceLevel "Answered within 20 s, of offered" {
    family service  unit percent  better higher  period interval30
    from Calls at offered_at
    = count(answered and wait <= 20s) / count(offered)
}
metric SpeedOfAnswer "Average wait of answered calls" {
    family service  unit seconds  better lower  period interval30
    from Calls at offered_at
    = avg(wait) where answered
}
metric CallsOffered "Offered calls" {
    family service  unit count  better higher  period interval30
    from Calls at offered_at
    = count(offered)
}
metric AverageHandleTime "Handle time" {
    family efficiency  unit seconds  better lower  period interval30
    from Calls at offered_at
    = avg(handle) where answered
}
metric MeanPatience "Wait of all offered calls per abandon" {
    family service  unit seconds  better higher  period interval30
    from Calls at offered_at
    = sum(wait) / count(abandoned) where offered
}
metric AgentsLoggedIn "Agents logged in" {
    family people  unit count  better higher  period interval30
}
program Acme {
    records Calls
    norm ServiceLevel >= 80%
    norm SpeedOfAnswer <= 30s
    staffing {
        offered CallsOffered
        handle AverageHandleTime
        agents AgentsLoggedIn
    }
}
program Patient {
    records Calls
    norm ServiceLevel >= 80%
    staffing {
        offered CallsOffered
        handle AverageHandleTime
        patience MeanPatience
    }
}
`;

const PERIODS = ['2026-03-02T09:00', '2026-03-02T09:30', '2026-03-02T10:00'];
const rows = (program: string, metric: string, values: number[]): Measurement[] =>
    values.map((value, i) => ({ program, metric, period: PERIODS[i], value }));

async function model() {
    const ws = await loadWorkspace([{ path: 'ws.norma', text: WORKSPACE }]);
    expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return ws.model!;
}

describe('staffing next to breaches', () => {
    it('reads the service threshold from the formula', async () => {
        const m = await model();
        expect(serviceThreshold(m.metrics.find(x => x.id === 'ServiceLevel')!)).toBe(20);
        expect(serviceThreshold(m.metrics.find(x => x.id === 'CallsOffered')!)).toBeUndefined();
    });

    it('names the agents each interval of a three-miss streak needed, in the reason and the JSON', async () => {
        const result = check(await model(), [
            ...rows('Acme', 'ServiceLevel', [72, 75, 70]),
            ...rows('Acme', 'SpeedOfAnswer', [12, 14, 10]),
            ...rows('Acme', 'CallsOffered', [100, 120, 80]),
            ...rows('Acme', 'AverageHandleTime', [180, 180, 200]),
            ...rows('Acme', 'AgentsLoggedIn', [12, 13, 12]),
        ], { asOf: '2026-03-02', actions: [] });
        const sl = result.results.find(r => r.program === 'Acme' && r.metric === 'ServiceLevel')!;
        expect(sl.verdict).toBe('action-required');
        expect(sl.triggers[0].staffing?.map(n => [n.period, n.agents, n.model, n.gap])).toEqual([
            ['2026-03-02T09:00', 14, 'erlang-c', -2],
            ['2026-03-02T09:30', 16, 'erlang-c', -3],
            ['2026-03-02T10:00', 12, 'erlang-c', 0],
        ]);
        expect(sl.reason).toContain('Erlang C: 14 agents needed in 09:00-09:30 (offered 100, AHT 3min; 12 logged in), 16 in 09:30-10:00');
        // A met speed-of-answer norm has no trigger and no staffing note.
        const asa = result.results.find(r => r.metric === 'SpeedOfAnswer')!;
        expect(asa.reason).not.toContain('Erlang');
    });

    it('uses Erlang A where the interval has a patience figure', async () => {
        const result = check(await model(), [
            ...rows('Patient', 'ServiceLevel', [72, 75, 70]),
            ...rows('Patient', 'CallsOffered', [100, 100, 100]),
            ...rows('Patient', 'AverageHandleTime', [180, 180, 180]),
            ...rows('Patient', 'MeanPatience', [300, 300, 300]),
        ], { asOf: '2026-03-02', actions: [] });
        const sl = result.results.find(r => r.program === 'Patient')!;
        expect(sl.triggers[0].staffing?.map(n => [n.agents, n.model])).toEqual([[13, 'erlang-a'], [13, 'erlang-a'], [13, 'erlang-a']]);
        expect(sl.reason).toContain('Erlang A: 13 agents needed in 09:00-09:30 (offered 100, AHT 3min)');
    });

    it('leaves programs without a staffing block and verdicts unchanged', async () => {
        const m = await model();
        const data = [...rows('Acme', 'ServiceLevel', [72, 75, 70])];
        const withBlock = check(m, data, { asOf: '2026-03-02', actions: [] });
        const without = check({ ...m, programs: m.programs.map(p => ({ ...p, staffing: undefined })) }, data, { asOf: '2026-03-02', actions: [] });
        expect(withBlock.results.map(r => r.verdict)).toEqual(without.results.map(r => r.verdict));
        // No offered calls or handle time in those intervals: nothing to say.
        expect(withBlock.results[0].triggers[0].staffing).toBeUndefined();
    });
});
