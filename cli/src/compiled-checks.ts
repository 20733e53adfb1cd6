/**
 * Runs checks through the compiled module itself, loaded in memory: `norma check` and a
 * module written by `norma compile --target js` are the same code and cannot disagree.
 */
import { generateJsModule } from '../../language/src/generators/js.js';
import type { NormaModel } from '../../language/src/model/types.js';
import type { CheckOptions, CheckResult, DataIssue, Measurement } from '../../language/src/engine/types.js';

export interface CompiledChecks {
    check(measurements: Measurement[], options: CheckOptions): CheckResult;
}

export async function loadCompiledChecks(model: NormaModel): Promise<CompiledChecks> {
    const source = generateJsModule(model);
    return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`) as Promise<CompiledChecks>;
}

/** The issues carried by the engine's NormaDataError, or undefined for any other error. */
export function dataIssuesOf(error: unknown): DataIssue[] | undefined {
    const e = error as { name?: string; issues?: DataIssue[] };
    return e && e.name === 'NormaDataError' && Array.isArray(e.issues) ? e.issues : undefined;
}
