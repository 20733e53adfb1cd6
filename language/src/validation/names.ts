/**
 * Names: standards, metrics, programs, profiles and exclusions are unique in the whole
 * workspace (per kind: a program may share its name with a metric); categories are unique
 * within their standard, requirements within their category. Duplicates in other files are
 * found through the index, so the check stays correct in the editor and in the CLI; each build
 * reads only its own documents' entries of the index (TopLevelDeclarations).
 */
import { AstUtils, DocumentState, UriUtils, type AstNode, type URI, type ValidationAcceptor, type ValidationCheck } from 'langium';
import type { Category, Standard, Workspace } from '../generated/ast.js';
import type { NormaServices } from '../norma-module.js';

/** `metric ServiceLevel` declared twice in the workspace; a category or requirement twice in its parent. */
export const CODE_DUPLICATE_NAME = 'duplicate-name';

const KIND_LABELS: Record<string, string> = {
    Standard: 'standard', Metric: 'metric', Program: 'program', Profile: 'profile', Exclusion: 'exclusion',
};

type Named = AstNode & { name: string };

function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

/** Where a top-level declaration stands, as the index describes it. */
interface Declared {
    uri: URI;
    line: number;
}

/**
 * Every top-level declaration in the workspace by `type:name` and file, kept up to date from
 * the index as builds index documents (only the documents of each build are read again) and
 * as documents are deleted. Each document looks up its own names here instead of walking the
 * whole index, so a full build is linear in the files and an edit costs one file.
 */
class TopLevelDeclarations {
    /** `type:name` -> file (URI text) -> the first declaration with that name in that file. */
    private readonly byName = new Map<string, Map<string, Declared>>();
    /** File -> the keys it declares. */
    private readonly keysOf = new Map<string, string[]>();

    constructor(private readonly shared: NormaServices['shared']) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.IndexedContent, documents => this.refresh(documents.map(d => d.uri.toString())));
        builder.onUpdate((_changed, deleted) => deleted.forEach(uri => this.forget(uri.toString())));
    }

    /** A declaration of `key` in another file than `here`. */
    elsewhere(key: string, here: string): Declared | undefined {
        for (const [file, declared] of this.byName.get(key) ?? []) if (file !== here) return declared;
        return undefined;
    }

    private refresh(files: string[]): void {
        if (files.length === 0) return;
        const wanted = new Set(files);
        files.forEach(file => this.forget(file));
        for (const d of this.shared.workspace.IndexManager.allElements(undefined, wanted)) {
            const file = d.documentUri.toString();
            const key = `${d.type}:${d.name}`;
            let inFile = this.byName.get(key);
            if (!inFile) this.byName.set(key, inFile = new Map());
            if (inFile.has(file)) continue;
            inFile.set(file, { uri: d.documentUri, line: (d.nameSegment?.range.start.line ?? 0) + 1 });
            const keys = this.keysOf.get(file);
            if (keys) keys.push(key);
            else this.keysOf.set(file, [key]);
        }
    }

    private forget(file: string): void {
        for (const key of this.keysOf.get(file) ?? []) {
            const inFile = this.byName.get(key);
            inFile?.delete(file);
            if (inFile?.size === 0) this.byName.delete(key);
        }
        this.keysOf.delete(file);
    }
}

/** Every top-level declaration whose name another declaration of the same kind also uses, here or in another file. */
export const checkTopLevelNamesAreUnique = (services: NormaServices): ValidationCheck<Workspace> => {
    const declarations = new TopLevelDeclarations(services.shared);
    return (workspace: Workspace, accept: ValidationAcceptor) => {
        const document = AstUtils.getDocument(workspace);
        const here = document.uri.toString();
        const mine = workspace.elements.filter(e => typeof e.name === 'string' && e.name.length > 0) as Named[];
        if (mine.length === 0) return;
        const seen = new Map<string, Named[]>();
        for (const element of mine) {
            const key = `${element.$type}:${element.name}`;
            const list = seen.get(key);
            if (list) list.push(element);
            else seen.set(key, [element]);
        }
        for (const element of mine) {
            const key = `${element.$type}:${element.name}`;
            const kind = KIND_LABELS[element.$type] ?? element.$type.toLowerCase();
            const twin = seen.get(key)!.find(other => other !== element);
            // This file is read from its own AST (never stale); other files from the index.
            const other = twin ? undefined : declarations.elsewhere(key, here);
            if (twin) {
                accept('error', `Another ${kind} is named '${element.name}' (line ${lineOf(twin)}); names must be unique in the workspace.`,
                    { node: element, property: 'name', code: CODE_DUPLICATE_NAME });
            } else if (other) {
                const file = UriUtils.relative(UriUtils.dirname(document.uri), other.uri);
                accept('error', `Another ${kind} is named '${element.name}' (in ${file}, line ${other.line}); names must be unique in the workspace.`,
                    { node: element, property: 'name', code: CODE_DUPLICATE_NAME });
            }
        }
    };
};

export function checkCategoryNamesAreUnique(standard: Standard, accept: ValidationAcceptor): void {
    reportTwins(standard.categories, `category of ${standard.name}`, accept);
}

export function checkRequirementNamesAreUnique(category: Category, accept: ValidationAcceptor): void {
    reportTwins(category.requirements, `requirement of ${category.name}`, accept);
}

function reportTwins(items: readonly Named[], what: string, accept: ValidationAcceptor): void {
    for (const item of items) {
        const twin = items.find(other => other !== item && other.name === item.name);
        if (twin) {
            accept('error', `Another ${what} is named '${item.name}' (line ${lineOf(twin)}).`,
                { node: item, property: 'name' as never, code: CODE_DUPLICATE_NAME });
        }
    }
}
