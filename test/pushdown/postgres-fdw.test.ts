// A table partitioned over PostgreSQL shards with postgres_fdw (the test clusters of scripts/postgres.sh):
// the push-down gives the single-table figures, sums then divides (a skewed shard would move a mean of
// shard ratios), and the plans say where the aggregates run. PostgreSQL 15 runs an aggregate on a shard
// only when it is a whole aggregate grouped by the partition key (enable_partitionwise_aggregate; never a
// partial one) and every expression is shippable; Norma's reading of text cells (casts from text,
// to_char) is not, so its aggregates run on the coordinator over remote scans. The test records both.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { postgres } from '../../language/src/records/sql/postgres.js';
import { sourceQuery } from '../../language/src/records/source-query.js';
import { measureInDuckdb, measureInPostgres, POSTGRES_URL } from './engines.js';

const SHARDS = (process.env.NORMA_TEST_POSTGRES_SHARDS ?? '').split(/\s+/).filter(Boolean);
if (process.env.CI && SHARDS.length < 2) throw new Error('CI: NORMA_TEST_POSTGRES_SHARDS needs two shard URLs (.ci/run starts them).');

const WS = `
source Calls "ACD call records" {
    field queue: text
    field offered_at: timestamp
    field outcome: text
    field wait: seconds column "queue_seconds"
    field answered = outcome = "ANSWERED"
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

describe.skipIf(!POSTGRES_URL || SHARDS.length < 2)('push-down over postgres_fdw shards', () => {
    it('gives the single-table figures, summing counts across shards before dividing', async () => {
        const ws = await loadWorkspace([{ path: 'w.norma', text: WS }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        // Each shard holds its queue's partition as a plain table.
        for (const [url, rows] of [[SHARDS[0], EN], [SHARDS[1], FR]] as const) await measureInPostgres(ws.model!, [{ name: 'calls', columns: COLUMNS, rows }], url);
        const coordinator = new pg.Client({ connectionString: POSTGRES_URL });
        await coordinator.connect();
        try {
            await coordinator.query('SET client_min_messages = warning');
            await coordinator.query('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
            await coordinator.query('DROP TABLE IF EXISTS calls CASCADE');
            await coordinator.query(`CREATE TABLE calls (${COLUMNS.map(c => `"${c}" TEXT`).join(', ')}) PARTITION BY LIST (queue)`);
            for (const [i, url] of SHARDS.slice(0, 2).entries()) {
                const u = new URL(url);
                await coordinator.query(`DROP SERVER IF EXISTS norma_shard${i} CASCADE`);
                await coordinator.query(`CREATE SERVER norma_shard${i} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${u.hostname}', port '${u.port}', dbname '${u.pathname.slice(1)}')`);
                await coordinator.query(`CREATE USER MAPPING FOR CURRENT_USER SERVER norma_shard${i} OPTIONS (user '${decodeURIComponent(u.username)}', password '${decodeURIComponent(u.password).replace(/'/g, "''")}')`);
                await coordinator.query(`CREATE FOREIGN TABLE calls_${i} PARTITION OF calls FOR VALUES IN ('${i === 0 ? 'ACME_EN' : 'ACME_FR'}') SERVER norma_shard${i} OPTIONS (table_name 'calls')`);
            }
            // Norma's query over the coordinator: every shard is a Foreign Scan sending back the source's columns;
            // the aggregates run on the coordinator even with partitionwise aggregation allowed, because reading
            // text cells (casts from text, to_char for period names) is not shippable to a shard.
            await coordinator.query('SET enable_partitionwise_aggregate = on');
            const explain = async (sql: string) => (await coordinator.query(`EXPLAIN VERBOSE ${sql}`)).rows.map(r => r['QUERY PLAN']).join('\n');
            const plan = await explain(sourceQuery(ws.model!, ws.model!.sources![0], postgres).sql);
            expect(plan).toContain('Foreign Scan on public.calls_0');
            expect(plan).toContain('Foreign Scan on public.calls_1');
            expect(plan.match(/Remote SQL: SELECT queue, offered_at, outcome, queue_seconds FROM public\.calls$/gm), plan).toHaveLength(2);
            expect(plan).not.toMatch(/Remote SQL: .*GROUP BY/);
            // What PostgreSQL 15 does push to a shard: a whole aggregate grouped by the partition key, of shippable expressions only.
            const shippable = await explain(`SELECT queue, substr(offered_at, 1, 10), count(*) FILTER (WHERE outcome = 'ANSWERED'), count(*) FROM calls GROUP BY 1, 2`);
            expect(shippable.match(/Remote SQL: SELECT queue, substr\(offered_at, 1, 10\), count\(\*\) FILTER \(WHERE \(outcome = 'ANSWERED'\)\), count\(\*\) FROM public\.calls GROUP BY 1, 2/g)).toHaveLength(2);
            const cast = await explain(`SELECT queue, count(CAST(queue_seconds AS NUMERIC)) FROM calls GROUP BY 1`);
            expect(cast).not.toMatch(/Remote SQL: .*GROUP BY/);
        } finally {
            await coordinator.end();
        }
        const sharded = await measureInPostgresNoLoad(ws.model!);
        const single = await measureInDuckdb(ws.model!, [{ name: 'calls', columns: COLUMNS, rows: [...EN, ...FR] }]);
        expect(sharded).toEqual(single);
        // 810 of 910 calls a day: 89.01...%, not the mean of the shards' 90% and 0% (45%).
        expect(sharded.map(r => [r.period, r.value, r.sample])).toEqual([['2026-03-01', 8100 / 91, 910], ['2026-03-02', 8100 / 91, 910]]);
        expect(sharded[0].value).not.toBeCloseTo((90 + 0) / 2, 0);
    });
});

/** The push-down over the coordinator's partitioned table as it stands (no tables created). */
function measureInPostgresNoLoad(model: import('../../language/src/model/types.js').NormaModel) {
    return measureInPostgres(model, []);
}
