/**
 * Raw contact records in the semantic model (SPEC §6): sources, their typed fields, and the
 * formula tree of metrics computed from records. Plain JSON data, like the rest of the model:
 * the SQL renderers (one per dialect) and the tests' reference evaluator read this tree, never
 * the AST. Number literals stay exact: `value` is the decimal as written, converted to the
 * normalised unit (seconds for durations, a fraction 0..1 for `80%`) without floating point.
 * Must not import anything at run time.
 */
import type { Dimension, SourceRef } from './types.js';

/** The types a field is declared with (SPEC §6.1). */
export type FieldType = 'text' | 'boolean' | 'integer' | 'number' | 'seconds' | 'date' | 'time' | 'timestamp';

/** What an expression yields: numbers carry the dimension that units are checked by. */
export type ValueType =
    | { kind: 'text' }
    | { kind: 'boolean' }
    | { kind: 'number'; dimension: Dimension }
    | { kind: 'date' }
    | { kind: 'time' }
    | { kind: 'timestamp' };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/';
export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'percentile' | 'distinct';

/** A record-level expression or, inside a formula, an aggregate over records. */
export type Expr =
    | { kind: 'field'; name: string }
    /** An exact decimal in the normalised unit (`20s` -> "20", `6min` -> "360", `80%` -> "0.8"). */
    | { kind: 'number'; value: string; dimension: Dimension }
    | { kind: 'text'; value: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'not'; operand: Expr }
    | { kind: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr }
    | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
    | { kind: 'arithmetic'; op: ArithmeticOp; left: Expr; right: Expr }
    | { kind: 'isNull'; operand: Expr; negated: boolean }
    | { kind: 'in'; operand: Expr; values: Expr[] }
    | { kind: 'coalesce'; args: Expr[] }
    /**
     * An aggregate over the records of one program and period. `arg` is absent for `count()`;
     * `fraction` is the exact percentile rank (0..1) of `percentile(x, 90%)`.
     */
    | { kind: 'aggregate'; fn: AggregateFunction; arg?: Expr; fraction?: string };

export interface FieldModel {
    name: string;
    /** The declared type, or the inferred one of a derived field. */
    type: FieldType;
    /** The column read (the field's name unless `column "..."` says otherwise); absent on derived fields. */
    column?: string;
    /** strftime layout of a date, time or timestamp field (`format "%y%m%d"`). */
    format?: string;
    /** The expression of a derived field, over the fields above it. */
    value?: Expr;
}

export interface SourceModel {
    id: string;
    title: string;
    /** In declaration order: a derived field reads only the fields above it. */
    fields: FieldModel[];
    /** `keep` conditions, all of which a record must meet before any metric sees it. */
    keep: Expr[];
    /** IANA zone periods are cut in, or null: timestamps as written. */
    timezone: string | null;
    /** Where the records live in a database (`table "acd.calls"`); the source's name by default. */
    table: string;
    source: SourceRef;
}

/** How a metric is computed from records (`from Calls at offered_at = ... where ...`). */
export interface FormulaModel {
    source: string;
    /** The date or timestamp field that places each record in a period. */
    at: string;
    /** Aggregates, or arithmetic on aggregates. */
    value: Expr;
    /** Filters the records of every aggregate of the formula. */
    where: Expr | null;
    /** The formula's own dimension (`count / count` is a fraction; a percent metric shows it times 100). */
    dimension: Dimension;
}

/** `records Calls where ...` on a program. */
export interface RecordsModel {
    source: string;
    /** null: the program takes every record of the source. */
    where: Expr | null;
}
