/** `norma assess --format json`: the AssessResult as it is (`"schema": 1`), documented in the README. */
import type { ReadinessFormat } from './format.js';

export const json: ReadinessFormat = result => JSON.stringify(result, null, 2) + '\n';
