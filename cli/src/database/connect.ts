/**
 * `--database <url>` (SPEC §6.4): a connection to the database where the source tables live.
 * `postgres://user:password@host:port/db` (or `postgresql://`) through the `pg` client;
 * `duckdb:<file>` for a DuckDB file, opened read-only. The password never appears in any
 * output or error: every message that could carry the URL goes through `redact`. Each driver
 * loads when a URL asks for it (DuckDB's native binding alone takes longer than Node's start-up).
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnType, Dialect, TableCatalog } from '../../../language/src/records/sql/dialect.js';
import { duckdb } from '../../../language/src/records/sql/duckdb.js';
import { postgres } from '../../../language/src/records/sql/postgres.js';
import { UsageError } from '../exit-codes.js';

export interface DatabaseSession {
    dialect: Dialect;
    /** What to call the database in messages (no password). */
    label: string;
    rows(sql: string): Promise<Record<string, unknown>[]>;
    /** The columns (with their types) and partition key of a table as written in `table "schema.name"`, or null when there is no such table. */
    catalog(table: string): Promise<TableCatalog | null>;
    /** Bytes received from the server so far (PostgreSQL), or null when nothing crosses a wire. */
    bytesReceived(): number | null;
    close(): Promise<void>;
}

/** The URL with its password (and any `password=` parameter) replaced by `***`. */
export function redact(url: string): string {
    return url
        .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*:)[^@/?#]*@/i, '$1***@')
        .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** An error from a driver, in plain words, with the URL's secrets taken out. */
export function databaseError(url: string, label: string, e: unknown): UsageError {
    const message = e instanceof Error ? e.message : String(e);
    const password = passwordOf(url);
    let text = redact(message).split(url).join(redact(url));
    if (password) text = text.split(password).join('***');
    return new UsageError(`${label}: ${text}`);
}

function passwordOf(url: string): string | undefined {
    try {
        const u = new URL(url);
        return u.password ? decodeURIComponent(u.password) : u.searchParams.get('password') ?? undefined;
    } catch {
        return undefined;
    }
}

export async function connect(url: string): Promise<DatabaseSession> {
    if (/^postgres(ql)?:\/\//i.test(url)) return connectPostgres(url);
    if (/^duckdb:/i.test(url)) return connectDuckdb(url.slice('duckdb:'.length));
    throw new UsageError(`--database ${redact(url)}: write postgres://user@host:port/database or duckdb:<file>.`);
}

/** PostgreSQL's built-in type OIDs (pg_type) as the column types a field can be read from as is. */
const PG_TYPES: Record<number, ColumnType> = {
    25: 'text', 1043: 'text', 1042: 'text', 16: 'boolean', 20: 'integer', 21: 'integer', 23: 'integer', 1700: 'decimal',
    700: 'float', 701: 'float', 1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval',
};

async function connectPostgres(url: string): Promise<DatabaseSession> {
    let label = 'PostgreSQL';
    try {
        const u = new URL(url);
        label = `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
    } catch {
        throw new UsageError(`--database ${redact(url)}: not a valid postgres:// URL.`);
    }
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url, application_name: 'norma' });
    // A broken connection after connecting is reported by the query that fails, not as an unhandled event.
    client.on('error', () => undefined);
    try {
        await client.connect();
        // Periods are cut by the source's zone, never the server's; timestamps without offset are UTC.
        await client.query(`SET TIME ZONE 'UTC'`);
        // A partitioned table (postgres_fdw shards) aggregates partition by partition, on the shards where it can.
        await client.query('SET enable_partitionwise_aggregate = on');
    } catch (e) {
        await client.end().catch(() => undefined);
        throw databaseError(url, `Cannot connect to ${label}`, e);
    }
    const stream = (client as unknown as { connection?: { stream?: { bytesRead?: number } } }).connection?.stream;
    return {
        dialect: postgres,
        label,
        rows: async sql => {
            try {
                return (await client.query(sql)).rows;
            } catch (e) {
                throw databaseError(url, label, e);
            }
        },
        catalog: async table => {
            try {
                const fields = (await client.query(`SELECT * FROM ${postgres.table(table)} WHERE FALSE`)).fields;
                // The partition key's plain columns (an expression in the key gives none: no push-down by key).
                const key = await client.query(`SELECT a.attname, p.partattrs::int2[] @> ARRAY[0::int2] AS expression FROM pg_partitioned_table p
                    JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = ANY (p.partattrs::int2[])
                    WHERE p.partrelid = to_regclass($1) ORDER BY array_position(p.partattrs::int2[], a.attnum)`, [postgres.table(table)]);
                return {
                    columns: Object.fromEntries(fields.map(f => [f.name, PG_TYPES[f.dataTypeID] ?? 'other'])),
                    partitionKey: key.rows.some(r => r.expression) ? [] : key.rows.map(r => String(r.attname)),
                };
            } catch (e) {
                // undefined_table, invalid_schema_name
                if (['42P01', '3F000'].includes((e as { code?: string }).code ?? '')) return null;
                throw databaseError(url, label, e);
            }
        },
        bytesReceived: () => stream?.bytesRead ?? null,
        close: () => client.end(),
    };
}

async function connectDuckdb(file: string): Promise<DatabaseSession> {
    const label = `DuckDB file ${file}`;
    let instance: DuckDBInstance;
    try {
        const { DuckDBInstance } = await import('@duckdb/node-api');
        instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    } catch (e) {
        throw new UsageError(`Cannot open ${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const connection = await instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
    return {
        dialect: duckdb,
        label,
        rows: async sql => {
            try {
                return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
            } catch (e) {
                throw new UsageError(`${label}: ${e instanceof Error ? e.message : String(e)}`);
            }
        },
        catalog: async table => {
            try {
                // Typed DuckDB columns are read through their text (the DuckDB dialect has no typed reading).
                const names = (await connection.runAndReadAll(`SELECT * FROM ${duckdb.table(table)} WHERE FALSE`)).columnNames();
                return { columns: Object.fromEntries(names.map(n => [n, 'other' as ColumnType])), partitionKey: [] };
            } catch (e) {
                const message = e instanceof Error ? e.message : String(e);
                if (/Catalog Error: Table with name .* does not exist|Catalog Error: Schema with name .* does not exist/.test(message)) return null;
                throw new UsageError(`${label}: ${message}`);
            }
        },
        bytesReceived: () => null,
        close: async () => {
            connection.closeSync();
            instance.closeSync();
        },
    };
}
