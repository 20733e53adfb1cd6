export { coverage, renderCoverage, type CoverageReport, type RequirementCoverage, type RequirementCoverageStatus } from './coverage.js';
