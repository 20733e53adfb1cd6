/**
 * The validation registry: which check runs on which kind of node. Each check lives in a
 * small module of its own under this folder, named after the rule it enforces (SPEC §1),
 * with a stable exported code. Unresolved names are worded by linking.ts.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { NormaAstType } from '../generated/ast.js';
import type { NormaServices } from '../norma-module.js';
import {
    checkExclusionExpiresIsDay, checkExclusionHasApprover, checkExclusionHasPeriods, checkExclusionNotExpired,
    checkExclusionPeriodsFitMetrics, checkExclusionPeriodsInOrder,
} from './exclusion.js';
import { checkMetricHasRequiredProperties } from './metric.js';
import { checkCategoryNamesAreUnique, checkRequirementNamesAreUnique, checkTopLevelNamesAreUnique } from './names.js';
import {
    checkConsecutiveMissesIsWholeNumber, checkDataWithin, checkRespondWithin, checkCriticalFloorBelowTarget, checkCriticalFloorSideMatchesMetric,
    checkCriticalFloorSideMatchesNorm, checkNormDirectionMatchesMetric, checkNormFromIsDay, checkNormOptionsNotRepeated,
    checkNormStartsAreDistinct, checkNormUnitMatchesMetric, checkRangeLowNotAboveHigh, checkSampleConfidenceIsKnown,
    checkSampleMarginIsPercent, checkSampleMinimumIsWholeNumber,
} from './norm.js';
import { checkPassMarkIsPercent, checkPointsIsWholeNumber, checkRequirementPointsNotRepeated } from './scoring.js';
import {
    checkAppliedStandardsNotRepeated, checkCertificationIsCurrent, checkCertifiedIsDay, checkProgramCoversNeededNorms,
    checkUsedProfilesDoNotCollide, checkUsedProfilesNotRepeated,
} from './program.js';
import { checkStaffingGrain, checkStaffingMetricUnits, checkStaffingRoles } from './staffing.js';
import {
    checkDerivedField, checkFieldNamesAreUnique, checkFieldTypeIsKnown, checkFormatIsStrftime, checkFormula,
    checkFromAtIsInstant, checkFromHasFormula, checkKeepCondition, checkRecordsCondition, checkRecordsHaveNorms,
    checkTimeZoneExists,
} from './records.js';
import {
    checkExclusionPropertiesNotRepeated, checkMetricPropertiesNotRepeated, checkProgramPropertiesNotRepeated,
} from './properties.js';
import {
    checkChannelIsKnown, checkCurrencyCode, checkDirectionIsKnown, checkEvidenceKindIsKnown, checkFamilyIsKnown,
    checkNeedsFamilyIsKnown, checkPeriodGrainIsKnown, checkUnitIsKnown,
} from './vocabulary.js';

export function registerValidationChecks(services: NormaServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.NormaValidator;
    const checks: ValidationChecks<NormaAstType> = validator.checks();
    registry.register(checks, validator);
}

export class NormaValidator {
    /** The date age-related warnings are judged at (YYYY-MM-DD); the CLI sets it from --as-of. */
    asOf: string = new Date().toISOString().slice(0, 10);

    constructor(protected readonly services: NormaServices) {}

    checks(): ValidationChecks<NormaAstType> {
        const services = this.services;
        return {
            Workspace: [checkTopLevelNamesAreUnique(services)],
            Standard: [checkCategoryNamesAreUnique],
            Category: [checkRequirementNamesAreUnique],
            Requirement: [checkRequirementPointsNotRepeated],
            Points: [checkPointsIsWholeNumber],
            PassMark: [checkPassMarkIsPercent],
            Evidence: [checkEvidenceKindIsKnown],
            NeedsNorm: [checkNeedsFamilyIsKnown],
            Metric: [checkMetricPropertiesNotRepeated, checkMetricHasRequiredProperties, checkFromHasFormula],
            Source: [checkFieldNamesAreUnique],
            Field: [checkFieldTypeIsKnown, checkDerivedField],
            FormatOption: [checkFormatIsStrftime],
            TimezoneProperty: [checkTimeZoneExists],
            Keep: [checkKeepCondition],
            FromProperty: [checkFromAtIsInstant],
            FormulaProperty: [checkFormula],
            RecordsProperty: [checkRecordsCondition],
            FamilyProperty: [checkFamilyIsKnown],
            UnitProperty: [checkUnitIsKnown, checkCurrencyCode],
            BetterProperty: [checkDirectionIsKnown],
            PeriodProperty: [checkPeriodGrainIsKnown],
            Program: [
                checkProgramPropertiesNotRepeated,
                checkAppliedStandardsNotRepeated,
                checkUsedProfilesNotRepeated,
                checkNormStartsAreDistinct,
                checkUsedProfilesDoNotCollide,
                checkProgramCoversNeededNorms,
                checkRecordsHaveNorms,
            ],
            ChannelProperty: [checkChannelIsKnown],
            StaffingProperty: [checkStaffingRoles, checkStaffingGrain],
            StaffingEntry: [checkStaffingMetricUnits],
            CertifiedProperty: [checkCertifiedIsDay, checkCertificationIsCurrent(services)],
            Profile: [checkNormStartsAreDistinct],
            Norm: [checkNormFromIsDay, checkNormOptionsNotRepeated],
            Quantity: [checkNormUnitMatchesMetric],
            Bound: [checkNormDirectionMatchesMetric],
            Range: [checkRangeLowNotAboveHigh],
            ConsecutiveMisses: [checkConsecutiveMissesIsWholeNumber],
            RespondWithin: [checkRespondWithin],
            DataWithin: [checkDataWithin],
            SampleMinimum: [checkSampleMinimumIsWholeNumber],
            SamplePrecision: [checkSampleConfidenceIsKnown, checkSampleMarginIsPercent],
            CriticalFloor: [checkCriticalFloorSideMatchesNorm, checkCriticalFloorBelowTarget, checkCriticalFloorSideMatchesMetric],
            Exclusion: [
                checkExclusionPropertiesNotRepeated,
                checkExclusionHasPeriods,
                checkExclusionHasApprover,
                checkExclusionPeriodsFitMetrics,
            ],
            ExcludedPeriods: [checkExclusionPeriodsInOrder],
            Expires: [checkExclusionExpiresIsDay, checkExclusionNotExpired(services)],
        };
    }
}

export type { ValidationAcceptor };
