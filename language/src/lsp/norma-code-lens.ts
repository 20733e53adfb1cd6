/**
 * Code lenses: on each metric, how many programs use it ("used by 3 programs", counting norms
 * inherited from profiles); on each program norm, its verdict on the data named by the
 * `norma.data` setting ("met 27 of 31 days; action required since 2026-01-04"), computed by
 * the evaluation service through the engine `norma check` uses.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isMetric, isProgram, type Program, type Workspace } from '../generated/ast.js';
import { effectiveNorms } from '../model/build.js';
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
        if (programs.length) {
            const verdicts = await this.services.lsp.NormaEvaluation.normVerdicts();
            if (verdicts) {
                for (const program of programs) {
                    for (const norm of program.norms) {
                        if (!norm.$cstNode) continue;
                        const key = `${program.name}.${norm.metric?.ref?.name ?? norm.metric?.$refText}${norm.from ? '@' + norm.from : ''}`;
                        const title = verdicts.byNorm.get(key) ?? verdicts.fallback;
                        if (title) lenses.push({ range: norm.$cstNode.range, command: { title, command: '' } });
                    }
                }
            }
        }
        return lenses;
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
