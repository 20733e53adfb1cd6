/**
 * The raw-record parts of the model (SPEC §6): sources with their typed fields, metric
 * formulas, and the records each program takes. Reads expressions through expressions.ts, so
 * the model holds exactly the tree the validator checked. Like build.ts it runs on a workspace
 * without errors and skips what it cannot read.
 */
import { isColumnOption, isFormatOption, type Metric, type Program, type Source } from '../generated/ast.js';
import { metricFormula, metricFrom, programRecords, sourceFields, sourceKeeps, sourceTable, sourceTimezone } from './ast-access.js';
import { readExpression, fieldTypeOf, typeOfField } from './expressions.js';
import type { Expr, FieldModel, FieldType, FormulaModel, RecordsModel, SourceModel } from './formula.js';
import type { SourceRef } from './types.js';
import type { AstNode } from 'langium';

type Locate = (node: AstNode) => SourceRef;

export function sourceModel(s: Source, locate: Locate): SourceModel {
    const fields: FieldModel[] = [];
    for (const f of sourceFields(s)) {
        const type = typeOfField(f);
        if (!type) continue;
        if (f.value) {
            const expr = recordExpression(f.value);
            if (expr) fields.push({ name: f.name, type: fieldTypeOf(type), value: expr });
            continue;
        }
        const column = f.options.find(isColumnOption)?.column ?? f.name;
        const format = f.options.find(isFormatOption)?.format;
        fields.push({ name: f.name, type: f.type as FieldType, column, ...(format !== undefined ? { format } : {}) });
    }
    return {
        id: s.name,
        title: s.title ?? s.name,
        fields,
        keep: sourceKeeps(s).map(k => recordExpression(k.condition)).filter((e): e is Expr => e !== undefined),
        timezone: sourceTimezone(s)?.zone ?? null,
        table: sourceTable(s)?.table ?? s.name,
        source: locate(s),
    };
}

/** The formula of a metric computed from records, or undefined for a metric fed by `--data`. */
export function formulaModel(m: Metric): FormulaModel | undefined {
    const from = metricFrom(m);
    const formula = metricFormula(m);
    if (!from || !formula || !from.source?.ref || !from.at?.ref) return undefined;
    const { read } = readExpression(formula.value, 'formula');
    if (!read || read.type.kind !== 'number') return undefined;
    const where = formula.where ? recordExpression(formula.where) : null;
    if (where === undefined) return undefined;
    return { source: from.source.ref.name, at: from.at.ref.name, value: read.expr, where, dimension: read.type.dimension };
}

export function recordsModels(p: Program): RecordsModel[] {
    const records: RecordsModel[] = [];
    for (const r of programRecords(p)) {
        if (!r.source?.ref) continue;
        const where = r.condition ? recordExpression(r.condition) : null;
        if (where === undefined) continue;
        records.push({ source: r.source.ref.name, where });
    }
    return records;
}

function recordExpression(node: Parameters<typeof readExpression>[0]): Expr | undefined {
    return readExpression(node, 'record').read?.expr;
}
