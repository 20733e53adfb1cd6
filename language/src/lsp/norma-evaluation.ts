/**
 * The evaluate code lens's data: reads the `norma.data`, `norma.actions` and `norma.asOf`
 * settings (workspace/configuration, or the client's initializationOptions), and evaluates the
 * workspace's norms over that data. Filled in once the engine and readers exist.
 */
import type { LangiumServices } from 'langium/lsp';

export interface NormVerdicts {
    /** Norm id (`Program.Metric` or `Program.Metric@from`) -> the lens title. */
    byNorm: Map<string, string>;
    /** Shown on every norm when the data cannot be evaluated (missing file, bad rows). */
    fallback?: string;
}

export class NormaEvaluation {
    constructor(protected readonly services: LangiumServices) {}

    async normVerdicts(): Promise<NormVerdicts | undefined> {
        return undefined;
    }
}
