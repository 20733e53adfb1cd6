// Fails any test on a chevrotain grammar-ambiguity warning: ambiguous alternatives cost parse speed and memory.
import { beforeAll, afterAll } from 'vitest';

const original = console.warn;
beforeAll(() => {
    console.warn = (...args: unknown[]) => {
        const text = args.map(String).join(' ');
        if (/ambiguit/i.test(text)) throw new Error(`Grammar ambiguity: ${text}`);
        original(...args);
    };
});
afterAll(() => { console.warn = original; });
