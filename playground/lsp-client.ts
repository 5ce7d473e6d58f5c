/**
 * A thin LSP client over a Web Worker: JSON-RPC 2.0 messages posted as objects, as Langium's
 * browser connection (vscode-languageserver/browser) reads and writes them. Requests get
 * promises; the server's own requests (configuration, capability registration, progress) are
 * answered here; notifications go to their listeners.
 */

interface Message {
    jsonrpc: '2.0';
    id?: number | string;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string };
}

type Handler = (params: unknown) => unknown;

export class LspClient {
    private nextId = 1;
    private readonly pending = new Map<
        number | string,
        { resolve: (v: unknown) => void; reject: (e: Error) => void }
    >();
    private readonly notificationHandlers = new Map<string, Handler[]>();
    private readonly requestHandlers = new Map<string, Handler>();
    /** Notifications that arrived before anyone listened (the page starts the server before its editor). */
    private readonly unheard = new Map<string, unknown[]>();

    constructor(private readonly worker: Worker) {
        worker.addEventListener('message', event => this.receive(event.data as Message));
        // What a minimal client answers to the server's requests.
        this.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.onRequest('client/registerCapability', () => null);
        this.onRequest('client/unregisterCapability', () => null);
        this.onRequest('window/workDoneProgress/create', () => null);
        this.onRequest('workspace/codeLens/refresh', () => null);
        this.onRequest('workspace/semanticTokens/refresh', () => null);
        this.onRequest('workspace/inlayHint/refresh', () => null);
        this.onRequest('workspace/diagnostic/refresh', () => null);
    }

    request<T>(method: string, params: unknown): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: v => resolve(v as T), reject });
            this.worker.postMessage({ jsonrpc: '2.0', id, method, params } satisfies Message);
        });
    }

    notify(method: string, params: unknown): void {
        this.worker.postMessage({ jsonrpc: '2.0', method, params } satisfies Message);
    }

    onNotification<P>(method: string, handler: (params: P) => unknown): void {
        this.notificationHandlers.set(method, [...(this.notificationHandlers.get(method) ?? []), handler as Handler]);
        const waiting = this.unheard.get(method) ?? [];
        this.unheard.delete(method);
        for (const params of waiting) handler(params as P);
    }

    onRequest<P>(method: string, handler: (params: P) => unknown): void {
        this.requestHandlers.set(method, handler as Handler);
    }

    private receive(message: Message): void {
        if (message.method === undefined) {
            const waiting = message.id !== undefined ? this.pending.get(message.id) : undefined;
            if (!waiting) return;
            this.pending.delete(message.id!);
            if (message.error) waiting.reject(new Error(message.error.message));
            else waiting.resolve(message.result);
        } else if (message.id !== undefined) {
            const handler = this.requestHandlers.get(message.method);
            const reply = (result: unknown, error?: Message['error']) =>
                this.worker.postMessage(
                    error
                        ? { jsonrpc: '2.0', id: message.id, error }
                        : { jsonrpc: '2.0', id: message.id, result: result ?? null }
                );
            if (!handler) {
                reply(undefined, { code: -32601, message: `método não suportado pelo playground: ${message.method}` });
                return;
            }
            Promise.resolve(handler(message.params)).then(
                r => reply(r),
                (e: unknown) => reply(undefined, { code: -32603, message: String(e) })
            );
        } else {
            const handlers = this.notificationHandlers.get(message.method);
            if (!handlers)
                this.unheard.set(
                    message.method,
                    [...(this.unheard.get(message.method) ?? []), message.params].slice(-100)
                );
            for (const handler of handlers ?? []) handler(message.params);
        }
    }
}
