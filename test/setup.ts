// Fails any test on a chevrotain grammar-ambiguity report ("Ambiguous Alternatives Detected"):
// ambiguous alternatives cost parse speed and memory. chevrotain's ALL(*) lookahead reports through
// console.log, and only outside production mode; test/language/grammar-ambiguity.test.ts parses
// every .norma file with a development-mode parser so that the reports are actually made.
// Also fails any test in which Langium swallowed an exception of a validation check into
// "An error occurred during validation" (a check that throws drops the document's remaining
// checks in the editor, so a partial AST must never make one throw).
import { afterAll, afterEach, beforeAll } from 'vitest';
import { takeSwallowedExceptions, watchSwallowedExceptions } from './swallowed.js';

const originalWarn = console.warn;
const originalLog = console.log;
let unwatch: () => void = () => undefined;
const guard = (original: (...args: unknown[]) => void) => (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/ambiguous alternatives/i.test(text)) throw new Error(`Grammar ambiguity: ${text}`);
    original(...args);
};
beforeAll(() => {
    console.warn = guard(originalWarn);
    console.log = guard(originalLog);
    unwatch = watchSwallowedExceptions();
});
afterEach(() => {
    const swallowed = takeSwallowedExceptions();
    if (swallowed.length) throw new Error(`Langium swallowed ${swallowed.length} exception(s) during validation:\n${swallowed.join('\n')}`);
});
afterAll(() => {
    console.warn = originalWarn;
    console.log = originalLog;
    unwatch();
});
