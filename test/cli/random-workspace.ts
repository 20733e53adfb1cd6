// Random but valid workspaces and data, seeded, for differential tests (compiled module, SQL, CLI).
import fc from 'fast-check';

export interface RandomCase {
    files: Record<string, string>;
    csv: string;
    actionsCsv: string;
    asOf: string;
}

const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);

const normArb = fc.record({
    metric: fc.constantFrom('SL', 'AHT'),
    target: fc.integer({ min: 60, max: 95 }),
    consecutive: fc.integer({ min: 1, max: 4 }),
    floorGap: fc.option(fc.integer({ min: 5, max: 20 }), { nil: undefined }),
    sample: fc.option(fc.integer({ min: 10, max: 60 }), { nil: undefined }),
    from: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
});

export const randomCase: fc.Arbitrary<RandomCase> = fc.record({
    programs: fc.array(fc.array(normArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    values: fc.array(fc.tuple(fc.integer({ min: 40, max: 100 }), fc.integer({ min: 0, max: 80 })), { minLength: 60, maxLength: 60 }),
    days: fc.integer({ min: 0, max: 60 }),
    actions: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 70 }), fc.boolean()), { maxLength: 4 }),
    asOf: fc.integer({ min: 10, max: 70 }),
}).map(({ programs, values, days, actions, asOf }) => {
    const metrics = `metric SL "Service level" { family service unit percent better higher period daily }
metric AHT "Handle time" { family efficiency unit seconds better lower period daily }
`;
    const lines: string[] = [];
    const data: string[] = ['program,metric,period,value,sample'];
    const actionRows: string[] = ['program,metric,opened,owner,due,closed,result'];
    programs.forEach((norms, p) => {
        const name = `P${p}`;
        lines.push(`program ${name} "Program ${p}" {`);
        const seen = new Set<string>();
        for (const n of norms) {
            const key = `${n.metric}@${n.from ?? ''}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const higher = n.metric === 'SL';
            const target = higher ? `${n.target}%` : `${n.target * 5}s`;
            const op = higher ? '>=' : '<=';
            const opts: string[] = [`act after ${n.consecutive} consecutive misses`];
            if (n.floorGap !== undefined) opts.push(higher ? `act immediately below ${n.target - n.floorGap}%` : `act immediately above ${(n.target + n.floorGap) * 5}s`);
            if (n.sample !== undefined) opts.push(`sample at least ${n.sample}`);
            lines.push(`    norm ${n.metric} ${op} ${target}${n.from !== undefined ? ` from ${day(n.from)}` : ''} { ${opts.join(' ')} }`);
        }
        lines.push('}');
        for (let d = 0; d < days; d++) {
            const [v, s] = values[(d + p * 7) % values.length];
            data.push(`${name},SL,${day(d)},${v},${s}`);
            data.push(`${name},AHT,${day(d)},${v * 5},${s}`);
        }
        for (const [opened, due, closed] of actions) {
            actionRows.push(`${name},SL,${day(opened)},Team lead,${day(Math.max(opened, due))},${closed ? day(opened + 1) : ''},`);
        }
    });
    return {
        files: { 'metrics.norma': metrics, 'programs.norma': lines.join('\n') + '\n' },
        csv: data.join('\n') + '\n',
        actionsCsv: actionRows.join('\n') + '\n',
        asOf: day(asOf),
    };
});

/** A test-side CSV reader for the simple files above (no quoting), to feed the compiled module directly. */
export function parseSimpleCsv(text: string): Record<string, string>[] {
    const [head, ...rows] = text.trim().split('\n');
    const columns = head.split(',');
    return rows.filter(Boolean).map(r => Object.fromEntries(r.split(',').map((v, i) => [columns[i], v])));
}

export function toMeasurements(text: string) {
    return parseSimpleCsv(text).map(r => ({
        program: r.program, metric: r.metric, period: r.period, value: Number(r.value),
        sample: r.sample === '' || r.sample === undefined ? null : Number(r.sample),
    }));
}

export function toActions(text: string) {
    return parseSimpleCsv(text).map(r => ({
        program: r.program, metric: r.metric, opened: r.opened, owner: r.owner,
        due: r.due || null, closed: r.closed || null, result: r.result || null,
    }));
}
