// A table partitioned over PostgreSQL shards with postgres_fdw (the test clusters of scripts/postgres.sh):
// the push-down gives the single-table figures, sums then divides (a skewed shard would move a mean of
// shard ratios), and the plans say where the aggregates run. PostgreSQL 15 runs an aggregate on a shard
// only when it is a whole aggregate grouped by the partition key (enable_partitionwise_aggregate, which
// `--database` sets; never a partial one) and every expression is shippable: built-in, immutable, no text
// constant as a function argument. With typed columns Norma's query is all of that (it groups on UTC quarter
// hours and the partition key, and names the periods on the coordinator); reading text cells (casts from
// text, pattern checks) is not, so then the aggregates run on the coordinator over remote scans.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { postgres } from '../../language/src/records/sql/postgres.js';
import { sourceQuery } from '../../language/src/records/source-query.js';
import { connect } from '../../cli/src/database/connect.js';
import { measureInDatabase } from '../../cli/src/database/measure.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { EDGE_COLUMNS, EDGE_FILES, EDGE_ROWS, EDGE_TYPED_ROWS, EDGE_TYPES } from './edge-workspace.js';
import { loadIntoPostgres, measureInDuckdb, POSTGRES_URL } from './engines.js';

const SHARDS = (process.env.NORMA_TEST_POSTGRES_SHARDS ?? '').split(/\s+/).filter(Boolean);
if (process.env.CI && SHARDS.length < 2) throw new Error('CI: NORMA_TEST_POSTGRES_SHARDS needs two shard URLs (.ci/run starts them).');

const WS = `
source Calls "ACD call records" {
    field queue: text
    field offered_at: timestamp
    field outcome: text
    field wait: seconds column "queue_seconds"
    field answered = outcome = "ANSWERED"
    timezone "Europe/Paris"
    table "calls"
}
metric ServiceLevel "Answered within 20 s, of all calls" {
    family service unit percent better higher period daily
    from Calls at offered_at
    = count(answered and wait <= 20s) / count()
}
program Acme "Acme" { records Calls norm ServiceLevel >= 80% }
`;
const COLUMNS = ['queue', 'offered_at', 'outcome', 'queue_seconds'];

// Skewed: the English queue has 900 calls a day, 90% answered in time; the French one 10, none in time.
function shardRows(queue: string, calls: number, inTime: number): string[][] {
    const rows: string[][] = [];
    for (let day = 1; day <= 2; day++) {
        for (let i = 0; i < calls; i++) rows.push([queue, `2026-03-0${day}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`, 'ANSWERED', i < inTime ? '10' : '45']);
    }
    return rows;
}
const EN = shardRows('ACME_EN', 900, 810);
const FR = shardRows('ACME_FR', 10, 0);
// As an ACD database keeps them, and as an export lands them.
const TYPED = ['TEXT', 'TIMESTAMPTZ', 'TEXT', 'NUMERIC'];
const TEXT = COLUMNS.map(() => 'TEXT');

/** A partition on a shard: the queues it holds (or every other queue) and its rows. */
interface Part { queues: string[] | 'DEFAULT'; rows: (string | null)[][] }

/** `table` partitioned by queue on the coordinator, one foreign partition per shard, each shard holding its partition's rows. */
async function shard(table: string, types: string[], parts: Part[] = [{ queues: ['ACME_EN'], rows: EN }, { queues: ['ACME_FR'], rows: FR }], columns = COLUMNS) {
    for (const [i, part] of parts.entries()) await loadIntoPostgres([{ name: table, columns, rows: part.rows, types }], SHARDS[i]);
    const coordinator = new pg.Client({ connectionString: POSTGRES_URL });
    await coordinator.connect();
    try {
        await coordinator.query('SET client_min_messages = warning');
        await coordinator.query('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
        await coordinator.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
        await coordinator.query(`CREATE TABLE ${table} (${columns.map((c, i) => `"${c}" ${types[i]}`).join(', ')}) PARTITION BY LIST (queue)`);
        for (const [i, part] of parts.entries()) {
            const u = new URL(SHARDS[i]);
            const server = `norma_${table}_shard${i}`;
            await coordinator.query(`DROP SERVER IF EXISTS ${server} CASCADE`);
            await coordinator.query(`CREATE SERVER ${server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${u.hostname}', port '${u.port}', dbname '${u.pathname.slice(1)}')`);
            await coordinator.query(`CREATE USER MAPPING FOR CURRENT_USER SERVER ${server} OPTIONS (user '${decodeURIComponent(u.username)}', password '${decodeURIComponent(u.password).replace(/'/g, "''")}')`);
            const bounds = part.queues === 'DEFAULT' ? 'DEFAULT' : `FOR VALUES IN (${part.queues.map(q => `'${q}'`).join(', ')})`;
            await coordinator.query(`CREATE FOREIGN TABLE ${table}_${i} PARTITION OF ${table} ${bounds} SERVER ${server} OPTIONS (table_name '${table}')`);
        }
    } finally {
        await coordinator.end();
    }
}

/** The plan of the query `norma measure --database` runs for the source over `table` (read through its catalog, as it does). */
async function planOf(model: NormaModel, table: string): Promise<string> {
    const session = await connect(POSTGRES_URL!);
    try {
        const source = { ...model.sources![0], table };
        const sql = sourceQuery({ ...model, sources: [source] }, source, postgres, (await session.catalog(table))!).sql;
        return (await session.rows(`EXPLAIN VERBOSE ${sql}`)).map(r => r['QUERY PLAN']).join('\n');
    } finally {
        await session.close();
    }
}

/** The measurement rows of `norma measure --database` over the coordinator's partitioned table. */
async function measured(model: NormaModel, table: string) {
    const source = { ...model.sources![0], table };
    const session = await connect(POSTGRES_URL!);
    try {
        const result = await measureInDatabase({ ...model, sources: [source] }, session);
        expect(result.records.errors).toEqual([]);
        return result.measurements;
    } finally {
        await session.close();
    }
}

describe.skipIf(!POSTGRES_URL || SHARDS.length < 2)('push-down over postgres_fdw shards', () => {
    it('runs the aggregates on each shard for typed columns, and gives the single-table figures, summing before dividing', async () => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: WS }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const model = ws.model!;
        await shard('typed_calls', TYPED);
        // Each shard runs the GROUP BY on its quarter hours and queue, with every conditional aggregate; the
        // coordinator only names the periods and adds the shards' partials up.
        const plan = await planOf(model, 'typed_calls');
        for (const i of [0, 1]) expect(plan).toContain(`Relations: Aggregate on (public.typed_calls_${i}`);
        const remote = plan.match(/Remote SQL: .*/g) ?? [];
        expect(remote, plan).toHaveLength(2);
        for (const sql of remote) {
            expect(sql).toMatch(/^Remote SQL: SELECT date_bin\('00:15:00'::interval, offered_at, '2000-01-01 00:00:00\+00'::timestamp with time zone\), count\(\*\) FILTER \(WHERE /);
            expect(sql).toMatch(/, queue FROM public\.typed_calls GROUP BY 1, 6$/);
            expect(sql).toContain("((CASE WHEN (outcome <> '') THEN outcome ELSE NULL::text END) = 'ANSWERED'::text)");
            expect(sql).toContain('queue_seconds::numeric(18,3) <= 20::numeric');
        }
        const sharded = await measured(model, 'typed_calls');
        const single = await measureInDuckdb(model, [{ name: 'calls', columns: COLUMNS, rows: [...EN, ...FR] }]);
        expect(sharded).toEqual(single);
        // 810 of 910 calls a day: 89.01...%, not the mean of the shards' 90% and 0% (45%).
        expect(sharded.map(r => [r.period, r.value, r.sample])).toEqual([['2026-03-01', 8100 / 91, 910], ['2026-03-02', 8100 / 91, 910]]);
        expect(sharded[0].value).not.toBeCloseTo((90 + 0) / 2, 0);
    });

    it('reads text columns on the coordinator (casts from text do not ship), with the same figures', async () => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: WS }]);
        const model = ws.model!;
        await shard('calls', TEXT);
        // Every shard is a Foreign Scan sending back the source's columns; the checked casts from text run on the coordinator.
        const plan = await planOf(model, 'calls');
        expect(plan).toContain('Foreign Scan on public.calls_0');
        expect(plan).toContain('Foreign Scan on public.calls_1');
        expect(plan.match(/Remote SQL: SELECT queue, offered_at, outcome, queue_seconds FROM public\.calls$/gm), plan).toHaveLength(2);
        expect(plan).not.toMatch(/Remote SQL: .*GROUP BY/);
        const sharded = await measured(model, 'calls');
        expect(sharded).toEqual(await measureInDuckdb(model, [{ name: 'calls', columns: COLUMNS, rows: [...EN, ...FR] }]));
        expect(sharded.map(r => [r.period, r.value, r.sample])).toEqual([['2026-03-01', 8100 / 91, 910], ['2026-03-02', 8100 / 91, 910]]);
    });

    it('gives the edge fixtures\' figures from typed columns over two shards (DST, week starts, thresholds, min, max, percentile)', async () => {
        const ws = await loadWorkspace(EDGE_FILES);
        const model = ws.model!;
        const en = EDGE_TYPED_ROWS.filter(r => r[0] === 'ACME_EN');
        await shard('edge_calls', EDGE_TYPES, [{ queues: ['ACME_EN'], rows: en }, { queues: 'DEFAULT', rows: EDGE_TYPED_ROWS.filter(r => r[0] !== 'ACME_EN') }], EDGE_COLUMNS);
        // The additive metrics run on the shards; the percentile and the distinct count cannot be added up, so they run on the coordinator.
        expect((await planOf(model, 'edge_calls')).match(/Remote SQL: .* GROUP BY 1, \d+$/gm)).toHaveLength(2);
        const single = await measureInDuckdb(model, [{ name: 'acd.calls', columns: EDGE_COLUMNS, rows: EDGE_ROWS }]);
        expect(single.length).toBeGreaterThan(20);
        expect(await measured(model, 'edge_calls')).toEqual(single);
    });
});
