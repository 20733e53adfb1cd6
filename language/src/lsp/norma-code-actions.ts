/**
 * Quick fixes for the validator's diagnostics, matched by their exported codes: did-you-mean
 * replacements for unknown names and words, a threshold rewritten in its metric's unit
 * (`ServiceLevel >= 0.8` -> `80%`, `AHT <= 360` -> `360s`), and the norm a `needs` requirement
 * asks for added to the program. Never guesses when the diagnostic does not say enough.
 */
import { AstUtils, CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import { isMetric, isNorm, isProgram, isQuantity, type Metric, type Program, type Quantity } from '../generated/ast.js';
import { metricFamily } from '../model/ast-access.js';
import type { MetricUnit } from '../model/types.js';
import { exampleLiteral, readQuantity } from '../model/units.js';
import { CODE_UNKNOWN_NAME } from '../validation/linking.js';
import { CODE_NORM_WRONG_UNIT, CODE_QUANTITY_OUT_OF_RANGE } from '../validation/norm.js';
import { CODE_REQUIREMENT_NOT_COVERED } from '../validation/program.js';
import { CODE_CURRENCY_CODE_INVALID, CODE_UNKNOWN_WORD } from '../validation/vocabulary.js';
import { metricModelOf, metricOfNorm } from './norma-node-models.js';

const SUGGESTION_CODES = new Set<string>([CODE_UNKNOWN_NAME, CODE_UNKNOWN_WORD, CODE_CURRENCY_CODE_INVALID]);
const UNIT_CODES = new Set<string>([CODE_NORM_WRONG_UNIT, CODE_QUANTITY_OUT_OF_RANGE]);

/**
 * The literal a threshold was most likely meant as, in the metric's unit: a plain `0.8` or
 * `80` on a percent metric is `80%`, a plain number on a duration metric takes the metric's
 * unit, `80` on a ratio metric is `0.8`, a plain amount takes the metric's currency.
 */
export function fixedLiteral(written: string, unit: MetricUnit): string | undefined {
    const read = readQuantity({ value: written });
    if (!read.ok || read.dimension !== 'number') return undefined;
    const n = read.number;
    const clean = (x: number) => String(Math.round(x * 1e6) / 1e6);
    switch (unit.kind) {
        case 'percent': return n <= 1 ? `${clean(n * 100)}%` : n <= 100 ? `${clean(n)}%` : undefined;
        case 'ratio': return n > 1 && n <= 100 ? clean(n / 100) : undefined;
        case 'seconds': return `${clean(n)}s`;
        case 'minutes': return `${clean(n)}min`;
        case 'hours': return `${clean(n)}h`;
        case 'currency': return unit.currency ? `${unit.currency} ${written}` : undefined;
        default: return undefined;
    }
}

export class NormaCodeActionProvider implements CodeActionProvider {
    constructor(protected readonly services: LangiumServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const code = String(diagnostic.code ?? '');
            if (SUGGESTION_CODES.has(code)) actions.push(...this.replaceWithSuggestion(document, diagnostic));
            else if (UNIT_CODES.has(code)) actions.push(...this.fixThresholdUnit(document, diagnostic));
            else if (code === CODE_REQUIREMENT_NOT_COVERED) actions.push(...this.addNeededNorm(document, diagnostic));
        }
        return actions;
    }

    protected replaceWithSuggestion(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const suggestion = (diagnostic.data as { suggestion?: unknown } | undefined)?.suggestion;
        if (typeof suggestion !== 'string') return [];
        const written = document.textDocument.getText(diagnostic.range);
        return [{
            title: `Change '${written}' to '${suggestion}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.textDocument.uri]: [{ range: diagnostic.range, newText: suggestion }] } },
        }];
    }

    protected fixThresholdUnit(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const quantity = this.nodeAt(document, diagnostic, isQuantity) as Quantity | undefined;
        const norm = quantity ? AstUtils.getContainerOfType(quantity, isNorm) : undefined;
        const metric = norm ? metricOfNorm(norm) : undefined;
        if (!quantity?.$cstNode || !metric || quantity.currency) return [];
        const fixed = fixedLiteral(quantity.value, metricModelOf(metric).unit);
        if (!fixed) return [];
        return [{
            title: `Write ${quantity.value} as ${fixed} (${metric.name} is in ${metricModelOf(metric).unit.kind})`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.textDocument.uri]: [{ range: quantity.$cstNode.range, newText: fixed }] } },
        }];
    }

    protected addNeededNorm(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as { requirement?: string; family?: string; metric?: string } | undefined;
        const program = this.nodeAt(document, diagnostic, isProgram) as Program | undefined;
        if (!program?.$cstNode || !data) return [];
        const metric = data.metric ? this.metricNamed(data.metric) : data.family ? this.firstMetricOfFamily(data.family) : undefined;
        if (!metric) return [];
        const model = metricModelOf(metric);
        const line = `norm ${metric.name} ${model.better === 'lower' ? '<=' : '>='} ${exampleLiteral(model.unit)}`;
        const text = document.textDocument.getText();
        const close = program.$cstNode.end - 1;
        const lineStart = text.lastIndexOf('\n', close - 1) + 1;
        const onOwnLine = /^[ \t]*$/.test(text.slice(lineStart, close));
        const indent = (text.slice(text.lastIndexOf('\n', program.$cstNode.offset - 1) + 1, program.$cstNode.offset).match(/^[ \t]*/)?.[0] ?? '') + '    ';
        const at = document.textDocument.positionAt(onOwnLine ? lineStart : close);
        const newText = onOwnLine ? `${indent}${line}\n` : `\n${indent}${line}\n`;
        return [{
            title: `Add '${line}' (${data.requirement ?? 'a requirement'} needs it)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.textDocument.uri]: [{ range: { start: at, end: at }, newText }] } },
        }];
    }

    protected nodeAt(document: LangiumDocument, diagnostic: Diagnostic, is: (n: unknown) => boolean) {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, is as never) : undefined;
    }

    protected metrics(): Metric[] {
        return this.services.shared.workspace.IndexManager.allElements('Metric')
            .map(d => d.node)
            .filter(isMetric)
            .toArray()
            .sort((a, b) => a.name.localeCompare(b.name));
    }

    protected metricNamed(name: string): Metric | undefined {
        return this.metrics().find(m => m.name === name);
    }

    protected firstMetricOfFamily(family: string): Metric | undefined {
        return this.metrics().find(m => metricFamily(m)?.value === family);
    }
}
