/**
 * Names: standards, metrics, programs, profiles and exclusions are unique in the whole
 * workspace (per kind: a program may share its name with a metric); categories are unique
 * within their standard, requirements within their category. Duplicates in other files are
 * found through the index, so the check stays correct in the editor and in the CLI.
 */
import { AstUtils, UriUtils, type AstNode, type ValidationAcceptor, type ValidationCheck } from 'langium';
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

/** Every top-level declaration whose name another declaration of the same kind also uses, here or in another file. */
export const checkTopLevelNamesAreUnique = (services: NormaServices): ValidationCheck<Workspace> =>
    (workspace: Workspace, accept: ValidationAcceptor) => {
        const index = services.shared.workspace.IndexManager;
        const document = AstUtils.getDocument(workspace);
        const here = document.uri.toString();
        const mine = workspace.elements.filter(e => typeof e.name === 'string' && e.name.length > 0) as Named[];
        if (mine.length === 0) return;
        const wanted = new Set(mine.map(e => `${e.$type}:${e.name}`));
        // Declarations of the same kind and name in other files (this file is read from its own AST, never stale).
        const elsewhere = new Map<string, { file: string; line: number }>();
        for (const d of index.allElements()) {
            const key = `${d.type}:${d.name}`;
            if (!wanted.has(key) || d.documentUri.toString() === here || elsewhere.has(key)) continue;
            elsewhere.set(key, {
                file: UriUtils.relative(UriUtils.dirname(document.uri), d.documentUri),
                line: (d.nameSegment?.range.start.line ?? 0) + 1,
            });
        }
        for (const element of mine) {
            const kind = KIND_LABELS[element.$type] ?? element.$type.toLowerCase();
            const twin = mine.find(other => other !== element && other.$type === element.$type && other.name === element.name);
            const other = elsewhere.get(`${element.$type}:${element.name}`);
            if (twin) {
                accept('error', `Another ${kind} is named '${element.name}' (line ${lineOf(twin)}); names must be unique in the workspace.`,
                    { node: element, property: 'name', code: CODE_DUPLICATE_NAME });
            } else if (other) {
                accept('error', `Another ${kind} is named '${element.name}' (in ${other.file}, line ${other.line}); names must be unique in the workspace.`,
                    { node: element, property: 'name', code: CODE_DUPLICATE_NAME });
            }
        }
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
