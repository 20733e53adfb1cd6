/** What a readiness format receives: the one AssessResult, and the check result and model it came from. */
import type { AssessResult } from '../../../../language/src/audit/types.js';
import type { ReportContext } from '../format.js';
import type { CheckResult } from '../../../../language/src/engine/types.js';

export interface ReadinessContext extends ReportContext {
    check: CheckResult;
}

export type ReadinessFormat = (result: AssessResult, context: ReadinessContext) => string;
