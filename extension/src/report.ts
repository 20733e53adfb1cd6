/**
 * What the editor shows of a check: the summary line, the status bar's few words, and the
 * report page for the webview (the HTML report itself, rendered by cli/src/formats/html.ts).
 */
import type { Action, CheckResult } from '../../language/src/engine/types.js';
import type { NormaModel } from '../../language/src/model/types.js';
import { webviewReport } from '../../cli/src/formats/html.js';

export function summaryLine(result: CheckResult): string {
    const s = result.summary;
    const parts = [
        `${s.norms} norm${s.norms === 1 ? '' : 's'}`,
        `${s.met} met`,
        s.atRisk && `${s.atRisk} at risk`,
        s.actionPlanned && `${s.actionPlanned} action planned`,
        s.actionRequired && `${s.actionRequired} action required`,
        s.overdue && `${s.overdue} overdue`,
        s.noData && `${s.noData} no data`,
        s.stale && `${s.stale} stale`,
        s.requirementsUnsatisfied && `${s.requirementsUnsatisfied} requirement${s.requirementsUnsatisfied === 1 ? '' : 's'} unsatisfied`,
    ].filter(Boolean);
    return `${s.passed ? 'Gate passes' : 'Gate fails'}: ${parts.join(', ')} (as of ${result.asOf}).`;
}

/**
 * What fails the gate, in a few words for the status bar: `2 breaches, 1 no data`.
 * A breach is a norm whose verdict is action required or overdue.
 */
export function gateFailures(result: CheckResult): string {
    const s = result.summary;
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const breaches = s.actionRequired + s.overdue;
    return [
        breaches && plural(breaches, 'breach', 'breaches'),
        s.noData && `${s.noData} no data`,
        s.stale && `${s.stale} stale`,
        s.requirementsUnsatisfied && plural(s.requirementsUnsatisfied, 'unmet requirement', 'unmet requirements'),
    ].filter(Boolean).join(', ') || 'gate fails';
}

/**
 * The report for the webview: the same page as `norma check --format html` (charts, action
 * log, exclusion register and all), under the webview's Content-Security-Policy: no script, a
 * nonce'd style, images only from the webview itself. The charts are inline SVG, so they need
 * nothing the policy forbids.
 */
export function renderReport(
    result: CheckResult, model: NormaModel, options: { cspSource: string; nonce: string; root: string; actions?: readonly Action[] },
): string {
    return webviewReport(result, { model, diagnostics: [], color: false, root: options.root, actions: options.actions ?? [] },
        { nonce: options.nonce, cspSource: options.cspSource });
}
