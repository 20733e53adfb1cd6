/**
 * Completion that knows where it is: the enumerated words (families, units, periods, channels,
 * directions, evidence kinds) after their keyword, metric names with their unit and direction,
 * standards after `applies`, profiles after `uses`, and snippets for a new metric, program and
 * norm. The enumerated words are plain identifiers in the grammar, so they are offered here.
 */
import { GrammarAST, AstUtils, type AstNodeDescription, type MaybePromise, type ReferenceInfo } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { isField, isFormulaProperty, isMetric, isSource } from '../generated/ast.js';
import { AGGREGATES } from '../model/expressions.js';

/** How each aggregate is written, offered in formulas. */
const AGGREGATE_SNIPPETS: Record<string, { body: string; detail: string }> = {
    count: { body: 'count(${1})', detail: 'records where a condition holds (count() counts every record)' },
    sum: { body: 'sum(${1:field})', detail: 'total of a field' },
    avg: { body: 'avg(${1:field})', detail: 'mean of a field (nulls skipped)' },
    min: { body: 'min(${1:field})', detail: 'lowest value' },
    max: { body: 'max(${1:field})', detail: 'highest value' },
    percentile: { body: 'percentile(${1:field}, ${2:90%})', detail: 'a value that occurred, at a rank' },
    distinct: { body: 'distinct(${1:field})', detail: 'number of distinct values' },
};
import { CHANNELS, DIRECTIONS, EVIDENCE_KINDS, FAMILIES, GRAINS, UNIT_KINDS } from '../model/units.js';
import { unitLabel } from '../model/units.js';
import { metricModelOf } from './norma-node-models.js';

/** Which words an identifier takes, by the rule and property that holds it. */
const VOCABULARIES: Record<string, { words: readonly string[]; detail: string }> = {
    'FamilyProperty.value': { words: FAMILIES, detail: 'metric family' },
    'NeedsNorm.family': { words: FAMILIES, detail: 'metric family' },
    'UnitProperty.value': { words: UNIT_KINDS, detail: 'unit' },
    'BetterProperty.value': { words: DIRECTIONS, detail: 'better direction' },
    'PeriodProperty.value': { words: GRAINS, detail: 'period' },
    'ChannelProperty.value': { words: CHANNELS, detail: 'channel' },
    'Evidence.kind': { words: EVIDENCE_KINDS, detail: 'evidence kind' },
};

/** Snippets offered where their keyword may start a declaration (keyed by keyword and rule). */
const SNIPPETS: Record<string, { label: string; detail: string; body: string }> = {
    'metric@Metric': {
        label: 'metric (new metric)',
        detail: 'A new metric with family, unit, direction and period',
        body: 'metric ${1:Name} "${2:Title}" {\n\tfamily ${3|' + FAMILIES.join(',') + '|}\n\tunit ${4|' + UNIT_KINDS.join(',') + '|}\n\tbetter ${5|higher,lower|}\n\tperiod ${6|' + GRAINS.join(',') + '|}\n\tdescription "${7}"\n}',
    },
    'program@Program': {
        label: 'program (new program)',
        detail: 'A new program with client, channel, standard and a norm',
        body: 'program ${1:Name} "${2:Title}" {\n\tclient "${3:Client}"\n\tprovider "${4:Provider}"\n\tchannel ${5|' + CHANNELS.join(',') + '|}\n\tapplies ${6:Standard}\n\n\tnorm ${7:Metric} ${8|>=,<=|} ${9:80%}\n}',
    },
    'norm@Norm': {
        label: 'norm (new norm with options)',
        detail: 'A norm with its trigger rules',
        body: 'norm ${1:Metric} ${2|>=,<=|} ${3:80%} {\n\tact after ${4:3} consecutive misses\n\tact immediately ${5|below,above|} ${6:70%}\n}',
    },
};

/** What each comparison of a norm means, shown beside it in completion. */
const COMPARISONS: Record<string, string> = {
    '>=': 'at least the target',
    '>': 'more than the target',
    '<=': 'at most the target',
    '<': 'less than the target',
};

export class NormaCompletionProvider extends DefaultCompletionProvider {
    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        // An evidence kind is the rule EvidenceWord (a word, or the keyword `data`): offer the kinds once.
        if (AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name === 'EvidenceWord') {
            return GrammarAST.isKeyword(next.feature) ? undefined : this.offerWords(context, acceptor, VOCABULARIES['Evidence.kind']);
        }
        if (assignment && !GrammarAST.isCrossReference(assignment.terminal)) {
            const rule = AstUtils.getContainerOfType(assignment, GrammarAST.isParserRule);
            const vocabulary = rule ? VOCABULARIES[`${rule.name}.${assignment.feature}`] : undefined;
            if (vocabulary) {
                vocabulary.words.forEach((word, i) => acceptor(context, {
                    label: word,
                    kind: CompletionItemKind.EnumMember,
                    detail: vocabulary.detail,
                    sortText: String(i).padStart(3, '0'),
                }));
                return;
            }
        }
        // Where a field name may stand inside a formula, an aggregate may too.
        if (assignment && GrammarAST.isCrossReference(assignment.terminal) && assignment.feature === 'field'
            && AstUtils.getContainerOfType(context.node, isFormulaProperty)) {
            AGGREGATES.forEach((fn, i) => acceptor(context, {
                label: fn, kind: CompletionItemKind.Function, detail: AGGREGATE_SNIPPETS[fn].detail,
                insertText: AGGREGATE_SNIPPETS[fn].body, insertTextFormat: InsertTextFormat.Snippet, sortText: `1${i}`,
            }));
        }
        return super.completionFor(context, next, acceptor);
    }

    private offerWords(context: CompletionContext, acceptor: CompletionAcceptor, vocabulary: { words: readonly string[]; detail: string }): void {
        vocabulary.words.forEach((word, i) => acceptor(context, {
            label: word,
            kind: CompletionItemKind.EnumMember,
            detail: vocabulary.detail,
            sortText: String(i).padStart(3, '0'),
        }));
    }

    /** The comparisons of a norm are keywords without letters, which Langium leaves out by default. */
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        return keyword.value in COMPARISONS || super.filterKeyword(context, keyword);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        if (rule?.name === 'Bound' && keyword.value in COMPARISONS) {
            acceptor(context, {
                label: keyword.value, kind: CompletionItemKind.Operator, detail: COMPARISONS[keyword.value],
                sortText: `0${Object.keys(COMPARISONS).indexOf(keyword.value)}`,
            });
            return;
        }
        const snippet = rule ? SNIPPETS[`${keyword.value}@${rule.name}`] : undefined;
        if (snippet) {
            acceptor(context, {
                label: snippet.label,
                kind: CompletionItemKind.Snippet,
                detail: snippet.detail,
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                filterText: keyword.value,
                sortText: '2',
            });
        }
        return super.completionForKeyword(context, keyword, acceptor);
    }

    /** Metric names show their unit and better-direction; other names their kind. */
    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (isMetric(node)) {
            const m = metricModelOf(node);
            return { ...item, detail: `${unitLabel(m.unit)}, ${m.better} is better`, documentation: m.title };
        }
        if (isField(node)) return { ...item, kind: CompletionItemKind.Field, detail: `field of ${isSource(node.$container) ? node.$container.name : 'a source'}${node.type ? `: ${node.type}` : ' (derived)'}` };
        return { ...item, detail: description.type.toLowerCase() };
    }
}
