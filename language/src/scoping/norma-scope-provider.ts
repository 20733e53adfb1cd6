/**
 * Field names resolve within one source (SPEC §6): inside a source, its own fields; in a
 * metric's formula and `at`, the fields of the metric's `from` source; in a program's
 * `records S where ...`, the fields of S. Everything else resolves as Langium does by default
 * (global names). Must not decide whether a use is allowed (order of definition is the
 * validator's business): it only says which fields a name can mean.
 */
import { DefaultScopeProvider, EMPTY_SCOPE, type AstNode, type ReferenceInfo, type Scope } from 'langium';
import {
    isField, isFieldRef, isFromProperty, isMetric, isRecordsProperty, isSource, type Field, type Source,
} from '../generated/ast.js';

export class NormaScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        const fieldReference = (isFieldRef(context.container) && context.property === 'field')
            || (isFromProperty(context.container) && context.property === 'at');
        if (!fieldReference) return super.getScope(context);
        const source = sourceInScope(context.container);
        return source ? this.createScopeForNodes(fieldsOf(source)) : EMPTY_SCOPE;
    }
}

export function fieldsOf(source: Source): Field[] {
    return source.members.filter(isField);
}

/** The source whose fields a name at `node` can mean, or undefined (no `from`, or an unresolved one). */
export function sourceInScope(node: AstNode): Source | undefined {
    for (let n: AstNode | undefined = node; n; n = n.$container) {
        if (isSource(n)) return n;
        if (isFromProperty(n)) return n.source?.ref;
        if (isRecordsProperty(n)) return n.source?.ref;
        if (isMetric(n)) {
            const from = n.properties.find(isFromProperty);
            return from?.source?.ref;
        }
    }
    return undefined;
}

