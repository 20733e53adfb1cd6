/**
 * Hover: a metric's card (title, unit, direction, period, description), a requirement's text,
 * a standard, program or profile's title, and a norm explained in plain words. Names hovered
 * at a reference show what they point to.
 */
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isCategory, isColumnOption, isField, isFormatOption, isMetric, isNorm, isProfile, isProgram, isRequirement, isSource,
    isStandard, type Field, type Metric, type Norm,
} from '../generated/ast.js';
import { metricFrom } from '../model/ast-access.js';
import { sourceModel } from '../model/build-records.js';
import { explainFormula, explainExpression } from '../model/explain-formula.js';
import { readExpression, describeType, typeOfField } from '../model/expressions.js';
import { explainNorm, humanName } from '../model/explain.js';
import { unitLabel } from '../model/units.js';
import { visibleLines } from '../text/visible.js';
import { metricModelOf, metricOfNorm, normModelOf } from './norma-node-models.js';

export class NormaHoverProvider extends AstNodeHoverProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        // A reference or a declared name: the default behaviour (it calls getAstNodeHoverContent on the target).
        const byName = leaf ? await super.getHoverContent(document, params) : undefined;
        if (byName) return shownSafe(byName);
        const at = CstUtils.findLeafNodeAtOffset(root, offset);
        const norm = at ? AstUtils.getContainerOfType(at.astNode, isNorm) : undefined;
        if (norm) {
            const text = this.normHover(norm);
            if (text) return { contents: { kind: 'markdown', value: visibleLines(text) } };
        }
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isMetric(node)) return metricHover(node);
        if (isRequirement(node)) {
            const category = node.$container;
            const standard = isCategory(category) ? category.$container : undefined;
            const id = isStandard(standard) ? `${standard.name}.${category.name}.${node.name}` : node.name;
            return `**requirement ${id}**\n\n${node.title ?? ''}`.trimEnd();
        }
        if (isField(node)) return fieldHover(node);
        if (isStandard(node) || isCategory(node) || isProgram(node) || isProfile(node) || isSource(node)) {
            const kind = node.$type.toLowerCase();
            return `**${kind} ${node.name}**${node.title ? `\n\n${node.title}` : ''}`;
        }
        return undefined;
    }

    /** The norm in plain words; undefined while its metric or threshold does not resolve. */
    protected normHover(norm: Norm): string | undefined {
        const metricNode = metricOfNorm(norm);
        if (!metricNode) return undefined;
        const metric = metricModelOf(metricNode);
        const model = normModelOf(norm, metric);
        return model ? `${explainNorm(model, metric)}.` : undefined;
    }
}

/** The metric card: `**Title** (Id)`, then unit, direction and period, then the description. */
export function metricHover(m: Metric): string {
    const model = metricModelOf(m);
    const facts = `${unitLabel(model.unit)} · ${model.better} is better · ${model.period} · ${model.family}`;
    const title = model.title !== model.id ? `**${model.title}** (\`${model.id}\`)` : `**${humanName(model.id)}** (\`${model.id}\`)`;
    const source = metricFrom(m)?.source?.ref;
    const formula = model.formula ? explainFormula(model.formula, source ? sourceModel(source, () => ({ file: '', line: 0, column: 0 })) : undefined) : undefined;
    return [title, facts, model.description, formula].filter(Boolean).join('\n\n');
}

/** A field: its type and column, or, for a derived field, what it means in plain words. */
export function fieldHover(f: Field): string {
    const type = typeOfField(f);
    const head = `**field ${f.name}**${type ? ` · ${describeType(type)}` : ''} (source ${f.$container.name})`;
    if (f.value) {
        const read = readExpression(f.value, 'record').read;
        return read ? `${head}\n\n${f.name} = ${explainExpression(read.expr)}` : head;
    }
    const column = f.options.find(isColumnOption)?.column;
    const format = f.options.find(isFormatOption)?.format;
    return [head, column ? `read from the column \`${column}\`` : undefined, format ? `layout \`${format}\`` : undefined].filter(Boolean).join('\n\n');
}

/** Hovers quote titles and descriptions: their control, bidi and invisible characters shown escaped (text/visible.ts). */
function shownSafe(hover: Hover): Hover {
    const c = hover.contents;
    if (typeof c === 'object' && 'kind' in c) return { ...hover, contents: { ...c, value: visibleLines(c.value) } };
    return hover;
}
