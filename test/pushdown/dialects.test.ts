// Every dialect's measurement SQL from one formula tree: golden files reviewed in diffs (rewrite with
// NORMA_UPDATE_GOLDEN=1), invariants that hold in all of them, a parse by node-sql-parser where it
// covers the dialect (a lint, not a proof), and constructs a dialect cannot express refused by name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../language/src/workspace/workspace.js';
import { DIALECTS, DIALECT_NAMES } from '../../language/src/records/sql/dialects.js';
import { addDecimals, sourceQuery } from '../../language/src/records/source-query.js';
import { UnsupportedConstruct } from '../../language/src/records/sql/unsupported.js';
import { EDGE_FILES } from './edge-workspace.js';

async function edgeSql(dialect: string): Promise<string> {
    const ws = await loadWorkspace(EDGE_FILES);
    return sourceQuery(ws.model!, ws.model!.sources![0], DIALECTS[dialect]).sql;
}

/** The SQL with its string literals and quoted identifiers blanked, for looking at the code alone. */
function codeOnly(sql: string): string {
    return sql.replace(/'(?:[^'\\]|\\.|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, '""').replace(/`(?:[^`\\]|\\.|``)*`/g, '``');
}

// Functions that belong to one dialect only: none may appear in another's SQL (case-sensitive words).
const OWN: Record<string, string[]> = {
    duckdb: ['time_bucket', 'strftime', 'epoch_ms', 'quantile_disc', 'TRY_STRPTIME', 'to_microseconds', 'regexp_full_match'],
    postgres: ['date_bin', 'to_char', 'percentile_disc', 'IYYY'],
    clickhouse: ['toStartOfInterval', 'toTimeZone', 'countIf', 'uniqExact', 'toDecimal64OrNull', 'formatDateTime', 'toISOWeek', 'arraySort'],
    trino: ['at_timezone', 'year_of_week', 'week_of_year', 'from_iso8601_timestamp', 'element_at', 'to_milliseconds'],
    spark: ['from_utc_timestamp', 'weekofyear', 'YEAROFWEEK', 'unix_millis', 'timestampadd', 'try_to_timestamp', 'RLIKE'],
    bigquery: ['DATETIME_TRUNC', 'FORMAT_DATETIME', 'SAFE_CAST', 'COUNTIF', 'TIMESTAMP_DIFF', 'SAFE_OFFSET', 'BIGNUMERIC'],
    snowflake: ['TIME_SLICE', 'CONVERT_TIMEZONE', 'WEEKISO', 'YEAROFWEEKISO', 'COUNT_IF', 'TRY_TO_TIMESTAMP_TZ', 'TO_VARCHAR'],
};
// Shared by two dialects with the same meaning: allowed in both, nowhere else.
const SHARED: Record<string, string[]> = { percentile_disc: ['postgres', 'spark'], PERCENTILE_DISC: ['snowflake'], count_if: ['trino', 'spark'] };

// How each dialect spells an ISO (Monday) week; a week starting on Sunday shifts the instant by one day first.
const ISO_WEEK: Record<string, RegExp> = {
    duckdb: /strftime\([^;]*'%G-W%V'\)/, postgres: /'IYYY-"W"IW'/, clickhouse: /toISOWeek\(/, trino: /week_of_year\(/,
    spark: /weekofyear\(/, bigquery: /'%G-W%V'/, snowflake: /WEEKISO\(/,
};
// Week functions whose start depends on a session setting or a locale: never used.
const SESSION_WEEKS = [/date_trunc\('week'/i, /toStartOfWeek/, /toMonday/, /\bWEEK\(/, /DAYOFWEEK/i, /%U|%W/, /'WW'/];

describe.each(DIALECT_NAMES)('measurement SQL in %s', dialect => {
    it('matches its golden file (reviewed in diffs)', async () => {
        const sql = (await edgeSql(dialect)).replace(/\nUNION ALL\n/g, '\nUNION ALL\n') + '\n';
        const file = path.join(__dirname, 'golden', `${dialect}.sql`);
        if (process.env.NORMA_UPDATE_GOLDEN) fs.writeFileSync(file, sql);
        expect(sql).toBe(fs.readFileSync(file, 'utf8'));
    });

    it('reads the table once for the additive metrics and once per percentile or distinct metric', async () => {
        // The edge workspace measures everything at offered_at; WaitP90 (percentile) and Agents (distinct) cannot be added up.
        const sql = await edgeSql(dialect);
        expect(sql.split(DIALECTS[dialect].table('acd.calls')).length - 1).toBe(3);
        expect(sql.split('\nUNION ALL\n').length).toBe(3);
    });

    it('guards every division: by NULLIF or by a constant that is not zero', async () => {
        // The edge workspace, with a record-level division (talk / wait) in one of its formulas.
        const ws = await loadWorkspace(EDGE_FILES);
        const model = structuredClone(ws.model!);
        model.metrics.find(m => m.id === 'AverageTalk')!.formula!.value = { kind: 'aggregate', fn: 'sum',
            arg: { kind: 'arithmetic', op: '/', left: { kind: 'field', name: 'talk' }, right: { kind: 'field', name: 'wait' } } };
        const code = codeOnly(sourceQuery(model, model.sources![0], DIALECTS[dialect]).sql);
        const divisions = [...code.matchAll(/\//g)].map(m => code.slice(m.index!, m.index! + 12));
        expect(divisions.length).toBeGreaterThan(0);
        for (const d of divisions) expect(d).toMatch(/^\/\s*(NULLIF\(|[1-9][0-9]*\b)/);
    });

    it('names weeks by ISO week (Monday) and never by a session- or locale-dependent week', async () => {
        const sql = await edgeSql(dialect);
        expect(sql).toMatch(ISO_WEEK[dialect]);
        for (const re of SESSION_WEEKS) expect(codeOnly(sql)).not.toMatch(re);
    });

    it('uses no function of another dialect', async () => {
        const code = codeOnly(await edgeSql(dialect));
        for (const [other, names] of Object.entries(OWN)) {
            if (other === dialect) continue;
            for (const name of names) {
                if (SHARED[name]?.includes(dialect)) continue;
                expect(code, `${name} (${other}) in ${dialect}`).not.toMatch(new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`));
            }
        }
    });

    it('writes every column and table of the .norma file as a quoted identifier', async () => {
        const sql = await edgeSql(dialect);
        const d = DIALECTS[dialect];
        expect(sql).toContain(d.identifier('queue_seconds'));
        expect(sql).toContain(d.table('acd.calls'));
        // Outside quotes, no name from the workspace stands bare.
        expect(codeOnly(sql)).not.toMatch(/\b(queue_seconds|offered_at|acd|calls)\b/);
    });
});

/**
 * The SQL without each `opener ... )`, parentheses balanced: an opener that holds an opening parenthesis
 * (` FILTER (WHERE `) is dropped through its closing one; one that does not (` IGNORE NULLS ORDER BY `)
 * is dropped up to the parenthesis that closes the call it stands in, which stays.
 */
function dropBalanced(sql: string, opener: string): string {
    let out = sql;
    for (let at = out.indexOf(opener); at >= 0; at = out.indexOf(opener, at)) {
        let depth = opener.includes('(') ? 1 : 0;
        let i = at + opener.length;
        for (; i < out.length; i++) {
            if (out[i] === "'") { i = out.indexOf("'", i + 1); continue; }
            if (out[i] === '(') depth++;
            else if (out[i] === ')' && depth-- === 0) break;
            if (depth === 0 && opener.includes('(')) { i++; break; }
        }
        out = out.slice(0, at) + out.slice(i);
    }
    return out;
}

// node-sql-parser's name for each dialect it covers (it has none for DuckDB, ClickHouse or Spark SQL), and the
// constructs of that dialect it does not know (node-sql-parser 5.4.0), each replaced by a simpler form it reads
// before parsing: the rest of the SQL must parse.
const PARSER: Record<string, { database: string; gaps: ((sql: string) => string)[] }> = {
    postgres: { database: 'postgresql', gaps: [sql => sql.replace(/ AT TIME ZONE '[^']*'/g, ''), sql => dropBalanced(sql, ' WITHIN GROUP ('), sql => sql.replace(/ OFFSET 0\)/g, ')')] },
    trino: { database: 'trino', gaps: [sql => dropBalanced(sql, ' FILTER (WHERE ')] },
    bigquery: { database: 'bigquery', gaps: [sql => sql.replace(/BIGNUMERIC/g, 'NUMERIC'), sql => dropBalanced(sql, ' IGNORE NULLS ORDER BY '), sql => sql.replace(/\)\[SAFE_OFFSET\(.*? - 1\)\]/g, ')')] },
    snowflake: { database: 'snowflake', gaps: [sql => dropBalanced(sql, ' WITHIN GROUP (')] },
};

describe('an independent parser reads the goldens (node-sql-parser, a lint)', () => {
    it('drops a construct it does not know with its balanced parentheses', () => {
        expect(dropBalanced(`count(*) FILTER (WHERE (a AND f(b))) AS "c0", x`, ' FILTER (WHERE ')).toBe(`count(*) AS "c0", x`);
        expect(dropBalanced(`ARRAY_AGG(v IGNORE NULLS ORDER BY CASE WHEN (a) THEN v END)[1]`, ' IGNORE NULLS ORDER BY ')).toBe('ARRAY_AGG(v)[1]');
        expect(dropBalanced(`p(0.9) WITHIN GROUP (ORDER BY ')' || x) + 1`, ' WITHIN GROUP (')).toBe('p(0.9) + 1');
    });

    it.each(Object.entries(PARSER))('%s parses', async (dialect, { database, gaps }) => {
        let sql = await edgeSql(dialect);
        for (const gap of gaps) sql = gap(sql);
        expect(() => new Parser().astify(sql, { database })).not.toThrow();
    });
});

describe('constructs a dialect cannot express', () => {
    it('are compile errors naming the construct and the dialect, never other SQL', async () => {
        const ws = await loadWorkspace([{ path: 't.norma', text: `
source Shifts { field day: date  field start: time  field agent: text }
metric Starts { family people unit count better higher period daily from Shifts at day = count() where start is not null }
program P { records Shifts norm Starts >= 1 }` }]);
        expect(ws.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const source = ws.model!.sources![0];
        for (const dialect of ['clickhouse', 'spark']) {
            let error: unknown;
            try { sourceQuery(ws.model!, source, DIALECTS[dialect]); } catch (e) { error = e; }
            expect(error).toBeInstanceOf(UnsupportedConstruct);
            expect((error as Error).message).toBe(`The ${dialect} dialect cannot express a time field (${dialect === 'spark' ? 'Spark has no time-of-day type before 4.1' : 'ClickHouse has no time-of-day type'}).`);
        }
        for (const dialect of ['duckdb', 'postgres', 'trino', 'bigquery', 'snowflake']) expect(() => sourceQuery(ws.model!, source, DIALECTS[dialect])).not.toThrow();
    });
});

describe('adding partials up', () => {
    it('adds decimal sums exactly', () => {
        expect(addDecimals('12.50', '-3.125')).toBe('9.375');
        expect(addDecimals('0.1', '0.2')).toBe('0.3');
        expect(addDecimals('-0.5', '0.25')).toBe('-0.25');
        expect(addDecimals('7', '3')).toBe('10');
    });
});
