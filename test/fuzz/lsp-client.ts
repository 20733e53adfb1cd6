/**
 * A raw LSP client over stdio for the server tests and fuzzer: it writes frames itself (so it
 * can also write malformed ones), answers the server's own requests, and counts what comes back.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Response {
    id: number;
    result?: unknown;
    error?: { code: number; message: string };
}

export class RawClient {
    readonly process: ChildProcess;
    stderr = '';
    exited: number | null = null;
    readonly diagnostics = new Map<string, { message: string }[]>();
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, (r: Response) => void>();

    /** `preload`: modules the server process requires first (test/fuzz/heap-report.cjs). */
    constructor(server: string, cwd: string, preload: string[] = []) {
        this.process = spawn(process.execPath, ['--expose-gc', ...preload.flatMap(p => ['--require', p]), server, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr!.on('data', chunk => { this.stderr += chunk; if (this.stderr.length > 1e6) this.stderr = this.stderr.slice(-5e5); });
        this.process.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
        this.process.on('exit', code => {
            this.exited = code ?? -1;
            for (const resolve of this.pending.values()) resolve({ id: -1, error: { code: -1, message: 'the server exited' } });
            this.pending.clear();
        });
        this.process.stdin!.on('error', () => undefined);
    }

    /** Writes bytes as they are (for malformed frames). */
    writeRaw(bytes: string | Buffer): void {
        if (this.exited === null) this.process.stdin!.write(bytes);
    }

    send(message: object): void {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    }

    notify(method: string, params?: unknown): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Sends a request; resolves with its response (the id is returned first through `onId`). */
    request(method: string, params?: unknown, onId?: (id: number) => void): Promise<Response> {
        const id = this.nextId++;
        onId?.(id);
        const answer = new Promise<Response>(resolve => this.pending.set(id, resolve));
        this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
        return answer;
    }

    get outstanding(): number {
        return this.pending.size;
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const end = this.buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
            if (this.buffer.length < end + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(end + 4 + length);
            this.dispatch(message);
        }
    }

    private dispatch(message: { id?: number; method?: string; params?: any; result?: unknown; error?: any }): void {
        if (message.method && message.id !== undefined) {
            // The server's own request (registerCapability, configuration...): answer it.
            const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => null) : null;
            this.send({ jsonrpc: '2.0', id: message.id, result });
        } else if (message.method === 'textDocument/publishDiagnostics') {
            this.diagnostics.set(message.params.uri, message.params.diagnostics);
        } else if (message.id !== undefined && !message.method) {
            const resolve = this.pending.get(message.id);
            this.pending.delete(message.id);
            resolve?.(message as Response);
        }
    }

    async initialize(rootUri: string): Promise<Response> {
        const init = await this.request('initialize', {
            processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }],
            capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true } },
        });
        this.notify('initialized', {});
        return init;
    }

    /** The server's heap after GC in MB (it must have been started with heap-report.cjs preloaded). */
    async heapMb(): Promise<number> {
        const seen = (this.stderr.match(/norma-heap-after-gc \d+/g) ?? []).length;
        this.process.kill('SIGUSR2');
        for (let i = 0; i < 200 && this.exited === null; i++) {
            const all = this.stderr.match(/norma-heap-after-gc (\d+)/g) ?? [];
            if (all.length > seen) return Math.round(Number(all[all.length - 1].split(' ')[1]) / 1e5) / 10;
            await new Promise(resolve => setTimeout(resolve, 25));
        }
        return NaN;
    }

    async stop(): Promise<void> {
        if (this.exited !== null) return;
        const exited = new Promise(resolve => this.process.once('exit', resolve));
        await Promise.race([this.request('shutdown'), exited]);
        this.notify('exit');
        await exited;
    }
}
