/**
 * Seeded mutations of text for the fuzz tests: the same seed gives the same documents, so any
 * failure the fuzzer reports is replayed by its seed and index. The mutations are those that
 * found the bugs of issue 15: byte flips, token deletions, swaps and repeats, truncation,
 * unterminated strings and comments, deep nesting, huge numbers, long identifiers and strings,
 * random Unicode (controls, bidirectional overrides, surrogates), and grammar keywords.
 */

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];

const KEYWORDS = [
    'import', 'standard', 'category', 'requirement', 'evidence', 'needs', 'norm', 'for', 'family', 'metric', 'unit',
    'better', 'period', 'description', 'program', 'client', 'provider', 'channel', 'applies', 'certified', 'uses',
    'profile', 'from', 'exclusion', 'periods', 'to', 'approved', 'by', 'expires', 'for', 'consecutive', 'misses',
    'critical', 'floor', 'sample', 'minimum', 'act', 'immediately', 'within', '{', '}', ',', '.', '>=', '<=', '>', '<',
    'between', 'and', '%', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '"', '/*', '*/', '//', '2026-13-45', '2026-W54', '2026-02-30T25:61', 'EUR', '0', '-1',
];

const UNICODE = [
    '\u0000', '\u0007', '\u001b[31m', '\u001b]0;title\u0007', '\u001b[2J', '\r', '\t', '\u0085', '\u00a0', '\u200b',
    '\u202e', '\u2066', '\u2069', '\ufeff', '\ufffd', '\ud800', '\udc00', '😀', 'é', 'ß', '\u0301', '中文', '\u2028',
];

/** Tokens roughly as the lexer sees them: words, numbers, strings, punctuation and spaces. */
export function tokens(text: string): string[] {
    return text.match(/"(?:[^"\\]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*|[A-Za-z_][\w]*|[0-9][\w.:%-]*|\s+|./g) ?? [];
}

/** One mutation of the text. */
export function mutateOnce(text: string, r: Random): string {
    const at = text.length ? int(r, text.length) : 0;
    const parts = tokens(text);
    const ti = parts.length ? int(r, parts.length) : 0;
    switch (int(r, 14)) {
        case 0: // byte flip
            return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << int(r, 7))) + text.slice(at + 1);
        case 1: // token deletion
            return parts.filter((_, i) => i !== ti).join('');
        case 2: { // token swap
            const tj = int(r, parts.length || 1);
            [parts[ti], parts[tj]] = [parts[tj], parts[ti]];
            return parts.join('');
        }
        case 3: // token repeat
            return [...parts.slice(0, ti + 1), parts[ti] ?? '', ...parts.slice(ti + 1)].join('');
        case 4: // truncation
            return text.slice(0, at);
        case 5: // unterminated string or comment
            return text.slice(0, at) + pick(r, ['"', '/*', '"abc', '/* never closed']) + text.slice(at);
        case 6: { // nesting
            const depth = pick(r, [3, 10, 40, 200, 1500]);
            return text.slice(0, at) + pick(r, ['program P { ', 'exclusion E { ', '{ ', 'norm X >= 1 { ']).repeat(depth) + text.slice(at);
        }
        case 7: // huge number
            return text.slice(0, at) + pick(r, ['9'.repeat(400), '1e308', '0.' + '0'.repeat(300) + '1', '99999999999999999999%', '1.5h']) + text.slice(at);
        case 8: // long identifier
            return text.slice(0, at) + ' ' + 'x'.repeat(pick(r, [300, 5000, 120_000])) + ' ' + text.slice(at);
        case 9: // long string
            return text.slice(0, at) + ' "' + 'y'.repeat(pick(r, [1000, 50_000, 150_000])) + '" ' + text.slice(at);
        case 10: // random Unicode
            return text.slice(0, at) + pick(r, UNICODE) + text.slice(at);
        case 11: // a grammar keyword
            return [...parts.slice(0, ti), ` ${pick(r, KEYWORDS)} `, ...parts.slice(ti)].join('');
        case 12: // a token replaced by a keyword
            return parts.map((p, i) => (i === ti ? pick(r, KEYWORDS) : p)).join('');
        default: { // a block moved
            const from = int(r, text.length + 1);
            const len = int(r, 200);
            const block = text.slice(from, from + len);
            const rest = text.slice(0, from) + text.slice(from + len);
            const to = int(r, rest.length + 1);
            return rest.slice(0, to) + block + rest.slice(to);
        }
    }
}

/** One to four mutations in a row. */
export function mutate(text: string, r: Random): string {
    let out = text;
    for (let n = 1 + int(r, 4); n > 0; n--) out = mutateOnce(out, r);
    return out;
}

export { int, pick };
