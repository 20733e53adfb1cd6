// `norma staff` on a workspace: every interval of a program's staffing block planned for its
// service norm, with a later norm, a volume change and shrinkage; expected agent counts from
// the textbook Erlang C formula (100 calls per half hour at 180 s need 14 for 80/20).
import { describe, expect, it } from 'vitest';
import { norma, workspace } from '../cli/run-norma.js';

const NORMA = `metric ServiceLevel "Answered within 20 s" { family service unit percent better higher period interval30 }
metric CallsOffered "Offered calls" { family service unit count better higher period interval30 }
metric AverageHandleTime "Handle time" { family efficiency unit seconds better lower period interval30 }
metric AgentsLoggedIn "Agents logged in" { family people unit count better higher period interval30 }
program Acme {
    norm ServiceLevel >= 80%
    norm ServiceLevel >= 90% from 2026-04-01
    staffing {
        offered CallsOffered
        handle AverageHandleTime
        agents AgentsLoggedIn
    }
}
`;
// Monday 2 and Tuesday 3 March 2026, two half hours each.
const PERIODS = ['2026-03-02T09:00', '2026-03-02T09:30', '2026-03-03T09:00', '2026-03-03T09:30'];
const row = (metric: string, values: number[]) => values.map((v, i) => `Acme,${metric},${PERIODS[i]},${v},`).join('\n');
const DATA = ['program,metric,period,value,sample', row('CallsOffered', [100, 120, 100, 100]), row('AverageHandleTime', [180, 180, 180, 180]),
    row('AgentsLoggedIn', [14, 13, 15, 14]), row('ServiceLevel', [85, 70, 88, 90])].join('\n') + '\n';

function plan(args: string[]) {
    const dir = workspace({ 'ws.norma': NORMA, 'data/intervals.csv': DATA });
    return norma(['staff', dir, '--data', `${dir}/data`, '--as-of', '2026-03-31', ...args]);
}

describe('norma staff on a workspace', () => {
    it('plans every interval for the norm in force, with the gap to the agents logged in', () => {
        const r = plan(['--threshold', '20s', '--format', 'json']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const out = JSON.parse(r.stdout);
        expect(out.plans).toHaveLength(1);
        expect(out.plans[0]).toMatchObject({ program: 'Acme', metric: 'ServiceLevel', goal: { kind: 'service-level', serviceLevel: 0.8, thresholdSeconds: 20 } });
        expect(out.plans[0].intervals.map((i: { period: string; agents: number; gap: number; norm: string }) => [i.period, i.agents, i.gap, i.norm])).toEqual([
            ['2026-03-02T09:00', 14, 0, 'Acme.ServiceLevel'],
            ['2026-03-02T09:30', 16, -3, 'Acme.ServiceLevel'],
            ['2026-03-03T09:00', 14, 1, 'Acme.ServiceLevel'],
            ['2026-03-03T09:30', 14, 0, 'Acme.ServiceLevel'],
        ]);
    });

    it('plans a tightened norm before it starts, more volume and shrinkage', () => {
        const r = plan(['--threshold', '20s', '--norm-from', '2026-04-01', '--volume', '+20%', '--shrinkage', '30%', '--format', 'csv']);
        expect(r.code).toBe(0);
        const [header, ...rows] = r.stdout.trim().split('\n');
        expect(header).toBe('program,metric,period,weekday,norm,model,offered,aht,agents,scheduled,logged_in,gap,service_level,asa');
        const first = rows[0].split(',');
        // 120 calls at 180 s for 90% within 20 s: 17 agents (textbook Erlang C), 25 scheduled at 30% shrinkage.
        expect(first.slice(0, 10)).toEqual(['Acme', 'ServiceLevel', '2026-03-02T09:00', 'Mon', 'Acme.ServiceLevel@2026-04-01', 'erlang-c', '120', '180', '17', '25']);
    });

    it('shows agents by time of day and weekday in pretty and html', () => {
        const pretty = plan(['--threshold', '20s']);
        expect(pretty.code).toBe(0);
        expect(pretty.stdout).toContain('Acme ServiceLevel: 80% within 20s, 4 intervals (Erlang C); peak 16 agents in 2026-03-02T09:30; short of agents in 1 of 4 intervals');
        expect(pretty.stdout).toMatch(/09:00-09:30\s+14\s+14\s+·/);
        const html = plan(['--threshold', '20s', '--format', 'html']);
        expect(html.stdout).toContain('<td data-weekday="Tue" data-time="09:30-10:00"');
        expect(html.stdout).toContain("Content-Security-Policy");
    });

    it('says why a service norm gets no plan when its threshold is unknown', () => {
        const r = plan([]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Acme ServiceLevel: no plan, the service threshold of ServiceLevel is not in a formula');
    });

    it.each([
        [['--volume', 'more'], "--volume 'more' is not a change"],
        [['--shrinkage', '100%'], '--shrinkage must be below 100%'],
        [['--norm-from', '2026-13-01'], "--norm-from '2026-13-01' is not a day"],
        [['--format', 'xml'], "Unknown format 'xml'"],
    ])('rejects %j with exit 2', (args, message) => {
        const r = plan(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(message);
    });

    it('reports bad interval data at its line, exit 2', () => {
        const dir = workspace({ 'ws.norma': NORMA, 'data/intervals.csv': 'program,metric,period,value,sample\nAcme,CallsOffered,2026-03-02T09:00,lots,\n' });
        const r = norma(['staff', dir, '--data', `${dir}/data`, '--as-of', '2026-03-31']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/intervals\.csv:2:\d+/);
    });
});

describe('norma staff on the raw-records example', () => {
    const E = 'examples/contact-records';
    it('plans every half hour from the records, Erlang A where callers hung up, as norma measure computes the workload', async () => {
        const { fewestAgents } = await import('../../language/src/engine/queueing.js');
        const r = norma(['staff', E, '--records', `Calls=${E}/records/calls.csv`, '--as-of', '2026-10-31', '--format', 'json']);
        expect(r.code, r.stderr).toBe(0);
        const plan = JSON.parse(r.stdout).plans.find((p: { program: string }) => p.program === 'BillingEN');
        expect(plan).toMatchObject({ metric: 'ServiceLevelByInterval', grain: 'interval30', goal: { serviceLevel: 0.8, thresholdSeconds: 20 } });
        expect(plan.intervals.length).toBeGreaterThan(100);
        const measured = norma(['measure', E, '--records', `Calls=${E}/records/calls.csv`, '--format', 'json']);
        const rows: { program: string; metric: string; period: string; value: number }[] = JSON.parse(measured.stdout);
        const value = (metric: string, period: string) => rows.find(x => x.program === 'BillingEN' && x.metric === metric && x.period === period)?.value;
        const withPatience = plan.intervals.find((i: { model: string }) => i.model === 'erlang-a');
        for (const interval of [plan.intervals[0], withPatience]) {
            const patience = value('CallerPatience', interval.period);
            const expected = fewestAgents(
                { offered: value('CallsOfferedByInterval', interval.period)!, intervalSeconds: 1800, aht: value('HandleTimeByInterval', interval.period)! },
                { thresholdSeconds: 20, serviceLevel: 0.8, ...(patience ? { patienceSeconds: patience } : {}) });
            expect(interval.agents).toBe(expected.agents);
            expect(interval.model).toBe(expected.model);
        }
    });
});
