/**
 * Outline and symbol kinds: standard > categories > requirements; programs and profiles >
 * norms (a norm has no name of its own: it is listed as written, `norm ServiceLevel >= 80%`).
 * Workspace symbols are Langium's, over the same kinds.
 */
import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider, DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isNorm, type Norm } from '../generated/ast.js';

const SYMBOL_KINDS: Record<string, SymbolKind> = {
    Standard: SymbolKind.Namespace,
    Category: SymbolKind.Package,
    Requirement: SymbolKind.Interface,
    Metric: SymbolKind.Variable,
    Program: SymbolKind.Class,
    Profile: SymbolKind.Struct,
    Norm: SymbolKind.Property,
    Exclusion: SymbolKind.Event,
};

const COMPLETION_KINDS: Record<string, CompletionItemKind> = {
    Standard: CompletionItemKind.Module,
    Category: CompletionItemKind.Folder,
    Requirement: CompletionItemKind.Interface,
    Metric: CompletionItemKind.Variable,
    Program: CompletionItemKind.Class,
    Profile: CompletionItemKind.Struct,
    Exclusion: CompletionItemKind.Event,
};

function typeOf(node: AstNode | AstNodeDescription): string {
    return 'type' in node ? node.type : node.$type;
}

export class NormaNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOL_KINDS[typeOf(node)] ?? SymbolKind.Field;
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETION_KINDS[typeOf(node)] ?? CompletionItemKind.Reference;
    }
}

/** `norm ServiceLevel >= 80% from 2026-07-01`: the norm's first line, options left out. */
export function normLabel(norm: Norm): string {
    const metric = norm.metric?.$refText;
    const c = norm.comparison;
    const comparison = !c ? '' : 'op' in c ? `${c.op} ${quantity(c.threshold)}` : `between ${quantity(c.low)} and ${quantity(c.high)}`;
    return `norm ${metric} ${comparison}${norm.from ? ` from ${norm.from}` : ''}`.trim();
}

function quantity(q: { value: string; currency?: string } | undefined): string {
    return q ? `${q.currency ? q.currency + ' ' : ''}${q.value}` : '?';
}

export class NormaDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, node: AstNode): DocumentSymbol[] {
        if (isNorm(node) && node.$cstNode) {
            const selection = node.metric?.$refNode?.range ?? node.$cstNode.range;
            return [{ kind: this.nodeKindProvider.getSymbolKind(node), name: normLabel(node), range: node.$cstNode.range, selectionRange: selection }];
        }
        return super.getSymbol(document, node);
    }
}
