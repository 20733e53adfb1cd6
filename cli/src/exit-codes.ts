/** Exit codes of every command (SPEC §4). */
export const ExitCode = {
    /** The gate passes (or the command did what was asked). */
    Ok: 0,
    /** The gate fails: a breach, missing data, an unsatisfied requirement; `fmt --check` found changes. */
    GateFailed: 1,
    /** The input is invalid: language errors, bad data, bad arguments. */
    InvalidInput: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix, printed without a stack trace. */
export class UsageError extends Error {
    constructor(message: string, readonly exitCode: ExitCode = ExitCode.InvalidInput) {
        super(message);
    }
}
