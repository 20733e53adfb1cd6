/** `--format json`: the machine contract of SPEC §4 (`"schema": 1`), exactly the engine's result. */
import type { CheckFormat } from './format.js';

export const json: CheckFormat = (result) => JSON.stringify(result, null, 2);
