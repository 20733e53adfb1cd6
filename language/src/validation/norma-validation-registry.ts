/**
 * Langium's validation registry, with checks that stay synchronous when they are. Langium wraps
 * every check in two async functions (its error handler), so each check of each node of each
 * document allocates promises and waits a microtask turn: about a million calls at 10,000
 * program files. Norma's checks are synchronous; here a check that returns normally costs one
 * call, and a check that throws or returns a promise goes through Langium's own handler, so an
 * error in a check is still reported on its node the way Langium reports it.
 */
import { isOperationCancelled, ValidationRegistry, type ValidationCheck } from 'langium';

const CONTEXT = 'An error occurred during validation';

export class NormaValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                if (isOperationCancelled(error)) throw error;
                return this.handleException(() => { throw error; }, CONTEXT, accept, node);
            }
            if (result instanceof Promise) return this.handleException(() => result as Promise<void>, CONTEXT, accept, node);
            return undefined;
        };
    }
}
