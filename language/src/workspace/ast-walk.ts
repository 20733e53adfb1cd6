/**
 * Plain walks over a document's syntax tree, for the passes every build makes over every node
 * (local scopes, linking, validation). Langium's `streamAst` and `streamReferences` build an
 * iterator object per node and per property and are awaited node by node; at 10,000 program
 * files (about 600,000 nodes) those iterators and promises were a tenth of `norma validate`.
 * The order is Langium's: depth first, a node before its children, properties in key order.
 */
import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

/**
 * Calls `visit` on `root` and every node below it; when `visit` returns false, the node's
 * children are skipped. The depth is bounded by the parser's nesting limit (parser/limits.ts).
 */
export function visitAst(root: AstNode, visit: (node: AstNode) => boolean | void): void {
    if (visit(root) === false) return;
    for (const key of Object.keys(root)) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = (root as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) visitAst(item, visit);
        } else if (isAstNode(value)) {
            visitAst(value, visit);
        }
    }
}

/** `root` and every node below it, in Langium's order. */
export function astNodes(root: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    visitAst(root, node => { nodes.push(node); });
    return nodes;
}

/** Calls `use` on each cross-reference a node holds directly, as `AstUtils.streamReferences` lists them. */
export function forEachReference(node: AstNode, use: (ref: ReferenceInfo) => void): void {
    for (const property of Object.keys(node)) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
            use({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (isReference(element) || isMultiReference(element)) use({ reference: element, container: node, property, index });
            }
        }
    }
}
