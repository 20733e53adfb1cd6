/**
 * `textDocument/selectionRange` ("expand selection"): from the token under the cursor out through
 * each enclosing node of the AST (a quantity, its norm, the program, the file).
 */
import { CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Position, Range, SelectionRange, SelectionRangeParams } from 'vscode-languageserver';
import { URI } from 'langium';

export function selectionRanges(document: LangiumDocument, positions: Position[]): SelectionRange[] {
    const root = document.parseResult.value.$cstNode;
    const whole: Range = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) };
    return positions.map(position => {
        const offset = document.textDocument.offsetAt(position);
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
        const ranges: Range[] = [];
        if (leaf) ranges.push(leaf.range);
        for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
            if (node.$cstNode) ranges.push(node.$cstNode.range);
        }
        ranges.push(whole);
        let selection: SelectionRange | undefined;
        for (const range of ranges.reverse()) {
            if (selection && sameRange(selection.range, range)) continue;
            selection = { range, parent: selection };
        }
        return selection!;
    });
}

const sameRange = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;

export function registerSelectionRanges(shared: LangiumSharedServices): void {
    shared.lsp.Connection?.onSelectionRanges(async (params: SelectionRangeParams) => {
        const uri = URI.parse(params.textDocument.uri);
        const document = shared.workspace.LangiumDocuments.getDocument(uri);
        return document ? selectionRanges(document, params.positions) : null;
    });
}
