// `norma assess` as a user runs it: the shipped example (each program's score, pass or fail
// and expiry; exit 1 because one program would fail), the versioned JSON, JUnit and Markdown,
// and a bad assessment file (located errors, exit 2).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { norma, tempDir } from './run-norma.js';

const EXAMPLE = ['assess', 'examples/copc-cx', '--assessment', 'examples/copc-cx/assessment.csv', '--data', 'examples/copc-cx/data',
    '--actions', 'examples/copc-cx/actions.csv', '--as-of', '2026-10-31'];

describe('norma assess on the example', () => {
    it('prints each program\'s score, pass or fail and expiry, and exits 1 because one program would fail', () => {
        const r = norma(EXAMPLE);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('AcmeBillingVoice · COPC_CX (NorthStar Contact Services for Acme Telecom)\n  PASS  score 97.2% (175 of 180 points; pass at 85%)');
        expect(r.stdout).toContain('AcmeBillingVoiceLisbon · COPC_CX (Atlântico CX for Acme Telecom)\n  FAIL  score 73.6% (132.5 of 180 points; pass at 85%)');
        expect(r.stdout).toContain('Certification: certified 2024-06-15, lapsed 2026-06-15: 138 days ago');
        expect(r.stdout).toContain('Certification: certified 2024-12-10, expires 2026-12-10: 40 days left');
        expect(r.stdout).toContain('Stale: COPC_CX.People.PE1');
        expect(r.stdout).toContain('Unassessed: COPC_CX.Processes.PR4');
        expect(r.stdout).toContain('1 program would fail the audit: AcmeBillingVoiceLisbon (COPC_CX).');
        for (const p of ['AcmeBillingVoice', 'AcmeBillingVoiceLisbon', 'AcmeEmailCare', 'HelvetiaChat', 'HelvetiaClaimsBackOffice']) {
            expect(r.stdout).toMatch(new RegExp(`^${p} · COPC_CX[^\\n]*\\n  (PASS|FAIL)  score `, 'm'));
        }
    });

    it('writes the documented JSON (schema 1) beside JUnit and Markdown files', () => {
        const dir = tempDir();
        const r = norma([...EXAMPLE, '--format', 'json', `junit:${dir}/readiness.xml`, `markdown:${dir}/readiness.md`]);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(json.schema).toBe(1);
        expect(json.asOf).toBe('2026-10-31');
        expect(json.passed).toBe(false);
        const lisbon = json.programs.find((p: { program: string }) => p.program === 'AcmeBillingVoiceLisbon');
        expect(lisbon).toMatchObject({
            program: 'AcmeBillingVoiceLisbon', standard: 'COPC_CX', points: { earned: 132.5, possible: 180 }, passed: false, passMark: 85,
            certification: { certified: '2024-06-15', expires: '2026-06-15', daysLeft: -138 }, stale: ['COPC_CX.People.PE1'], unassessed: [],
        });
        expect(lisbon.categories.map((c: { category: string; earned: number; possible: number }) => [c.category, c.earned, c.possible]))
            .toEqual([['LeadershipPlanning', 10, 25], ['Processes', 27.5, 50], ['People', 15, 25], ['Performance', 80, 80]]);
        expect(Object.keys(lisbon.headline)).toEqual(['last6', 'last12']);
        expect(lisbon.headline.last6.monthly).toHaveLength(6);
        const email = json.programs.find((p: { program: string }) => p.program === 'AcmeEmailCare');
        expect(email.points).toEqual({ earned: 155, possible: 170 }); // PE2 not applicable: 10 points out of the possible
        const xml = fs.readFileSync(path.join(dir, 'readiness.xml'), 'utf8');
        expect(xml).toContain('<testsuite name="readiness AcmeBillingVoiceLisbon.COPC_CX"');
        expect(xml).toContain('<failure type="audit-failed" message="pass mark: 73.6% (132.5 of 180 points; pass at 85%)"');
        expect(xml).toContain('<failure type="stale"');
        const md = fs.readFileSync(path.join(dir, 'readiness.md'), 'utf8');
        expect(md).toContain('| AcmeBillingVoiceLisbon | COPC\\_CX | 73.6% | 132.5 of 180 | 85% | **fail** |');
    });

    it('exits 0 when every program passes; a program without rows earns only what Norma assesses', () => {
        const dir = tempDir();
        const lines = fs.readFileSync('examples/copc-cx/assessment.csv', 'utf8').split('\n');
        const passing = lines.map(l => l.includes('AcmeBillingVoiceLisbon') ? l.replace(/,(partial|not-compliant),/, ',compliant,').replace('2025-06-30', '2026-08-20') : l);
        fs.writeFileSync(path.join(dir, 'pass.csv'), passing.join('\n'));
        const r = norma([...EXAMPLE.slice(0, 2), '--assessment', path.join(dir, 'pass.csv'), ...EXAMPLE.slice(4), '--format', 'json']);
        expect(JSON.parse(r.stdout).passed).toBe(true);
        expect(r.code).toBe(0);
        fs.writeFileSync(path.join(dir, 'none.csv'), lines.filter(l => !l.includes('AcmeBillingVoiceLisbon')).join('\n'));
        const none = JSON.parse(norma([...EXAMPLE.slice(0, 2), '--assessment', path.join(dir, 'none.csv'), ...EXAMPLE.slice(4), '--format', 'json']).stdout);
        // PR2 and PF1-PF4 have needs rules: 10 + 25 + 25 + 15 + 15 points, from the norms.
        expect(none.programs.find((p: { program: string }) => p.program === 'AcmeBillingVoiceLisbon').points).toEqual({ earned: 90, possible: 180 });
    });
});

describe('a bad assessment file', () => {
    it('names each problem with file, line and column, and exits 2', () => {
        const dir = tempDir();
        const file = path.join(dir, 'assessment.csv');
        fs.writeFileSync(file, 'requirement,program,status,evidence,assessor,assessed\nLP1,AcmeBillingVoice,complient,,,2026-09-01\nLP9,AcmeBillingVoice,compliant,,,2026-09-01\nLP2,AcmeBilingVoice,compliant,,,2026-09-31\n');
        const r = norma(['assess', 'examples/copc-cx', '--assessment', file, '--as-of', '2026-10-31']);
        expect(r.code).toBe(2);
        const shown = path.relative(process.cwd(), file);
        expect(r.stderr).toContain(`${shown}:2:22 error Unknown status 'complient': write compliant, partial, not-compliant, not-applicable. Did you mean 'compliant'?`);
        expect(r.stderr).toContain(`${shown}:3:1 error Unknown requirement 'LP9'. Did you mean 'LP1'?`);
        expect(r.stderr).toContain(`${shown}:4:5 error Unknown program 'AcmeBilingVoice'. Did you mean 'AcmeBillingVoice'?`);
        expect(r.stderr).toContain(`${shown}:4:33 error The assessed date '2026-09-31' is not a day`);
        expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    });

    it('reports a missing column at the header', () => {
        const dir = tempDir();
        const file = path.join(dir, 'assessment.csv');
        fs.writeFileSync(file, 'requirement,program,status\nLP1,AcmeBillingVoice,compliant\n');
        const r = norma(['assess', 'examples/copc-cx', '--assessment', file, '--as-of', '2026-10-31']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(':1:1 error the header has no assessed column');
    });
});
