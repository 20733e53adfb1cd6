/** The output formats of `norma check`, by name. Each renders the same CheckResult. */
import type { CheckFormat } from './format.js';
import { json } from './json.js';
import { pretty } from './pretty.js';

export const FORMATS: Record<string, CheckFormat> = {
    pretty,
    json,
};
