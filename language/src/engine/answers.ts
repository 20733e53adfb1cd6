/**
 * Which improvement action answers a trigger: an action row for the same program and metric,
 * with an owner, opened on or after the first day of the trigger's last (firing) period. The
 * earliest such action (by opened day, then input order) answers it. Actions are taken as of
 * the evaluation day: one opened after `asOf` does not exist yet, and one closed after `asOf`
 * is still open. An answering action is overdue when its due day is before `asOf` and it is
 * not closed by then.
 */
import type { Action, ActionRef } from './types.js';
import { dayNumberOf } from './calendar.js';

interface DatedAction {
    opened: number;
    due: number | undefined;
    closed: number | undefined;
    ref: ActionRef;
}

export type ActionIndex = Map<string, Map<string, DatedAction[]>>;

export function indexActions(actions: readonly Action[] | undefined, asOfDay: number): ActionIndex {
    const index: ActionIndex = new Map();
    for (const a of actions ?? []) {
        if (!a || typeof a.owner !== 'string' || a.owner.trim() === '') continue;
        const opened = dayNumberOf(a.opened);
        if (opened === undefined || opened > asOfDay) continue;
        let byMetric = index.get(a.program);
        if (!byMetric) index.set(a.program, byMetric = new Map());
        let list = byMetric.get(a.metric);
        if (!list) byMetric.set(a.metric, list = []);
        list.push({
            opened,
            due: dayNumberOf(a.due),
            closed: dayNumberOf(a.closed),
            ref: { opened: a.opened, owner: a.owner, due: a.due || null, closed: a.closed || null, result: a.result || null },
        });
    }
    // Stable sort: equal opened days keep input order.
    for (const byMetric of index.values()) for (const list of byMetric.values()) list.sort((x, y) => x.opened - y.opened);
    return index;
}

export interface Answer {
    answeredBy: ActionRef | null;
    overdue: boolean;
}

/** The earliest action of a program and metric opened on or after `sinceDay`. */
export function answerFor(index: ActionIndex, program: string, metric: string, sinceDay: number, asOfDay: number): Answer {
    const list = index.get(program)?.get(metric);
    if (!list) return { answeredBy: null, overdue: false };
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid].opened < sinceDay) lo = mid + 1;
        else hi = mid;
    }
    const action = list[lo];
    if (!action) return { answeredBy: null, overdue: false };
    const closedByAsOf = action.closed !== undefined && action.closed <= asOfDay;
    return { answeredBy: action.ref, overdue: action.due !== undefined && action.due < asOfDay && !closedByAsOf };
}
