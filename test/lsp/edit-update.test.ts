// After an edit the server builds only the documents Langium's update would pick, found without
// scanning the workspace (NormaDocumentBuilder). Two identical workspaces follow the same edits,
// one through Norma's update and one through Langium's own; after each edit both built the
// same documents from the same states and hold the same diagnostics, including after an edit
// whose build was cancelled halfway, a deleted file and a new one.
import { Cancellation, DefaultDocumentBuilder, DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { NormaDocumentBuilder } from '../../language/src/lsp/norma-document-builder.js';
import { buildDocuments, lspServices, METRIC, RELINK_FILES, type Services } from './fixtures.js';

const FILES = RELINK_FILES;

type Step = { edit?: [string, string]; add?: [string, string]; delete?: string; cancelAt?: DocumentState };

const STEPS: Step[] = [
    { edit: ['programs/c.norma', 'program C { channel chat }'] },
    { edit: ['programs/a.norma', 'program A { norm ServiceLevel >= 81%\n norm Speed >= 50% }'] },
    // An exported name renamed away: program A fails to link Speed.
    { edit: ['more-metrics.norma', METRIC('Speed2')] },
    // Cancelled halfway through linking; the next edit finishes what it left.
    { edit: ['metrics.norma', METRIC('ServiceLevel') + METRIC('Quality') + '// note\n'], cancelAt: DocumentState.ComputedScopes },
    { edit: ['programs/c.norma', 'program C { channel voice }'] },
    // Speed is back: A links again.
    { edit: ['more-metrics.norma', METRIC('Speed')] },
    // A new metric elsewhere resolves D's failed reference.
    { edit: ['metrics.norma', METRIC('ServiceLevel') + METRIC('Quality') + METRIC('Missing')] },
    { edit: ['programs/b.norma', 'program B { norm Quality >= 91% }'] },
    { delete: 'more-metrics.norma' },
    { edit: ['programs/a.norma', 'program A { norm ServiceLevel >= 80%\n norm Speed >= 50% }'] },
    { add: ['speed.norma', METRIC('Speed')] },
    { edit: ['programs/c.norma', 'program C { channel chat }'] },
    { edit: ['metrics.norma', METRIC('ServiceLevel') + METRIC('Quality')], cancelAt: DocumentState.Linked },
    { edit: ['programs/b.norma', 'program B { norm Quality >= 92% }'] },
];

/** One workspace and a record of what each update built, from which state. */
async function workspace(langiumUpdate: boolean) {
    const services = lspServices();
    await buildDocuments(services, FILES);
    const builder = services.shared.workspace.DocumentBuilder as NormaDocumentBuilder;
    const built: string[] = [];
    const original = (builder as unknown as { buildDocuments: (d: LangiumDocument[], ...rest: unknown[]) => Promise<void> }).buildDocuments.bind(builder);
    (builder as unknown as { buildDocuments: unknown }).buildDocuments = (docs: LangiumDocument[], ...rest: unknown[]) => {
        built.push(...docs.map(d => `${d.uri.path} from ${DocumentState[d.state]}`));
        return original(docs, ...rest);
    };
    let scans = 0;
    const documents = services.shared.workspace.LangiumDocuments;
    const all = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(documents), 'all')!.get!;
    Object.defineProperty(documents, 'all', { get() { scans++; return all.call(documents); } });
    const update = (changed: URI[], deleted: URI[], token?: Cancellation.CancellationToken) => langiumUpdate
        ? DefaultDocumentBuilder.prototype.update.call(builder, changed, deleted, token)
        : builder.update(changed, deleted, token);
    return { services, builder, built, update, scans: () => scans };
}

const uriOf = (name: string) => URI.parse(`file:///ws/${name}`);

async function apply(ws: Awaited<ReturnType<typeof workspace>>, step: Step, version: number): Promise<void> {
    const { shared } = ws.services;
    const source = new Cancellation.CancellationTokenSource();
    if (step.cancelAt !== undefined) {
        const off = ws.builder.onBuildPhase(step.cancelAt, () => { off.dispose(); source.cancel(); });
    }
    let changed: URI[] = [];
    let deleted: URI[] = [];
    if (step.edit) {
        shared.workspace.TextDocuments.set(TextDocument.create(uriOf(step.edit[0]).toString(), 'norma', version, step.edit[1]));
        changed = [uriOf(step.edit[0])];
    } else if (step.add) {
        shared.workspace.TextDocuments.set(TextDocument.create(uriOf(step.add[0]).toString(), 'norma', version, step.add[1]));
        shared.workspace.LangiumDocuments.addDocument(shared.workspace.LangiumDocumentFactory.fromString(step.add[1], uriOf(step.add[0])));
        changed = [uriOf(step.add[0])];
    } else if (step.delete) {
        deleted = [uriOf(step.delete)];
    }
    try {
        await ws.update(changed, deleted, source.token);
        expect(step.cancelAt, 'the build was to be cancelled').toBeUndefined();
    } catch (err) {
        if (!isOperationCancelled(err) || step.cancelAt === undefined) throw err;
    }
}

function diagnostics(services: Services): string[] {
    return services.shared.workspace.LangiumDocuments.all.toArray()
        .flatMap(doc => (doc.diagnostics ?? []).map(d => `${doc.uri.path}:${d.range.start.line + 1}: ${d.message}`))
        .sort();
}

describe("an edit's update", () => {
    it("builds the documents Langium's update builds, with the same diagnostics, without scanning the workspace", async () => {
        const norma = await workspace(false);
        const langium = await workspace(true);
        const scanned: number[] = [];
        for (const [i, step] of STEPS.entries()) {
            norma.built.length = 0;
            langium.built.length = 0;
            const scansBefore = norma.scans();
            await apply(norma, step, i + 2);
            if (norma.scans() > scansBefore) scanned.push(i);
            await apply(langium, step, i + 2);
            const what = JSON.stringify(step);
            expect(norma.built.sort(), what).toEqual(langium.built.sort());
            expect(diagnostics(norma.services), what).toEqual(diagnostics(langium.services));
        }
        // Langium's scans ran only where the kept sets cannot vouch for every document: the first
        // update after documents were added, the deletion and the update after it, the new file.
        expect(scanned).toEqual([0, 8, 9, 10]);
        // The edits did what they say: the rename left A unlinked, and the workspace ends clean but for
        // the metric Missing, removed by the last complete edit of metrics.norma.
        expect(diagnostics(norma.services)).toEqual(["/ws/programs/d.norma:1: Unknown metric 'Missing'."]);
    });

    it('shows the unknown-metric error in the program that uses a renamed metric, and clears it when the name is back', async () => {
        const ws = await workspace(false);
        const errors = () => diagnostics(ws.services).filter(d => d.startsWith('/ws/programs/a.norma'));
        await apply(ws, { edit: ['programs/c.norma', 'program C { channel chat }'] }, 2);
        let scans = ws.scans();
        await apply(ws, { edit: ['more-metrics.norma', METRIC('Velocity')] }, 3);
        expect(ws.scans(), 'an edit of a known document scans nothing').toBe(scans);
        expect(errors()).toEqual(["/ws/programs/a.norma:2: Unknown metric 'Speed'."]);
        scans = ws.scans();
        await apply(ws, { edit: ['more-metrics.norma', METRIC('Speed')] }, 4);
        expect(ws.scans()).toBe(scans);
        expect(errors()).toEqual([]);
    });
});
