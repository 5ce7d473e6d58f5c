/**
 * The playground's worker script (server-start.js, a few hundred bytes): loads the language server (server-worker.js)
 * only once its own evaluation has ended. Chromium keeps the messages a page posts to a worker until the worker's
 * script has been evaluated, then hands them over from the page's main thread; were the server itself the worker's
 * script, the page's `initialize` and example files would wait for that thread, which by then is evaluating Monaco
 * (main.js, about a second of CPU), and the server and the editor would start one after the other. Messages that
 * arrive before the server listens are kept and dispatched to it, in order, as soon as it has loaded.
 */
interface WorkerScope {
    onmessage: ((event: MessageEvent) => void) | null;
    importScripts(...urls: string[]): void;
    dispatchEvent(event: Event): boolean;
}

const scope = self as unknown as WorkerScope;
const early: unknown[] = [];
scope.onmessage = event => early.push(event.data);
setTimeout(() => {
    // The server's connection replaces onmessage (vscode-jsonrpc's BrowserMessageReader) and listens from here on.
    scope.importScripts('server-worker.js');
    for (const data of early) scope.dispatchEvent(new MessageEvent('message', { data }));
}, 0);
