// An expired exclusion still applied to a point is an error, not a silent skip: `norma check`
// exits 2 naming the exclusion and the row; `norma diff --data` names the version; a norm test
// that would apply it is an invalid fixture (exit 2).
import { describe, expect, it } from 'vitest';
import { norma, workspace } from '../cli/run-norma.js';

const WS = `metric ServiceLevel "SL" {
    family service
    unit percent
    better higher
    period daily
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

describe('an expired exclusion still applied', () => {
    it('norma check exits 2 with the exclusion and the row; before expiry it excuses the points', () => {
        const dir = workspace({ 'ws.norma': WS, 'data.csv': DATA });
        const late = norma(['check', '.', '--data', 'data.csv', '--as-of', '2026-02-15'], { cwd: dir });
        expect(late.code).toBe(2);
        expect(late.stderr).toMatch(/data\.csv:3:\d+ error Exclusion Storm expired on 2026-01-31 but would excuse this point/);
        expect(late.stderr).toContain('Expired exclusion Storm');
        expect(late.stderr).toContain('Storm is declared at ws.norma:10');
        expect(late.stderr).not.toContain('The data has');
        const inTime = norma(['check', '.', '--data', 'data.csv', '--as-of', '2026-01-20', '--format', 'json'], { cwd: dir });
        expect(inTime.code).toBe(0);
        const json = JSON.parse(inTime.stdout);
        expect(json.results[0].points.filter((p: { status: string }) => p.status === 'excluded')).toEqual([
            expect.objectContaining({ period: '2026-01-12', exclusion: 'Storm' }),
            expect.objectContaining({ period: '2026-01-13', exclusion: 'Storm' }),
        ]);
    });

    it('norma diff --data names the version that applies it', () => {
        const dir = workspace({ 'old/ws.norma': WS, 'new/ws.norma': WS.replace('expires 2026-01-31', 'expires 2026-06-30'), 'data.csv': DATA });
        const r = norma(['diff', 'old', 'new', '--data', 'data.csv', '--as-of', '2026-02-15'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('The old version: Expired exclusion Storm');
        const renewed = norma(['diff', 'new', 'new', '--data', 'data.csv', '--as-of', '2026-02-15'], { cwd: dir });
        expect(renewed.code).toBe(0);
    });

    it('norma test: a case that would apply it is an invalid fixture', () => {
        const dir = workspace({
            'ws.norma': WS,
            'tests/storm.normtest.csv': 'as-of,2026-02-15\nprogram,metric,period,value,expect\nAcme,ServiceLevel,2026-01-12,40,excluded Storm\n',
        });
        const r = norma(['test'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/tests\/storm\.normtest\.csv:3:\d+ error Exclusion Storm expired/);
    });
});
