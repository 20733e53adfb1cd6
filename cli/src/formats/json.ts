/**
 * `--format json`: the machine contract of SPEC §4 (`"schema": 1`), exactly the engine's result.
 * Small results are indented for people; large ones (over 10,000 points) are written one
 * result per line, produced piece by piece, so a million points neither take seconds of
 * indenting nor hold a second copy of the report in memory: the writer holds one result's
 * text at a time (and the engine makes a result's points only when they are read), so memory
 * stays flat however many results there are.
 */
import type { CheckResult } from '../../../language/src/engine/types.js';
import type { CheckFormat } from './format.js';

export const INDENTED_UP_TO_POINTS = 10_000;

export const json: CheckFormat = (result) => (small(result) ? JSON.stringify(result, null, 2) : streamed(result));

/** Whether the results hold at most INDENTED_UP_TO_POINTS points (counted only that far: a large result's points may be made as they are read). */
function small(result: CheckResult): boolean {
    let points = 0;
    for (const r of result.results) {
        points += r.points.length;
        if (points > INDENTED_UP_TO_POINTS) return false;
    }
    return true;
}

function* streamed(result: CheckResult): Generator<string> {
    let first = true;
    for (const [key, value] of Object.entries(result)) {
        yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
        first = false;
        if (key === 'results' && Array.isArray(value)) {
            yield '[';
            for (let i = 0; i < value.length; i++) yield `${i ? ',' : ''}\n${JSON.stringify(value[i])}`;
            yield '\n]';
        } else {
            yield JSON.stringify(value);
        }
    }
    yield '}\n';
}
