/**
 * A construct a dialect cannot express (SPEC §6.4): compiling it is an error that names the
 * construct and the dialect, never SQL that computes something else.
 */
export class UnsupportedConstruct extends Error {
    constructor(readonly construct: string, readonly dialect: string) {
        super(`The ${dialect} dialect cannot express ${construct}.`);
        this.name = 'UnsupportedConstruct';
    }
}
