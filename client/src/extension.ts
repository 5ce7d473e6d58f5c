/**
 * VS Code extension of the OCI catalogue language: starts the language server
 * (out/server/main.cjs) over IPC and shows the workspace's error count in the status bar.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGE = 'oci';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('OCI', { log: true });
    context.subscriptions.push(output);

    const serverModule = context.asAbsolutePath(path.join('out', 'server', 'main.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const ociFiles = vscode.workspace.createFileSystemWatcher('**/*.oci');
    const zipFiles = vscode.workspace.createFileSystemWatcher('**/*.zip');
    context.subscriptions.push(ociFiles, zipFiles);
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: LANGUAGE }],
        synchronize: { fileEvents: [ociFiles, zipFiles] },
        outputChannel: output
    };

    const status = vscode.window.createStatusBarItem('oci.erros', vscode.StatusBarAlignment.Left, 10);
    status.name = 'OCI — erros do catálogo';
    status.command = 'workbench.actions.view.problems';
    context.subscriptions.push(status);
    const refresh = () => updateStatus(status);
    context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(refresh));
    refresh();

    client = new LanguageClient('oci', 'OCI — Rol de Ofertas de Cuidados Integrados', serverOptions, clientOptions);
    try {
        await client.start();
        output.info(`Servidor de linguagem OCI iniciado (${serverModule}).`);
    } catch (error) {
        output.error(`Falha ao iniciar o servidor de linguagem OCI: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage('OCI: o servidor de linguagem não pôde ser iniciado; veja o canal de saída "OCI".');
    }
}

export async function deactivate(): Promise<void> {
    if (client) {
        await client.stop();
        client = undefined;
    }
}

/** Errors in .oci files of the workspace (open or not): the server validates every file. */
export function countErrors(): number {
    let errors = 0;
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
        if (!isOciUri(uri)) continue;
        errors += diagnostics.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length;
    }
    return errors;
}

function isOciUri(uri: vscode.Uri): boolean {
    if (uri.path.toLowerCase().endsWith('.oci')) return true;
    return vscode.workspace.textDocuments.some(d => d.languageId === LANGUAGE && d.uri.toString() === uri.toString());
}

function updateStatus(status: vscode.StatusBarItem): void {
    const errors = countErrors();
    status.text = errors === 0 ? '$(check) OCI' : `$(error) OCI ${errors}`;
    status.tooltip = errors === 0
        ? 'Catálogo de OCI sem erros'
        : `${errors} ${errors === 1 ? 'erro' : 'erros'} nos arquivos .oci do workspace — clique para abrir Problemas`;
    status.backgroundColor = errors === 0 ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
    status.show();
}
