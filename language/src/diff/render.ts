/**
 * The semantic diff as text: `pretty` for a terminal, `markdown` for a pull-request comment,
 * `json` for tools (`"schema": 1`). Pure string functions.
 */
import type { Change, ChangeEffect, DiffResult } from './diff.js';
import type { ReplayResult } from './replay.js';

export interface DiffReport {
    old: string;
    new: string;
    diff: DiffResult;
    replay?: ReplayResult;
    /** Why the gate fails (`--fail-on`), or empty. */
    failures: string[];
}

export interface Paint {
    green(s: string): string;
    red(s: string): string;
    yellow(s: string): string;
    bold(s: string): string;
    dim(s: string): string;
}

const PLAIN: Paint = { green: s => s, red: s => s, yellow: s => s, bold: s => s, dim: s => s };

const SECTIONS: { title: string; test: (c: Change) => boolean }[] = [
    { title: 'Norms', test: c => c.kind.startsWith('norm-') },
    { title: 'Metrics', test: c => c.kind.startsWith('metric-') },
    { title: 'Programs', test: c => c.kind.startsWith('program-') },
    { title: 'Standards and requirements', test: c => c.kind.startsWith('standard-') || c.kind.startsWith('requirement-') },
    { title: 'Exclusions', test: c => c.kind.startsWith('exclusion-') },
];

/** Per profile, the programs its norm changes reach. */
export function profileReach(changes: readonly Change[]): { profile: string; programs: string[]; changes: number }[] {
    const map = new Map<string, { programs: Set<string>; changes: number }>();
    for (const c of changes) {
        if (!c.profile || !c.kind.startsWith('norm-') || !c.program) continue;
        const entry = map.get(c.profile) ?? { programs: new Set<string>(), changes: 0 };
        entry.programs.add(c.program);
        entry.changes++;
        map.set(c.profile, entry);
    }
    return [...map].sort((a, b) => a[0].localeCompare(b[0])).map(([profile, e]) => ({ profile, programs: [...e.programs].sort(), changes: e.changes }));
}

function tag(effect: ChangeEffect, p: Paint): string {
    return effect === 'tightened' ? p.yellow('tightened') : effect === 'loosened' ? p.red('loosened ') : p.dim('changed  ');
}

function where(c: Change): string {
    return c.source ? `${c.source.file}:${c.source.line}` : '';
}

function headline(r: DiffReport): string {
    const { counts, changes } = r.diff;
    if (!changes.length) return 'No semantic change.';
    return `${changes.length} change${changes.length === 1 ? '' : 's'}: ${counts.tightened} tightened, ${counts.loosened} loosened, ${counts.neutral} other.`;
}

function flipLine(f: ReplayResult['flips'][number]): string {
    return `${f.program} ${f.metric}: ${f.before} -> ${f.after}${f.details.length ? `; ${f.details.join('; ')}` : ''}`;
}

export function renderPretty(r: DiffReport, paint: Paint = PLAIN): string {
    const lines = [paint.bold(`norma diff ${r.old} -> ${r.new}`), headline(r)];
    for (const s of SECTIONS) {
        const list = r.diff.changes.filter(s.test);
        if (!list.length) continue;
        lines.push('', paint.bold(s.title));
        for (const c of list) lines.push(`  ${tag(c.effect, paint)}  ${c.subject}: ${c.summary}${where(c) ? paint.dim(`  ${where(c)}`) : ''}`);
    }
    const reach = profileReach(r.diff.changes);
    if (reach.length) {
        lines.push('', paint.bold('Profiles'));
        for (const p of reach) lines.push(`  ${p.profile}: ${p.changes} norm change${p.changes === 1 ? '' : 's'} reaching ${p.programs.join(', ')}`);
    }
    if (r.replay) lines.push('', ...replayPretty(r.replay, paint));
    if (r.failures.length) lines.push('', ...r.failures.map(f => paint.red(`gate: ${f}`)));
    return lines.join('\n');
}

function replayPretty(rep: ReplayResult, paint: Paint): string[] {
    const lines = [paint.bold(`Replay over the data as of ${rep.asOf}`)];
    if (!rep.flips.length) lines.push(`  No verdict flips (${rep.compared} norm${rep.compared === 1 ? '' : 's'} compared).`);
    else lines.push(`  ${rep.flips.length} of ${rep.compared} norm verdicts flip:`);
    for (const f of rep.flips) {
        const color = f.direction === 'worse' ? paint.red : f.direction === 'better' ? paint.green : paint.yellow;
        lines.push(`  ${color(flipLine(f))}`);
    }
    lines.push(...droppedLines(rep).map(l => `  ${paint.dim(l)}`));
    return lines;
}

function droppedLines(rep: ReplayResult): string[] {
    const out: string[] = [];
    for (const side of ['old', 'new'] as const) {
        const n = rep.dropped.filter(d => d.side === side).length;
        if (n) out.push(`${n} data row${n === 1 ? '' : 's'} left out of the ${side} version (it cannot judge them): ${rep.dropped.find(d => d.side === side)!.message}`);
    }
    return out;
}

function mdEscape(s: string): string {
    return s.replace(/\|/g, '\\|');
}

export function renderMarkdown(r: DiffReport): string {
    const lines = [`### Norma: what this change means`, '', `\`${r.old}\` → \`${r.new}\`: ${headline(r)}`];
    const { counts } = r.diff;
    if (counts.loosened) lines.push('', `> **${counts.loosened} loosening change${counts.loosened === 1 ? '' : 's'}**: the contract asks less of the provider.`);
    for (const s of SECTIONS) {
        const list = r.diff.changes.filter(s.test);
        if (!list.length) continue;
        lines.push('', `#### ${s.title}`, '', '| | What | Change | Where |', '|---|---|---|---|');
        for (const c of list) {
            const icon = c.effect === 'tightened' ? '🔺 tightened' : c.effect === 'loosened' ? '🔻 loosened' : '✏️ changed';
            lines.push(`| ${icon} | ${mdEscape(c.subject)} | ${mdEscape(c.summary)} | ${where(c) ? `\`${where(c)}\`` : ''} |`);
        }
    }
    const reach = profileReach(r.diff.changes);
    if (reach.length) {
        lines.push('', '#### Profiles', '');
        for (const p of reach) lines.push(`- **${p.profile}**: ${p.changes} norm change${p.changes === 1 ? '' : 's'} reaching ${p.programs.join(', ')}`);
    }
    if (r.replay) {
        const rep = r.replay;
        lines.push('', `#### Replay over the data (as of ${rep.asOf})`, '');
        if (!rep.flips.length) lines.push(`No verdict flips (${rep.compared} norms compared).`);
        for (const f of rep.flips) lines.push(`- ${f.direction === 'worse' ? '🔴' : f.direction === 'better' ? '🟢' : '🟡'} **${f.program} ${f.metric}**: \`${f.before}\` → \`${f.after}\`${f.details.length ? `; ${f.details.join('; ')}` : ''}`);
        for (const l of droppedLines(rep)) lines.push(`- _${l}_`);
    }
    if (r.failures.length) lines.push('', ...r.failures.map(f => `**Gate:** ${f}`));
    return lines.join('\n');
}

export function renderJson(r: DiffReport): string {
    return JSON.stringify({
        schema: 1,
        old: r.old,
        new: r.new,
        summary: {
            changes: r.diff.changes.length,
            ...r.diff.counts,
            ...(r.replay ? { flips: r.replay.flips.length } : {}),
            passed: r.failures.length === 0,
        },
        changes: r.diff.changes,
        profiles: profileReach(r.diff.changes),
        ...(r.replay ? {
            replay: { asOf: r.replay.asOf, compared: r.replay.compared, flips: r.replay.flips, dropped: r.replay.dropped },
        } : {}),
        failures: r.failures,
    }, null, 2);
}
