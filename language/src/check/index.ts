/** Running a check: the one path from a workspace and data to a verdict (see run-check.ts). */
export { runCheck, type CheckOutcome, type CheckProblems, type CheckWorkspace, type RunCheckInput } from './run-check.js';
export { dataFiles, mergeReads, type MeasurementSource, type ReadContext } from './sources.js';
export { engineRuntime, modelAsData, dataIssuesOf } from './engine-runtime.js';
