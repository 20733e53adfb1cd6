/** `--target json`: the resolved model for other tools, stable key order, two-space indent. */
import type { NormaModel } from '../model/types.js';

export function generateModelJson(model: NormaModel): string {
    return JSON.stringify(model, null, 2) + '\n';
}
