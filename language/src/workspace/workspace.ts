/**
 * Loads a workspace for tools without an editor: every `.norma` file under the given paths,
 * plus the files they import, parsed, linked and validated in one Langium build; then the
 * semantic model when there is no error. Files can also come from memory (tests, `norma diff`
 * on git revisions), so nothing here assumes a disk beyond `collectFiles`.
 */
import '../polyfill.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type AstNode, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import type { NormaServices } from '../norma-module.js';
import { createNormaBatchServices } from './batch-services.js';
import { isImport, type Import, type Workspace } from '../generated/ast.js';
import { commonRoot, findFiles, notReadable, readText, type Skipped } from './files.js';
import { visibleLines } from '../text/visible.js';

// The folder walk has no Langium in it, so commands can find files without loading the parser.
export { collectFiles, commonRoot, findFiles, type Skipped } from './files.js';
import { MAX_WORKSPACE_CHARS, MAX_WORKSPACE_FILES, formatCount } from '../parser/limits.js';
import { buildModel } from '../model/build.js';
import type { NormaModel, SourceRef } from '../model/types.js';

export interface SourceFile {
    /** Path relative to the workspace root, with forward slashes. */
    path: string;
    text: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A language diagnostic located in a file (1-based line and column). */
export interface Diagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    message: string;
    code?: string;
}

export interface LoadedWorkspace {
    root: string;
    files: SourceFile[];
    documents: LangiumDocument[];
    diagnostics: Diagnostic[];
    /** The resolved model, or null when there are errors. */
    model: NormaModel | null;
    services: NormaServices;
}

export interface LoadOptions {
    /** The date warnings are judged at (certification age); default today. */
    asOf?: string;
    /** Build the semantic model (default true); `norma validate` needs only the diagnostics. */
    model?: boolean;
}

const ROOT_URI = 'file:///workspace/';

/** How the disk loader resolves imports and reports files it could not load. */
interface DiskOptions {
    root?: string;
    /** The workspace-relative path an import names (default: joined to the importing file's folder). */
    resolveImport?: (from: string, importPath: string) => string;
    /** Why an import target was not loaded (undefined: not found). */
    importProblem?: (target: string) => string | undefined;
    /** Diagnostics about files, added as they are. */
    problems?: Diagnostic[];
}

const joinImport = (from: string, importPath: string) => path.posix.normalize(path.posix.join(path.posix.dirname(from), importPath));

/**
 * Loads `.norma` files from disk: files and folders (recursively), and what they import. Files
 * are keyed by their real path (links and `..` resolved), so a file reached twice is loaded
 * once and an import cycle ends; only regular UTF-8 files under the size limit are read, and
 * every other path gives a located diagnostic instead of stopping the run.
 */
export async function loadWorkspaceFromDisk(paths: string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const absolute = (paths.length ? paths : ['.']).map(p => path.resolve(p));
    // Paths are shown under the root as given, and keyed by their real place under its real path.
    const root = commonRoot(absolute);
    const realRoot = realPath(root);
    const files = new Map<string, SourceFile>();
    const problems: Diagnostic[] = [];
    /** Import targets that were looked at and cannot be loaded: why (null when they do not exist). */
    const refused = new Map<string, string | null>();
    const relative = (file: string) => path.relative(realRoot, realPath(file)).split(path.sep).join('/');
    let chars = 0;
    let tooBig = false;
    const add = (file: string) => {
        const rel = relative(file);
        if (files.has(rel) || tooBig) return;
        if (files.size >= MAX_WORKSPACE_FILES || chars > MAX_WORKSPACE_CHARS) {
            tooBig = true;
            problems.push(fileProblem(rel, 1, 1, 'error', `The workspace is larger than Norma reads (${formatCount(MAX_WORKSPACE_FILES)} files or ${formatCount(MAX_WORKSPACE_CHARS)} characters of .norma text); this file and the ones after it are not read. Check a smaller folder.`, 'workspace-too-large'));
            return;
        }
        const read = readText(file);
        chars += 'text' in read ? read.text.length : 0;
        // An unreadable file stays in the workspace, empty, so that it is counted and its error shown.
        files.set(rel, { path: rel, text: 'text' in read ? read.text : '' });
        if (!('text' in read)) {
            problems.push(fileProblem(rel, read.line, read.column, 'error', read.message, 'unreadable-file'));
        }
    };
    const skipped: Skipped[] = [];
    for (const file of findFiles(absolute, '.norma', { anyNamedFile: true, skipped })) add(file);
    // A skipped entry is named as listed (the link itself, not where it points).
    const listed = (p: string) => path.relative(realRoot, path.join(realPath(path.dirname(p)), path.basename(p))).split(path.sep).join('/');
    for (const s of skipped) problems.push(fileProblem(listed(s.path), 1, 1, 'warning', `Skipped: this path ${s.reason}.`, 'skipped-path'));
    const resolveImport = (from: string, importPath: string) => relative(path.resolve(realRoot, path.dirname(from), importPath));
    const importProblem = (target: string) => refused.get(target) ?? undefined;
    // Follow imports until no new file appears: an import may reach outside the given folders.
    for (;;) {
        const loaded = await loadWorkspace([...files.values()], { ...options, root, resolveImport, importProblem, problems });
        const fresh = importsOf(loaded.documents, resolveImport).filter(i => !files.has(i.target) && !refused.has(i.target));
        if (fresh.length === 0) return loaded;
        for (const { target } of fresh) {
            const file = path.resolve(realRoot, target);
            const why = notReadable(file) ?? (target.endsWith('.norma') ? undefined : 'is not a .norma file');
            if (why === 'does not exist') refused.set(target, null);
            else if (why) refused.set(target, why);
            else add(file);
        }
    }
}

function fileProblem(file: string, line: number, column: number, severity: Severity, message: string, code: string): Diagnostic {
    return { file, line, column, endLine: line, endColumn: column + 1, severity, message, code };
}

/** The real path (links resolved) when the path exists, else the path itself. */
function realPath(p: string): string {
    try {
        return fs.realpathSync(p);
    } catch {
        return p;
    }
}

/** Loads a workspace from file texts. */
export async function loadWorkspace(files: SourceFile[], options: LoadOptions & DiskOptions = {}): Promise<LoadedWorkspace> {
    const pool = reused ??= { ...createNormaBatchServices(EmptyFileSystem), previous: [], queue: Promise.resolve() };
    const run = pool.queue.then(() => loadWith(pool, files, options));
    // Loads share the services one at a time; after a failure the next load starts afresh.
    pool.queue = run.then(() => undefined, () => { if (reused === pool) reused = undefined; });
    return run;
}

/**
 * One set of services serves every load: building Langium's parser costs about 250 ms and
 * 20 KB that a fresh set per load would pay again (the language server loads the workspace on
 * every `norma/check`). Each load first removes the documents of the one before.
 */
interface ServicePool {
    shared: LangiumSharedCoreServices;
    Norma: NormaServices;
    previous: URI[];
    queue: Promise<void>;
}
let reused: ServicePool | undefined;

async function loadWith(pool: ServicePool, files: SourceFile[], options: LoadOptions & DiskOptions): Promise<LoadedWorkspace> {
    const { shared, Norma } = pool;
    if (pool.previous.length) await shared.workspace.DocumentBuilder.update([], pool.previous);
    Norma.validation.NormaValidator.asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
    const documents = files.map(f => shared.workspace.LangiumDocumentFactory.fromString(f.text, URI.parse(ROOT_URI + encodePath(f.path))));
    for (const d of documents) shared.workspace.LangiumDocuments.addDocument(d);
    pool.previous = documents.map(d => d.uri);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const diagnostics = documents.flatMap(d => (d.diagnostics ?? []).map(x => toDiagnostic(relativePath(d), x)));
    diagnostics.push(...importDiagnostics(documents, new Set(files.map(f => f.path)), options), ...(options.problems ?? []));
    // Import and file messages quote paths as written: shown escaped, like every diagnostic (text/visible.ts).
    for (const d of diagnostics) d.message = visibleLines(d.message);
    diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    const hasErrors = diagnostics.some(d => d.severity === 'error');
    return {
        root: options.root ?? '.',
        files,
        documents,
        diagnostics,
        model: hasErrors || options.model === false ? null : buildModel(documents, locate),
        services: Norma,
    };
}

/** Where a node stands, as the CLI and reports print it. */
export function locate(node: AstNode): SourceRef {
    const doc = node.$document ?? findDocument(node);
    const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return { file: doc ? relativePath(doc) : '', line: start.line + 1, column: start.character + 1 };
}

function findDocument(node: AstNode): LangiumDocument | undefined {
    let n: AstNode | undefined = node;
    while (n && !n.$document) n = n.$container;
    return n?.$document;
}

export function relativePath(doc: LangiumDocument): string {
    const uri = doc.uri.toString();
    return uri.startsWith(ROOT_URI) ? decodeURIComponent(uri.slice(ROOT_URI.length)) : doc.uri.path;
}

function encodePath(p: string): string {
    return p.split('/').map(encodeURIComponent).join('/');
}

function toDiagnostic(file: string, d: LspDiagnostic): Diagnostic {
    return {
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
        message: typeof d.message === 'string' ? d.message : d.message.value,
        ...(d.code !== undefined ? { code: String(d.code) } : {}),
    };
}

/** Imports that name a path (an `import` without one is a parse error), with the file they reach. */
function importsOf(documents: LangiumDocument[], resolve: (from: string, importPath: string) => string = joinImport) {
    return documents.flatMap(d => ((d.parseResult.value as Workspace).imports ?? []).filter(isImport)
        .filter(node => typeof node.path === 'string' && node.path.trim() !== '')
        .map(node => ({ node, target: resolve(relativePath(d), node.path) })));
}

function importDiagnostics(documents: LangiumDocument[], have: Set<string>, options: DiskOptions): Diagnostic[] {
    const located = (node: Import, message: string, code: string): Diagnostic => {
        const where = locate(node);
        const end = node.$cstNode?.range.end;
        return { ...where, endLine: (end?.line ?? 0) + 1, endColumn: (end?.character ?? 0) + 1, severity: 'error', message, code };
    };
    const empty = documents.flatMap(d => ((d.parseResult.value as Workspace).imports ?? []).filter(isImport))
        .filter(node => typeof node.path === 'string' && node.path.trim() === '')
        .map(node => located(node, 'This import names no file: write the path of a .norma file, like import "metrics.norma".', 'import-not-found'));
    const missing = importsOf(documents, options.resolveImport).filter(i => !have.has(i.target)).map(i => {
        const why = options.importProblem?.(i.target);
        const message = why
            ? `Cannot import '${i.node.path}': ${i.target || '.'} ${why}; an import names a .norma file.`
            : `Cannot find the imported file '${i.node.path}' (looked for ${i.target}).`;
        return located(i.node, message, 'import-not-found');
    });
    return [...empty, ...missing];
}
