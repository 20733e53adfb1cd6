/**
 * Langium's local scopes (each named node visible in its container), collected with a plain
 * walk over the tree (workspace/ast-walk.ts) instead of a stream and an await per node, the
 * cancellation checked every 32 nodes. Same symbols, same order.
 */
import {
    Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription,
    type LangiumDocument, type LocalSymbols,
} from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';
import { astNodes } from '../workspace/ast-walk.js';

export class NormaScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        // The root has no container, so Langium's walk (streamAllContents) leaves it out alike.
        const nodes = astNodes(document.parseResult.value);
        for (let i = 1; i < nodes.length; i++) {
            if (i % 32 === 1) await interruptAndCheck(cancelToken);
            this.addLocalSymbol(nodes[i], document, symbols);
        }
        return symbols;
    }
}
