// Shared inputs and services for the language-server tests: one LSP service set per test file.
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { createNormaLspServices } from '../../language/src/lsp/norma-lsp-module.js';

export function lspServices() {
    return createNormaLspServices(EmptyFileSystem);
}

export type Services = ReturnType<typeof lspServices>;

export const METRICS = `metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
    better higher
    period daily
    description "Share of offered calls answered within 20 s."
}

metric AverageHandleTime "Talk plus after-call work" {
    family efficiency
    unit seconds
    better lower
    period daily
}

metric CriticalErrorAccuracy "Transactions without a critical error" {
    family quality
    unit percent
    better higher
    period monthly
}
`;

export const STANDARD = `standard COPC_CX "COPC CX Standard" {
    version "7.0"
    category Performance "Performance" {
        requirement PF1 "Every program has a service norm" {
            needs norm for family service
        }
        requirement PF2 "Every program tracks critical-error accuracy" {
            needs norm for family quality
        }
    }
}
`;

/** Adds documents to the workspace (not built). */
/** A daily percent metric, in one line. */
export const METRIC = (name: string) => `metric ${name} { family service unit percent better higher period daily }\n`;

/** Two metric files and four programs: one uses both, one one, one none, one an unknown metric. */
export const RELINK_FILES: Record<string, string> = {
    'metrics.norma': METRIC('ServiceLevel') + METRIC('Quality'),
    'more-metrics.norma': METRIC('Speed'),
    'programs/a.norma': 'program A { norm ServiceLevel >= 80%\n norm Speed >= 50% }',
    'programs/b.norma': 'program B { norm Quality >= 90% }',
    'programs/c.norma': 'program C { channel voice }',
    'programs/d.norma': 'program D { norm Missing >= 1% }',
};

export function addDocuments(services: Services, files: Record<string, string>): LangiumDocument[] {
    const { shared } = services;
    return Object.entries(files).map(([name, text]) => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
}

/** Adds and builds (links, validates) documents; returns them in the given order. */
export async function buildDocuments(services: Services, files: Record<string, string>): Promise<LangiumDocument[]> {
    const docs = addDocuments(services, files);
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

export async function clearAll(services: Services): Promise<void> {
    await clearDocuments(services.shared);
}
