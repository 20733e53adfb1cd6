// Push-down benchmark (SPEC §6.4): records in PostgreSQL, the one query Norma runs for the source
// (`norma compile --target sql --dialect postgres`, the query of `--database`) against the
// hand-written PostgreSQL query of the same figures, both through the pg client in a child process,
// in the same run, interleaved (A B A B), and the rows and bytes each brings back. 1M records by default; --big for 10M (loading them takes minutes).
// Starts its own throwaway cluster with scripts/postgres.sh (or uses NORMA_BENCH_POSTGRES_URL) and
// skips with a message when PostgreSQL is not installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { compare, loadLine, machineLine, nodeSide, options, printComparisons, ROOT } from './harness.mjs';

const opts = options();
const ROWS = opts.number('--rows', opts.flag('--big') ? 10_000_000 : 1_000_000);
const RUNS = opts.number('--runs', 3);

let url = process.env.NORMA_BENCH_POSTGRES_URL;
let started = false;
if (!url) {
    const start = spawnSync('bash', [path.join(ROOT, 'scripts/postgres.sh'), 'start', 'bench'], { encoding: 'utf8' });
    if (start.status !== 0) {
        console.log(`push-down benchmark skipped: no PostgreSQL cluster (${start.stderr.trim().split('\n').pop()})`);
        process.exit(0);
    }
    started = true;
    url = spawnSync('bash', [path.join(ROOT, 'scripts/postgres.sh'), 'url', 'bench'], { encoding: 'utf8' }).stdout.trim();
}

const WS = `source Calls "ACD call records" {
    field queue: text
    field offered_at: timestamp
    field outcome: text
    field wait: seconds column "queue_seconds"
    field talk: seconds
    field answered = outcome = "ANSWERED"
    field abandoned = outcome = "ABANDONED" and wait >= 5s
    field offered = answered or abandoned
    keep outcome != "TEST"
    timezone "Europe/London"
    table "bench.calls"
}
metric ServiceLevel "Answered within 20 s, of offered" {
    family service unit percent better higher period interval30
    from Calls at offered_at
    = count(answered and wait <= 20s) / count(offered)
}
metric AverageTalk "Talk of answered calls" {
    family efficiency unit seconds better lower period daily
    from Calls at offered_at
    = avg(talk) where answered
}
metric CallsOffered "Offered calls" {
    family service unit count better higher period weekly
    from Calls at offered_at
    = count(offered)
}
program AcmeEN "Acme EN" { records Calls where queue = "ACME_EN" norm ServiceLevel >= 80% norm AverageTalk <= 5min norm CallsOffered >= 1 }
program AcmeFR "Acme FR" { records Calls where queue = "ACME_FR" norm ServiceLevel >= 80% norm AverageTalk <= 5min norm CallsOffered >= 1 }
`;

// The same figures written by hand for PostgreSQL, as an analyst would: typed casts, one GROUP BY per grain.
const HAND = `
WITH c AS (
    SELECT queue, (offered_at::timestamptz AT TIME ZONE 'Europe/London') AS local, outcome,
           queue_seconds::numeric AS wait, talk::numeric AS talk
    FROM bench.calls WHERE outcome <> 'TEST' AND queue IN ('ACME_EN', 'ACME_FR')
)
SELECT CASE queue WHEN 'ACME_EN' THEN 'AcmeEN' ELSE 'AcmeFR' END AS program, 'ServiceLevel' AS metric,
       to_char(date_bin('30 minutes', local, TIMESTAMP '2000-01-01'), 'YYYY-MM-DD"T"HH24:MI') AS period,
       100.0 * count(*) FILTER (WHERE outcome = 'ANSWERED' AND wait <= 20)
             / NULLIF(count(*) FILTER (WHERE outcome = 'ANSWERED' OR (outcome = 'ABANDONED' AND wait >= 5)), 0) AS value,
       count(*) FILTER (WHERE outcome = 'ANSWERED' OR (outcome = 'ABANDONED' AND wait >= 5)) AS sample
FROM c GROUP BY 1, 3
UNION ALL
SELECT CASE queue WHEN 'ACME_EN' THEN 'AcmeEN' ELSE 'AcmeFR' END, 'AverageTalk', to_char(local, 'YYYY-MM-DD'), avg(talk), count(talk)
FROM c WHERE outcome = 'ANSWERED' GROUP BY 1, 3
UNION ALL
SELECT CASE queue WHEN 'ACME_EN' THEN 'AcmeEN' ELSE 'AcmeFR' END, 'CallsOffered', to_char(local, 'IYYY-"W"IW'),
       count(*) FILTER (WHERE outcome = 'ANSWERED' OR (outcome = 'ABANDONED' AND wait >= 5)), count(*)
FROM c GROUP BY 1, 3`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-pushdown-bench-'));
try {
    fs.writeFileSync(path.join(dir, 'ws.norma'), WS);
    fs.writeFileSync(path.join(dir, 'hand.sql'), HAND);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const have = await client.query(`SELECT count(*)::bigint AS n FROM pg_tables WHERE schemaname = 'bench' AND tablename = 'calls'`)
        .then(r => (Number(r.rows[0].n) ? client.query('SELECT count(*)::bigint AS n FROM bench.calls') : { rows: [{ n: 0 }] }));
    if (Number(have.rows[0].n) !== ROWS) {
        const t = Date.now();
        await client.query('DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench');
        // Text columns, as an export lands: 90 days of calls over two queues.
        await client.query(`CREATE TABLE bench.calls AS SELECT
            CASE WHEN i % 5 = 0 THEN 'ACME_FR' WHEN i % 97 = 0 THEN 'OTHER' ELSE 'ACME_EN' END AS queue,
            to_char(TIMESTAMPTZ '2026-01-01 00:00:00+00' + (i % 7776000) * INTERVAL '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS offered_at,
            CASE WHEN i % 41 = 0 THEN 'TEST' WHEN i % 9 = 0 THEN 'ABANDONED' ELSE 'ANSWERED' END AS outcome,
            ((i * 7) % 90)::text AS queue_seconds, ((i * 13) % 600)::text AS talk
            FROM generate_series(1, ${ROWS}) AS i`);
        await client.query('ANALYZE bench.calls');
        console.log(`loaded ${ROWS.toLocaleString('en-US')} records into PostgreSQL in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const size = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('bench.calls')) AS s`)).rows[0].s;
    await client.end();

    // What crosses the wire: the rows and bytes each query brings back (socket bytes read).
    const compiled = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/norma.js'), 'compile', dir, '--target', 'sql', '--dialect', 'postgres', '--out', path.join(dir, 'sql')], { encoding: 'utf8' });
    if (compiled.status !== 0) throw new Error(compiled.stderr);
    const normaSql = fs.readFileSync(path.join(dir, 'sql', 'norma-measurements-Calls.sql'), 'utf8');
    const wire = {};
    for (const [name, sql] of [['norma', normaSql], ['hand', HAND]]) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const before = c.connection.stream.bytesRead;
        const r = await c.query(sql);
        wire[name] = { rows: r.rows.length, bytes: c.connection.stream.bytesRead - before };
        await c.end();
    }

    console.log(`What comes back: Norma's query ${wire.norma.rows} rows, ${wire.norma.bytes.toLocaleString('en-US')} bytes; `
        + `the hand-written one ${wire.hand.rows} rows, ${wire.hand.bytes.toLocaleString('en-US')} bytes (socket bytes read, pg client).`);
    console.log(machineLine());
    console.log(loadLine('before'));
    const cmp = compare({
        name: `${ROWS.toLocaleString('en-US')} records in PostgreSQL (${size}): three metrics, two programs`,
        aim: { ratio: 1.1 },
        runs: RUNS,
        note: `rows back: norma ${wire.norma.rows} (${wire.norma.bytes.toLocaleString('en-US')} bytes), hand-written ${wire.hand.rows} (${wire.hand.bytes.toLocaleString('en-US')} bytes)`,
        sides: [
            nodeSide("Norma's push-down query (pg)", 'bench/pg-query.mjs', [url, path.join(dir, 'sql', 'norma-measurements-Calls.sql')]),
            nodeSide('hand-written query (pg)', 'bench/pg-query.mjs', [url, path.join(dir, 'hand.sql')]),
        ],
    });
    printComparisons([cmp]);
    console.log(loadLine('after'));
} finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (started) spawnSync('bash', [path.join(ROOT, 'scripts/postgres.sh'), 'stop', 'bench']);
}
