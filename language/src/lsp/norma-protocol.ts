/**
 * Protocol hygiene of the language server, before any handler runs: a request whose params do
 * not have the shape its method needs is answered -32602 (InvalidParams) with what is wrong, a
 * request about a document the server does not know is answered null (never read from disk: the
 * URI could name a pipe or a device), and a malformed notification is dropped with a line on
 * stderr. Langium's handlers assume well-formed params and would answer -32603 with
 * "Cannot read properties of undefined".
 */
import { ErrorCodes, Message, ResponseError, type MessageStrategy, type RequestMessage } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** What a value must be; returns what is wrong with it (`` for nothing). */
type Shape = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const object = (fields: Record<string, Shape>, optional: string[] = []): Shape => (value, at) => {
    if (!isObject(value)) return `${at} must be an object`;
    for (const [name, shape] of Object.entries(fields)) {
        if (value[name] === undefined && optional.includes(name)) continue;
        const problem = shape(value[name], `${at}.${name}`);
        if (problem) return problem;
    }
    return undefined;
};
const string: Shape = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string`);
const integer: Shape = (v, at) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : `${at} must be a whole number, 0 or more`);
const array = (item: Shape, max = 100_000): Shape => (v, at) => {
    if (!Array.isArray(v)) return `${at} must be an array`;
    if (v.length > max) return `${at} has more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
        const problem = item(v[i], `${at}[${i}]`);
        if (problem) return problem;
    }
    return undefined;
};
const any: Shape = () => undefined;
const oneOf = (...values: unknown[]): Shape => (v, at) => (values.includes(v) ? undefined : `${at} must be one of ${values.map(x => JSON.stringify(x)).join(', ')}`);
const uri: Shape = (v, at) => {
    if (typeof v !== 'string') return `${at} must be a string`;
    try {
        URI.parse(v, true);
        return undefined;
    } catch {
        return `${at} is not a URI`;
    }
};

const position = object({ line: integer, character: integer });
const range = object({ start: position, end: position });
const document = object({ uri });
const atPosition = object({ textDocument: document, position });
const onDocument = object({ textDocument: document });
const inRange = object({ textDocument: document, range });
const formattingOptions = object({ tabSize: integer, insertSpaces: oneOf(true, false) });

/** The params each method needs, for every request and notification the server handles. */
const REQUESTS: Record<string, Shape> = {
    'textDocument/hover': atPosition,
    'textDocument/completion': atPosition,
    'textDocument/definition': atPosition,
    'textDocument/declaration': atPosition,
    'textDocument/typeDefinition': atPosition,
    'textDocument/implementation': atPosition,
    'textDocument/documentHighlight': atPosition,
    'textDocument/prepareRename': atPosition,
    'textDocument/signatureHelp': atPosition,
    'textDocument/prepareCallHierarchy': atPosition,
    'textDocument/prepareTypeHierarchy': atPosition,
    'textDocument/references': object({ textDocument: document, position, context: object({ includeDeclaration: oneOf(true, false) }) }),
    'textDocument/rename': object({ textDocument: document, position, newName: string }),
    'textDocument/documentSymbol': onDocument,
    'textDocument/codeLens': onDocument,
    'textDocument/foldingRange': onDocument,
    'textDocument/documentLink': onDocument,
    'textDocument/semanticTokens/full': onDocument,
    'textDocument/semanticTokens/full/delta': object({ textDocument: document, previousResultId: string }),
    'textDocument/semanticTokens/range': inRange,
    'textDocument/inlayHint': inRange,
    'textDocument/codeAction': object({ textDocument: document, range, context: object({ diagnostics: array(object({ range, message: any })) }) }),
    'textDocument/formatting': object({ textDocument: document, options: formattingOptions }),
    'textDocument/rangeFormatting': object({ textDocument: document, range, options: formattingOptions }),
    'textDocument/onTypeFormatting': object({ textDocument: document, position, ch: string, options: formattingOptions }),
    'textDocument/selectionRange': object({ textDocument: document, positions: array(position, 10_000) }),
    'workspace/symbol': object({ query: string }),
    'workspace/executeCommand': object({ command: string, arguments: array(any) }, ['arguments']),
    'norma/check': object({ folder: string, data: array(string), actions: array(string), asOf: string }, ['actions', 'asOf']),
    'norma/compile': object({ folder: string, out: string, target: oneOf('js', 'json') }),
};

const NOTIFICATIONS: Record<string, Shape> = {
    'textDocument/didOpen': object({ textDocument: object({ uri, languageId: string, version: any, text: string }) }),
    'textDocument/didChange': object({
        textDocument: object({ uri, version: any }),
        contentChanges: array(object({ text: string, range }, ['range'])),
    }),
    'textDocument/didClose': onDocument,
    'textDocument/didSave': onDocument,
    'workspace/didChangeWatchedFiles': object({ changes: array(object({ uri, type: oneOf(1, 2, 3) })) }),
};

/** Why the params of a request or notification cannot be served, or undefined. */
export function paramsProblem(method: string, params: unknown): string | undefined {
    const shape = REQUESTS[method] ?? NOTIFICATIONS[method];
    if (!Object.hasOwn(REQUESTS, method) && !Object.hasOwn(NOTIFICATIONS, method)) return undefined;
    const problem = shape(params, 'params');
    return problem ? `Invalid params for ${method}: ${problem}.` : undefined;
}

const INVALID = 'norma/$invalidParams';
const UNKNOWN_DOCUMENT = 'norma/$unknownDocument';

/**
 * The connection's message strategy: rewrites a request that cannot be served into one of the
 * two internal methods answered by `registerProtocolHandlers`, keeping its id, so the answer
 * goes through the connection as any other.
 */
export function protocolStrategy(shared: () => LangiumSharedServices | undefined): MessageStrategy {
    return {
        handleMessage(received, next) {
            const message = received as Message;
            if (Message.isRequest(message) || Message.isNotification(message)) {
                const problem = paramsProblem(message.method, message.params);
                if (problem) {
                    if (Message.isNotification(message)) {
                        process.stderr.write(`Norma language server: ignored a notification. ${problem}\n`);
                        return;
                    }
                    return next({ ...(message as RequestMessage), method: INVALID, params: { message: problem } } as RequestMessage);
                }
                if (Message.isRequest(message) && message.method.startsWith('textDocument/') && !isKnown(shared(), message.params)) {
                    return next({ ...(message as RequestMessage), method: UNKNOWN_DOCUMENT, params: {} } as RequestMessage);
                }
            }
            return next(received);
        },
    };
}

/** A document the client opened or the workspace holds; anything else is not read on request. */
function isKnown(shared: LangiumSharedServices | undefined, params: unknown): boolean {
    if (!shared || !isObject(params) || !isObject(params.textDocument)) return true;
    const text = params.textDocument.uri as string;
    if (shared.workspace.TextDocuments.get(text)) return true;
    try {
        return shared.workspace.LangiumDocuments.hasDocument(URI.parse(text));
    } catch {
        return false;
    }
}

export function registerProtocolHandlers(connection: Connection): void {
    connection.onRequest(INVALID, (params: { message: string }) => new ResponseError(ErrorCodes.InvalidParams, params.message));
    connection.onRequest(UNKNOWN_DOCUMENT, () => null);
}
