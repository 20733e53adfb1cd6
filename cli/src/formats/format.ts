/**
 * What every output format receives: the one `CheckResult` of an evaluation (SPEC §4) and
 * the context to render it (the model for titles and units, language diagnostics, colour).
 * A format renders; it never evaluates.
 */
import type { Action, CheckResult } from '../../../language/src/engine/types.js';
import type { AssessResult } from '../../../language/src/audit/types.js';
import type { NormaModel } from '../../../language/src/model/types.js';
import type { Diagnostic } from '../../../language/src/workspace/workspace.js';

export interface ReportContext {
    model: NormaModel;
    /** Warnings of the language (errors block a check before any format runs). */
    diagnostics: Diagnostic[];
    /** ANSI colour allowed (a TTY and no NO_COLOR). */
    color: boolean;
    /** Absolute path of the workspace root, for formats that link to files. */
    root: string;
    /** The action rows read (`--actions`), for the HTML report's action log. */
    actions?: readonly Action[];
    /** Audit readiness (`norma assess`), for the HTML report's readiness summary. */
    assessment?: AssessResult;
    /** Verdicts that fail the gate besides the defaults (`--fail-on`). */
    failOn?: readonly string[];
}

/** A report as one text, or as pieces for large reports that are written as they are made. */
export type Report = string | Iterable<string>;

export type CheckFormat = (result: CheckResult, context: ReportContext) => Report;

/** A format whose report is always one text. */
export type TextFormat = (result: CheckResult, context: ReportContext) => string;
