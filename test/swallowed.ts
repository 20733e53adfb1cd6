/**
 * Langium catches an exception thrown by a validation check, logs "An error occurred during
 * validation" with console.error and goes on. These helpers record such logs so that tests
 * (test/setup.ts) and the fuzzer can fail on them.
 */
const MARK = 'An error occurred during validation';
const seen: string[] = [];

/** Starts recording; returns the function that stops. */
export function watchSwallowedExceptions(): () => void {
    const original = console.error;
    console.error = (...args: unknown[]) => {
        const first = String(args[0] ?? '');
        if (first.includes(MARK)) {
            const error = args.find(a => a instanceof Error) as Error | undefined;
            seen.push(error ? `${error.message}\n${error.stack ?? ''}` : args.map(String).join(' '));
            return;
        }
        // Langium prints the stack of the same error on its own line right after.
        if (seen.length && typeof args[0] === 'string' && seen[seen.length - 1].includes(args[0])) return;
        original(...args);
    };
    return () => { console.error = original; };
}

/** The exceptions recorded since the last call. */
export function takeSwallowedExceptions(): string[] {
    return seen.splice(0, seen.length);
}
