/**
 * `--format json`: the machine contract of SPEC §4 (`"schema": 1`), exactly the engine's result.
 * Small results are indented for people; large ones (over 10,000 points) are written one
 * result per line, produced piece by piece, so a million points neither take seconds of
 * indenting nor hold a second copy of the report in memory.
 */
import type { CheckResult } from '../../../language/src/engine/types.js';
import type { CheckFormat } from './format.js';

export const INDENTED_UP_TO_POINTS = 10_000;

export const json: CheckFormat = (result) => {
    const points = result.results.reduce((n, r) => n + r.points.length, 0);
    return points <= INDENTED_UP_TO_POINTS ? JSON.stringify(result, null, 2) : streamed(result);
};

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
