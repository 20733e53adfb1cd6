/**
 * The one SQL renderer of Norma's formulas (SPEC §6): a source, its metrics and the programs
 * that take its records become SQL through a `Dialect`. Roll-ups are pushed down as partial
 * sums and counts per program and period (`partials`), and the division happens last, in
 * finish.ts, on exact numbers: a monthly ratio is sum-then-divide, and a partitioned or
 * distributed table gives the same figures as one table.
 *
 * The shape of the SQL:
 *   records   typed fields of each record (cells parsed, null when empty) + one `bad` flag per
 *             field whose cell does not parse, from the source's relation
 *   kept      records that pass every `keep`
 *   taken     one row per (program, record) for each program whose `records` clause takes it
 *   metric    SELECT program, period, partials FROM taken WHERE <formula where> GROUP BY program, period
 * Every string from a `.norma` file goes through dialect.identifier / table / text.
 */
import type { Expr, FieldModel, SourceModel } from '../../model/formula.js';
import type { MetricModel, ProgramModel } from '../../model/types.js';
import { typedNull, type Dialect, type TableCatalog } from './dialect.js';

/** One pushed-down aggregate of a formula; finish.ts combines them into the value and sample. */
export interface Partial {
    /** The column alias in the metric query (`p0`, `p1`, ...). */
    column: string;
    /** Which aggregate of the formula (in the order finish.ts walks the tree). */
    aggregate: number;
    /** What the column holds. */
    kind: 'records' | 'countWhere' | 'sum' | 'nonNull' | 'min' | 'max' | 'percentile' | 'distinct';
}

export interface MetricQuery {
    metric: string;
    /** Columns: program, period, offset (minutes east of UTC, or null), then the partials. */
    sql: string;
    partials: Partial[];
}

/** The column names the renderer gives its own columns, out of the way of field names. */
export const COLUMN = { program: '__program', period: '__period', offset: '__offset' } as const;

/** SQL for the typed fields of a source's records, from `relation` (a table or a file reader). */
export function renderRecords(source: SourceModel, relation: string, dialect: Dialect, catalog?: TableCatalog): string {
    const columns = typedColumns(source, dialect, catalog, (f, cell, parsed) =>
        `(${dialect.present(cell)} AND ${parsed} IS NULL) AS ${dialect.identifier(badColumn(f.name))}`);
    return `SELECT ${columns.join(', ')} FROM ${relation}`;
}

/**
 * SQL for the typed fields of a source's records and, per field read from text, whether its cell
 * holds anything (`presentColumn`): a cell that is present but gives a null field does not parse.
 * `extra` columns of the relation come along as they are (a partition key). The dialect's `fence`
 * keeps PostgreSQL from re-parsing a cell in every aggregate that uses it; a source whose fields
 * are all typed columns needs none (and a fence would keep postgres_fdw from sending the
 * aggregates to the shards).
 */
export function renderTyped(source: SourceModel, relation: string, dialect: Dialect, catalog?: TableCatalog, extra: { column: string; as: string }[] = []): string {
    const columns = typedColumns(source, dialect, catalog, (f, cell) => `${dialect.present(cell)} AS ${dialect.identifier(presentColumn(f.name))}`);
    const fence = parsedFields(source, dialect, catalog).some(f => f.type !== 'text') ? dialect.fence ?? '' : '';
    return `SELECT ${[...columns, ...extra.map(e => `${dialect.identifier(e.column)} AS ${dialect.identifier(e.as)}`)].join(', ')} FROM ${relation}${fence}`;
}

/** The value of each cell-read field whose column the catalog says already holds its type (read as is). */
export function typedFields(source: SourceModel, dialect: Dialect, catalog?: TableCatalog): Map<string, string> {
    const out = new Map<string, string>();
    if (!catalog || !dialect.typedField) return out;
    for (const f of source.fields) {
        if (f.value) continue;
        const column = f.column ?? f.name;
        const sql = dialect.typedField(dialect.identifier(column), f.type, catalog.columns[column] ?? 'other', source.timezone !== null);
        if (sql !== undefined) out.set(f.name, sql);
    }
    return out;
}

/** The cell-read fields whose cells are parsed from text (and counted when they do not parse). */
export function parsedFields(source: SourceModel, dialect: Dialect, catalog?: TableCatalog): FieldModel[] {
    const typed = typedFields(source, dialect, catalog);
    return source.fields.filter(f => !f.value && !typed.has(f.name));
}

/** Each cell-read field parsed to its type, followed by the column `flag` makes of its cell (typed columns: the value alone). */
function typedColumns(
    source: SourceModel, dialect: Dialect, catalog: TableCatalog | undefined, flag: (field: SourceModel['fields'][number], cell: string, parsed: string) => string,
): string[] {
    const zoned = source.timezone !== null;
    const typed = typedFields(source, dialect, catalog);
    const columns: string[] = [];
    for (const f of source.fields) {
        if (f.value) continue;
        const value = typed.get(f.name);
        if (value !== undefined) {
            columns.push(`${value} AS ${dialect.identifier(f.name)}`);
            continue;
        }
        const cell = dialect.identifier(f.column ?? f.name);
        const parsed = dialect.parseField(cell, f.type, f.format, zoned);
        columns.push(`${parsed} AS ${dialect.identifier(f.name)}`, flag(f, cell, parsed));
    }
    return columns;
}

/** The flag column that says a field's cell holds something. */
export function presentColumn(field: string): string {
    return `__present_${field}`;
}

/** The flag column that says a field's cell did not parse. */
export function badColumn(field: string): string {
    return `__bad_${field}`;
}

/** The records that pass every `keep` of the source, with derived fields still unexpanded. */
export function renderKept(source: SourceModel, records: string, dialect: Dialect): string {
    const keep = source.keep.map(k => `COALESCE(${renderExpr(k, source, dialect)}, FALSE)`);
    return `SELECT * FROM (${records}) AS records${keep.length ? ` WHERE ${keep.join(' AND ')}` : ''}`;
}

/** Each `records S where ...` of the programs that take source S: the program and its condition (none: every record). */
function takesOf(source: SourceModel, programs: readonly ProgramModel[], dialect: Dialect): { program: string; where: string | undefined }[] {
    const takes: { program: string; where: string | undefined }[] = [];
    for (const p of programs) {
        for (const r of p.records ?? []) {
            if (r.source === source.id) takes.push({ program: p.id, where: r.where ? `COALESCE(${renderExpr(r.where, source, dialect)}, FALSE)` : undefined });
        }
    }
    return takes;
}

/** One row per program and record the program takes (`records S where ...`). */
export function renderTaken(source: SourceModel, programs: readonly ProgramModel[], kept: string, dialect: Dialect): string {
    const takes = takesOf(source, programs, dialect);
    const program = dialect.identifier(COLUMN.program);
    if (takes.length === 0) return `SELECT ${typedNull(dialect, 'text')} AS ${program}, * FROM (${kept}) AS kept WHERE FALSE`;
    if (dialect.eachProgram) {
        // One scan of the records for all programs (50 programs were 50 scans of the same table).
        const choices = takes.map(t => (t.where ? `CASE WHEN ${t.where} THEN ${dialect.text(t.program)} END` : dialect.text(t.program)));
        return `SELECT * FROM (SELECT ${dialect.eachProgram(choices)} AS ${program}, * FROM (${kept}) AS kept) AS taken WHERE ${program} IS NOT NULL`;
    }
    return takes.map(t => `SELECT ${dialect.text(t.program)} AS ${program}, * FROM (${kept}) AS kept${t.where ? ` WHERE ${t.where}` : ''}`).join(' UNION ALL ');
}

/** The condition that some program takes a record (`records S where ...`), FALSE when none does. */
export function takenByAny(source: SourceModel, programs: readonly ProgramModel[], dialect: Dialect): string {
    const takes = takesOf(source, programs, dialect);
    return takes.length ? `(${takes.map(t => t.where ?? 'TRUE').join(' OR ')})` : 'FALSE';
}

/** Records that no program takes (their count and a few examples are reported). */
export function renderUntaken(source: SourceModel, programs: readonly ProgramModel[], kept: string, dialect: Dialect): string {
    return `SELECT * FROM (${kept}) AS kept WHERE NOT ${takenByAny(source, programs, dialect)}`;
}

/** The partial-aggregate query of one metric over the taken records. */
export function renderMetric(metric: MetricModel, source: SourceModel, taken: string, dialect: Dialect): MetricQuery {
    const formula = metric.formula;
    if (!formula) throw new Error(`metric ${metric.id} has no formula`);
    const at = renderExpr({ kind: 'field', name: formula.at }, source, dialect);
    const key = dialect.periodKey(at, metric.period, metric.weekStart ?? 'monday', source.timezone);
    const partials: Partial[] = [];
    const columns: string[] = [];
    let aggregate = 0;
    const add = (kind: Partial['kind'], sql: string) => {
        const column = `p${partials.length}`;
        partials.push({ column, aggregate, kind });
        columns.push(`${sql} AS ${dialect.identifier(column)}`);
    };
    walkAggregates(formula.value, a => {
        const arg = a.arg ? renderExpr(a.arg, source, dialect) : undefined;
        switch (a.fn) {
            case 'count':
                add('records', 'count(*)');
                if (arg !== undefined) add('countWhere', dialect.countWhere(arg));
                break;
            case 'sum':
                add('records', 'count(*)');
                add('sum', dialect.exactText(`sum(${arg})`));
                break;
            case 'avg':
                add('nonNull', `count(${arg})`);
                add('sum', dialect.exactText(`sum(${arg})`));
                break;
            case 'min': case 'max':
                add('nonNull', `count(${arg})`);
                add(a.fn, dialect.exactText(`${a.fn}(${arg})`));
                break;
            case 'percentile':
                add('nonNull', `count(${arg})`);
                add('percentile', dialect.exactText(dialect.percentile(arg!, dialect.decimal(a.fraction!))));
                break;
            case 'distinct':
                add('records', 'count(*)');
                add('distinct', dialect.countDistinct(arg!));
                break;
        }
        aggregate++;
    });
    const filters = [`${at} IS NOT NULL`];
    if (formula.where) filters.push(`COALESCE(${renderExpr(formula.where, source, dialect)}, FALSE)`);
    const offset = key.offsetMinutes ?? typedNull(dialect, 'integer');
    const sql = `SELECT ${dialect.identifier(COLUMN.program)}, ${key.label} AS ${dialect.identifier(COLUMN.period)}, ${offset} AS ${dialect.identifier(COLUMN.offset)}, ${columns.join(', ')}`
        + ` FROM (${taken}) AS taken WHERE ${filters.join(' AND ')}`
        + ` GROUP BY ${dialect.identifier(COLUMN.program)}, ${key.label}, ${offset}`;
    return { metric: metric.id, sql, partials };
}

/** Visits the aggregates of a formula in the order finish.ts numbers them (left to right). */
export function walkAggregates(expr: Expr, visit: (a: Extract<Expr, { kind: 'aggregate' }>) => void): void {
    switch (expr.kind) {
        case 'aggregate': visit(expr); return;
        case 'not': walkAggregates(expr.operand, visit); return;
        case 'isNull': walkAggregates(expr.operand, visit); return;
        case 'logic': case 'compare': case 'arithmetic':
            walkAggregates(expr.left, visit);
            walkAggregates(expr.right, visit);
            return;
        case 'in': walkAggregates(expr.operand, visit); expr.values.forEach(v => walkAggregates(v, visit)); return;
        case 'coalesce': expr.args.forEach(v => walkAggregates(v, visit)); return;
        default: return;
    }
}

/** A record-level expression as SQL; derived fields are expanded into their expressions. */
export function renderExpr(expr: Expr, source: SourceModel, dialect: Dialect, depth = 0): string {
    const r = (e: Expr) => renderExpr(e, source, dialect, depth);
    switch (expr.kind) {
        case 'field': {
            const field = source.fields.find(f => f.name === expr.name);
            if (field?.value) {
                if (depth > source.fields.length) throw new Error(`derived field ${expr.name} refers to itself`);
                return `(${renderExpr(field.value, source, dialect, depth + 1)})`;
            }
            return dialect.identifier(expr.name);
        }
        case 'number': return dialect.decimal(expr.value);
        case 'text': return dialect.text(expr.value);
        case 'boolean': return dialect.boolean(expr.value);
        case 'not': return `(NOT ${r(expr.operand)})`;
        case 'logic': return `(${r(expr.left)} ${expr.op === 'and' ? 'AND' : 'OR'} ${r(expr.right)})`;
        case 'compare': return `(${r(expr.left)} ${expr.op === '!=' ? '<>' : expr.op} ${r(expr.right)})`;
        case 'arithmetic': return renderArithmetic(expr, source, dialect, depth);
        case 'isNull': return `(${r(expr.operand)} IS ${expr.negated ? 'NOT ' : ''}NULL)`;
        case 'in': return `(${r(expr.operand)} IN (${expr.values.map(r).join(', ')}))`;
        case 'coalesce': return `COALESCE(${expr.args.map(r).join(', ')})`;
        case 'aggregate': throw new Error('an aggregate inside a record expression');
    }
}

function renderArithmetic(expr: Extract<Expr, { kind: 'arithmetic' }>, source: SourceModel, dialect: Dialect, depth: number): string {
    const left = renderExpr(expr.left, source, dialect, depth);
    const right = renderExpr(expr.right, source, dialect, depth);
    const lt = typeOf(expr.left, source);
    const rt = typeOf(expr.right, source);
    if (expr.op === '+' && ((lt === 'date' && rt === 'time') || (lt === 'time' && rt === 'date'))) {
        return dialect.dateTime(lt === 'date' ? left : right, lt === 'date' ? right : left, source.timezone !== null);
    }
    if (expr.op === '-' && lt === 'timestamp' && rt === 'timestamp') return `(${dialect.secondsBetween(left, right)})`;
    if (lt === 'timestamp') return dialect.addSeconds(left, expr.op === '-' ? `-(${right})` : right);
    // Division by zero is null in every engine (PostgreSQL would stop the query, others differ).
    if (expr.op === '/') return `(${left} / NULLIF(${right}, 0))`;
    return `(${left} ${expr.op} ${right})`;
}

/** The kind of a record expression's value, as far as arithmetic needs it. */
function typeOf(expr: Expr, source: SourceModel): FieldModel['type'] | 'other' {
    if (expr.kind === 'field') return source.fields.find(f => f.name === expr.name)?.type ?? 'other';
    if (expr.kind === 'arithmetic') {
        const l = typeOf(expr.left, source);
        const r = typeOf(expr.right, source);
        if (expr.op === '+' && ((l === 'date' && r === 'time') || (l === 'time' && r === 'date'))) return 'timestamp';
        if (expr.op === '-' && l === 'timestamp' && r === 'timestamp') return 'seconds';
        if (l === 'timestamp') return 'timestamp';
        return 'number';
    }
    if (expr.kind === 'coalesce') return typeOf(expr.args[0], source);
    return 'other';
}
