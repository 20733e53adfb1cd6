/**
 * Loads a workspace for tools without an editor: every `.norma` file under the given paths,
 * plus the files they import, parsed, linked and validated in one Langium build; then the
 * semantic model when there is no error. Files can also come from memory (tests, `norma diff`
 * on git revisions), so nothing here assumes a disk beyond `collectFiles`.
 */
import '../polyfill.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type AstNode, type LangiumDocument } from 'langium';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { createNormaServices, type NormaServices } from '../norma-module.js';
import { isImport, type Workspace } from '../generated/ast.js';
import { buildModel } from '../model/build.js';
import type { NormaModel, SourceRef } from '../model/types.js';
import { collectFiles, commonRoot } from './files.js';

// The folder walk has no Langium in it, so commands can find files without loading the parser.
export { collectFiles, commonRoot, findFiles } from './files.js';

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

/** Loads `.norma` files from disk: files and folders (recursively), and what they import. */
export async function loadWorkspaceFromDisk(paths: string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const absolute = (paths.length ? paths : ['.']).map(p => path.resolve(p));
    const root = commonRoot(absolute);
    const files = new Map<string, SourceFile>();
    for (const file of collectFiles(absolute)) addFile(files, root, file);
    // Follow imports until no new file appears: an import may reach outside the given folders.
    for (;;) {
        const loaded = await loadWorkspace([...files.values()], { ...options, root });
        const missing = unresolvedImports(loaded).filter(p => fs.existsSync(path.resolve(root, p)) && !files.has(p));
        if (missing.length === 0) return loaded;
        for (const p of missing) addFile(files, root, path.resolve(root, p));
    }
}

/** Loads a workspace from file texts. */
export async function loadWorkspace(files: SourceFile[], options: LoadOptions & { root?: string } = {}): Promise<LoadedWorkspace> {
    const { shared, Norma } = createNormaServices(EmptyFileSystem);
    if (options.asOf) Norma.validation.NormaValidator.asOf = options.asOf;
    const documents = files.map(f => shared.workspace.LangiumDocumentFactory.fromString(f.text, URI.parse(ROOT_URI + encodePath(f.path))));
    for (const d of documents) shared.workspace.LangiumDocuments.addDocument(d);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const diagnostics = documents.flatMap(d => (d.diagnostics ?? []).map(x => toDiagnostic(relativePath(d), x)));
    diagnostics.push(...importDiagnostics(documents, new Set(files.map(f => f.path))));
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

/** Import paths, relative to the workspace root, that no loaded file answers. */
function unresolvedImports(loaded: LoadedWorkspace): string[] {
    const have = new Set(loaded.files.map(f => f.path));
    return importsOf(loaded.documents).map(i => i.target).filter(t => !have.has(t));
}

function importsOf(documents: LangiumDocument[]) {
    return documents.flatMap(d => (d.parseResult.value as Workspace).imports.filter(isImport).map(node => ({
        node,
        target: path.posix.normalize(path.posix.join(path.posix.dirname(relativePath(d)), node.path)),
    })));
}

function importDiagnostics(documents: LangiumDocument[], have: Set<string>): Diagnostic[] {
    return importsOf(documents).filter(i => !have.has(i.target)).map(i => {
        const where = locate(i.node);
        const end = i.node.$cstNode?.range.end;
        return {
            ...where,
            endLine: (end?.line ?? 0) + 1,
            endColumn: (end?.character ?? 0) + 1,
            severity: 'error' as const,
            message: `Cannot find the imported file '${i.node.path}' (looked for ${i.target}).`,
            code: 'import-not-found',
        };
    });
}

function addFile(files: Map<string, SourceFile>, root: string, file: string): void {
    const rel = path.relative(root, file).split(path.sep).join('/');
    files.set(rel, { path: rel, text: fs.readFileSync(file, 'utf8') });
}
