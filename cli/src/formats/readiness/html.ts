/** `norma assess --format html`: the HTML report of the check, with the readiness summary first. */
import { html as report } from '../html.js';
import type { ReadinessFormat } from './format.js';

export const html: ReadinessFormat = (result, context) => report(context.check, { ...context, assessment: result });
