/**
 * The engine as checks run it: the engine bundle (scripts/build.mjs, from language/src/engine),
 * the very code a module written by `norma compile --target js` carries, evaluated once per
 * process. The model goes in as data, exactly as the compiled module embeds it (a JSON
 * literal), so `norma check`, the editor and a compiled module cannot disagree, and no module
 * is created per run (a language server checks many times).
 */
import { ENGINE_SOURCE } from '../engine-bundle/engine-source.js';
import type { CheckOptions, CheckResult, DataIssue, Measurement } from '../engine/types.js';
import type { NormaModel } from '../model/types.js';
import type { MeasurementColumns } from '../engine/columns.js';

export interface EngineRuntime {
    check(model: NormaModel, measurements: readonly Measurement[] | MeasurementColumns, options: CheckOptions): CheckResult;
}

let runtime: EngineRuntime | undefined;

/** The engine bundle, evaluated the first time it is needed. */
export function engineRuntime(): EngineRuntime {
    // The bundle is one import-free script defining `__normaEngine` (checked by the build).
    runtime ??= new Function(`${ENGINE_SOURCE}\nreturn __normaEngine;`)() as EngineRuntime;
    return runtime;
}

/** The model as the compiled module holds it: what survives its JSON literal. */
export function modelAsData(model: NormaModel): NormaModel {
    return JSON.parse(JSON.stringify(model)) as NormaModel;
}

/** The issues carried by the engine's NormaDataError (from the bundle or the source), or undefined for any other error. */
export function dataIssuesOf(error: unknown): DataIssue[] | undefined {
    const e = error as { name?: string; issues?: DataIssue[] };
    return e && e.name === 'NormaDataError' && Array.isArray(e.issues) ? e.issues : undefined;
}
