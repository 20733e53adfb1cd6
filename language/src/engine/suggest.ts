/**
 * Did-you-mean for unknown names: the closest known name by edit distance, ignoring case.
 * Lives in the engine (no imports) because the compiled checks explain unknown programs and
 * metrics in data too; the validator uses the same function for the language.
 */

export function closest(name: string, candidates: Iterable<string>): string | undefined {
    const wanted = name.toLowerCase();
    // Accept a suggestion only when it is plausibly a typo: within a third of the name's length.
    const limit = Math.max(2, Math.floor(name.length / 3));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const lower = candidate.toLowerCase();
        // The distance is at least the difference in length: a candidate that cannot be within
        // the limit, or beat the best so far, is not measured (an 18,000-character time zone
        // against every IANA name took seconds; found by the document fuzzer).
        const gap = Math.abs(lower.length - wanted.length);
        if (gap > limit || gap >= bestDistance) continue;
        const d = distance(wanted, lower);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** ` Did you mean 'X'?` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
    const best = closest(name, candidates);
    return best ? ` Did you mean '${best}'?` : '';
}

function distance(a: string, b: string): number {
    if (a === b) return 0;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    return previous[b.length];
}
