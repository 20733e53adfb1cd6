/**
 * The canonical layout of a `.norma` file, shared by the editor and `norma fmt`: 4-space
 * indentation, `{` on the declaration line, one property, requirement, norm or option per
 * line, blank lines between declarations kept but collapsed to one, and every comment kept
 * where it was (a trailing comment stays on its line, a comment on its own line takes the
 * indentation of what follows). The layout is computed over the token stream, comments
 * included, with the AST telling where each statement starts; Langium's region formatter
 * would drop a trailing comment that sits before a line break it rewrites. A file with
 * syntax errors is left alone.
 */
import {
    AstUtils, EmptyFileSystem, URI, type AstNode, type LangiumDocument, type Lexer,
} from 'langium';
import { AbstractFormatter, type LangiumServices } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import {
    isCategory, isElement, isEvidence, isExclusionProperty, isImport, isMetricProperty, isNeedsNorm, isNorm, isStaffingEntry,
    isNormOption, isPassMark, isPoints, isProgramProperty, isRequirement, isSourceMember, isStandard,
} from '../generated/ast.js';

const INDENT = '    ';

interface Token {
    offset: number;
    end: number;
    image: string;
    comment: 'line' | 'block' | null;
}

/** Nodes that start a line of their own. */
function startsStatement(node: AstNode): boolean {
    return isElement(node) || isImport(node) || isCategory(node) || isRequirement(node) || isEvidence(node)
        || isNeedsNorm(node) || isMetricProperty(node) || isProgramProperty(node) || isNorm(node) || isNormOption(node)
        || isExclusionProperty(node) || isPassMark(node) || isPoints(node) || isSourceMember(node)
        || isStaffingEntry(node);
}

/** Words after which `(` opens a list (`in ("A", "B")`, `and (...)`) rather than a call's arguments (`count(answered)`). */
const SPACE_BEFORE_PAREN = new Set(['in', 'and', 'or', 'not', 'where', 'keep', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/']);

/**
 * The canonical text of a parsed document, or undefined when it has syntax errors (nothing
 * can be laid out safely then).
 */
export function layoutDocument(document: LangiumDocument, lexer: Lexer): string | undefined {
    const { lexerErrors, parserErrors, value } = document.parseResult;
    if (lexerErrors.length || parserErrors.length) return undefined;
    const text = document.textDocument.getText();
    const lexed = lexer.tokenize(text);
    const tokens: Token[] = [
        ...lexed.tokens.map(t => ({ offset: t.startOffset, end: t.startOffset + t.image.length, image: t.image, comment: null })),
        ...lexed.hidden.filter(t => !/^\s*$/.test(t.image)).map(t => ({
            offset: t.startOffset,
            end: t.startOffset + t.image.length,
            image: t.image.replace(/[ \t]+$/gm, ''),
            comment: t.image.startsWith('//') ? 'line' as const : 'block' as const,
        })),
    ].sort((a, b) => a.offset - b.offset);

    const starts = new Set<number>();
    for (const node of AstUtils.streamAst(value)) {
        if (startsStatement(node) && node.$cstNode) starts.add(node.$cstNode.offset);
        if (isStandard(node) && node.version !== undefined) {
            const version = node.$cstNode ? findKeyword(tokens, node.$cstNode.offset, node.$cstNode.end, 'version') : undefined;
            if (version !== undefined) starts.add(version);
        }
    }

    let out = '';
    let depth = 0;
    const newline = (blank: boolean) => (blank ? '\n\n' : '\n') + INDENT.repeat(depth);
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const prev = tokens[i - 1];
        if (!prev) {
            out += token.image;
            if (token.image === '{' && !token.comment) depth++;
            continue;
        }
        const gap = text.slice(prev.end, token.offset);
        const lines = (gap.match(/\n/g) ?? []).length;
        const afterOpen = prev.image === '{' && !prev.comment;
        const blank = lines >= 2 && !afterOpen;
        const isClose = token.image === '}' && !token.comment;
        if (isClose) depth = Math.max(0, depth - 1);
        let separator: string;
        if (token.comment) {
            separator = lines === 0 && prev.comment !== 'line' ? (/^[ \t]+$/.test(gap) ? gap : ' ') : newline(blank);
        } else if (prev.comment === 'line') {
            separator = newline(blank && !isClose) + (starts.has(token.offset) || isClose || token.image === '{' ? '' : INDENT);
        } else if (isClose) {
            separator = afterOpen ? '' : newline(false);
        } else if (token.image === '{') {
            separator = prev.comment && lines > 0 ? newline(false) : ' ';
        } else if (afterOpen || (prev.image === '}' && !prev.comment) || starts.has(token.offset)) {
            separator = newline(blank);
        } else if (prev.comment === 'block' && lines > 0) {
            separator = newline(false) + INDENT;
        } else if (token.image === ',' || token.image === '.' || (prev.image === '.' && !prev.comment)) {
            separator = '';
        } else if (token.image === ':' || token.image === ')' || (prev.image === '(' && !prev.comment)) {
            // `field wait: seconds`, `count(answered)`, `in ("A", "B")`
            separator = '';
        } else if (token.image === '(' && /^[A-Za-z_]\w*$/.test(prev.image) && !SPACE_BEFORE_PAREN.has(prev.image)) {
            separator = '';
        } else {
            separator = ' ';
        }
        out += separator + token.image;
        if (token.image === '{' && !token.comment) depth++;
    }
    return out.length ? out + '\n' : '';
}

function findKeyword(tokens: Token[], from: number, to: number, keyword: string): number | undefined {
    return tokens.find(t => !t.comment && t.offset >= from && t.end <= to && t.image === keyword)?.offset;
}

export class NormaFormatter extends AbstractFormatter {
    protected readonly lexer: Lexer;

    constructor(services: LangiumServices) {
        super();
        this.lexer = services.parser.Lexer;
    }

    /** Unused: the layout is computed over the whole token stream in `formatDocument`. */
    protected format(_node: AstNode): void {
        // The region-based formatting of AbstractFormatter is not used.
    }

    override formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): TextEdit[] {
        const formatted = layoutDocument(document, this.lexer);
        const text = document.textDocument.getText();
        if (formatted === undefined || formatted === text) return [];
        return [{ range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }, newText: formatted }];
    }

    /** A range is formatted by laying out the whole file: statements span lines, comments belong to them. */
    override formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        return this.formatDocument(document, { textDocument: params.textDocument, options: params.options });
    }

    override formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): TextEdit[] {
        return [];
    }

    override get formatOnTypeOptions() {
        return undefined;
    }
}

/** A `.norma` text that does not parse: formatting it would guess. */
export class FormatError extends Error {
    constructor(readonly problems: { line: number; column: number; message: string }[]) {
        super(`Cannot format a file with syntax errors: ${problems.map(p => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
        this.name = 'FormatError';
    }
}

let formatServices: Promise<{ shared: import('langium').LangiumSharedCoreServices; lexer: Lexer }> | undefined;
let nextUri = 0;

/**
 * The canonical layout of a `.norma` text, without an editor (`norma fmt`). Throws a
 * `FormatError` listing the syntax errors when the text does not parse.
 */
export async function formatText(text: string): Promise<string> {
    formatServices ??= import('../norma-module.js').then(({ createNormaServices }) => {
        const { shared, Norma } = createNormaServices(EmptyFileSystem);
        return { shared, lexer: Norma.parser.Lexer };
    });
    const { shared, lexer } = await formatServices;
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///format-${nextUri++}.norma`));
    const formatted = layoutDocument(document, lexer);
    if (formatted === undefined) {
        const { lexerErrors, parserErrors } = document.parseResult;
        throw new FormatError([
            ...lexerErrors.map(e => ({ line: e.line ?? 0, column: e.column ?? 0, message: e.message })),
            ...parserErrors.map(e => ({ line: e.token.startLine ?? 0, column: e.token.startColumn ?? 0, message: e.message })),
        ]);
    }
    return formatted;
}
