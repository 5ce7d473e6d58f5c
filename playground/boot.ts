/**
 * The playground's first script (boot.js, a few KiB, before main.js): starts the language server's
 * Web Worker, fetches the example catalogue (or decodes the shared one) and sends the server
 * `initialize`, the files and `initialized` while the page is still loading Monaco (main.js, 3.5 MiB):
 * the server compiles, reads the SIGTAP table and validates in parallel with the editor's start-up.
 * main.ts takes over the client through `self.ociBoot` (notifications that arrive before it listens
 * wait in the client: lsp-client.ts).
 */
import { LspClient } from './lsp-client.js';
import { decodeShared, SHARE_PREFIX } from './share.js';

const ROOT = '/pmae';
const ROOT_URI = `file://${ROOT}`;
const BREAKDOWN_COMMAND = 'oci.mostrarComposicao';

interface Manifest {
    arquivos: string[];
    /** SIGTAP snapshots of the example's zip (scripts/playground.mjs), in `cache` below the page. */
    snapshots?: { pasta: string; arquivos: string[] };
}

export interface BootFile {
    path: string;
    bytes: Uint8Array;
}

/** What main.ts gets from the boot script. */
export interface Boot {
    /** The folder of the catalogue in the server's memory (`/pmae`) and the command of the value lens. */
    root: string;
    breakdownCommand: string;
    client: LspClient;
    /** The page's `oci` settings: main.ts changes them and sends them whole (workspace/didChangeConfiguration). */
    settings: { idioma: 'pt' | 'en'; sigtap: { caminho: string; permitirExterno: boolean } };
    /** Resolves once `initialized` was sent: the files handed to the server, the shared catalogue, a load error. */
    started: Promise<{ files: BootFile[]; shared?: Record<string, string>; erro?: string }>;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
}

/** The example (and its SIGTAP subset and snapshot) from the page's own files; `onlySigtap` keeps the zip. */
async function exampleFiles(onlySigtap: boolean): Promise<BootFile[]> {
    const manifest = (await (await fetch('exemplo/manifest.json')).json()) as Manifest;
    const wanted = manifest.arquivos.filter(name => !onlySigtap || name.endsWith('.zip'));
    const snapshots = manifest.snapshots?.arquivos ?? [];
    return Promise.all([
        ...wanted.map(async name => ({ path: `${ROOT}/${name}`, bytes: await fetchBytes(`exemplo/${name}`) })),
        ...snapshots.map(async name => ({
            path: `${manifest.snapshots!.pasta}/${name}`,
            bytes: await fetchBytes(`cache/${name}`)
        }))
    ]);
}

function sharedFromLocation(): { shared?: Record<string, string>; erro?: string } {
    const hash = location.hash.slice(1);
    if (!hash.startsWith(SHARE_PREFIX)) return {};
    try {
        return { shared: decodeShared(hash.slice(SHARE_PREFIX.length)) };
    } catch (error) {
        return { erro: `Link compartilhado ilegível: ${String(error)}` };
    }
}

function boot(): Boot {
    // server-start.js loads the server (server-worker.js) after its own evaluation: see server-start.ts.
    const worker = new Worker(new URL('./server-start.js', location.href));
    const client = new LspClient(worker);
    const settings: Boot['settings'] = { idioma: 'pt', sigtap: { caminho: '', permitirExterno: false } };
    const { shared, erro } = sharedFromLocation();
    // The files are fetched while the worker compiles and answers `initialize`.
    const files = exampleFiles(shared !== undefined).then(
        list => ({ list, erro: undefined as string | undefined }),
        (error: unknown) => ({ list: [] as BootFile[], erro: `Não foi possível carregar o exemplo: ${String(error)}` })
    );
    const initialized = client.request('initialize', {
        processId: null,
        rootUri: ROOT_URI,
        workspaceFolders: [{ uri: ROOT_URI, name: 'pmae' }],
        capabilities: {
            // No `configuration`: the server would ask the page for its settings (workspace/configuration) before
            // its first build, and the page's main thread answers only once main.js (Monaco) has been evaluated. The
            // start-up settings are the server's defaults; main.ts sends changes as didChangeConfiguration.
            workspace: {
                workspaceFolders: true,
                didChangeConfiguration: { dynamicRegistration: false }
            },
            textDocument: {
                publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: true, dataSupport: true },
                completion: {
                    completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }
                },
                hover: { contentFormat: ['markdown', 'plaintext'] },
                codeLens: {},
                formatting: {},
                synchronization: { didSave: false }
            }
        },
        initializationOptions: { comandos: [BREAKDOWN_COMMAND], locale: 'pt-br' }
    });
    // Posted as soon as the files are here, without waiting for the answer to `initialize`: the worker reads its
    // messages in order, and that answer would reach this thread only after main.js (Monaco) has been evaluated.
    const posted = files.then(loaded => {
        const all = [...loaded.list];
        for (const [name, text] of Object.entries(shared ?? {}))
            all.push({ path: `${ROOT}/${name}`, bytes: new TextEncoder().encode(text) });
        // Before `initialized`: the server's first scan of the workspace reads them.
        // As bytes: postMessage clones them, with no base64 to encode here and decode in the worker.
        client.notify('oci/arquivos', { arquivos: all.map(f => ({ caminho: f.path, bytes: f.bytes })) });
        client.notify('initialized', {});
        return { files: all, shared, erro: erro ?? loaded.erro };
    });
    const started = Promise.all([posted, initialized]).then(([result]) => result);
    return { root: ROOT, breakdownCommand: BREAKDOWN_COMMAND, client, settings, started };
}

(self as unknown as { ociBoot: Boot }).ociBoot = boot();
