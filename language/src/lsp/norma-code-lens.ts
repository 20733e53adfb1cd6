/**
 * Code lenses: on each metric, how many programs use it ("used by 3 programs", counting norms
 * inherited from profiles); on each program norm, its verdict on the data named by the
 * `norma.data` setting ("met 27 of 31 days; action required since 2026-01-04"), computed by
 * the evaluation service through the engine `norma check` uses; on each profile norm, its
 * verdict in every program that takes it.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isBound, isMetric, isProfile, isProgram, isRange, type Norm, type Profile, type Program, type Workspace } from '../generated/ast.js';
import { effectiveNorms } from '../model/build.js';
import { visible } from '../text/visible.js';
import type { NormaEvaluation } from './norma-evaluation.js';

export class NormaCodeLensProvider implements CodeLensProvider {
    constructor(protected readonly services: LangiumServices & { lsp: { NormaEvaluation: NormaEvaluation } }) {}

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams): Promise<CodeLens[]> {
        const root = document.parseResult.value as Workspace;
        const lenses: CodeLens[] = [];
        const metrics = root.elements.filter(isMetric);
        if (metrics.length) {
            const users = this.programsByMetric();
            for (const metric of metrics) {
                if (!metric.$cstNode) continue;
                const n = users.get(metric.name)?.size ?? 0;
                const title = n === 0 ? 'not used by any program' : `used by ${n} program${n === 1 ? '' : 's'}`;
                lenses.push({ range: metric.$cstNode.range, command: { title, command: '' } });
            }
        }
        const programs = root.elements.filter(isProgram);
        const profiles = root.elements.filter(isProfile);
        if (programs.length || profiles.length) {
            const verdicts = await this.services.lsp.NormaEvaluation.normVerdicts();
            if (verdicts) {
                for (const program of programs) {
                    // One lens per norm of the model: a second norm for the same metric and start
                    // (one being typed) gets none, nor does a norm whose comparison is not typed yet.
                    const seen = new Set<string>();
                    for (const norm of program.norms) {
                        if (!norm.$cstNode || !isComplete(norm)) continue;
                        const key = normKey(program.name, norm);
                        if (seen.has(key)) continue;
                        seen.add(key);
                        const title = verdicts.byNorm.get(key) ?? verdicts.fallback;
                        if (title) lenses.push({ range: norm.$cstNode.range, command: { title: visible(title), command: '' } });
                    }
                }
                for (const profile of profiles) {
                    const users = this.programsUsing(profile);
                    for (const norm of profile.norms) {
                        if (!norm.$cstNode || !isComplete(norm)) continue;
                        const title = profileTitle(norm, users, verdicts.byNorm, verdicts.fallback);
                        if (title) lenses.push({ range: norm.$cstNode.range, command: { title: visible(title), command: '' } });
                    }
                }
            }
        }
        return lenses;
    }

    /** The programs that take norms from a profile (`uses`), with the norms they take from it. */
    protected programsUsing(profile: Profile): { program: string; norms: Set<Norm> }[] {
        const users: { program: string; norms: Set<Norm> }[] = [];
        const programs = this.services.shared.workspace.IndexManager.allElements('Program').map(d => d.node).filter(isProgram);
        for (const program of programs as Iterable<Program>) {
            const taken = effectiveNorms(program).filter(e => e.profile === profile.name).map(e => e.norm);
            if (taken.length) users.push({ program: program.name, norms: new Set(taken) });
        }
        return users.sort((a, b) => (a.program < b.program ? -1 : a.program > b.program ? 1 : 0));
    }

    /** Metric name -> the programs whose norms in force (own or from a profile) name it. */
    protected programsByMetric(): Map<string, Set<string>> {
        const users = new Map<string, Set<string>>();
        const programs = this.services.shared.workspace.IndexManager.allElements('Program').map(d => d.node).filter(isProgram);
        for (const program of programs as Iterable<Program>) {
            for (const { norm } of effectiveNorms(program)) {
                const metric = norm.metric?.ref?.name ?? norm.metric?.$refText;
                if (!users.has(metric)) users.set(metric, new Set());
                users.get(metric)!.add(program.name);
            }
        }
        return users;
    }
}

/** The key of a norm's verdict: `Program.Metric`, with `@from` for a dated norm (the model's norm id). */
function normKey(program: string, norm: Norm): string {
    return `${program}.${norm.metric?.ref?.name ?? norm.metric?.$refText}${norm.from ? '@' + norm.from : ''}`;
}

/** A norm whose metric and comparison are typed in full (while one is half-typed it has no verdict of its own). */
function isComplete(norm: Norm): boolean {
    const c = norm.comparison;
    if (!norm.metric?.$refText) return false;
    if (isBound(c)) return Boolean(c.op && c.threshold?.$cstNode);
    if (isRange(c)) return Boolean(c.low?.$cstNode && c.high?.$cstNode);
    return false;
}

/** A profile norm's lens: its verdict in each program that takes it (`AcmeVoice: met 30 of 31 days · ...`). */
function profileTitle(norm: Norm, users: { program: string; norms: Set<Norm> }[], byNorm: Map<string, string>, fallback: string | undefined): string | undefined {
    const taking = users.filter(u => u.norms.has(norm));
    if (taking.length === 0) return 'not used by any program (no verdict)';
    if (fallback && !taking.some(u => byNorm.has(normKey(u.program, norm)))) return fallback;
    const shown = taking.slice(0, 3).map(u => `${u.program}: ${byNorm.get(normKey(u.program, norm)) ?? fallback ?? 'no verdict'}`);
    return shown.join(' · ') + (taking.length > 3 ? ` · and ${taking.length - 3} more programs` : '');
}
