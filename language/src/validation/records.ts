/**
 * Raw records (SPEC §6): sources, their fields, metric formulas and `records` clauses. Type and
 * unit problems inside expressions are found by model/expressions.ts (the same reading the model
 * builder uses) and reported here on their precise range; this module adds the rules about
 * declarations: field order, types, formats, time zones, `from`, and records without norms.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isField, isFieldRef, isMetric, isProgram,
    type Field, type FormatOption, type FormulaProperty, type FromProperty, type Keep, type Metric, type Program,
    type RecordsProperty, type Source, type TimezoneProperty,
} from '../generated/ast.js';
import { closest } from '../engine/suggest.js';
import { metricFormula, metricFrom, metricUnit, programRecords, sourceFields } from '../model/ast-access.js';
import { effectiveNorms, unitModel } from '../model/build.js';
import {
    CODE_AGGREGATE_IN_RECORD, CODE_AGGREGATE_NESTED, CODE_FIELD_OUTSIDE_AGGREGATE, CODE_FUNCTION_ARGUMENTS,
    CODE_TYPE_MISMATCH, CODE_UNIT_MISMATCH, CODE_UNKNOWN_FUNCTION, FIELD_TYPES, describeType, readExpression,
    typeOfField, type ExpressionContext,
} from '../model/expressions.js';
import { dimensionOf, unitLabel } from '../model/units.js';
import { isKnownTimeZone } from '../records/zones.js';
import { AstUtils } from 'langium';

export {
    CODE_AGGREGATE_IN_RECORD, CODE_AGGREGATE_NESTED, CODE_FIELD_OUTSIDE_AGGREGATE, CODE_FUNCTION_ARGUMENTS,
    CODE_TYPE_MISMATCH, CODE_UNIT_MISMATCH, CODE_UNKNOWN_FUNCTION,
};

/** `field wiat: seconds` twice in one source, or two fields of one name. */
export const CODE_DUPLICATE_FIELD = 'duplicate-field';
/** `field x: txt`. */
export const CODE_UNKNOWN_FIELD_TYPE = 'unknown-field-type';
/** A derived field that reads a field declared below it (or itself). */
export const CODE_FIELD_USED_BEFORE_DEFINED = 'field-used-before-defined';
/** `format "dd/mm/yyyy"`: not strftime, or on a field that is not a date, time or timestamp. */
export const CODE_FORMAT_NOT_STRFTIME = 'format-not-strftime';
/** `timezone "Europe/Londn"`. */
export const CODE_UNKNOWN_TIME_ZONE = 'unknown-time-zone';
/** `keep`, `where` or `records ... where` with something that is not a yes/no condition. */
export const CODE_CONDITION_NOT_BOOLEAN = 'condition-not-boolean';
/** A formula (`= ...`) without `from Source at field`, or `from` without a formula. */
export const CODE_FORMULA_WITHOUT_FROM = 'formula-without-from';
/** `at` names a field that is not a date or timestamp. */
export const CODE_AT_NOT_INSTANT = 'at-field-not-instant';
/** The formula's unit is not the metric's (`avg(talk)` on a percent metric). */
export const CODE_FORMULA_UNIT_NOT_METRIC = 'formula-unit-not-metric';
/** A formula with no aggregate at all (`= 5`). */
export const CODE_FORMULA_WITHOUT_AGGREGATE = 'formula-without-aggregate';
/** `records S` on a program that has no norm for any metric computed from S (warning). */
export const CODE_RECORDS_WITHOUT_NORM = 'records-without-norm';

/** strftime directives DuckDB's strptime reads. */
const STRFTIME = new Set('aAwdbBmyYHIpMSfzZjUWcxXgGuVeTRD%n'.split(''));

function report(problems: ReturnType<typeof readExpression>['problems'], accept: ValidationAcceptor): void {
    for (const p of problems) accept('error', p.message, { node: p.node, code: p.code });
}

function checkExpression(node: AstNode | undefined, context: ExpressionContext, accept: ValidationAcceptor, condition?: string) {
    if (!node) return undefined;
    const { read, problems } = readExpression(node, context, (name, names) => closest(name, names));
    report(problems, accept);
    if (condition && read && read.type.kind !== 'boolean') {
        accept('error', `${condition} takes a yes/no condition, such as outcome = "ANSWERED", but this is ${describeType(read.type)}.`, { node, code: CODE_CONDITION_NOT_BOOLEAN });
    }
    return read;
}

export function checkFieldNamesAreUnique(source: Source, accept: ValidationAcceptor): void {
    const seen = new Map<string, Field>();
    for (const f of sourceFields(source)) {
        const first = seen.get(f.name);
        if (first) {
            const line = (first.$cstNode?.range.start.line ?? 0) + 1;
            accept('error', `The source '${source.name}' already has a field '${f.name}' (line ${line}).`, { node: f, property: 'name', code: CODE_DUPLICATE_FIELD });
        } else {
            seen.set(f.name, f);
        }
    }
}

export function checkFieldTypeIsKnown(field: Field, accept: ValidationAcceptor): void {
    if (field.type === undefined || (FIELD_TYPES as readonly string[]).includes(field.type)) return;
    const hint = closest(field.type, FIELD_TYPES);
    accept('error', `Unknown field type '${field.type}'.${hint ? ` Did you mean '${hint}'?` : ''} Use ${FIELD_TYPES.join(', ')}.`,
        { node: field, property: 'type', code: CODE_UNKNOWN_FIELD_TYPE });
}

export function checkDerivedField(field: Field, accept: ValidationAcceptor): void {
    if (!field.value) return;
    const fields = sourceFields(field.$container);
    const own = fields.indexOf(field);
    for (const ref of AstUtils.streamAst(field.value).filter(isFieldRef)) {
        const target = ref.field?.ref;
        if (!target) continue;
        const index = fields.indexOf(target);
        if (index >= own) {
            accept('error', target === field
                ? `The field '${field.name}' cannot be computed from itself.`
                : `The field '${target.name}' is defined below '${field.name}' (line ${(target.$cstNode?.range.start.line ?? 0) + 1}); a derived field reads only the fields above it.`,
            { node: ref, code: CODE_FIELD_USED_BEFORE_DEFINED });
            return;
        }
    }
    checkExpression(field.value, 'record', accept);
}

export function checkFormatIsStrftime(option: FormatOption, accept: ValidationAcceptor): void {
    const field = option.$container;
    if (isField(field) && field.type !== undefined && !['date', 'time', 'timestamp'].includes(field.type)) {
        accept('error', `A format applies to date, time and timestamp fields; '${field.name}' is ${field.type}.`, { node: option, code: CODE_FORMAT_NOT_STRFTIME });
        return;
    }
    if (option.format === undefined) return;
    const directives = [...option.format.matchAll(/%(.?)/g)].map(m => m[1]);
    const unknown = directives.find(d => !STRFTIME.has(d));
    if (directives.length === 0 || unknown !== undefined) {
        accept('error', `'${option.format}' is not a strftime layout${unknown !== undefined ? ` ('%${unknown}' is not a directive)` : ''}: write it like "%d/%m/%Y %H:%M" (%Y year, %y two-digit year, %m month, %d day, %H hour, %M minute, %S second).`,
            { node: option, property: 'format', code: CODE_FORMAT_NOT_STRFTIME });
    }
}

export function checkTimeZoneExists(tz: TimezoneProperty, accept: ValidationAcceptor): void {
    if (isKnownTimeZone(tz.zone)) return;
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const hint = closest(tz.zone, zones);
    accept('error', `Unknown time zone '${tz.zone}'.${hint ? ` Did you mean '${hint}'?` : ''} Use an IANA name such as "Europe/London" or "America/New_York".`,
        { node: tz, property: 'zone', code: CODE_UNKNOWN_TIME_ZONE });
}

export function checkKeepCondition(keep: Keep, accept: ValidationAcceptor): void {
    checkExpression(keep.condition, 'record', accept, `'keep'`);
}

export function checkRecordsCondition(records: RecordsProperty, accept: ValidationAcceptor): void {
    checkExpression(records.condition, 'record', accept, `'records ... where'`);
}

export function checkFromAtIsInstant(from: FromProperty, accept: ValidationAcceptor): void {
    const field = from.at?.ref;
    if (!field) return;
    const type = typeOfField(field);
    if (!type || type.kind === 'timestamp' || type.kind === 'date') return;
    accept('error', `'at' places each record in a period, so it names a date or timestamp field; '${field.name}' is ${describeType(type)}.`,
        { node: from, property: 'at', code: CODE_AT_NOT_INSTANT });
}

export function checkFormula(formula: FormulaProperty, accept: ValidationAcceptor): void {
    const metric = formula.$container;
    if (!isMetric(metric)) return;
    if (!metricFrom(metric)) {
        accept('error', `A formula needs the records it counts: add 'from <Source> at <field>' to the metric '${metric.name}', such as from Calls at offered_at.`,
            { node: formula, code: CODE_FORMULA_WITHOUT_FROM });
        return;
    }
    checkExpression(formula.where, 'record', accept, `'where'`);
    const read = checkExpression(formula.value, 'formula', accept);
    if (!read) return;
    if (!read.aggregated) {
        accept('error', `A formula aggregates records: use count(), count(condition), sum, avg, min, max, percentile or distinct.`, { node: formula.value, code: CODE_FORMULA_WITHOUT_AGGREGATE });
        return;
    }
    const unit = metricUnit(metric);
    if (!unit || read.type.kind !== 'number') return;
    const model = unitModel(unit.value, unit.currency);
    const want = dimensionOf(model);
    if (read.type.dimension === want) return;
    const hint = want === 'fraction' ? ' A share is a count divided by a count, such as count(answered) / count(offered).'
        : want === 'duration' ? ' A duration comes from a seconds field, such as avg(talk).' : '';
    accept('error', `The formula gives ${describeType(read.type)}, but the metric '${metric.name}' is measured in ${unitLabel(model)}.${hint}`,
        { node: formula.value, code: CODE_FORMULA_UNIT_NOT_METRIC });
}

export function checkFromHasFormula(metric: Metric, accept: ValidationAcceptor): void {
    const from = metricFrom(metric);
    if (from && !metricFormula(metric)) {
        accept('error', `'from' names the records of a formula, but the metric '${metric.name}' has none: add a line such as = count(answered) / count(offered).`,
            { node: from, code: CODE_FORMULA_WITHOUT_FROM });
    }
}

export function checkRecordsHaveNorms(program: Program, accept: ValidationAcceptor): void {
    if (!isProgram(program)) return;
    const metrics = effectiveNorms(program).map(n => n.norm.metric?.ref).filter((m): m is Metric => isMetric(m));
    for (const records of programRecords(program)) {
        const source = records.source?.ref;
        if (!source) continue;
        const computed = metrics.some(m => metricFrom(m)?.source?.ref === source);
        if (computed) continue;
        accept('warning', `The program '${program.name}' takes ${source.name} records but has no norm for a metric computed from ${source.name}; the records are read for nothing.`,
            { node: records, property: 'source', code: CODE_RECORDS_WITHOUT_NORM });
    }
}
