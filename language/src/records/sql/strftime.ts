/**
 * A source's `format` (strftime directives, SPEC §6.1) in another dialect's layout language.
 * A directive a dialect has no spelling for is an UnsupportedConstruct naming it and the dialect.
 */
import { UnsupportedConstruct } from './unsupported.js';

/** Directive letter -> the dialect's spelling; `quote` writes literal text of the layout. */
export function translateFormat(format: string, dialect: string, directives: Record<string, string>, quote: (literal: string) => string): string {
    let out = '';
    let literal = '';
    const flush = () => { if (literal) out += quote(literal); literal = ''; };
    for (let i = 0; i < format.length; i++) {
        if (format[i] !== '%') { literal += format[i]; continue; }
        const d = format[++i] ?? '';
        const spelled = directives[d];
        if (spelled === undefined) throw new UnsupportedConstruct(`the strftime directive %${d} in format "${format}"`, dialect);
        flush();
        out += spelled;
    }
    flush();
    return out;
}
