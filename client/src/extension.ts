/**
 * VS Code extension of the OCI catalogue language: starts the language server (out/server/start.cjs, which loads
 * out/server/main.cjs) over IPC, shows the workspace's error count in the status bar, and
 * registers the commands "OCI: Gerar catálogo", "OCI: Importar competência SIGTAP",
 * "OCI: Mostrar composição do valor" and "OCI: Auditar produção". The server gets the editor's display language
 * (initializationOptions.locale) and reads the `oci.*` settings through workspace/configuration.
 * Strings: Portuguese, English when VS Code is in English (l10n.ts, l10n/, package.nls*.json).
 */
import * as vscode from 'vscode';
import {
    LanguageClient,
    TransportKind,
    type LanguageClientOptions,
    type ServerOptions
} from 'vscode-languageclient/node';
import { auditProducao, type AuditProducaoOptions } from './auditoria.js';
import { generateCatalogo, runImportSigtap, type ImportSigtapOptions } from './commands.js';
import { runExportSigtap, generateAnexo, type ExportSigtapOptions, type GenerateAnexoOptions } from './exportacoes.js';
import { ComposicaoPanel } from './composicao-panel.js';
import { SERVER_CACHE_ENV, SERVER_ENTRY, SERVER_EXEC_ARGV } from '../../server/src/launch.js';
import { loadEnglishBundle, t } from './l10n.js';
import { VALIDACAO_NOTIFICATION, type ValidacaoParams } from '../../server/src/validacao-protocol.js';
import { A_PREENCHER_CODE } from '../../server/src/protocol.js';

const LANGUAGE = 'oci';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    await loadEnglishBundle(context.extensionUri);
    const output = vscode.window.createOutputChannel('OCI', { log: true });
    context.subscriptions.push(output);

    // The entry that turns on Node's compile cache before it loads out/server/main.cjs (server/src/start.ts), with
    // the cache in this extension's global storage (Node creates the folder; one it cannot write means no cache).
    const serverModule = context.asAbsolutePath(SERVER_ENTRY);
    const env = { [SERVER_CACHE_ENV]: context.globalStorageUri.fsPath };
    const serverOptions: ServerOptions = {
        // --expose-gc: the server's memory policy (server/src/memory-policy.ts) collects after builds.
        run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env } },
        debug: {
            module: serverModule,
            transport: TransportKind.ipc,
            options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'], env }
        }
    };
    // .par (Plano de Ação Regional) and .se (Sala de Estabilização) share the server: their OCIs resolve against the
    // catalogue.
    const ociFiles = vscode.workspace.createFileSystemWatcher('**/*.{oci,par,se}');
    const zipFiles = vscode.workspace.createFileSystemWatcher('**/*.zip');
    // The repository's configuration: the server reloads it and revalidates (server/src/workspace-config-watcher.ts).
    const configFiles = vscode.workspace.createFileSystemWatcher('**/oci-catalogo.yaml');
    context.subscriptions.push(ociFiles, zipFiles, configFiles);
    const clientOptions: LanguageClientOptions = {
        documentSelector: [LANGUAGE, 'par', 'se'].map(language => ({ scheme: 'file', language })),
        synchronize: { fileEvents: [ociFiles, zipFiles, configFiles] },
        outputChannel: output,
        // The value code lens opens the breakdown panel when the server knows the command exists here.
        initializationOptions: { locale: vscode.env.language, comandos: ['oci.mostrarComposicao'] }
    };

    const status = vscode.window.createStatusBarItem('oci.erros', vscode.StatusBarAlignment.Left, 10);
    status.name = t('OCI — erros do catálogo');
    status.command = 'workbench.actions.view.problems';
    context.subscriptions.push(status);
    // Until the server's first full build ends, the bar says it is validating (never "no errors").
    let validacao: ValidacaoParams | undefined = { arquivos: 0, validados: 0, concluida: false };
    const refresh = () => updateStatus(status, validacao);
    context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(refresh));
    context.subscriptions.push(
        vscode.workspace.onDidChangeConfiguration(e => {
            if (e.affectsConfiguration('oci.idioma')) refresh();
        })
    );
    refresh();

    client = new LanguageClient('oci', t('OCI — Rol de Ofertas de Cuidados Integrados'), serverOptions, clientOptions);
    client.onNotification(VALIDACAO_NOTIFICATION, (params: ValidacaoParams) => {
        validacao = params.concluida ? undefined : params;
        refresh();
    });
    const ready = client.start().then(
        () => {
            output.info(`Servidor de linguagem OCI iniciado (${serverModule}).`);
        },
        error => {
            output.error(
                `Falha ao iniciar o servidor de linguagem OCI: ${error instanceof Error ? error.message : String(error)}`
            );
            void vscode.window.showErrorMessage(
                t('OCI: o servidor de linguagem não pôde ser iniciado; veja o canal de saída "OCI".')
            );
            throw error;
        }
    );
    const running = async () => {
        await ready;
        return client!;
    };

    context.subscriptions.push(
        vscode.commands.registerCommand('oci.gerarCatalogo', async (options?: { cabecalho?: string; saida?: string }) =>
            generateCatalogo(await running(), output, options ?? {})
        ),
        vscode.commands.registerCommand('oci.exportarSigtap', (options?: ExportSigtapOptions) =>
            runExportSigtap(context.extensionPath, output, options ?? {})
        ),
        vscode.commands.registerCommand('oci.gerarAnexo', (options?: GenerateAnexoOptions) =>
            generateAnexo(context.extensionPath, output, options ?? {})
        ),
        vscode.commands.registerCommand('oci.importarSigtap', (arg?: ImportSigtapOptions | vscode.Uri) =>
            arg instanceof vscode.Uri
                ? runImportSigtap(context.extensionPath, output, {}, arg)
                : runImportSigtap(context.extensionPath, output, arg ?? {})
        ),
        // From the palette: the OCI under the cursor; from the value code lens: { uri, codigo }.
        vscode.commands.registerCommand('oci.mostrarComposicao', async (target?: { uri: string; codigo: string }) =>
            ComposicaoPanel.show(await running(), vscode.window.activeTextEditor, target)
        ),
        // From the palette: asks for the files; given a Uri (and a selection, as Explorer menus pass them): those; or {
        // producao, … }.
        vscode.commands.registerCommand(
            'oci.auditarProducao',
            async (arg?: AuditProducaoOptions | vscode.Uri, selecao?: vscode.Uri[]) => {
                const options =
                    arg instanceof vscode.Uri
                        ? { producao: (selecao?.length ? selecao : [arg]).map(u => u.fsPath) }
                        : (arg ?? {});
                return auditProducao(await running(), context.extensionPath, output, options);
            }
        )
    );
    await ready.catch(() => undefined);
}

export async function deactivate(): Promise<void> {
    if (client) {
        await client.stop();
        client = undefined;
    }
}

/** Errors in .oci files of the workspace (open or not): the server validates every file. */
export function countErrors(): { errors: number; pendentes: number } {
    let errors = 0;
    let pendentes = 0;
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
        if (!isOciUri(uri)) continue;
        errors += diagnostics.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length;
        // Pending data is shown as one info per OCI, but it blocks publication: the bar says so.
        pendentes += diagnostics.filter(d => codeOf(d) === A_PREENCHER_CODE).length;
    }
    return { errors, pendentes };
}

function codeOf(d: vscode.Diagnostic): string | undefined {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return code === undefined ? undefined : String(code);
}

function isOciUri(uri: vscode.Uri): boolean {
    if (uri.path.toLowerCase().endsWith('.oci')) return true;
    return vscode.workspace.textDocuments.some(d => d.languageId === LANGUAGE && d.uri.toString() === uri.toString());
}

function updateStatus(status: vscode.StatusBarItem, validacao?: ValidacaoParams): void {
    if (validacao) {
        status.text =
            validacao.arquivos > 0
                ? `$(sync~spin) ${t('OCI: validando {0} arquivos', validacao.arquivos)}`
                : `$(sync~spin) ${t('OCI: iniciando')}`;
        status.tooltip = t('Validando o workspace (tabela SIGTAP e regras): os erros aparecem ao final');
        status.backgroundColor = undefined;
        status.show();
        return;
    }
    const { errors, pendentes } = countErrors();
    const pendentesText = pendentes > 0 ? ` $(edit) ${pendentes}` : '';
    status.text = (errors === 0 ? '$(check) OCI' : `$(error) OCI ${errors}`) + pendentesText;
    const errorsTooltip =
        errors === 0
            ? t('Catálogo de OCI sem erros')
            : errors === 1
              ? t('1 erro nos arquivos .oci do workspace — clique para abrir Problemas')
              : t('{0} erros nos arquivos .oci do workspace — clique para abrir Problemas', errors);
    // Never "no errors" alone while something is still to be filled in: that blocks publication.
    status.tooltip =
        pendentes === 0
            ? errorsTooltip
            : errors === 0
              ? t('Sem erros, mas {0} OCI com dados a preencher: bloqueiam a publicação', pendentes)
              : `${errorsTooltip}; ${t('{0} OCI com dados a preencher (bloqueiam a publicação)', pendentes)}`;
    status.backgroundColor =
        errors > 0
            ? new vscode.ThemeColor('statusBarItem.errorBackground')
            : pendentes > 0
              ? new vscode.ThemeColor('statusBarItem.warningBackground')
              : undefined;
    status.show();
}
