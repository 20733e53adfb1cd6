/**
 * Light scans over JSON text that `JSON.parse` does not offer: where each element of the
 * top-level array starts, where a key's value stands inside an object, and where (and why)
 * a malformed text breaks (V8's messages do not always carry the position).
 */

function isSpace(c: number): boolean {
    return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The offset just after the string that opens at `i` (a `"`), or -1 if it never closes. */
function skipString(text: string, i: number): number {
    let j = i + 1;
    for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return -1;
        let backslashes = 0;
        for (let k = q - 1; k > i && text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) return q + 1;
        j = q + 1;
    }
}

/** Offsets of the elements of the (valid) JSON array that opens at `open`. */
export function elementStarts(text: string, open: number): number[] {
    const starts: number[] = [];
    const n = text.length;
    let depth = 0;
    let expect = true;
    let i = open + 1;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) {
            i++;
            continue;
        }
        if (depth === 0 && expect && c !== 93) {
            starts.push(i);
            expect = false;
        }
        if (c === 34) {
            i = skipString(text, i);
            if (i < 0) break;
            continue;
        }
        if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
            if (depth === 0) break;
            depth--;
        } else if (c === 44 && depth === 0) expect = true;
        i++;
    }
    return starts;
}

/** The offset of the value of `key` in the object that opens at `open` (exact name first, then any case), or -1. */
export function valueOffset(text: string, open: number, key: string): number {
    let loose = -1;
    const wanted = key.toLowerCase();
    const n = text.length;
    let i = open + 1;
    for (;;) {
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (i >= n || text.charCodeAt(i) !== 34) return loose;
        const end = skipString(text, i);
        if (end < 0) return loose;
        let name: string;
        try {
            name = JSON.parse(text.slice(i, end)) as string;
        } catch {
            return loose;
        }
        i = end;
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) !== 58) return loose;
        i++;
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (name === key) return i;
        if (loose < 0 && name.toLowerCase() === wanted) loose = i;
        // Skip the value.
        let depth = 0;
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 34) {
                i = skipString(text, i);
                if (i < 0) return loose;
                if (depth === 0) break;
                continue;
            }
            if (c === 123 || c === 91) depth++;
            else if (c === 125 || c === 93) {
                if (depth === 0) return loose;
                depth--;
                if (depth === 0) {
                    i++;
                    break;
                }
            } else if (depth === 0 && (c === 44 || isSpace(c))) break;
            i++;
        }
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) !== 44) return loose;
        i++;
    }
}

class Syntax extends Error {
    constructor(readonly offset: number, message: string) {
        super(message);
    }
}

/** Where and why a JSON text is malformed, or undefined when it is valid. */
export function jsonSyntaxError(text: string, from = 0, to = text.length): { offset: number; message: string } | undefined {
    let i = from;
    const describe = (at: number): string => (at >= to ? 'the end of the text' : `'${text[at]}'`);
    const space = (): void => {
        while (i < to && isSpace(text.charCodeAt(i))) i++;
    };
    const fail = (expected: string): never => {
        throw new Syntax(i, i >= to ? `the JSON ends too early: expected ${expected}` : `unexpected ${describe(i)} in the JSON: expected ${expected}`);
    };
    const string = (): void => {
        const open = i;
        i++;
        while (i < to) {
            const c = text.charCodeAt(i);
            if (c === 34) {
                i++;
                return;
            }
            if (c === 92) {
                const e = text[i + 1];
                if (e === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Syntax(i, 'a \\u escape in the JSON needs 4 hex digits');
                    i += 6;
                } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
                else throw new Syntax(i, `unknown escape '\\${e ?? ''}' in a JSON string`);
                continue;
            }
            if (c < 32) throw new Syntax(i, 'a line break or control character inside a JSON string (a closing " is missing?)');
            i++;
        }
        throw new Syntax(open, 'a JSON string opened here is never closed (a closing " is missing)');
    };
    const value = (depth: number): void => {
        space();
        if (depth > 10000) throw new Syntax(i, 'the JSON is nested too deeply');
        const c = text.charCodeAt(i);
        if (c === 123) {
            i++;
            space();
            if (text.charCodeAt(i) === 125) {
                i++;
                return;
            }
            for (;;) {
                space();
                if (text.charCodeAt(i) !== 34) fail('a quoted field name');
                string();
                space();
                if (text.charCodeAt(i) !== 58) fail("':' after the field name");
                i++;
                value(depth + 1);
                space();
                if (text.charCodeAt(i) === 44) {
                    i++;
                    continue;
                }
                if (text.charCodeAt(i) === 125) {
                    i++;
                    return;
                }
                fail("',' or '}' after a value in an object");
            }
        }
        if (c === 91) {
            i++;
            space();
            if (text.charCodeAt(i) === 93) {
                i++;
                return;
            }
            for (;;) {
                value(depth + 1);
                space();
                if (text.charCodeAt(i) === 44) {
                    i++;
                    continue;
                }
                if (text.charCodeAt(i) === 93) {
                    i++;
                    return;
                }
                fail("',' or ']' after an element of an array");
            }
        }
        if (c === 34) return string();
        const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, Math.min(to, i + 400)));
        if (m && m[0].length) {
            i += m[0].length;
            return;
        }
        for (const word of ['true', 'false', 'null']) {
            if (text.startsWith(word, i) && i + word.length <= to) {
                i += word.length;
                return;
            }
        }
        fail('a value (a "string", a number, an object, an array, true, false or null)');
    };
    try {
        value(0);
        space();
        if (i < to) throw new Syntax(i, `unexpected ${describe(i)} after the end of the JSON value`);
        return undefined;
    } catch (e) {
        if (e instanceof Syntax) return { offset: e.offset, message: e.message };
        if (e instanceof RangeError) return { offset: from, message: 'the JSON is nested too deeply' };
        throw e;
    }
}
