/**
 * Names: standards, metrics, programs, profiles and exclusions are unique in the whole
 * workspace (per kind: a program may share its name with a metric); categories are unique
 * within their standard, requirements within their category. Duplicates in other files are
 * found through the index, so the check stays correct in the editor and in the CLI; the index is
 * read once per build, not once per document.
 */
import { AstUtils, DocumentState, UriUtils, WorkspaceCache, type AstNode, type URI, type ValidationAcceptor, type ValidationCheck } from 'langium';
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
    uriText: string;
    line: number;
}

/**
 * Every top-level declaration in the workspace by `type:name`, read from the index once per
 * build (the cache empties when a build has indexed new content or a file is deleted), so each
 * document looks up its own names instead of walking the whole index: linear in the files.
 */
function declarationsByName(services: NormaServices): () => Map<string, Declared[]> {
    const shared = services.shared;
    const cache = new WorkspaceCache<'all', Map<string, Declared[]>>(shared, DocumentState.IndexedContent);
    return () => cache.get('all', () => {
        const byName = new Map<string, Declared[]>();
        for (const d of shared.workspace.IndexManager.allElements()) {
            const key = `${d.type}:${d.name}`;
            const entry = { uri: d.documentUri, uriText: d.documentUri.toString(), line: (d.nameSegment?.range.start.line ?? 0) + 1 };
            const list = byName.get(key);
            if (list) list.push(entry);
            else byName.set(key, [entry]);
        }
        return byName;
    });
}

/** Every top-level declaration whose name another declaration of the same kind also uses, here or in another file. */
export const checkTopLevelNamesAreUnique = (services: NormaServices): ValidationCheck<Workspace> => {
    const declarations = declarationsByName(services);
    return (workspace: Workspace, accept: ValidationAcceptor) => {
        const document = AstUtils.getDocument(workspace);
        const here = document.uri.toString();
        const mine = workspace.elements.filter(e => typeof e.name === 'string' && e.name.length > 0) as Named[];
        if (mine.length === 0) return;
        const all = declarations();
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
            const other = twin ? undefined : all.get(key)?.find(d => d.uriText !== here);
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
