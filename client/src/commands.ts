/**
 * The extension's commands that produce files:
 *
 *  OCI: Gerar catálogo (oci.gerarCatalogo) — saves the open .oci editors, asks the language
 *    server to build the catalogue of the active file's header (`oci/gerarCatalogo`: the CLI's
 *    build over the documents the server holds) into `oci.catalogo.pastaSaida`, and reports where
 *    the files went, with buttons to open the folder or the JSON. With several catalogues in the
 *    workspace and no .oci editor active, it asks which one.
 *  OCI: Importar competência SIGTAP (oci.importarSigtap) — picks a TabelaUnificada zip and an
 *    output folder and runs the bundled CLI (`out/cli/main.cjs import-sigtap ZIP --out DIR`) with
 *    the editor's own Node. The output folder proposed is a new subfolder named for the
 *    competência. Existing .oci files are overwritten only after the user says so (`--force`),
 *    asked before anything is copied or written; then a zip outside the workspace is copied into
 *    DIR/sigtap/ once the user agrees (the checker reads the table only from inside the workspace).
 *
 * Both accept their inputs as arguments too (automation, the e2e suite) and return what they did.
 * "OCI: Auditar produção" (auditoria.ts) builds the catalogue with `buildCatalogo` and runs the
 * CLI the same way (cli-processo.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
    GenerateCatalogoRequest,
    type GenerateCatalogoParams,
    type GenerateCatalogoResult
} from '../../server/src/protocol.js';
import { cliBundle, runCli, ultimaLinha } from './cli-processo.js';
import { t } from './l10n.js';
import { openRelatorio } from './relatorio.js';

export async function generateCatalogo(
    client: LanguageClient,
    output: vscode.LogOutputChannel,
    options: { cabecalho?: string; saida?: string } = {}
): Promise<GenerateCatalogoResult | undefined> {
    const result = await buildCatalogo(client, options);
    if (result) report(result, output);
    return result;
}

/**
 * Saves the open .oci editors and asks the server to build the catalogue of the active file's
 * header into `oci.catalogo.pastaSaida` (asking which one when several exist and no .oci editor
 * is active). Undefined when the user cancels the choice. Shared by "Gerar catálogo" and
 * "Auditar produção" (which audits the catalogo.json written here).
 */
export async function buildCatalogo(
    client: LanguageClient,
    options: { cabecalho?: string; saida?: string } = {}
): Promise<GenerateCatalogoResult | undefined> {
    await saveOciDocuments();
    const active = vscode.window.activeTextEditor?.document;
    const params: GenerateCatalogoParams = {
        uri: active?.languageId === 'oci' ? active.uri.toString() : undefined,
        cabecalho: options.cabecalho,
        saida: options.saida ?? pastaSaida(active?.uri)
    };
    let result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Gerando o catálogo…') },
        () => client.sendRequest<GenerateCatalogoResult>(GenerateCatalogoRequest, params)
    );
    if (result.status === 'escolher') {
        const picked = await vscode.window.showQuickPick(
            result.catalogos.map(c => ({
                label: c.nome || vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri)),
                description: vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri)),
                uri: c.uri
            })),
            { placeHolder: t('Há mais de um catálogo no workspace: qual gerar?') }
        );
        if (!picked) return undefined;
        const saida = options.saida ?? pastaSaida(vscode.Uri.parse(picked.uri));
        result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: t('Gerando o catálogo…') },
            () =>
                client.sendRequest<GenerateCatalogoResult>(GenerateCatalogoRequest, {
                    ...params,
                    cabecalho: picked.uri,
                    saida
                })
        );
    }
    return result;
}

/** `oci.catalogo.pastaSaida` of the workspace folder of `uri` (the server resolves a relative one). */
function pastaSaida(uri: vscode.Uri | undefined): string {
    return vscode.workspace.getConfiguration('oci.catalogo', uri).get<string>('pastaSaida', 'out/catalogo');
}

async function saveOciDocuments(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) {
        if (document.languageId === 'oci' && document.isDirty && !document.isUntitled) await document.save();
    }
}

/** Tells the user what the build did (notification and output channel). */
export function report(result: GenerateCatalogoResult, output: vscode.LogOutputChannel): void {
    switch (result.status) {
        case 'gerado': {
            // The JSON, else the last file written, else the folder itself.
            const json =
                result.arquivos.find(a => a.endsWith('catalogo.json')) ?? result.arquivos.at(-1) ?? result.saida;
            output.info(
                `Catálogo gerado em ${result.saida}: ${result.arquivos.map(a => path.basename(a)).join(', ')} (${result.ocis} OCI, ${result.total.texto})`
            );
            const openFolderLabel = t('Abrir pasta');
            const openJsonLabel = t('Abrir catalogo.json');
            const html = result.arquivos.find(a => a.endsWith('.html'));
            const openHtmlLabel = t('Abrir HTML');
            const message =
                t(
                    'Catálogo gerado em {0}: {1} OCI, soma dos valores {2} (competência {3}).',
                    displayPath(result.saida),
                    result.ocis,
                    result.total.texto,
                    result.competencia ?? '—'
                ) + (result.avisos > 0 ? ' ' + t('{0} aviso(s) no Problems.', result.avisos) : '');
            void vscode.window
                .showInformationMessage(message, ...(html ? [openHtmlLabel] : []), openFolderLabel, openJsonLabel)
                .then(choice => {
                    if (choice === openHtmlLabel && html) void openRelatorio(html);
                    else if (choice === openFolderLabel)
                        void openFolder(vscode.Uri.file(result.saida), vscode.Uri.file(json));
                    else if (choice === openJsonLabel) void vscode.window.showTextDocument(vscode.Uri.file(json));
                });
            return;
        }
        case 'erros': {
            output.warn(`Catálogo NÃO gerado: ${result.total} erro(s)`);
            for (const e of result.erros)
                output.warn(
                    `  ${vscode.Uri.parse(e.uri).fsPath}:${e.linha + 1}:${e.coluna + 1} [${e.codigo}] ${e.mensagem}`
                );
            const mostrar = t('Mostrar problemas');
            void vscode.window
                .showErrorMessage(
                    t('Catálogo NÃO gerado: {0} erro(s) nos arquivos do catálogo. Nada foi gravado.', result.total),
                    mostrar
                )
                .then(choice => {
                    if (choice === mostrar) void vscode.commands.executeCommand('workbench.actions.view.problems');
                });
            return;
        }
        case 'sem-catalogo':
            void vscode.window.showWarningMessage(
                t('Nenhum cabeçalho "catalogo" nos arquivos .oci do workspace: não há catálogo para gerar.')
            );
            return;
        case 'falha':
            output.error(`Falha ao gravar o catálogo: ${result.mensagem}`);
            void vscode.window.showErrorMessage(t('Falha ao gravar o catálogo: {0}', result.mensagem));
            return;
        case 'escolher':
            return;
    }
}

/** Reveals a folder: in the Explorer when it is in the workspace, else in the operating system. */
export async function openFolder(folder: vscode.Uri, file: vscode.Uri): Promise<void> {
    if (vscode.workspace.getWorkspaceFolder(folder)) {
        await vscode.commands.executeCommand('revealInExplorer', file);
    } else {
        await vscode.commands.executeCommand('revealFileInOS', folder);
    }
}

export function displayPath(p: string): string {
    const relative = vscode.workspace.asRelativePath(p, true);
    return relative === p ? p : relative;
}

export interface ImportSigtapOptions {
    /** The zip; asked with a file dialog when missing. */
    zip?: string;
    /** The output folder; asked with a folder dialog when missing. */
    out?: string;
    /** Overwrite existing files without asking. */
    force?: boolean;
    /**
     * Copy a zip that is outside the workspace into OUT/sigtap/ without asking (default: ask; with both paths given:
     * copy).
     */
    copiar?: boolean;
}

export interface ImportSigtapResult {
    exitCode: number;
    out: string;
    zip: string;
    stdout: string;
    stderr: string;
}

export async function runImportSigtap(
    extensionPath: string,
    output: vscode.LogOutputChannel,
    options: ImportSigtapOptions = {},
    folder?: vscode.Uri
): Promise<ImportSigtapResult | undefined> {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
    let zip = options.zip;
    if (!zip) {
        const picked = await vscode.window.showOpenDialog({
            canSelectFiles: true,
            canSelectFolders: false,
            canSelectMany: false,
            filters: { [t('Tabela SIGTAP (zip)')]: ['zip'] },
            openLabel: t('Importar esta competência'),
            title: t('Tabela Unificada SIGTAP (TabelaUnificada_AAAAMM_*.zip)')
        });
        if (!picked?.[0]) return undefined;
        zip = picked[0].fsPath;
    }
    let out = options.out;
    if (!out) {
        // A new subfolder named for the competência: importing into the existing catalogue's
        // folder would put a second header beside it (issue 19).
        const base = (folder ?? workspaceFolder)?.fsPath;
        if (!base) return undefined;
        const typed = await vscode.window.showInputBox({
            title: t('Pasta de saída dos arquivos .oci'),
            prompt: t('Pasta nova, dentro de {0}, onde gravar o catálogo importado', displayPath(base)),
            value: pastaDaCompetencia(zip),
            validateInput: v => (v.trim() === '' ? t('Informe o nome da pasta') : undefined)
        });
        if (!typed) return undefined;
        out = path.resolve(base, typed.trim());
    }
    // Overwriting is asked before anything is copied or written.
    let force = options.force === true;
    if (options.force === undefined && temArquivosOci(out)) {
        const sobrescrever = t('Sobrescrever');
        const choice = await vscode.window.showWarningMessage(
            t('Já existem arquivos .oci em {0}. Sobrescrever?', displayPath(out)),
            { modal: true },
            sobrescrever
        );
        if (choice !== sobrescrever) return undefined;
        force = true;
    }
    // The checker reads the table only from inside the workspace: bring the zip in.
    const outside = !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(zip));
    if (outside && vscode.workspace.workspaceFolders?.length) {
        let copiar = options.copiar ?? (options.zip !== undefined && options.out !== undefined);
        if (options.copiar === undefined && !copiar) {
            const sim = t('Copiar para {0}', path.join(path.basename(out), 'sigtap'));
            const nao = t('Usar onde está');
            const choice = await vscode.window.showWarningMessage(
                t(
                    'O zip está fora do workspace: o verificador só lê a tabela SIGTAP de dentro das pastas do catálogo. Copiar o zip para a pasta de saída?'
                ),
                { modal: true },
                sim,
                nao
            );
            if (choice === undefined) return undefined;
            copiar = choice === sim;
        }
        if (copiar) {
            const target = path.join(out, 'sigtap', path.basename(zip));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.copyFileSync(zip, target);
            output.info(`Tabela SIGTAP copiada para ${target}`);
            zip = target;
        }
    }
    const result = await runImport(extensionPath, output, zip, out, force);
    if (result.exitCode === 0) {
        const catalogo = path.join(out, 'catalogo.oci');
        const abrir = t('Abrir catalogo.oci');
        void vscode.window
            .showInformationMessage(
                t(
                    'Competência importada em {0}. Preencha o que está marcado "a_preencher" (tR, tM, conclusão, estimativas, frequências).',
                    displayPath(out)
                ),
                abrir
            )
            .then(choice => {
                if (choice === abrir) void vscode.window.showTextDocument(vscode.Uri.file(catalogo));
            });
    } else if (!(result.exitCode === 2 && /--force/.test(result.stderr))) {
        void vscode.window.showErrorMessage(
            t('A importação falhou: {0}', ultimaLinha(result.stderr) || `exit ${result.exitCode}`)
        );
    }
    return result;
}

/** `competencia-AAAA-MM` from a TabelaUnificada_AAAAMM_… zip name; `sigtap-importado` otherwise. */
export function pastaDaCompetencia(zip: string): string {
    const m = /(\d{4})(\d{2})/.exec(path.basename(zip));
    return m ? `competencia-${m[1]}-${m[2]}` : 'sigtap-importado';
}

/** Whether `dir` already holds .oci files (the import would overwrite them). */
function temArquivosOci(dir: string): boolean {
    try {
        return fs.readdirSync(dir, { recursive: true }).some(f => String(f).endsWith('.oci'));
    } catch {
        return false;
    }
}

function runImport(
    extensionPath: string,
    output: vscode.LogOutputChannel,
    zip: string,
    out: string,
    force: boolean
): Promise<ImportSigtapResult> {
    const cli = cliBundle(extensionPath);
    const cliArgs = ['import-sigtap', zip, '--out', out, ...(force ? ['--force'] : [])];
    output.info(`oci-catalogo ${cliArgs.map(a => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')} (${cli})`);
    return Promise.resolve(
        vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: t('Importando a competência SIGTAP…') },
            async () => {
                fs.mkdirSync(out, { recursive: true });
                const run = await runCli(cli, cliArgs, { cwd: out });
                if (run.stdout.trim()) output.info(run.stdout.trim());
                if (run.stderr.trim()) output.warn(run.stderr.trim());
                return { exitCode: run.exitCode, out, zip, stdout: run.stdout, stderr: run.stderr };
            }
        )
    );
}
