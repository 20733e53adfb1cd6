import { expect, test } from 'vitest';
import { check, formatDay, type Measurement } from '../../language/src/engine/index.js';
import { metric, model, norm, program } from './helpers.js';

// 1,000 programs x 10 metrics x 100 days evaluate whole, every point reported. How fast is
// the benchmark's question (npm run bench), never a timed test's: a shared machine flakes it.
test('1,000,000 measurements evaluate, with every point reported', () => {
    const programs = Array.from({ length: 1000 }, (_, i) => program(`P${i}`));
    const metrics = Array.from({ length: 10 }, (_, i) => metric(`M${i}`));
    const norms = programs.flatMap(p => metrics.map(m => norm(p.id, m.id, { critical: { side: 'below', threshold: 55 }, sampleMinimum: 10 })));
    const days = Array.from({ length: 100 }, (_, i) => formatDay(20454 + i));
    const rows: Measurement[] = [];
    for (const p of programs) {
        for (const m of metrics) {
            for (let d = 0; d < 100; d++) rows.push({ program: p.id, metric: m.id, period: days[d], value: 50 + ((d * 7 + p.id.length * 13) % 50), sample: 100 });
        }
    }
    const result = check(model({ programs, metrics, norms }), rows, { asOf: '2026-12-31' });
    expect(result.results).toHaveLength(10_000);
    expect(result.results.reduce((n, r) => n + r.points.length, 0)).toBe(1_000_000);
}, 60_000);
