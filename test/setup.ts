// Fails any test on a chevrotain grammar-ambiguity report ("Ambiguous Alternatives Detected"):
// ambiguous alternatives cost parse speed and memory. chevrotain's ALL(*) lookahead reports through
// console.log, and only outside production mode; test/language/grammar-ambiguity.test.ts parses
// every .norma file with a development-mode parser so that the reports are actually made.
import { beforeAll, afterAll } from 'vitest';

const originalWarn = console.warn;
const originalLog = console.log;
const guard = (original: (...args: unknown[]) => void) => (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/ambiguous alternatives/i.test(text)) throw new Error(`Grammar ambiguity: ${text}`);
    original(...args);
};
beforeAll(() => {
    console.warn = guard(originalWarn);
    console.log = guard(originalLog);
});
afterAll(() => {
    console.warn = originalWarn;
    console.log = originalLog;
});
