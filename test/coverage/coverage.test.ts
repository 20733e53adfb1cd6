// Requirement coverage: per standard and category, requirements backed by a norm in every applying
// program; metrics no norm uses; norms no norm test exercises. The model function and `validate --coverage`.
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { coverage } from '../../language/src/coverage/index.js';
import { norma, workspace } from '../cli/run-norma.js';

const WS = `standard COPC "COPC CX" {
    category Perf "Performance" {
        requirement PF1 "Service norm" {
            needs norm for family service
        }
        requirement PF2 "Accuracy norm" {
            needs norm for metric CEA
        }
        requirement PF3 "A business plan" {
            evidence document
        }
    }
}
standard Other "Nobody applies it" {
    category C "C" {
        requirement R1 "r" {
            needs norm for family cost
        }
    }
}
metric ServiceLevel "SL" { family service unit percent better higher period daily }
metric CEA "CEA" { family quality unit percent better higher period monthly }
metric Unused "Never normed" { family cost unit count better lower period monthly }
profile Voice { norm ServiceLevel >= 80% }
program Acme "Acme" {
    applies COPC
    uses Voice
    norm CEA >= 98%
}
program Beta "Beta" {
    applies COPC
    norm ServiceLevel >= 75%
}
`;

describe('coverage', () => {
    it('classifies requirements, lists unused metrics and untested norms', async () => {
        const ws = await loadWorkspace([{ path: 'ws.norma', text: WS }]);
        const report = coverage(ws.model!, ['Acme.CEA']);
        const reqs = report.standards.flatMap(s => s.categories.flatMap(c => c.requirements));
        expect(reqs.map(r => [r.id, r.status])).toEqual([
            ['COPC.Perf.PF1', 'covered'],
            ['COPC.Perf.PF2', 'partial'],
            ['COPC.Perf.PF3', 'evidence'],
            ['Other.C.R1', 'no-programs'],
        ]);
        expect(reqs[1].missing).toEqual([{ program: 'Beta', needs: ['metric CEA'] }]);
        expect(reqs[0].programs).toEqual(['Acme', 'Beta']);
        expect(report.unusedMetrics).toEqual(['Unused']);
        expect(report.untestedNorms!.map(n => n.id)).toEqual(['Acme.ServiceLevel', 'Beta.ServiceLevel']);
        expect(report.totals).toMatchObject({ requirements: 4, covered: 1, partial: 1, evidence: 1, noPrograms: 1, norms: 3, tested: 1 });
        expect(coverage(ws.model!).untestedNorms).toBeNull();
    });

    it('norma validate --coverage prints it (and JSON carries it) without changing the exit code', () => {
        const dir = workspace({
            'ws.norma': WS,
            'tests/acme.normtest.csv': 'as-of,2026-01-31\nprogram,metric,period,value,expect\nAcme,CEA,2026-01,99,met\nAcme,ServiceLevel,,,no-data\n',
        });
        const r = norma(['validate', '--coverage'], { cwd: dir });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('covered     PF1 Service norm: norm for family service in 2 programs');
        expect(r.stdout).toContain('PARTIAL     PF2 Accuracy norm: lacking: Beta (metric CEA)');
        expect(r.stdout).toContain('Metrics no norm uses: Unused');
        expect(r.stdout).toContain('Norms without a test (1 of 3):');
        expect(r.stdout).toContain('Beta.ServiceLevel  ws.norma:');
        const json = JSON.parse(norma(['validate', '--coverage', '--format', 'json'], { cwd: dir }).stdout);
        expect(json.coverage.totals).toMatchObject({ covered: 1, partial: 1, tested: 2 });
        expect(norma(['validate'], { cwd: dir }).stdout).not.toContain('Coverage');
    });

    it('reports the example workspace', () => {
        const r = norma(['validate', 'examples/copc-cx', '--coverage', '--as-of', '2026-10-31', '--format', 'json']);
        const json = JSON.parse(r.stdout);
        expect(json.coverage.standards[0].id).toBe('COPC_CX');
        expect(json.coverage.totals.tested).toBeGreaterThan(10);
    });
});
