/**
 * Properties said twice: two `unit` lines in a metric, two `client` lines in a program, two
 * `periods` in an exclusion. Lists that may be spread over several lines (`applies`, `uses`,
 * an exclusion's `program` and `metrics`) are not properties of this kind.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import type { Exclusion, Metric, Program } from '../generated/ast.js';

/** `unit percent` ... `unit seconds` in one metric: the second is an error. */
export const CODE_REPEATED_PROPERTY = 'repeated-property';

/** The keyword each single-valued property is written with. */
const KEYWORDS: Record<string, string> = {
    FamilyProperty: 'family', UnitProperty: 'unit', BetterProperty: 'better', PeriodProperty: 'period',
    DescriptionProperty: 'description', DataWithin: 'data within',
    ClientProperty: 'client', ProviderProperty: 'provider', ChannelProperty: 'channel', CertifiedProperty: 'certified', StaffingProperty: 'staffing',
    ExcludedPeriods: 'periods', ApprovedBy: 'approved by', Expires: 'expires',
};

export function checkMetricPropertiesNotRepeated(metric: Metric, accept: ValidationAcceptor): void {
    reportRepeated(metric.properties, 'metric', accept);
}

export function checkProgramPropertiesNotRepeated(program: Program, accept: ValidationAcceptor): void {
    reportRepeated(program.properties, 'program', accept);
}

export function checkExclusionPropertiesNotRepeated(exclusion: Exclusion, accept: ValidationAcceptor): void {
    reportRepeated(exclusion.properties, 'exclusion', accept);
}

function reportRepeated(properties: readonly AstNode[], owner: string, accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode>();
    for (const property of properties) {
        const keyword = KEYWORDS[property.$type];
        if (!keyword) continue;
        const first = seen.get(keyword);
        if (!first) {
            seen.set(keyword, property);
            continue;
        }
        const line = (first.$cstNode?.range.start.line ?? 0) + 1;
        accept('error', `This ${owner} already says '${keyword}' (line ${line}); keep only one.`,
            { node: property, code: CODE_REPEATED_PROPERTY, data: { keyword } });
    }
}
