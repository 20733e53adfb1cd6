/**
 * Unresolved names (metrics in norms, needs and exclusions; standards after `applies`;
 * profiles after `uses`; programs in exclusions): the linker words the error for analysts
 * with a did-you-mean from the names in scope, and the document validator gives that error
 * a stable code and the suggestion as data for quick fixes. Must not change what resolves.
 */
import {
    Cancellation, DefaultDocumentValidator, DefaultLinker, DocumentValidator, interruptAndCheck, type AstNode,
    type AstNodeDescription, type LangiumCoreServices, type LangiumDocument, type LinkingError, type ReferenceInfo,
    type ValidationAcceptor, type ValidationCheck, type ValidationOptions,
} from 'langium';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-types';
import { closest } from '../engine/suggest.js';
import { grammarWords, plainSyntaxError } from './syntax.js';
import { isFieldRef, isFromProperty } from '../generated/ast.js';
import { sourceInScope } from '../scoping/norma-scope-provider.js';
import { visibleLines } from '../text/visible.js';
import { astNodes, forEachReference, visitAst } from '../workspace/ast-walk.js';

function isFieldReference(info: ReferenceInfo): boolean {
    return (isFieldRef(info.container) && info.property === 'field') || (isFromProperty(info.container) && info.property === 'at');
}

/** `norm ServiceLevl >= 80%`: a name that no declaration in the workspace answers. */
export const CODE_UNKNOWN_NAME = 'unknown-name';

/** What a quick fix needs to replace an unknown name. */
export interface UnknownNameData {
    code: typeof DocumentValidator.LinkingError;
    containerType: string;
    property: string;
    refText: string;
    /** The closest known name of the right kind, when one is plausibly meant. */
    suggestion?: string;
}

interface NormaLinkingError extends LinkingError {
    suggestion?: string;
}

/** How the kinds of named things read in messages. */
const KIND_LABELS: Record<string, string> = {
    Metric: 'metric', Standard: 'standard', Profile: 'profile', Program: 'program', Source: 'source', Field: 'field',
};

export class NormaLinker extends DefaultLinker {
    /**
     * Langium's linking pass, walking the tree without a stream per node (workspace/ast-walk.ts)
     * and checking for cancellation every 32 nodes rather than before each one.
     */
    override async link(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const nodes = astNodes(document.parseResult.value);
        const link = (ref: ReferenceInfo) => this.doLink(ref, document);
        for (let i = 0; i < nodes.length; i++) {
            if (i % 32 === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[i], link);
        }
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const type = this.reflection.getReferenceType(refInfo);
        const name = refInfo.reference.$refText;
        let suggestion: string | undefined;
        try {
            const names = this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name).filter(n => n !== name);
            suggestion = closest(name, names);
        } catch {
            suggestion = undefined;
        }
        const kind = KIND_LABELS[type] ?? type.toLowerCase();
        const error: NormaLinkingError = {
            info: refInfo,
            message: `Unknown ${kind} '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
            targetDescription,
            suggestion,
        };
        return error;
    }
}

export class NormaDocumentValidator extends DefaultDocumentValidator {
    protected readonly keywords: string[];

    constructor(services: LangiumCoreServices) {
        super(services);
        this.keywords = grammarWords(services.Grammar);
    }

    /**
     * Syntax errors in plain words (validation/syntax.ts), one per line; no other diagnostic on
     * a line that does not parse, since it would only be a consequence of the first. Messages
     * quote the user's text (names, titles, paths): shown escaped, never executed (text/visible.ts).
     */
    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await this.plainDiagnostics(document, options, cancelToken);
        for (const d of diagnostics) if (typeof d.message === 'string') d.message = visibleLines(d.message);
        return diagnostics;
    }

    protected async plainDiagnostics(document: LangiumDocument, options: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const all = await super.validateDocument(document, options, cancelToken);
        const isSyntax = (d: Diagnostic) => {
            const code = (d.data as { code?: string } | undefined)?.code;
            return code === DocumentValidator.LexingError || code === DocumentValidator.ParsingError;
        };
        if (!all.some(isSyntax)) return all;
        const text = document.textDocument.getText();
        const syntaxLines = new Set<number>();
        const kept: Diagnostic[] = [];
        for (const d of all) {
            if (!isSyntax(d)) continue;
            if (syntaxLines.has(d.range.start.line)) continue;
            syntaxLines.add(d.range.start.line);
            const plain = plainSyntaxError(text, document.textDocument.offsetAt(d.range.start), typeof d.message === 'string' ? d.message : d.message.value, this.keywords);
            kept.push({ ...d, message: sentence(plain.message), code: plain.code });
        }
        for (const d of all) if (!isSyntax(d) && !syntaxLines.has(d.range.start.line)) kept.push(d);
        return kept;
    }

    /** Each node type's checks, as the registry gives them, by requested categories and type. */
    private readonly checksByType = new Map<string, Map<string, ValidationCheck[]>>();

    /**
     * Langium's walk over the nodes (workspace/ast-walk.ts, without a stream per node), with
     * each type's checks looked up once, a check awaited only when it returns a promise (Norma's
     * checks return nothing; see NormaValidationRegistry), and the cancellation checked every 32
     * nodes rather than before each node (about a million awaits at 10,000 program files).
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const categories = options.categories;
        const categoriesKey = categories ? categories.join(' ') : '';
        let checksOf = this.checksByType.get(categoriesKey);
        if (!checksOf) this.checksByType.set(categoriesKey, checksOf = new Map());
        const nodes: AstNode[] = [];
        visitAst(rootNode, node => {
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) nodes.push(node);
            return nodeOptions.validateChildren;
        });
        for (let i = 0; i < nodes.length; i++) {
            if (i % 32 === 0) await interruptAndCheck(cancelToken);
            const node = nodes[i];
            let checks = checksOf.get(node.$type);
            if (!checks) checksOf.set(node.$type, checks = this.validationRegistry.getChecks(node.$type, categories).toArray());
            for (const check of checks) {
                const pending = check(node, acceptor, cancelToken);
                if (pending) await pending;
            }
        }
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error as NormaLinkingError | undefined;
            if (!error) continue;
            // A field name in a metric or records clause whose source is itself unknown (or missing):
            // that source's error, or the missing `from`, says it all.
            if (isFieldReference(error.info) && !sourceInScope(error.info.container)) continue;
            const data: UnknownNameData = {
                code: DocumentValidator.LinkingError,
                containerType: error.info.container.$type,
                property: error.info.property,
                refText: error.info.reference.$refText,
                ...(error.suggestion ? { suggestion: error.suggestion } : {}),
            };
            diagnostics.push(this.toDiagnostic('error', error.message, {
                node: error.info.container,
                range: reference.$refNode?.range,
                property: error.info.property,
                index: error.info.index,
                code: CODE_UNKNOWN_NAME,
                data,
            }));
        }
    }
}

/** `a date is written ...` -> `A date is written ....`; a question keeps its mark. */
function sentence(text: string): string {
    const t = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.?!]$/.test(t) ? t : `${t}.`;
}
