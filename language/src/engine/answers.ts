/**
 * Which improvement actions answer a trigger (SPEC §3a): every action row for the same program
 * and metric, with an owner, opened on or after the first day of the trigger's last (firing)
 * period and, when the norm says `respond within N days`, no later than N days after that
 * period's last day. Actions are taken as of the evaluation day: one opened after `asOf` does
 * not exist yet, and one closed after `asOf` is still open. A trigger is overdue when any of
 * its answering actions is open and past its due day at `asOf`. Ownerless rows answer nothing
 * (`check` reports them as warnings). Rows are put in one canonical order first, so their
 * order in the input never shows in a result.
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

/** Whether an action row names someone responsible for it. */
export function hasOwner(a: Action): boolean {
    return typeof a.owner === 'string' && a.owner.trim() !== '';
}

export function indexActions(actions: readonly Action[] | undefined, asOfDay: number): ActionIndex {
    const index: ActionIndex = new Map();
    for (const a of actions ?? []) {
        if (!a || !hasOwner(a)) continue;
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
    for (const byMetric of index.values()) for (const list of byMetric.values()) list.sort(canonical);
    return index;
}

/** Opened day first, then every other field: equal rows in any input order sort the same. */
function canonical(x: DatedAction, y: DatedAction): number {
    return x.opened - y.opened
        || text(x.ref.due, y.ref.due) || text(x.ref.closed, y.ref.closed) || text(x.ref.owner, y.ref.owner) || text(x.ref.result, y.ref.result);
}

function text(a: string | null, b: string | null): number {
    const x = a ?? '';
    const y = b ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
}

export interface Answer {
    /** The first answering action in canonical order (earliest opened), or null. */
    answeredBy: ActionRef | null;
    /** Every answering action, earliest opened first. */
    answers: ActionRef[];
    overdue: boolean;
}

/**
 * The actions of a program and metric opened on or after `sinceDay` and, when `untilDay` is
 * given, not after it.
 */
export function answerFor(
    index: ActionIndex, program: string, metric: string, sinceDay: number, untilDay: number | undefined, asOfDay: number,
): Answer {
    const list = index.get(program)?.get(metric);
    if (!list) return { answeredBy: null, answers: [], overdue: false };
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid].opened < sinceDay) lo = mid + 1;
        else hi = mid;
    }
    const answers: ActionRef[] = [];
    let overdue = false;
    for (let i = lo; i < list.length; i++) {
        const action = list[i];
        if (untilDay !== undefined && action.opened > untilDay) break;
        answers.push(action.ref);
        const closedByAsOf = action.closed !== undefined && action.closed <= asOfDay;
        if (action.due !== undefined && action.due < asOfDay && !closedByAsOf) overdue = true;
    }
    return { answeredBy: answers[0] ?? null, answers, overdue };
}
