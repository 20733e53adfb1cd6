/**
 * The validation registry: which check runs on which kind of node. Each check lives in a
 * small module of its own under this folder and names the rule it enforces (SPEC §1).
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { NormaAstType } from '../generated/ast.js';
import type { NormaServices } from '../norma-module.js';

export function registerValidationChecks(services: NormaServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.NormaValidator;
    const checks: ValidationChecks<NormaAstType> = validator.checks();
    registry.register(checks, validator);
}

export class NormaValidator {
    /** The date age-related warnings are judged at (YYYY-MM-DD); the CLI sets it from --as-of. */
    asOf: string = new Date().toISOString().slice(0, 10);

    constructor(protected readonly services: NormaServices) {}

    checks(): ValidationChecks<NormaAstType> {
        return {};
    }
}

export type { ValidationAcceptor };
