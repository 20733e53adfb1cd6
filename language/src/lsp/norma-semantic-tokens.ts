/**
 * Semantic tokens: declared names by kind, references to metrics, standards, profiles and
 * programs, enumerated words (families, units, periods...), quantities and dates; sources,
 * fields, aggregates and literals of record formulas. Keywords,
 * strings and comments are left to the TextMate grammar.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isAppliesProperty, isBetterProperty, isBound, isCategory, isCertifiedProperty, isChannelProperty, isEvidence,
    isExcludedMetrics, isExcludedPeriods, isExcludedPrograms, isExclusion, isExpires, isFamilyProperty, isMetric,
    isNeedsNorm, isNorm, isPeriodProperty, isProfile, isProgram, isQuantity, isRequirement, isStandard,
    isUnitProperty, isUsesProperty, isSource, isField, isFieldRef, isFromProperty, isRecordsProperty, isCall,
    isNumberLiteral, isBooleanLiteral, isTimezoneProperty,
} from '../generated/ast.js';
import { AGGREGATES } from '../model/expressions.js';

export class NormaSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declaration = [SemanticTokenModifiers.declaration];
        if (isStandard(node) || isCategory(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        else if (isRequirement(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.interface, modifier: declaration });
        else if (isMetric(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
        else if (isProgram(node) || isProfile(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: declaration });
        else if (isExclusion(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.event, modifier: declaration });
        // Raw records (SPEC §6): sources are types, fields are properties, aggregates functions.
        else if (isSource(node)) acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: declaration });
        else if (isField(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: declaration });
            if (node.type) acceptor({ node, property: 'type', type: SemanticTokenTypes.type });
        } else if (isFieldRef(node)) acceptor({ node, property: 'field', type: SemanticTokenTypes.property });
        else if (isFromProperty(node)) {
            acceptor({ node, property: 'source', type: SemanticTokenTypes.type });
            acceptor({ node, property: 'at', type: SemanticTokenTypes.property });
        } else if (isRecordsProperty(node)) acceptor({ node, property: 'source', type: SemanticTokenTypes.type });
        else if (isCall(node)) {
            acceptor({ node, property: 'function', type: SemanticTokenTypes.function, modifier: (AGGREGATES as readonly string[]).includes(node.function) ? [SemanticTokenModifiers.defaultLibrary] : [] });
        } else if (isNumberLiteral(node)) acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
        else if (isBooleanLiteral(node)) acceptor({ node, property: 'value', type: SemanticTokenTypes.enumMember });
        else if (isTimezoneProperty(node)) acceptor({ node, property: 'zone', type: SemanticTokenTypes.string });
        else if (isNorm(node)) {
            acceptor({ node, property: 'metric', type: SemanticTokenTypes.variable });
            if (node.from) acceptor({ node, property: 'from', type: SemanticTokenTypes.number });
        } else if (isBound(node)) acceptor({ node, property: 'op', type: SemanticTokenTypes.operator });
        else if (isQuantity(node)) {
            if (node.currency) acceptor({ node, property: 'currency', type: SemanticTokenTypes.type });
            acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
        } else if (isFamilyProperty(node) || isBetterProperty(node) || isPeriodProperty(node) || isChannelProperty(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.enumMember });
        } else if (isUnitProperty(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.enumMember });
            if (node.currency) acceptor({ node, property: 'currency', type: SemanticTokenTypes.type });
        } else if (isEvidence(node)) acceptor({ node, property: 'kind', type: SemanticTokenTypes.enumMember });
        else if (isNeedsNorm(node)) {
            if (node.family) acceptor({ node, property: 'family', type: SemanticTokenTypes.enumMember });
            if (node.metric) acceptor({ node, property: 'metric', type: SemanticTokenTypes.variable });
        } else if (isAppliesProperty(node)) acceptor({ node, property: 'standards', type: SemanticTokenTypes.namespace });
        else if (isUsesProperty(node) || isExcludedPrograms(node)) acceptor({ node, property: isUsesProperty(node) ? 'profiles' : 'programs', type: SemanticTokenTypes.class });
        else if (isExcludedMetrics(node)) acceptor({ node, property: 'metrics', type: SemanticTokenTypes.variable });
        else if (isCertifiedProperty(node) || isExpires(node)) acceptor({ node, property: 'date', type: SemanticTokenTypes.number });
        else if (isExcludedPeriods(node)) {
            acceptor({ node, property: 'start', type: SemanticTokenTypes.number });
            if (node.end) acceptor({ node, property: 'end', type: SemanticTokenTypes.number });
        }
    }
}
