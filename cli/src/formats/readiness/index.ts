/** The output formats of `norma assess`, by name. Each renders the same AssessResult. */
import type { ReadinessFormat } from './format.js';
import type { ReadinessFormatName } from '../names.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { pretty } from './pretty.js';

export const READINESS_FORMATS: Record<ReadinessFormatName, ReadinessFormat> = { pretty, json, markdown, html, junit };
