/**
 * Text from a `.norma` file or a data file, made safe to show: control characters (C0, DEL, C1,
 * so escape sequences: colour, window title, clear screen), bidirectional marks, embeddings,
 * overrides and isolates, zero-width and other invisible format characters, line and paragraph
 * separators and lone surrogates appear escaped (`\x1B`, `\u202E`, `\u{E0041}`), visible and never
 * executed, so a title cannot recolour, retitle or clear a terminal, nor reorder or hide what a
 * reviewer reads. The one place that decides what is unsafe: the CLI's terminal output
 * (cli/src/terminal.ts) and the editor's messages (diagnostics, hovers, lenses) go through it.
 * Backslashes are left alone, so escaping twice changes nothing.
 */

/**
 * Unicode's controls (Cc), format characters (Cf: bidi controls, zero-width space, word joiner,
 * byte-order mark, soft hyphen, tag characters), line and paragraph separators (Zl, Zp) and lone
 * surrogates (Cs). Kept: tab and line feed (where lines are kept), and the zero-width joiner and
 * non-joiner (U+200C, U+200D), which Persian and Indic words and emoji sequences need to read right.
 */
const UNSAFE_KEEPING_LINES = /(?![\t\n\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const UNSAFE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

function escape(ch: string): string {
    const code = ch.codePointAt(0)!;
    const hex = code.toString(16).toUpperCase();
    return code < 0x100 ? `\\x${hex.padStart(2, '0')}` : code <= 0xFFFF ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/** A whole message or report: line breaks and tabs kept, everything else unsafe escaped. */
export function visibleLines(text: string): string {
    return text.replace(UNSAFE_KEEPING_LINES, escape);
}

/** One value on one line (a title, a name, a lens): line breaks and tabs escaped too. */
export function visible(text: string): string {
    return text.replace(UNSAFE, escape);
}
