/**
 * Reading declarations off the AST: the first occurrence of each property of a metric,
 * program or exclusion. Shared by the model builder and the validator so both read a
 * declaration the same way. Repeated properties are the validator's business.
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isAppliesProperty, isApprovedBy, isDataWithin, isBetterProperty, isCertifiedProperty, isChannelProperty, isClientProperty,
    isDescriptionProperty, isExcludedMetrics, isField, isFormulaProperty, isFromProperty, isKeep, isRecordsProperty, isStaffingProperty,
    isTableProperty, isTimezoneProperty, isExcludedPeriods, isExcludedPrograms, isExpires, isFamilyProperty,
    isPeriodProperty, isProviderProperty, isUnitProperty, isUsesProperty,
    type AppliesProperty, type ApprovedBy, type BetterProperty, type CertifiedProperty, type ChannelProperty,
    type ClientProperty, type DataWithin, type DescriptionProperty, type ExcludedMetrics, type ExcludedPeriods, type ExcludedPrograms,
    type Exclusion, type Expires, type FamilyProperty, type Metric, type PeriodProperty, type Program,
    type ProviderProperty, type UnitProperty, type UsesProperty, type Field, type FormulaProperty, type FromProperty,
    type Keep, type RecordsProperty, type StaffingProperty, type Source, type TableProperty, type TimezoneProperty,
} from '../generated/ast.js';

function first<T extends AstNode>(items: readonly AstNode[], is: (n: unknown) => n is T): T | undefined {
    return items.find(is) as T | undefined;
}

export function all<T extends AstNode>(items: readonly AstNode[], is: (n: unknown) => n is T): T[] {
    return items.filter(is) as T[];
}

export const metricFamily = (m: Metric): FamilyProperty | undefined => first(m.properties, isFamilyProperty);
export const metricUnit = (m: Metric): UnitProperty | undefined => first(m.properties, isUnitProperty);
export const metricBetter = (m: Metric): BetterProperty | undefined => first(m.properties, isBetterProperty);
export const metricPeriod = (m: Metric): PeriodProperty | undefined => first(m.properties, isPeriodProperty);
export const metricDescription = (m: Metric): DescriptionProperty | undefined => first(m.properties, isDescriptionProperty);
export const metricDataWithin = (m: Metric): DataWithin | undefined => first(m.properties, isDataWithin);

export const metricFrom = (m: Metric): FromProperty | undefined => first(m.properties, isFromProperty);
export const metricFormula = (m: Metric): FormulaProperty | undefined => first(m.properties, isFormulaProperty);

export const sourceFields = (s: Source): Field[] => all(s.members, isField);
export const sourceKeeps = (s: Source): Keep[] => all(s.members, isKeep);
export const sourceTimezone = (s: Source): TimezoneProperty | undefined => first(s.members, isTimezoneProperty);
export const sourceTable = (s: Source): TableProperty | undefined => first(s.members, isTableProperty);

export const programRecords = (p: Program): RecordsProperty[] => all(p.properties, isRecordsProperty);
export const programStaffing = (p: Program): StaffingProperty | undefined => first(p.properties, isStaffingProperty);
export const programClient = (p: Program): ClientProperty | undefined => first(p.properties, isClientProperty);
export const programProvider = (p: Program): ProviderProperty | undefined => first(p.properties, isProviderProperty);
export const programChannel = (p: Program): ChannelProperty | undefined => first(p.properties, isChannelProperty);
export const programCertified = (p: Program): CertifiedProperty | undefined => first(p.properties, isCertifiedProperty);
export const programApplies = (p: Program): AppliesProperty[] => all(p.properties, isAppliesProperty);
export const programUses = (p: Program): UsesProperty[] => all(p.properties, isUsesProperty);

export const exclusionPrograms = (e: Exclusion): ExcludedPrograms[] => all(e.properties, isExcludedPrograms);
export const exclusionMetrics = (e: Exclusion): ExcludedMetrics[] => all(e.properties, isExcludedMetrics);
export const exclusionPeriods = (e: Exclusion): ExcludedPeriods | undefined => first(e.properties, isExcludedPeriods);
export const exclusionApprover = (e: Exclusion): ApprovedBy | undefined => first(e.properties, isApprovedBy);
export const exclusionExpires = (e: Exclusion): Expires | undefined => first(e.properties, isExpires);

/** The document a node lives in. */
export function documentOf(node: AstNode) {
    return AstUtils.getDocument(node);
}
