/**
 * The downstream exports as commands beside "OCI: Gerar catálogo", both running the bundled CLI
 * (cli-processo.ts) over the catalogue's folder:
 *
 *  OCI: Exportar para o SIGTAP (oci.exportarSigtap) — `export-sigtap PASTA --competencia AAAA-MM
 *    --out DIR [--delta-de ZIP]`: asks the competência, whether to write the full tables or only
 *    the differences from a competência zip, and the output folder.
 *  OCI: Gerar anexo da portaria (oci.gerarAnexo) — `anexo PASTA --out ARQUIVO.docx [--desde
 *    ANTERIOR]`: asks where to save the DOCX and offers to open it.
 *
 * The catalogue is the header (`catalogo "…"`) above the active .oci file, else the one in the
 * workspace (asked when there are several). Inputs may be passed as arguments (automation, e2e);
 * each returns the CLI's run, or undefined when the user cancels.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cliBundle, runCli, ultimaLinha, type CliRun } from './cli-processo.js';
import { displayPath, openFolder } from './commands.js';
import { t } from './l10n.js';

const HEADER = /^\s*cat[aá]logo\s+["']/m;

export interface ExportSigtapOptions {
    /** The catalogue's folder (of its header file). */
    catalogo?: string;
    /** AAAA-MM. */
    competencia?: string;
    out?: string;
    /** The competência zip to diff against; null: full tables without asking. */
    deltaDe?: string | null;
}

export interface GenerateAnexoOptions {
    catalogo?: string;
    out?: string;
    /** Previous catalogue (folder or catalogo.json) for the summary of changes. */
    desde?: string;
    /** AAAA-MM-DD printed in the annex. */
    data?: string;
}

export type ExportacaoResult = CliRun & { out: string };

/** The CLI's error message (its "oci-catalogo: …" line; a pointer to --help may follow it). */
function mensagemDoCli(run: CliRun): string {
    const linhas = run.stderr.trim().split(/\r?\n/);
    return (
        (linhas
            .filter(l => l.startsWith('oci-catalogo: '))
            .pop()
            ?.slice('oci-catalogo: '.length) ??
            ultimaLinha(run.stderr)) ||
        `exit ${run.exitCode}`
    );
}

function isHeader(file: string): boolean {
    try {
        return HEADER.test(fs.readFileSync(file, 'utf8'));
    } catch {
        return false;
    }
}

/** The folder of the catalogue header above the active .oci file, or of the workspace's (asked when several). */
async function pastaDoCatalogo(): Promise<string | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'oci' && active.uri.scheme === 'file') {
        const root = vscode.workspace.getWorkspaceFolder(active.uri)?.uri.fsPath;
        for (let dir = path.dirname(active.uri.fsPath); ; dir = path.dirname(dir)) {
            const header = fs
                .readdirSync(dir)
                .filter(f => f.endsWith('.oci'))
                .map(f => path.join(dir, f))
                .find(isHeader);
            if (header) return dir;
            if (dir === root || path.dirname(dir) === dir) break;
        }
    }
    const headers = (await vscode.workspace.findFiles('**/*.oci', '**/{node_modules,out,.git}/**'))
        .map(u => u.fsPath)
        .filter(isHeader);
    if (headers.length === 0) {
        void vscode.window.showWarningMessage(
            t('Nenhum cabeçalho "catalogo" nos arquivos .oci do workspace: não há catálogo para gerar.')
        );
        return undefined;
    }
    const [only] = headers;
    if (only !== undefined && headers.length === 1) return path.dirname(only);
    const picked = await vscode.window.showQuickPick(
        headers.map(h => ({ label: vscode.workspace.asRelativePath(h), dir: path.dirname(h) })),
        { placeHolder: t('Há mais de um catálogo no workspace: qual gerar?') }
    );
    return picked?.dir;
}

async function executar(
    extensionPath: string,
    output: vscode.LogOutputChannel,
    cwd: string,
    args: string[],
    titulo: string
): Promise<CliRun> {
    const cli = cliBundle(extensionPath);
    output.info(`oci-catalogo ${args.map(a => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')} (${cli})`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: titulo }, async () => {
        const run = await runCli(cli, args, { cwd });
        if (run.stdout.trim()) output.info(run.stdout.trim());
        if (run.stderr.trim()) output.warn(run.stderr.trim());
        return run;
    });
}

export async function runExportSigtap(
    extensionPath: string,
    output: vscode.LogOutputChannel,
    options: ExportSigtapOptions = {}
): Promise<ExportacaoResult | undefined> {
    const catalogo = options.catalogo ?? (await pastaDoCatalogo());
    if (!catalogo) return undefined;
    const competencia =
        options.competencia ??
        (await vscode.window.showInputBox({
            prompt: t('Competência SIGTAP a gravar nas tabelas (AAAA-MM)'),
            placeHolder: '2026-02',
            validateInput: v =>
                /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(v.trim()) ? undefined : t('Use AAAA-MM, por exemplo 2026-02')
        }));
    if (!competencia) return undefined;
    let deltaDe = options.deltaDe;
    if (deltaDe === undefined) {
        const completas = t('Tabelas completas');
        const diferencas = t('Só as diferenças para uma competência (zip)…');
        const escolha = await vscode.window.showQuickPick([completas, diferencas], { placeHolder: t('O que gravar?') });
        if (!escolha) return undefined;
        if (escolha === diferencas) {
            const zip = await vscode.window.showOpenDialog({
                canSelectFiles: true,
                canSelectMany: false,
                filters: { [t('Tabela SIGTAP (zip)')]: ['zip'] },
                defaultUri: vscode.Uri.file(catalogo)
            });
            if (!zip?.[0]) return undefined;
            deltaDe = zip[0].fsPath;
        }
    }
    let out = options.out;
    if (!out) {
        const picked = await vscode.window.showOpenDialog({
            canSelectFiles: false,
            canSelectFolders: true,
            canSelectMany: false,
            defaultUri: vscode.Uri.file(catalogo),
            openLabel: t('Gravar as tabelas SIGTAP aqui')
        });
        if (!picked?.[0]) return undefined;
        out = picked[0].fsPath;
    }
    const args = [
        'export-sigtap',
        catalogo,
        '--competencia',
        competencia.trim(),
        '--out',
        out,
        ...(deltaDe ? ['--delta-de', deltaDe] : [])
    ];
    const run = await executar(extensionPath, output, catalogo, args, t('Exportando para o SIGTAP…'));
    if (run.exitCode === 0) {
        const abrir = t('Abrir pasta');
        void vscode.window
            .showInformationMessage(t('Tabelas SIGTAP gravadas em {0}.', displayPath(out)), abrir)
            .then(choice => {
                if (choice === abrir)
                    void openFolder(vscode.Uri.file(out!), vscode.Uri.file(path.join(out!, 'tb_procedimento.txt')));
            });
    } else {
        void vscode.window.showErrorMessage(t('A exportação para o SIGTAP falhou: {0}', mensagemDoCli(run)));
    }
    return { ...run, out };
}

export async function generateAnexo(
    extensionPath: string,
    output: vscode.LogOutputChannel,
    options: GenerateAnexoOptions = {}
): Promise<ExportacaoResult | undefined> {
    const catalogo = options.catalogo ?? (await pastaDoCatalogo());
    if (!catalogo) return undefined;
    let out = options.out;
    if (!out) {
        const picked = await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.file(path.join(catalogo, 'anexo.docx')),
            filters: { DOCX: ['docx'] }
        });
        if (!picked) return undefined;
        out = picked.fsPath;
    }
    const args = [
        'anexo',
        catalogo,
        '--out',
        out,
        ...(options.desde ? ['--desde', options.desde] : []),
        ...(options.data ? ['--data', options.data] : [])
    ];
    const run = await executar(extensionPath, output, catalogo, args, t('Gerando o anexo da portaria…'));
    if (run.exitCode === 0) {
        const abrir = t('Abrir anexo');
        void vscode.window.showInformationMessage(t('Anexo gravado em {0}.', displayPath(out)), abrir).then(choice => {
            if (choice === abrir) void vscode.env.openExternal(vscode.Uri.file(out!));
        });
    } else {
        void vscode.window.showErrorMessage(t('O anexo não foi gerado: {0}', mensagemDoCli(run)));
    }
    return { ...run, out };
}
