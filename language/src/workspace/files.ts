/**
 * Finding `.norma` (and other) files under the paths given on the command line. Plain file
 * system walking, with no Langium, so a command can list files without loading the parser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every `.norma` file under the given files and folders, sorted (a file named directly is taken whatever its name). */
export function collectFiles(paths: string[]): string[] {
    return findFiles(paths, '.norma', { anyNamedFile: true });
}

/**
 * Files ending with `suffix` under the given files and folders (recursively; hidden folders and
 * node_modules skipped), sorted and without repeats. Throws on a path that does not exist.
 */
export function findFiles(paths: string[], suffix: string, options: { anyNamedFile?: boolean } = {}): string[] {
    const out: string[] = [];
    const visit = (p: string) => {
        const stat = fs.statSync(p, { throwIfNoEntry: false });
        if (!stat) throw new Error(`No such file or folder: ${p}`);
        if (stat.isDirectory()) {
            for (const entry of fs.readdirSync(p).sort()) {
                if (entry === 'node_modules' || entry.startsWith('.')) continue;
                const child = path.join(p, entry);
                if (fs.statSync(child).isDirectory() || entry.endsWith(suffix)) visit(child);
            }
        } else if (options.anyNamedFile || p.endsWith(suffix)) {
            out.push(p);
        }
    };
    paths.forEach(visit);
    return [...new Set(out)].sort();
}

/** The deepest folder holding every given path (a file's own folder for a single file). */
export function commonRoot(paths: string[]): string {
    const dirs = paths.map(p => (fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ? p : path.dirname(p)));
    let root = dirs[0];
    while (!dirs.every(d => d === root || d.startsWith(root + path.sep))) root = path.dirname(root);
    return root;
}
