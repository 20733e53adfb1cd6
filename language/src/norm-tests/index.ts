/** Declarative norm tests: `.normtest.csv` fixtures run through the engine. */
export {
    NORM_TEST_SUFFIX, VERDICTS, POINT_STATUSES, parseNormTest,
    type FixtureError, type NormTestFixture, type FixturePoint, type VerdictExpectation,
} from './fixture.js';
export { runNormTest, normsExercised, normAt, type CaseFailure, type CaseResult, type CaseOutcome } from './run.js';
