/**
 * One reading of record expressions off the AST (SPEC §6.1, §6.2): each expression becomes a
 * typed formula tree (formula.ts) and the problems found on the way (type and unit errors,
 * aggregates where none may stand, unknown functions), each on its precise node. The model
 * builder keeps the tree, the validator reports the problems, hover reads the tree: so all
 * three agree. Pure: no services, no I/O.
 */
import type { AstNode } from 'langium';
import {
    isBooleanLiteral, isCall, isFieldRef, isGroup, isInList, isIsNull, isLogical, isNot, isNumberLiteral,
    isOperation, isTextLiteral,
    type Field, type Source,
} from '../generated/ast.js';
import type { AggregateFunction, ArithmeticOp, CompareOp, Expr, FieldType, ValueType } from './formula.js';
import type { Dimension } from './types.js';
import { readQuantity, SUFFIXES } from './units.js';

export const FIELD_TYPES: readonly FieldType[] = ['text', 'boolean', 'integer', 'number', 'seconds', 'date', 'time', 'timestamp'];
export const AGGREGATES: readonly AggregateFunction[] = ['count', 'sum', 'avg', 'min', 'max', 'percentile', 'distinct'];
/** Functions on record values (not aggregates). */
export const RECORD_FUNCTIONS: readonly string[] = ['coalesce'];

/** Where an expression stands: record-level (fields, keep, where, records) or a metric's formula. */
export type ExpressionContext = 'record' | 'formula';

export interface ExpressionProblem {
    node: AstNode;
    message: string;
    code: string;
    /** A did-you-mean for an unknown function. */
    suggestion?: string;
}

export interface ReadExpression {
    expr: Expr;
    type: ValueType;
    /** True when the expression holds an aggregate (formulas must, record expressions must not). */
    aggregated: boolean;
    /** A count of records (count, distinct, or sums and differences of them): count / count is a ratio. */
    counted?: boolean;
}

export const CODE_TYPE_MISMATCH = 'formula-type-mismatch';
export const CODE_UNIT_MISMATCH = 'formula-unit-mismatch';
export const CODE_AGGREGATE_NESTED = 'aggregate-inside-aggregate';
export const CODE_AGGREGATE_IN_RECORD = 'aggregate-in-record-expression';
export const CODE_FIELD_OUTSIDE_AGGREGATE = 'field-outside-aggregate';
export const CODE_UNKNOWN_FUNCTION = 'unknown-function';
export const CODE_FUNCTION_ARGUMENTS = 'function-arguments';

const NUMBER = (dimension: Dimension): ValueType => ({ kind: 'number', dimension });
const BOOLEAN: ValueType = { kind: 'boolean' };

/** The value type a declared field type reads as. */
export function fieldValueType(type: FieldType): ValueType {
    switch (type) {
        case 'text': return { kind: 'text' };
        case 'boolean': return BOOLEAN;
        case 'integer': case 'number': return NUMBER('number');
        case 'seconds': return NUMBER('duration');
        case 'date': return { kind: 'date' };
        case 'time': return { kind: 'time' };
        case 'timestamp': return { kind: 'timestamp' };
    }
}

/** The field type a derived field's value type is stored as. */
export function fieldTypeOf(type: ValueType): FieldType {
    if (type.kind !== 'number') return type.kind;
    return type.dimension === 'duration' ? 'seconds' : 'number';
}

/** How a type reads in messages: "text", "a duration in seconds", "a yes/no condition". */
export function describeType(type: ValueType): string {
    switch (type.kind) {
        case 'text': return 'text';
        case 'boolean': return 'a yes/no condition';
        case 'date': return 'a date';
        case 'time': return 'a time of day';
        case 'timestamp': return 'a timestamp';
        case 'number':
            switch (type.dimension) {
                case 'duration': return 'a duration';
                case 'fraction': return 'a percentage';
                case 'money': return 'an amount of money';
                default: return 'a plain number';
            }
    }
}

/** The source a field belongs to. */
export function sourceOfField(field: Field): Source {
    return field.$container;
}

/**
 * The value type of a field: declared, or inferred from a derived field's expression
 * (`seen` breaks a cycle of derived fields, which the validator reports as use before definition).
 */
export function typeOfField(field: Field, seen: Set<Field> = new Set()): ValueType | undefined {
    if (field.type !== undefined) {
        return (FIELD_TYPES as readonly string[]).includes(field.type) ? fieldValueType(field.type as FieldType) : undefined;
    }
    if (!field.value || seen.has(field)) return undefined;
    seen.add(field);
    const read = new ExpressionReader('record', seen).read(field.value);
    return read?.type;
}

/** A did-you-mean: the closest of `names` to `name`, if plausibly meant (the validator passes engine/suggest's). */
export type Suggest = (name: string, names: readonly string[]) => string | undefined;

/** Reads one expression; `problems` collects everything wrong in it. */
export function readExpression(node: AstNode, context: ExpressionContext, suggest: Suggest = () => undefined): { read?: ReadExpression; problems: ExpressionProblem[] } {
    const reader = new ExpressionReader(context, new Set(), suggest);
    const read = reader.read(node);
    return { read, problems: reader.problems };
}

/** An exact decimal times an integer factor, divided by 10^shift: `1.5` x 3600 -> `5400`. */
export function scaleDecimal(text: string, factor: number, shift = 0): string {
    const [whole, fraction = ''] = text.split('.');
    let digits = BigInt(whole + fraction) * BigInt(factor);
    let scale = fraction.length + shift;
    while (scale > 0 && digits % 10n === 0n) {
        digits /= 10n;
        scale--;
    }
    const s = digits.toString().padStart(scale + 1, '0');
    return scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
}

class ExpressionReader {
    readonly problems: ExpressionProblem[] = [];
    private insideAggregate = false;

    constructor(
        private readonly context: ExpressionContext,
        private readonly seen: Set<Field> = new Set(),
        private readonly suggest: Suggest = () => undefined,
    ) {}

    /** undefined when the expression cannot be typed (its problem is already recorded, or a name is unresolved). */
    read(node: AstNode | undefined): ReadExpression | undefined {
        if (!node) return undefined;
        if (isGroup(node)) return this.read(node.expression);
        if (isNumberLiteral(node)) return this.number(node, node.value);
        if (isTextLiteral(node)) return { expr: { kind: 'text', value: node.value }, type: { kind: 'text' }, aggregated: false };
        if (isBooleanLiteral(node)) return { expr: { kind: 'boolean', value: node.value === 'true' }, type: BOOLEAN, aggregated: false };
        if (isFieldRef(node)) return this.fieldRef(node);
        if (isNot(node)) {
            const operand = this.read(node.operand);
            if (!operand) return undefined;
            this.expectBoolean(node.operand, operand, `'not' takes a yes/no condition`);
            return { expr: { kind: 'not', operand: operand.expr }, type: BOOLEAN, aggregated: operand.aggregated };
        }
        if (isLogical(node)) {
            const left = this.read(node.left);
            const right = this.read(node.right);
            if (!left || !right) return undefined;
            this.expectBoolean(node.left, left, `'${node.operator}' joins yes/no conditions`);
            this.expectBoolean(node.right, right, `'${node.operator}' joins yes/no conditions`);
            return {
                expr: { kind: 'logic', op: node.operator, left: left.expr, right: right.expr },
                type: BOOLEAN, aggregated: left.aggregated || right.aggregated,
            };
        }
        if (isIsNull(node)) {
            const operand = this.read(node.operand);
            if (!operand) return undefined;
            return { expr: { kind: 'isNull', operand: operand.expr, negated: node.negated }, type: BOOLEAN, aggregated: operand.aggregated };
        }
        if (isInList(node)) {
            const operand = this.read(node.operand);
            const values = node.values.map(v => ({ node: v, read: this.read(v) }));
            if (!operand || values.some(v => !v.read)) return undefined;
            for (const v of values) this.expectSame(v.node, operand.type, v.read!.type, `'in' compares`);
            return {
                expr: { kind: 'in', operand: operand.expr, values: values.map(v => v.read!.expr) },
                type: BOOLEAN, aggregated: operand.aggregated || values.some(v => v.read!.aggregated),
            };
        }
        if (isOperation(node)) return this.operation(node);
        if (isCall(node)) return this.call(node);
        return undefined;
    }

    private number(node: AstNode, text: string): ReadExpression | undefined {
        const q = readQuantity({ value: text });
        if (!q.ok) {
            this.problems.push({ node, message: q.message, code: CODE_UNIT_MISMATCH });
            return undefined;
        }
        const digits = /^[0-9]+(?:\.[0-9]+)?/.exec(text)![0];
        const value = q.dimension === 'fraction' ? scaleDecimal(digits, 1, 2)
            : q.dimension === 'duration' ? scaleDecimal(digits, SUFFIXES[q.suffix].factor)
                : scaleDecimal(digits, 1);
        return { expr: { kind: 'number', value, dimension: q.dimension }, type: NUMBER(q.dimension), aggregated: false };
    }

    private fieldRef(node: AstNode & { field: { ref?: Field } }): ReadExpression | undefined {
        const field = node.field?.ref;
        if (!field) return undefined;
        const type = typeOfField(field, new Set(this.seen));
        if (!type) return undefined;
        if (this.context === 'formula' && !this.insideAggregate) {
            this.problems.push({
                node, code: CODE_FIELD_OUTSIDE_AGGREGATE,
                message: `'${field.name}' is a field of each record; a formula puts fields inside an aggregate, such as sum(${field.name}) or count(${field.name}).`,
            });
        }
        return { expr: { kind: 'field', name: field.name }, type, aggregated: false };
    }

    private operation(node: AstNode & { left: AstNode; right: AstNode; operator: string }): ReadExpression | undefined {
        const left = this.read(node.left);
        const right = this.read(node.right);
        if (!left || !right) return undefined;
        const aggregated = left.aggregated || right.aggregated;
        const op = node.operator;
        if (op === '+' || op === '-' || op === '*' || op === '/') {
            const type = this.arithmeticType(node, op, left, right);
            if (!type) return undefined;
            const counted = (op === '+' || op === '-') && left.counted === true && right.counted === true;
            return { expr: { kind: 'arithmetic', op, left: left.expr, right: right.expr }, type, aggregated, counted };
        }
        const compareOp = op as CompareOp;
        if (compareOp !== '=' && compareOp !== '!=' && (left.type.kind === 'boolean' || right.type.kind === 'boolean')) {
            this.problems.push({ node, code: CODE_TYPE_MISMATCH, message: `'${op}' orders numbers, durations and times; a yes/no condition is compared only with = or !=.` });
            return undefined;
        }
        if (!this.expectSame(node.right, left.type, right.type, `'${op}' compares`)) return undefined;
        return { expr: { kind: 'compare', op: compareOp, left: left.expr, right: right.expr }, type: BOOLEAN, aggregated };
    }

    private arithmeticType(node: AstNode, op: ArithmeticOp, left: ReadExpression, right: ReadExpression): ValueType | undefined {
        const l = left.type;
        const r = right.type;
        if (op === '+' && ((l.kind === 'date' && r.kind === 'time') || (l.kind === 'time' && r.kind === 'date'))) {
            return { kind: 'timestamp' };
        }
        if (op === '-' && l.kind === 'timestamp' && r.kind === 'timestamp') return NUMBER('duration');
        if ((op === '+' || op === '-') && l.kind === 'timestamp' && r.kind === 'number' && r.dimension === 'duration') return l;
        if (l.kind !== 'number' || r.kind !== 'number') {
            const bad = l.kind !== 'number' ? { node: (node as unknown as { left: AstNode }).left, type: l } : { node: (node as unknown as { right: AstNode }).right, type: r };
            this.problems.push({ node: bad.node, code: CODE_TYPE_MISMATCH, message: `'${op}' works on numbers and durations, but this is ${describeType(bad.type)}.` });
            return undefined;
        }
        const plainLiteral = (e: ReadExpression) => e.expr.kind === 'number' && e.expr.dimension === 'number';
        if (op === '+' || op === '-') {
            if (l.dimension !== r.dimension) {
                this.problems.push({ node, code: CODE_UNIT_MISMATCH, message: `'${op}' needs both sides in one unit, but it has ${describeType(l)} and ${describeType(r)}.` });
                return undefined;
            }
            return l;
        }
        if (op === '*') {
            if (l.dimension === 'number' || l.dimension === 'fraction') return r.dimension === 'number' && l.dimension === 'fraction' ? l : r;
            if (r.dimension === 'number' || r.dimension === 'fraction') return l;
            this.problems.push({ node, code: CODE_UNIT_MISMATCH, message: `'*' cannot multiply ${describeType(l)} by ${describeType(r)}.` });
            return undefined;
        }
        // Division: like by like is a ratio (count / count, seconds / seconds); by a plain number keeps the unit.
        if (plainLiteral(right)) return l;
        // A mean of plain numbers (sum(score) / count()) stays a number; counts over counts are a share.
        if (l.dimension === 'number' && r.dimension === 'number') return left.counted && right.counted ? NUMBER('fraction') : l;
        if (l.dimension === r.dimension) return NUMBER('fraction');
        if (r.dimension === 'number' || r.dimension === 'fraction') return l;
        this.problems.push({ node, code: CODE_UNIT_MISMATCH, message: `'/' cannot divide ${describeType(l)} by ${describeType(r)}.` });
        return undefined;
    }

    private call(node: AstNode & { function: string; args: AstNode[] }): ReadExpression | undefined {
        const name = node.function;
        if (name === 'coalesce') {
            const args = node.args.map(a => ({ node: a, read: this.read(a) }));
            if (args.length < 2) {
                this.problems.push({ node, code: CODE_FUNCTION_ARGUMENTS, message: `coalesce takes two or more values: coalesce(a, b).` });
                return undefined;
            }
            if (args.some(a => !a.read)) return undefined;
            for (const a of args.slice(1)) if (!this.expectSame(a.node, args[0].read!.type, a.read!.type, 'coalesce takes')) return undefined;
            return { expr: { kind: 'coalesce', args: args.map(a => a.read!.expr) }, type: args[0].read!.type, aggregated: args.some(a => a.read!.aggregated) };
        }
        if (!(AGGREGATES as readonly string[]).includes(name)) {
            const known = [...AGGREGATES, ...RECORD_FUNCTIONS];
            const suggestion = this.suggest(name, known);
            this.problems.push({
                node, code: CODE_UNKNOWN_FUNCTION, suggestion,
                message: `Unknown function '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Formulas use ${AGGREGATES.join(', ')} and coalesce.`,
            });
            return undefined;
        }
        const fn = name as AggregateFunction;
        if (this.insideAggregate) {
            this.problems.push({ node, code: CODE_AGGREGATE_NESTED, message: `'${fn}' is inside another aggregate; an aggregate takes record values, not another aggregate.` });
            return undefined;
        }
        if (this.context === 'record') {
            this.problems.push({ node, code: CODE_AGGREGATE_IN_RECORD, message: `'${fn}' aggregates many records; here the expression is about one record, so it cannot be used.` });
            return undefined;
        }
        this.insideAggregate = true;
        try {
            return this.aggregate(node, fn);
        } finally {
            this.insideAggregate = false;
        }
    }

    private aggregate(node: AstNode & { args: AstNode[] }, fn: AggregateFunction): ReadExpression | undefined {
        const args = node.args;
        const wantArgs = fn === 'count' ? [0, 1] : fn === 'percentile' ? [2] : [1];
        if (!wantArgs.includes(args.length)) {
            const usage = fn === 'count' ? 'count() or count(condition)' : fn === 'percentile' ? 'percentile(wait, 90%)' : `${fn}(field)`;
            this.problems.push({ node, code: CODE_FUNCTION_ARGUMENTS, message: `'${fn}' is written ${usage}.` });
            return undefined;
        }
        if (fn === 'count' && args.length === 0) return { expr: { kind: 'aggregate', fn }, type: NUMBER('number'), aggregated: true, counted: true };
        const arg = this.read(args[0]);
        if (!arg) return undefined;
        if (fn === 'count') {
            if (!this.expectBoolean(args[0], arg, `count(...) counts the records where a condition holds`)) return undefined;
            return { expr: { kind: 'aggregate', fn, arg: arg.expr }, type: NUMBER('number'), aggregated: true, counted: true };
        }
        if (fn === 'distinct') return { expr: { kind: 'aggregate', fn, arg: arg.expr }, type: NUMBER('number'), aggregated: true, counted: true };
        if (arg.type.kind !== 'number') {
            this.problems.push({ node: args[0], code: CODE_TYPE_MISMATCH, message: `'${fn}' takes numbers or durations, but this is ${describeType(arg.type)}.` });
            return undefined;
        }
        if (fn === 'percentile') {
            const rank = args[1];
            const q = isNumberLiteral(rank) ? readQuantity({ value: rank.value }) : undefined;
            if (!q || !q.ok || q.dimension !== 'fraction' || q.number > 100) {
                this.problems.push({ node: rank, code: CODE_FUNCTION_ARGUMENTS, message: `The rank of a percentile is a percentage between 0% and 100%, such as percentile(wait, 90%).` });
                return undefined;
            }
            const digits = /^[0-9]+(?:\.[0-9]+)?/.exec((rank as unknown as { value: string }).value)![0];
            return { expr: { kind: 'aggregate', fn, arg: arg.expr, fraction: scaleDecimal(digits, 1, 2) }, type: arg.type, aggregated: true };
        }
        return { expr: { kind: 'aggregate', fn, arg: arg.expr }, type: arg.type, aggregated: true };
    }

    private expectBoolean(node: AstNode, read: ReadExpression, what: string): boolean {
        if (read.type.kind === 'boolean') return true;
        this.problems.push({ node, code: CODE_TYPE_MISMATCH, message: `${what}, but this is ${describeType(read.type)}.` });
        return false;
    }

    /** Both sides of a comparison (or the values of `in`, `coalesce`) must be of one type and unit. */
    private expectSame(node: AstNode, a: ValueType, b: ValueType, what: string): boolean {
        if (a.kind === b.kind && (a.kind !== 'number' || a.dimension === (b as { dimension: Dimension }).dimension)) return true;
        const isUnitless = (t: ValueType) => t.kind === 'number' && t.dimension === 'number';
        if (a.kind === 'number' && b.kind === 'number') {
            const hint = a.dimension === 'duration' && isUnitless(b) ? ' Give the number a unit, such as 5s or 2min.'
                : a.dimension === 'duration' ? ' Write a duration, such as 20s.' : '';
            this.problems.push({ node, code: CODE_UNIT_MISMATCH, message: `${what} ${describeType(a)} with ${describeType(b)}.${hint}` });
            return false;
        }
        this.problems.push({ node, code: CODE_TYPE_MISMATCH, message: `${what} ${describeType(a)} with ${describeType(b)}.` });
        return false;
    }
}
