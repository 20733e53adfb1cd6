// A generated workspace of program files for the workspace and language-server benchmarks:
// 30 daily metrics, one standard (5 categories x 8 requirements) and N program files of about
// 40 lines each (six norms with options, one dated norm), plus one large program file of 300
// norms (about 1,500 lines) that completion is measured in. Deterministic: the same files for
// the same N.
import * as fs from 'node:fs';
import * as path from 'node:path';

const FAMILIES = ['service', 'quality', 'satisfaction', 'resolution', 'efficiency', 'cost', 'sales', 'compliance', 'people'];
const METRICS = Array.from({ length: 30 }, (_, i) => {
    const percent = i % 3 !== 1;
    return {
        name: `Metric${String(i).padStart(2, '0')}`,
        family: FAMILIES[i % FAMILIES.length],
        unit: percent ? 'percent' : 'seconds',
        better: percent ? 'higher' : 'lower',
        norm: percent ? `>= ${70 + (i % 20)}%` : `<= ${3 + (i % 5)}min`,
        floor: percent ? `below ${50 + (i % 10)}%` : `above ${10 + (i % 5)}min`,
    };
});

function metricsFile() {
    return METRICS.map(m => `metric ${m.name} "Metric ${m.name}" {
    family ${m.family}
    unit ${m.unit}
    better ${m.better}
    period daily
    description "Generated for the benchmark."
}
`).join('\n');
}

function standardFile() {
    const categories = Array.from({ length: 5 }, (_, c) => `    category Cat${c} "Category ${c}" {
${Array.from({ length: 8 }, (_, r) => `        requirement R${c}_${r} "Requirement ${r} of category ${c}" {
            ${r === 0 ? `needs norm for family ${FAMILIES[c]}` : 'evidence document'}
        }`).join('\n')}
    }`).join('\n');
    return `// Generated standard.\nstandard BENCH_STD "Benchmark standard" {\n    version "1.0"\n${categories}\n}\n`;
}

/** About 40 lines: properties, six norms with options, one dated norm. */
export function programFile(i, norms = 6) {
    const lines = [
        `// Program ${i}, generated.`,
        `program Program${i} "Program number ${i}" {`,
        `    client "Client ${i % 50}"`,
        `    provider "Provider ${i % 7}"`,
        `    channel voice`,
        `    applies BENCH_STD`,
        `    certified 2025-0${1 + (i % 9)}-01`,
        ``,
    ];
    for (let n = 0; n < norms; n++) {
        // Every metric once per 30 norms; in the large file each return starts a month later.
        const m = METRICS[(i + n * 5 + Math.floor(n / 6)) % METRICS.length];
        const round = Math.floor(n / METRICS.length);
        const from = round > 0 ? ` from 2021-${String(round).padStart(2, '0')}-01` : '';
        lines.push(`    norm ${m.name} ${m.norm}${from} {`, `        act after 3 consecutive misses`, `        act immediately ${m.floor}`, `        sample at least 20`, `    }`);
    }
    const dated = METRICS[i % METRICS.length];
    lines.push(`    norm ${dated.name} ${dated.norm} from 2026-07-01`, `}`);
    return lines.join('\n') + '\n';
}

/** Writes the workspace into `folder`; returns its file count, line count and the large file's text. */
export function writeProgramWorkspace(folder, programs) {
    fs.mkdirSync(path.join(folder, 'programs'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'metrics.norma'), metricsFile());
    fs.writeFileSync(path.join(folder, 'standard.norma'), standardFile());
    let lines = 0;
    for (let i = 0; i < programs; i++) {
        const text = programFile(i);
        lines += text.split('\n').length - 1;
        fs.writeFileSync(path.join(folder, 'programs', programFileName(i)), text);
    }
    const largeText = programFile(99999, 300);
    fs.writeFileSync(path.join(folder, 'large.norma'), largeText);
    return { files: programs + 3, lines, largeText };
}

export const programFileName = i => `program${String(i).padStart(5, '0')}.norma`;
