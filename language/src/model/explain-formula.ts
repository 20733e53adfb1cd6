/**
 * A metric's formula in plain words, for hover and reports: "share of offered Calls records that
 * are answered and have wait at most 20 s; offered = answered, or abandoned; abandoned = outcome
 * is "ABANDONED" and wait at least 5 s". Reads the formula tree of the model (formula.ts) only.
 */
import type { Expr, FormulaModel, SourceModel } from './formula.js';

export function explainFormula(formula: FormulaModel, source: SourceModel | undefined): string {
    const used = new Set<string>();
    const words = (e: Expr) => phrase(e, used);
    const where = formula.where ? `, counting only records where ${words(formula.where)}` : '';
    const head = value(formula.value, source?.id ?? formula.source, words);
    const definitions: string[] = [];
    const seen = new Set<string>();
    // Derived fields the formula leans on, each defined once, in the order they are first met.
    for (let changed = true; changed;) {
        changed = false;
        for (const name of [...used]) {
            if (seen.has(name)) continue;
            seen.add(name);
            const field = source?.fields.find(f => f.name === name);
            if (field?.value) {
                definitions.push(`${name} = ${words(field.value)}`);
                changed = true;
            }
        }
    }
    const keep = source && source.keep.length ? ` Records kept only when ${source.keep.map(words).join(' and ')}.` : '';
    const zone = source?.timezone ? ` in ${source.timezone} time` : '';
    const at = ` Each record counts in the period of its ${formula.at}${zone}.`;
    return `${capitalise(head)}${where}${definitions.length ? `; ${definitions.join('; ')}` : ''}.${keep}${at}`;
}

/** One record-level expression in words (`outcome is "ABANDONED" and wait is at least 5 s`). */
export function explainExpression(e: Expr): string {
    return phrase(e, new Set());
}

function value(e: Expr, source: string, words: (e: Expr) => string): string {
    if (e.kind === 'arithmetic' && e.op === '/' && isCountOf(e.left) && isCountOf(e.right)) {
        const of = e.right.arg ? `${words(e.right.arg)} ${source} records` : `${source} records`;
        return e.left.arg ? `share of ${of} where ${words(e.left.arg)}` : `share of ${of}`;
    }
    if (e.kind === 'arithmetic') return `${value(e.left, source, words)} ${OPERATORS[e.op]} ${value(e.right, source, words)}`;
    if (e.kind === 'aggregate') {
        const arg = e.arg ? words(e.arg) : '';
        switch (e.fn) {
            case 'count': return e.arg ? `number of ${source} records where ${arg}` : `number of ${source} records`;
            case 'sum': return `total ${arg}`;
            case 'avg': return `mean ${arg}`;
            case 'min': return `lowest ${arg}`;
            case 'max': return `highest ${arg}`;
            case 'percentile': return `${ordinal(Number(e.fraction) * 100)} percentile of ${arg}`;
            case 'distinct': return `number of distinct ${arg}`;
        }
    }
    return words(e);
}

const OPERATORS = { '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by' } as const;
const COMPARISONS = { '=': 'is', '!=': 'is not', '<': 'is under', '<=': 'is at most', '>': 'is over', '>=': 'is at least' } as const;

function isCountOf(e: Expr): e is Extract<Expr, { kind: 'aggregate' }> {
    return e.kind === 'aggregate' && e.fn === 'count';
}

function phrase(e: Expr, used: Set<string>): string {
    const p = (x: Expr) => phrase(x, used);
    switch (e.kind) {
        case 'field': used.add(e.name); return e.name;
        case 'number': return quantity(e.value, e.dimension);
        case 'text': return JSON.stringify(e.value);
        case 'boolean': return e.value ? 'yes' : 'no';
        case 'not': return `not ${p(e.operand)}`;
        case 'logic': return e.op === 'and' ? `${p(e.left)} and ${p(e.right)}` : `${p(e.left)}, or ${p(e.right)}`;
        case 'compare': return `${p(e.left)} ${COMPARISONS[e.op]} ${p(e.right)}`;
        case 'arithmetic': return `${p(e.left)} ${e.op} ${p(e.right)}`;
        case 'isNull': return `${p(e.operand)} ${e.negated ? 'is given' : 'is empty'}`;
        case 'in': return `${p(e.operand)} is one of ${e.values.map(p).join(', ')}`;
        case 'coalesce': return `${p(e.args[0])} (or else ${e.args.slice(1).map(p).join(', or else ')})`;
        case 'aggregate': return value(e, 'the', x => phrase(x, used));
    }
}

function quantity(v: string, dimension: string): string {
    if (dimension === 'duration') {
        const seconds = Number(v);
        return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${v} s`;
    }
    if (dimension === 'fraction') return `${Number(v) * 100}%`;
    return v;
}

function ordinal(n: number): string {
    const s = String(n);
    if (/1[123]$/.test(s)) return `${s}th`;
    return s.endsWith('1') ? `${s}st` : s.endsWith('2') ? `${s}nd` : s.endsWith('3') ? `${s}rd` : `${s}th`;
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
