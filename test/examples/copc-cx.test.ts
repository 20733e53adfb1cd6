// The example workspace: it parses, links and validates with only the two intended warnings, its
// committed data is exactly what its seeded generator writes, and `norma check` gives the
// verdicts that examples/copc-cx/README.md explains.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspaceFromDisk } from '../../language/src/workspace/workspace.js';
import { REPO, norma, tempDir } from '../cli/run-norma.js';

const EXAMPLE = path.join(REPO, 'examples/copc-cx');
const CHECK = ['check', 'examples/copc-cx', '--data', 'examples/copc-cx/data', '--actions', 'examples/copc-cx/actions.csv', '--as-of', '2026-10-31'];

function find0(results: (Result & { reason: string })[], program: string, metric: string) {
    return results.find(r => r.program === program && r.metric === metric)!;
}
interface Result { program: string; metric: string; verdict: string; norm: { from: string | null }; triggers: { rule: string; periods: string[] }[]; points: { period: string; status: string }[] }

describe('examples/copc-cx', () => {
    it('loads with no error and only the intended warnings', async () => {
        const ws = await loadWorkspaceFromDisk([EXAMPLE], { asOf: '2026-10-31' });
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const warnings = ws.diagnostics.filter(d => d.severity === 'warning').map(d => `${path.basename(d.file)}:${d.line} ${d.message}`);
        expect(warnings).toHaveLength(2);
        expect(warnings.join('\n')).toMatch(/acme-telecom\.norma:\d+ .*2024-06-15.*24 months/);
        expect(warnings.join('\n')).toMatch(/helvetia\.norma:\d+ .*HelvetiaClaimsBackOffice.*satisfaction.*PF3/);
        expect(ws.model).not.toBeNull();
        expect(ws.model!.programs.map(p => p.id).sort()).toEqual(
            ['AcmeBillingVoice', 'AcmeBillingVoiceLisbon', 'AcmeEmailCare', 'HelvetiaChat', 'HelvetiaClaimsBackOffice']);
        // Two providers serve the same client: the comparison the client's vendor management makes.
        const acme = ws.model!.programs.filter(p => p.client === 'Acme Telecom');
        expect(new Set(acme.map(p => p.provider))).toEqual(new Set(['NorthStar Contact Services', 'Atlântico CX']));
    });

    it('has committed data that the seeded generator reproduces byte for byte', () => {
        const out = tempDir('norma-copc-');
        const run = spawnSync(process.execPath, [path.join(EXAMPLE, 'generate-data.mjs'), '--out', out], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        for (const file of ['data/measurements.csv', 'data/surveys.ndjson', 'data/qa-evaluations.json', 'actions.csv']) {
            expect(fs.readFileSync(path.join(out, file), 'utf8'), file).toBe(fs.readFileSync(path.join(EXAMPLE, file), 'utf8'));
        }
        const size = fs.readdirSync(path.join(EXAMPLE, 'data')).reduce((n, f) => n + fs.statSync(path.join(EXAMPLE, 'data', f)).size, 0);
        expect(size).toBeLessThan(1024 * 1024);
    });

    it('gives the verdicts the README explains, and fails the gate', () => {
        const run = norma([...CHECK, '--format', 'json']);
        expect(run.code, run.stderr).toBe(1);
        const report = JSON.parse(run.stdout) as { summary: Record<string, unknown>; results: (Result & { reason: string })[]; requirements: { id: string; program: string; satisfied: boolean }[] };
        expect(report.summary).toMatchObject({
            norms: 60, met: 49, atRisk: 4, actionPlanned: 3, actionRequired: 1, overdue: 1, stale: 1, noData: 1, requirementsUnsatisfied: 1, passed: false,
        });
        expect(report.summary.meetingTarget).toBeCloseTo(57 / 59, 10);
        expect(report.summary.meetingOrImproving).toBeCloseTo(58 / 59, 10);

        const notMet = report.results.filter(r => r.verdict !== 'met')
            .map(r => ({ norm: `${r.program}.${r.metric}${r.norm.from ? ` from ${r.norm.from}` : ''}`, verdict: r.verdict, triggers: r.triggers.map(t => `${t.rule} ${t.periods.join(' ')}`) }))
            .sort((a, b) => a.norm.localeCompare(b.norm));
        expect(notMet).toEqual([
            { norm: 'AcmeBillingVoice.FirstContactResolution', verdict: 'at-risk', triggers: [] },
            { norm: 'AcmeBillingVoice.ServiceLevel', verdict: 'action-planned', triggers: ['consecutive 2026-06-08 2026-06-09 2026-06-10'] },
            { norm: 'AcmeBillingVoice.ServiceLevel from 2026-08-01', verdict: 'action-required', triggers: ['consecutive 2026-10-12 2026-10-13 2026-10-14'] },
            { norm: 'AcmeBillingVoiceLisbon.AbandonmentRate', verdict: 'at-risk', triggers: [] },
            { norm: 'AcmeBillingVoiceLisbon.AverageSpeedOfAnswer', verdict: 'at-risk', triggers: [] },
            { norm: 'AcmeBillingVoiceLisbon.Occupancy', verdict: 'at-risk', triggers: [] },
            { norm: 'AcmeBillingVoiceLisbon.ServiceLevel', verdict: 'overdue', triggers: ['critical 2026-09-22'] },
            { norm: 'AcmeEmailCare.EmailResponseTime', verdict: 'action-planned', triggers: ['consecutive 2026-10-19 2026-10-20 2026-10-21'] },
            { norm: 'HelvetiaChat.CustomerSatisfaction', verdict: 'no-data', triggers: [] },
            { norm: 'HelvetiaClaimsBackOffice.CostPerContact', verdict: 'action-planned', triggers: ['consecutive 2026-06 2026-07 2026-08'] },
            { norm: 'HelvetiaClaimsBackOffice.OnTimeCompletion', verdict: 'stale', triggers: [] },
        ]);
        // Every verdict kind is in the example.
        expect(new Set(report.results.map(r => r.verdict))).toEqual(new Set(['met', 'at-risk', 'action-planned', 'stale', 'action-required', 'overdue', 'no-data']));
        expect(find0(report.results, 'HelvetiaClaimsBackOffice', 'OnTimeCompletion').reason).toMatch(/^No data since 2026-10-23 .*by 2026-10-25 at the latest, and it is 2026-10-31/);

        // The outage days are excluded, not missed; the thin QA month is unsampled.
        const find = (program: string, metric: string) => report.results.find(r => r.program === program && r.metric === metric && !r.norm.from)!;
        const outage = find('AcmeBillingVoice', 'ServiceLevel').points.filter(p => p.period.startsWith('2026-07-1'));
        expect(outage.filter(p => p.period === '2026-07-14' || p.period === '2026-07-15').map(p => p.status)).toEqual(['excluded', 'excluded']);
        expect(find('AcmeEmailCare', 'ComplianceCriticalAccuracy').points.find(p => p.period === '2026-08')!.status).toBe('unsampled');

        expect(report.requirements.filter(q => !q.satisfied).map(q => `${q.program} ${q.id}`)).toEqual(['HelvetiaClaimsBackOffice COPC_CX.Performance.PF3']);
    });

    it('is in the canonical layout of norma fmt', () => {
        const run = norma(['fmt', '--check', 'examples/copc-cx']);
        expect(run.code, run.stdout + run.stderr).toBe(0);
    });

    it('runs as the README of the project shows (pretty output, exit 1)', () => {
        const run = norma(CHECK);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/60 norms/);
        expect(run.stdout).toMatch(/action required/);
    });
});
