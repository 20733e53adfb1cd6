/**
 * Escaping for the text formats. Every text that comes from a `.norma` file or from data
 * (titles, names, reasons, periods) goes through one of these before it reaches XML, HTML or
 * Markdown, so a title like `<script>` or `]]>` reads as text and never as markup.
 */

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML or HTML element content and attribute values (quotes included). Drops characters XML cannot hold. */
export function escapeXml(text: string | number): string {
    return String(text)
        .replace(INVALID_XML, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

/** HTML uses the same escaping (`&apos;` is valid HTML5). */
export const escapeHtml = escapeXml;

/**
 * Text for a Markdown table cell or paragraph (GitHub flavour): HTML-significant characters as
 * entities, Markdown punctuation backslash-escaped, line breaks folded into spaces.
 */
export function escapeMarkdown(text: string | number): string {
    return String(text)
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}
