/**
 * A program's `staffing` block: each role named once, from the known roles (did-you-mean on a
 * typo), offered volume and handle time both given, and each role's metric of the kind that
 * role needs (a count of calls, a duration, ...), all at one interval grain: Erlang figures
 * describe one 15-minute, 30-minute or hourly interval, not a day or a month.
 */
import type { ValidationAcceptor } from 'langium';
import type { Metric, StaffingEntry, StaffingProperty } from '../generated/ast.js';
import { closest } from '../engine/suggest.js';
import { metricPeriod, metricUnit } from '../model/ast-access.js';

/** `staffing { ofered Calls }`: a role the block does not know. */
export const CODE_STAFFING_UNKNOWN_ROLE = 'staffing-unknown-role';
/** A role named twice in one block. */
export const CODE_STAFFING_REPEATED_ROLE = 'staffing-repeated-role';
/** A block without `offered` or without `handle`. */
export const CODE_STAFFING_MISSING_ROLE = 'staffing-missing-role';
/** `handle CallsOffered`: the metric is not of the kind the role needs. */
export const CODE_STAFFING_WRONG_UNIT = 'staffing-wrong-unit';
/** A staffing metric that is not measured per 15 or 30 minutes or per hour, or grains that differ. */
export const CODE_STAFFING_GRAIN = 'staffing-grain';

interface Role {
    what: string;
    units: readonly string[];
    example: string;
}

const ROLES: Record<string, Role> = {
    offered: { what: 'calls offered', units: ['count'], example: 'a count metric such as CallsOffered' },
    handle: { what: 'average handle time', units: ['seconds', 'minutes', 'hours'], example: 'a duration metric such as AverageHandleTime' },
    patience: { what: "callers' mean patience", units: ['seconds', 'minutes', 'hours'], example: 'a duration metric such as MeanPatience' },
    agents: { what: 'agents logged in', units: ['count', 'score'], example: 'a count metric such as AgentsLoggedIn' },
};
const INTERVAL_GRAINS = ['interval15', 'interval30', 'hourly'];

export function checkStaffingRoles(block: StaffingProperty, accept: ValidationAcceptor): void {
    const seen = new Map<string, StaffingEntry>();
    // A misspelt role is reported once, not again as the role that is then missing.
    const meant = new Set<string>();
    for (const entry of block.entries) {
        if (!(entry.role in ROLES)) {
            const suggestion = closest(entry.role, Object.keys(ROLES));
            if (suggestion) meant.add(suggestion);
            accept('error', suggestion
                ? `Unknown staffing role '${entry.role}'. Did you mean '${suggestion}'?`
                : `Unknown staffing role '${entry.role}'. Use offered, handle, patience or agents.`,
            { node: entry, property: 'role', code: CODE_STAFFING_UNKNOWN_ROLE, data: suggestion ? { suggestion } : {} });
            continue;
        }
        const first = seen.get(entry.role);
        if (first) {
            const line = (first.$cstNode?.range.start.line ?? 0) + 1;
            accept('error', `This staffing block already names '${entry.role}' (line ${line}); keep only one.`,
                { node: entry, property: 'role', code: CODE_STAFFING_REPEATED_ROLE });
        } else {
            seen.set(entry.role, entry);
        }
    }
    const missing = ['offered', 'handle'].filter(role => !seen.has(role) && !meant.has(role));
    if (missing.length > 0) {
        accept('error', `A staffing block needs ${missing.map(r => `'${r} <metric>' (${ROLES[r].example})`).join(' and ')}.`,
            { node: block, keyword: 'staffing', code: CODE_STAFFING_MISSING_ROLE });
    }
}

export function checkStaffingMetricUnits(entry: StaffingEntry, accept: ValidationAcceptor): void {
    const role = ROLES[entry.role];
    const metric = entry.metric?.ref;
    if (!role || !metric) return;
    const unit = metricUnit(metric)?.value;
    if (unit !== undefined && !role.units.includes(unit)) {
        accept('error', `'${entry.role}' is the ${role.what}: it takes ${role.example}, but '${metric.name}' is in ${unit}.`,
            { node: entry, property: 'metric', code: CODE_STAFFING_WRONG_UNIT });
    }
}

export function checkStaffingGrain(block: StaffingProperty, accept: ValidationAcceptor): void {
    let firstGrain: { grain: string; metric: Metric } | undefined;
    for (const entry of block.entries) {
        const metric = entry.metric?.ref;
        const grain = metric ? metricPeriod(metric)?.value : undefined;
        if (!metric || grain === undefined || !(entry.role in ROLES)) continue;
        if (!INTERVAL_GRAINS.includes(grain)) {
            accept('error', `Staffing is worked out per interval: '${metric.name}' is measured ${grain}; use a metric with period interval15, interval30 or hourly.`,
                { node: entry, property: 'metric', code: CODE_STAFFING_GRAIN });
        } else if (firstGrain && firstGrain.grain !== grain) {
            accept('error', `'${metric.name}' is measured ${grain} but '${firstGrain.metric.name}' ${firstGrain.grain}; every staffing metric needs the same interval.`,
                { node: entry, property: 'metric', code: CODE_STAFFING_GRAIN });
        } else {
            firstGrain ??= { grain, metric };
        }
    }
}
