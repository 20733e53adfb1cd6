/** The output formats of `norma check`, by name. Each renders the same CheckResult. */
import type { CheckFormat } from './format.js';
import type { CheckFormatName } from './names.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';

export const FORMATS: Record<CheckFormatName, CheckFormat> = {
    pretty,
    json,
    junit,
    sarif,
    markdown,
    html,
    github,
};
