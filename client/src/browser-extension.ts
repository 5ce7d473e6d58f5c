/**
 * The extension in VS Code for the Web (vscode.dev, github.dev; package.json `browser`): the same
 * language server as on the desktop, bundled for a Web Worker (server/src/browser-main.ts →
 * out/server/browser-main.js). The worker has no file system: the workspace's .oci, .par, .se,
 * oci-catalogo.yaml and SIGTAP zips are read here through vscode.workspace.fs and handed to it as
 * bytes (oci/arquivos), again whenever they change. Commands that need Node (building and
 * writing the catalogue, importing or exporting SIGTAP, the annex, the production audit with
 * DuckDB) say that they need VS Code for the desktop or the CLI.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { ArquivosNotification, type ArquivoEnviado } from '../../server/src/browser-protocol.js';
import { ComposicaoValorRequest, type ComposicaoValor, type ComposicaoValorParams } from '../../server/src/protocol.js';
import { composicaoHtml } from './composicao-html.js';
import { loadEnglishBundle, t } from './l10n.js';

/** The worker constructor of the web extension host (typed here without the DOM library). */
declare const Worker: new (url: string, options?: { name?: string }) => unknown;

const LANGUAGES = ['oci', 'par', 'se'];
const WORKSPACE_FILES = '**/{*.oci,*.par,*.se,*.zip,oci-catalogo.yaml}';
const EXCLUDE = '**/{node_modules,.git,out}/**';
/** Larger files are not handed to the worker (a SIGTAP competência is about 30 MB). */
const MAX_BYTES = 200 * 1024 * 1024;

/** Commands of the desktop extension that need Node: here they only explain where to run them. */
const DESKTOP_ONLY = [
    'oci.gerarCatalogo',
    'oci.importarSigtap',
    'oci.exportarSigtap',
    'oci.gerarAnexo',
    'oci.auditarProducao'
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    await loadEnglishBundle(context.extensionUri);
    const output = vscode.window.createOutputChannel('OCI', { log: true });
    context.subscriptions.push(output);
    const worker = await startServerWorker(context.extensionUri);
    const clientOptions: LanguageClientOptions = {
        documentSelector: LANGUAGES.map(language => ({ language })),
        outputChannel: output,
        initializationOptions: { locale: vscode.env.language, comandos: ['oci.mostrarComposicao'] }
    };
    client = new LanguageClient(
        'oci',
        t('OCI — Rol de Ofertas de Cuidados Integrados'),
        worker as ServerOptions,
        clientOptions
    );
    await client.start();
    const running = client;

    const send = async (uris: readonly vscode.Uri[]) => {
        const arquivos: ArquivoEnviado[] = [];
        for (const uri of uris) {
            try {
                const stat = await vscode.workspace.fs.stat(uri);
                if (stat.size > MAX_BYTES) {
                    output.warn(
                        t(
                            '{0} não foi lido no navegador: {1} MB passa do limite de {2} MB.',
                            uri.toString(),
                            Math.round(stat.size / 1048576),
                            MAX_BYTES / 1048576
                        )
                    );
                    continue;
                }
                // As bytes: the client posts its messages to the worker (structured clone), no base64 needed.
                arquivos.push({
                    caminho: uri.path,
                    uri: uri.toString(),
                    bytes: await vscode.workspace.fs.readFile(uri)
                });
            } catch (error) {
                output.warn(`${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
        if (arquivos.length > 0) await running.sendNotification(ArquivosNotification, { arquivos });
    };
    await send(await vscode.workspace.findFiles(WORKSPACE_FILES, EXCLUDE));

    const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES);
    context.subscriptions.push(
        watcher,
        watcher.onDidCreate(uri => void send([uri])),
        watcher.onDidChange(uri => void send([uri])),
        watcher.onDidDelete(
            uri => void running.sendNotification(ArquivosNotification, { arquivos: [], removidos: [uri.toString()] })
        ),
        vscode.commands.registerCommand('oci.mostrarComposicao', (target?: { uri: string; codigo: string }) =>
            showComposicao(running, target)
        ),
        ...DESKTOP_ONLY.map(command =>
            vscode.commands.registerCommand(command, (): PrecisaDesktop => {
                const mensagem = t(
                    'Este comando precisa do VS Code para desktop ou da CLI oci-catalogo: no navegador não há Node, disco nem DuckDB.'
                );
                void vscode.window.showWarningMessage(mensagem);
                return { status: 'precisa-desktop', mensagem };
            })
        )
    );
}

/** What a command that needs Node returns here (the desktop's return e.g. `{ status: 'auditado' }`). */
interface PrecisaDesktop {
    status: 'precisa-desktop';
    mensagem: string;
}

/**
 * The language server's Web Worker. In vscode.dev the extension's files have https URLs, from which
 * a worker starts; an extension installed on a server (code-server, VS Code Server in a browser)
 * has vscode-remote URLs, from which VS Code's web extension host refuses to start one ("Creating
 * workers from remote extensions is currently not supported"): the script is then read through
 * vscode.workspace.fs and started from a blob URL.
 */
async function startServerWorker(extensionUri: vscode.Uri): Promise<unknown> {
    const script = vscode.Uri.joinPath(extensionUri, 'out', 'server', 'browser-main.js');
    const options = { name: 'oci-language-server' };
    if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true), options);
    const bytes = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })), options);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

/**
 * The value breakdown of the OCI under the cursor (or `target`) in a webview, as on the desktop (composicao-html.ts).
 */
async function showComposicao(
    running: LanguageClient,
    target?: { uri: string; codigo: string }
): Promise<ComposicaoValor | undefined> {
    const editor = vscode.window.activeTextEditor;
    const params: ComposicaoValorParams | undefined = target?.uri
        ? { uri: target.uri, codigo: target.codigo }
        : editor && editor.document.languageId === 'oci'
          ? { uri: editor.document.uri.toString(), position: editor.selection.active }
          : undefined;
    const data = params
        ? ((await running.sendRequest<ComposicaoValor | null>(ComposicaoValorRequest, params)) ?? undefined)
        : undefined;
    const panel = vscode.window.createWebviewPanel(
        'oci.composicao',
        t('Composição do valor'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableFindWidget: true, localResourceRoots: [] }
    );
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map(b => b.toString(16).padStart(2, '0')).join('');
    panel.webview.html = composicaoHtml(data, t, {
        nonce,
        cspSource: panel.webview.cspSource,
        lang: vscode.env.language
    });
    return data;
}
