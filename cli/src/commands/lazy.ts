/**
 * A command's action whose implementation (cli/src/run/<command>.ts) loads when the command
 * runs, so registering every command, `norma --help` and `norma --version` load no more than
 * commander and the option definitions in cli/src/commands/.
 */
export function runFrom<A extends unknown[]>(load: () => Promise<{ run: (...args: A) => unknown }>): (...args: A) => Promise<void> {
    return async (...args: A) => {
        await (await load()).run(...args);
    };
}
