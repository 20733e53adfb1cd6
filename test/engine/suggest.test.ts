// Did-you-mean: `closest` skips candidates whose length alone puts them out of reach (a long
// unknown name against every IANA time zone took seconds); the answer must be the one measuring
// every candidate gives.
import { describe, expect, it } from 'vitest';
import { closest } from '../../language/src/engine/suggest.js';
import { random } from '../fuzz/mutate.js';

/** Measures every candidate: what `closest` answered before it skipped any. */
function everyCandidate(name: string, candidates: string[]): string | undefined {
    const distance = (a: string, b: string) => {
        let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
        for (let i = 1; i <= a.length; i++) {
            const current = [i];
            for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.length];
    };
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = distance(name.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) { best = c; bestDistance = d; }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

const ZONES = Intl.supportedValuesOf('timeZone');
const NAMES = ['ServiceLevel', 'AverageHandleTime', 'FirstContactResolution', 'AbandonmentRate', 'SL', 'AHT', 'QA', 'CSAT', 'NPS', 'x'];

describe('closest', () => {
    it('answers as measuring every candidate does, over 1,000 seeded typos, short and long', () => {
        const r = random(15);
        const typo = (word: string) => {
            let w = word;
            for (let k = Math.floor(r() * 4); k > 0; k--) {
                const at = Math.floor(r() * (w.length + 1));
                const op = Math.floor(r() * 3);
                w = op === 0 ? w.slice(0, at) + w.slice(at + 1) : op === 1 ? w.slice(0, at) + 'abcxyz/_'[Math.floor(r() * 8)] + w.slice(at) : w.slice(0, at) + w.slice(at).toUpperCase();
            }
            return r() < 0.05 ? w.repeat(2 + Math.floor(r() * 8)) : w;
        };
        for (let i = 0; i < 1000; i++) {
            const candidates = r() < 0.5 ? ZONES : NAMES;
            const name = typo(candidates[Math.floor(r() * candidates.length)]);
            expect(closest(name, candidates), name).toBe(everyCandidate(name, candidates));
        }
    });

    it('suggests the zone a typo means, and nothing for text that is no zone at all', () => {
        expect(closest('Europe/Londn', ZONES)).toBe('Europe/London');
        expect(closest(`Euro${'program P { '.repeat(1500)}pe/Londn`, ZONES)).toBeUndefined();
    });
});
