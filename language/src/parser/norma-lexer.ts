/**
 * The lexer with Norma's input limits (parser/limits.ts) enforced before and after chevrotain
 * runs: a file over the size limit, binary content, a token over the token limit or braces
 * nested past the nesting limit give one located lexer error each, and the tokens past the
 * problem are dropped, so the parser never recurses thousands of levels deep (chevrotain's
 * error recovery overflows the stack at about 1,500 open braces).
 */
import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import type { ILexingError, IToken } from 'chevrotain';
import { MAX_FILE_CHARS, MAX_NESTING, MAX_TOKEN_CHARS, formatCount } from './limits.js';

export class NormaLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const refused = refuseText(text);
        if (refused) return { tokens: [], errors: [refused], hidden: [] };
        const result = super.tokenize(text, options);
        const tooLong = [...result.tokens, ...result.hidden].find(t => t.image.length > MAX_TOKEN_CHARS);
        if (tooLong) {
            result.errors.push(errorAt(tooLong, `This ${describe(tooLong)} has ${formatCount(tooLong.image.length)} characters; Norma reads tokens of at most ${formatCount(MAX_TOKEN_CHARS)} characters.`));
            result.tokens = result.tokens.filter(t => t.startOffset < tooLong.startOffset);
            result.hidden = result.hidden.filter(t => t.startOffset < tooLong.startOffset);
        }
        const deep = tooDeep(result.tokens);
        if (deep !== undefined) {
            const brace = result.tokens[deep];
            result.errors.push(errorAt(brace, `Braces are nested more than ${MAX_NESTING} deep here; Norma reads at most ${MAX_NESTING} open '{' at once (is a '}' missing above?).`));
            result.tokens = result.tokens.slice(0, deep);
            result.hidden = result.hidden.filter(t => t.startOffset < brace.startOffset);
        }
        return result;
    }
}

/** Text refused whole: too large, or binary (a NUL byte or bytes that were not UTF-8). */
function refuseText(text: string): ILexingError | undefined {
    if (text.length > MAX_FILE_CHARS) {
        return { offset: 0, line: 1, column: 1, length: 1, message: `This file has more than ${formatCount(MAX_FILE_CHARS)} characters, the most Norma reads in one file; split it into files that import each other.` };
    }
    const bad = text.search(/[\u0000\uFFFD]/);
    if (bad >= 0) {
        const before = text.slice(0, bad);
        const line = (before.match(/\n/g)?.length ?? 0) + 1;
        const column = bad - before.lastIndexOf('\n');
        const what = text[bad] === '\u0000' ? 'a NUL byte' : 'bytes that are not UTF-8 text';
        return { offset: bad, line, column, length: 1, message: `This file holds ${what} at line ${line}, column ${column}: it is binary or not UTF-8, and Norma reads only UTF-8 text.` };
    }
    return undefined;
}

/** The index of the first `{` that opens one level more than the limit. */
function tooDeep(tokens: IToken[]): number | undefined {
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
        const image = tokens[i].image;
        if (image === '{' && ++depth > MAX_NESTING) return i;
        if (image === '}' && depth > 0) depth--;
    }
    return undefined;
}

function describe(token: IToken): string {
    const name = token.tokenType.name;
    return name === 'STRING' ? 'string' : /COMMENT/.test(name) ? 'comment' : 'token';
}

function errorAt(token: IToken, message: string): ILexingError {
    return { offset: token.startOffset, line: token.startLine ?? 1, column: token.startColumn ?? 1, length: 1, message };
}
