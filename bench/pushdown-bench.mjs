// Push-down benchmark (SPEC §6.4): records in PostgreSQL, `norma measure --database` and the one query
// it runs for the source (written by `norma compile --target sql --dialect postgres --database`, so for the
// table's column types) against the hand-written PostgreSQL query of the same figures, all through the pg
// client in child processes, in the same run, interleaved (A B C A B C), with the rows and bytes each brings
// back and the CPU the PostgreSQL server spent (the postmaster's children, read from /proc; the client's
// CPU is small). Two tables of the same records: typed columns, as an ACD database keeps them, and text
// columns, as an export lands (--typed-only skips the text case). 1M records by default; --big for 10M
// (loading them takes minutes). Starts its own throwaway cluster with scripts/postgres.sh (or uses
// NORMA_BENCH_POSTGRES_URL) and skips with a message when PostgreSQL is not installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { compare, loadLine, machineLine, median, nodeSide, options, printComparisons, ROOT, seconds } from './harness.mjs';

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
    table "TABLE"
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

// The same figures written by hand for PostgreSQL, as an analyst would: casts where the columns are text, one GROUP BY per grain.
const hand = (table, typed) => {
    const cast = (column, type) => (typed ? column : `${column}::${type}`);
    return `
WITH c AS (
    SELECT queue, (${cast('offered_at', 'timestamptz')} AT TIME ZONE 'Europe/London') AS local, outcome,
           ${cast('queue_seconds', 'numeric')} AS wait, ${cast('talk', 'numeric')} AS talk
    FROM ${table} WHERE outcome <> 'TEST' AND queue IN ('ACME_EN', 'ACME_FR')
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
};

/** CPU seconds (ms) the server has spent so far: the postmaster's own and its reaped children's (each connection's backend). */
async function serverCpu(client) {
    try {
        const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const ppid = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
        return () => {
            const f = fs.readFileSync(`/proc/${ppid}/stat`, 'utf8').split(') ')[1].split(' ');
            return [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0) * 1000 / 100;
        };
    } catch {
        return () => null;
    }
}

/** A side whose runs also carry the server CPU they cost (read after the backend has exited and been reaped). */
function withServerCpu(side, cpu) {
    return {
        label: side.label,
        run: () => {
            const before = cpu();
            const run = side.run();
            spawnSync('sleep', ['0.3']);
            const after = cpu();
            return { ...run, serverCpuMs: before === null || after === null ? null : after - before };
        },
    };
}

const CASES = [
    { name: 'typed', table: 'bench.calls_typed', typed: true, whole: true },
    ...(opts.flag('--typed-only') ? [] : [{ name: 'text', table: 'bench.calls', typed: false, whole: false }]),
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-pushdown-bench-'));
try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const count = async table => Number((await client.query(`SELECT count(*)::bigint AS n FROM pg_tables WHERE schemaname || '.' || tablename = $1`, [table])).rows[0].n)
        ? Number((await client.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows[0].n) : 0;
    if (await count('bench.calls') !== ROWS || await count('bench.calls_typed') !== ROWS) {
        const t = Date.now();
        await client.query('DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench');
        // Text columns, as an export lands: 90 days of calls over two queues.
        await client.query(`CREATE TABLE bench.calls AS SELECT
            CASE WHEN i % 5 = 0 THEN 'ACME_FR' WHEN i % 97 = 0 THEN 'OTHER' ELSE 'ACME_EN' END AS queue,
            to_char(TIMESTAMPTZ '2026-01-01 00:00:00+00' + (i % 7776000) * INTERVAL '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS offered_at,
            CASE WHEN i % 41 = 0 THEN 'TEST' WHEN i % 9 = 0 THEN 'ABANDONED' ELSE 'ANSWERED' END AS outcome,
            ((i * 7) % 90)::text AS queue_seconds, ((i * 13) % 600)::text AS talk
            FROM generate_series(1, ${ROWS}) AS i`);
        // The same records with typed columns, as an ACD database keeps them.
        await client.query(`CREATE TABLE bench.calls_typed AS SELECT queue, offered_at::timestamptz AS offered_at, outcome,
            queue_seconds::integer AS queue_seconds, talk::integer AS talk FROM bench.calls`);
        await client.query('ANALYZE bench.calls; ANALYZE bench.calls_typed');
        console.log(`loaded ${ROWS.toLocaleString('en-US')} records into PostgreSQL, as text and typed columns, in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const cpu = await serverCpu(client);
    const comparisons = [];
    const wires = [];
    for (const c of CASES) {
        const size = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size($1)) AS s`, [c.table])).rows[0].s;
        const ws = path.join(dir, c.name);
        fs.mkdirSync(ws);
        fs.writeFileSync(path.join(ws, 'ws.norma'), WS.replace('TABLE', c.table));
        const handFile = path.join(dir, `hand-${c.name}.sql`);
        fs.writeFileSync(handFile, hand(c.table, c.typed));
        // The query `norma measure --database` runs: written for the table's column types.
        const sqlDir = path.join(dir, `sql-${c.name}`);
        const compiled = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/norma.js'), 'compile', ws, '--target', 'sql', '--dialect', 'postgres', '--database', url, '--out', sqlDir], { encoding: 'utf8' });
        if (compiled.status !== 0) throw new Error(compiled.stderr);
        const normaFile = path.join(sqlDir, 'norma-measurements-Calls.sql');

        // What crosses the wire: the rows and bytes each query brings back (socket bytes read).
        const wire = {};
        for (const [name, file] of [['norma', normaFile], ['hand', handFile]]) {
            const w = new pg.Client({ connectionString: url });
            await w.connect();
            await w.query(`SET TIME ZONE 'UTC'`);
            const before = w.connection.stream.bytesRead;
            const r = await w.query(fs.readFileSync(file, 'utf8'));
            wire[name] = { rows: r.rows.length, bytes: w.connection.stream.bytesRead - before };
            await w.end();
        }
        const back = `Norma's query ${wire.norma.rows} rows, ${wire.norma.bytes.toLocaleString('en-US')} bytes; the hand-written one ${wire.hand.rows} rows, ${wire.hand.bytes.toLocaleString('en-US')} bytes`;
        wires.push(`${c.name} columns: ${back} (socket bytes read, pg client).`);
        const sides = [
            ...(c.whole ? [nodeSide('norma measure --database', 'cli/bin/norma.js', ['measure', ws, '--database', url, '--output', path.join(dir, `rows-${c.name}.csv`)])] : []),
            nodeSide("Norma's query (pg)", 'bench/pg-query.mjs', [url, normaFile]),
            nodeSide('hand-written query (pg)', 'bench/pg-query.mjs', [url, handFile]),
        ].map(side => withServerCpu(side, cpu));
        if (c === CASES[0]) {
            console.log(machineLine());
            console.log(loadLine('before'));
        }
        comparisons.push(compare({
            name: `${ROWS.toLocaleString('en-US')} records, ${c.name} columns (${size})`,
            aim: { ratio: 1.1 }, runs: RUNS, note: back, sides,
        }));
    }
    await client.end();
    for (const w of wires) console.log(`What comes back, ${w}`);
    printComparisons(comparisons);
    console.log('PostgreSQL server CPU (median per run, user+sys of the backends and parallel workers):');
    for (const c of comparisons) for (const s of c.sides) console.log(`  ${c.name}: ${s.label}: ${seconds(median(s.runs.map(r => r.serverCpuMs)))}`);
    console.log(loadLine('after'));
} finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (started) spawnSync('bash', [path.join(ROOT, 'scripts/postgres.sh'), 'stop', 'bench']);
}
