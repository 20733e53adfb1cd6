// SPEC §3a: an expired exclusion is no longer applied. Its points are judged as usual, and every
// output names the exclusion and the day it expired (a warning, not an error: no exit 2).
import { describe, expect, it } from 'vitest';
import { norma, workspace } from '../cli/run-norma.js';

const WS = `metric ServiceLevel "SL" {
    family service
    unit percent
    better higher
    period daily
    data within 60 days
}
program Acme "Acme" {
    norm ServiceLevel >= 80%
}
exclusion Storm "Telephony outage" {
    program Acme
    metrics ServiceLevel
    periods 2026-01-12 to 2026-01-13
    approved by "Acme vendor management"
    expires 2026-01-31
}
`;
const DATA = 'program,metric,period,value,sample\nAcme,ServiceLevel,2026-01-11,85,\nAcme,ServiceLevel,2026-01-12,40,\nAcme,ServiceLevel,2026-01-13,50,\n';
const WARNING = 'Exclusion Storm expired on 2026-01-31, so as of 2026-02-15 it no longer excuses Acme ServiceLevel 2026-01-12 and 1 more: '
    + 'those points are judged as usual. Renew the exclusion (with a new approval) or remove it.';

describe('an expired exclusion', () => {
    it('is no longer applied by norma check: the points are judged, with a warning in every format', () => {
        const dir = workspace({ 'ws.norma': WS, 'data.csv': DATA });
        const late = norma(['check', '.', '--data', 'data.csv', '--as-of', '2026-02-15', '--format', 'json',
            '--format', 'pretty:out.txt', '--format', 'markdown:out.md', '--format', 'html:out.html', '--format', 'junit:out.xml', '--format', 'sarif:out.sarif'], { cwd: dir });
        expect(late.code, late.stderr).toBe(0);
        const json = JSON.parse(late.stdout);
        expect(json.results[0].points.map((p: { status: string }) => p.status)).toEqual(['met', 'missed', 'missed']);
        expect(json.results[0].verdict).toBe('at-risk');
        expect(json.warnings).toEqual([{ code: 'exclusion-expired', message: WARNING, source: 'ws.norma:11', exclusion: 'Storm', expired: '2026-01-31' }]);
        const read = (f: string) => require('node:fs').readFileSync(require('node:path').join(dir, f), 'utf8') as string;
        expect(read('out.txt')).toContain(WARNING);
        expect(read('out.md')).toContain('Exclusion Storm expired on 2026-01-31');
        expect(read('out.html')).toContain('Exclusion Storm expired on 2026-01-31');
        expect(read('out.xml')).toContain('Exclusion Storm expired on 2026-01-31');
        const sarif = JSON.parse(read('out.sarif'));
        const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'exclusion-expired');
        expect(result).toMatchObject({ level: 'warning', message: { text: WARNING } });
        expect(result.locations[0].physicalLocation.region.startLine).toBe(11);

        const inTime = norma(['check', '.', '--data', 'data.csv', '--as-of', '2026-01-20', '--format', 'json'], { cwd: dir });
        expect(inTime.code).toBe(0);
        const before = JSON.parse(inTime.stdout);
        expect(before.warnings).toEqual([]);
        expect(before.results[0].points.filter((p: { status: string }) => p.status === 'excluded')).toEqual([
            expect.objectContaining({ period: '2026-01-12', exclusion: 'Storm' }),
            expect.objectContaining({ period: '2026-01-13', exclusion: 'Storm' }),
        ]);
    });

    it('norma diff --data: the renewed version excuses the points the expired one judges', () => {
        const dir = workspace({ 'old/ws.norma': WS, 'new/ws.norma': WS.replace('expires 2026-01-31', 'expires 2026-06-30'), 'data.csv': DATA });
        const r = norma(['diff', 'old', 'new', '--data', 'data.csv', '--as-of', '2026-02-15'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain('Acme ServiceLevel: at-risk -> met');
    });

    it('norma test: a case expecting the expired exclusion to excuse a point fails, naming the status it got', () => {
        const dir = workspace({
            'ws.norma': WS,
            'tests/storm.normtest.csv': 'as-of,2026-02-15\nprogram,metric,period,value,expect\nAcme,ServiceLevel,2026-01-12,40,excluded Storm\n',
        });
        const r = norma(['test'], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/tests\/storm\.normtest\.csv:3:\d+ .*expected excluded Storm, got missed/);
    });
});
