/**
 * "OCI: Auditar produção" (oci.auditarProducao): the production audit of `oci-catalogo audit`
 * (Portaria GM/MS nº 3.492/2024, art. 14 §2 III-IV; art. 12 VI) from the editor.
 *
 *  1. builds the workspace's catalogue exactly as "OCI: Gerar catálogo" does (the server's
 *     `oci/gerarCatalogo`, same choice of catalogue, into `oci.catalogo.pastaSaida`) — with errors
 *     nothing is audited and the errors are shown as that command shows them;
 *  2. checks that DuckDB can be loaded (NODE_PATH below) and only then asks for the production
 *     files (CSV or Parquet of the SIA, several at once) — preconditions before questions;
 *  3. runs the bundled CLI, `audit SAIDA/catalogo.json --producao ARQUIVOS… --out SAIDA/auditoria`,
 *     in a child process (cli-processo.ts: the editor's own Node, NODE_PATH at the catalogue
 *     repository's node_modules for DuckDB), with a cancellable progress notification and its
 *     output in the "OCI" channel;
 *  4. opens auditoria.html (the system's browser; a webview in remote and browser-hosted VS Code:
 *     relatorio.ts) and offers "Abrir relatório" and "Abrir pasta".
 *
 * DuckDB is a native module that the vsix (packaged with --no-dependencies) does not carry: when the
 * catalogue repository has no `npm install`ed CLI, the child cannot load it and the user is told to
 * install it or to run `npx oci-catalogo audit …` in a terminal (the command is copied on request).
 *
 * Accepts its inputs as arguments too (automation): { producao, cabecalho, saida, out, abrir }.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GenerateCatalogoResult } from '../../server/src/protocol.js';
import {
    RELATORIO_HTML,
    RELATORIO_JSON,
    cliBundle,
    duckdbAusente,
    linhaDeComando,
    nodeModulesAcima,
    reaisTexto,
    runCli,
    ultimaLinha,
    type CliRun
} from './cli-processo.js';
import { buildCatalogo, displayPath, openFolder, report } from './commands.js';
import { t } from './l10n.js';
import { openRelatorio } from './relatorio.js';

export interface AuditProducaoOptions {
    /** Production files (.csv, .txt, .parquet); asked with a file dialog when missing. */
    producao?: string[];
    /** The header document (URI) of the catalogue, when several exist. */
    cabecalho?: string;
    /** Where the catalogue is built: default `oci.catalogo.pastaSaida`. */
    saida?: string;
    /** The audit's folder: default `<saída do catálogo>/auditoria`. */
    out?: string;
    /** Open auditoria.html when done (default true). */
    abrir?: boolean;
}

export type AuditProducaoResult =
    /** The catalogue was not built (errors, none in the workspace, write failure): nothing audited. */
    | { status: 'catalogo'; catalogo: GenerateCatalogoResult }
    /** The CLI ran: `auditado` (exit 0), `sem-duckdb`, `cancelado` or `falha`. */
    | {
          status: 'auditado' | 'sem-duckdb' | 'cancelado' | 'falha';
          exitCode: number;
          catalogo: string;
          producao: string[];
          out: string;
          html: string;
          stdout: string;
          stderr: string;
      };

/** `total` of auditoria.json (language/src/audit/auditoria.ts AuditoriaJson), the part shown. */
interface TotalAuditoria {
    episodios: number;
    sinalizados: number;
    cobrancaDupla: { registros: number; valor: { reais: string } };
}

export async function auditProducao(
    client: LanguageClient,
    extensionPath: string,
    output: vscode.LogOutputChannel,
    options: AuditProducaoOptions = {}
): Promise<AuditProducaoResult | undefined> {
    // Preconditions before any question (issue 19): a catalogue without errors, then DuckDB.
    const construido = await buildCatalogo(client, { cabecalho: options.cabecalho, saida: options.saida });
    if (!construido) return undefined;
    if (construido.status !== 'gerado') {
        report(construido, output);
        return { status: 'catalogo', catalogo: construido };
    }
    const catalogo =
        construido.arquivos.find(a => path.basename(a) === 'catalogo.json') ??
        path.join(construido.saida, 'catalogo.json');
    const out = options.out ?? path.join(construido.saida, 'auditoria');
    const html = path.join(out, RELATORIO_HTML);
    const cabecalho = vscode.Uri.parse(construido.cabecalho);
    const pastaDoCatalogo = path.dirname(cabecalho.fsPath);
    const cwd = vscode.workspace.getWorkspaceFolder(cabecalho)?.uri.fsPath ?? pastaDoCatalogo;
    const nodePath = nodeModulesAcima([
        pastaDoCatalogo,
        ...(vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath)
    ]);

    let producao = options.producao;
    if (!producao?.length) {
        if (!nodePath.some(dir => fs.existsSync(path.join(dir, '@duckdb', 'node-api', 'package.json')))) {
            avisarSemDuckdb(output, cwd, catalogo, [t('<arquivos de produção>')], out);
            return {
                status: 'sem-duckdb',
                exitCode: 2,
                catalogo,
                producao: [],
                out,
                html,
                stdout: '',
                stderr: 'DuckDB (@duckdb/node-api) não encontrado em NODE_PATH'
            };
        }
        const picked = await vscode.window.showOpenDialog({
            canSelectFiles: true,
            canSelectFolders: false,
            canSelectMany: true,
            defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
            filters: { [t('Produção (CSV ou Parquet)')]: ['csv', 'txt', 'parquet'] },
            openLabel: t('Auditar estes arquivos'),
            title: t('Arquivos de produção do SIA a auditar (CSV ou Parquet; vários de uma vez)')
        });
        if (!picked?.length) return undefined;
        producao = picked.map(u => u.fsPath);
    }
    const cli = cliBundle(extensionPath);
    const args = ['audit', catalogo, '--producao', ...producao, '--out', out];

    output.info(
        `Catálogo gerado em ${construido.saida} (${construido.ocis} OCI); auditando ${producao.length} arquivo(s) de produção.`
    );
    output.info(`oci-catalogo ${linhaDeComando(args)} (${cli}; NODE_PATH: ${nodePath.join(path.delimiter) || '—'})`);
    const run: CliRun = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Auditando a produção…'), cancellable: true },
        (_progress, token) => {
            const parar = new AbortController();
            token.onCancellationRequested(() => parar.abort());
            return runCli(cli, args, { cwd, nodePath, signal: parar.signal });
        }
    );
    if (run.stdout.trim()) output.info(run.stdout.trim());
    if (run.stderr.trim()) output.warn(run.stderr.trim());
    const resultado = { exitCode: run.exitCode, catalogo, producao, out, html, stdout: run.stdout, stderr: run.stderr };

    if (run.cancelado) {
        output.warn('Auditoria cancelada.');
        void vscode.window.showInformationMessage(t('Auditoria cancelada.'));
        return { status: 'cancelado', ...resultado };
    }
    if (duckdbAusente(run)) {
        avisarSemDuckdb(output, cwd, catalogo, producao, out);
        return { status: 'sem-duckdb', ...resultado };
    }
    if (run.exitCode !== 0) {
        const mostrar = t('Mostrar saída');
        void vscode.window
            .showErrorMessage(t('A auditoria falhou: {0}', ultimaLinha(run.stderr) || `exit ${run.exitCode}`), mostrar)
            .then(choice => {
                if (choice === mostrar) output.show(true);
            });
        return { status: 'falha', ...resultado };
    }

    if (options.abrir !== false) void openRelatorio(html);
    const total = readTotal(path.join(out, RELATORIO_JSON));
    const openRelatorioLabel = t('Abrir relatório');
    const openFolderLabel = t('Abrir pasta');
    const mensagem = total
        ? t(
              'Auditoria da produção gravada em {0}: {1} episódio(s) de OCI, {2} sinalizado(s); suspeita de cobrança dupla: {3} registro(s), {4}.',
              displayPath(out),
              total.episodios,
              total.sinalizados,
              total.cobrancaDupla.registros,
              reaisTexto(total.cobrancaDupla.valor.reais)
          )
        : t('Auditoria da produção gravada em {0}.', displayPath(out));
    void vscode.window.showInformationMessage(mensagem, openRelatorioLabel, openFolderLabel).then(choice => {
        if (choice === openRelatorioLabel) void openRelatorio(html);
        else if (choice === openFolderLabel) void openFolder(vscode.Uri.file(out), vscode.Uri.file(html));
    });
    return { status: 'auditado', ...resultado };
}

/** DuckDB cannot be loaded: how to install it, or the command to run in a terminal (copied on request). */
function avisarSemDuckdb(
    output: vscode.LogOutputChannel,
    cwd: string,
    catalogo: string,
    producao: string[],
    out: string
): void {
    const terminal = [
        'npx',
        'oci-catalogo',
        'audit',
        relativo(cwd, catalogo),
        '--producao',
        ...producao.map(p => relativo(cwd, p)),
        '--out',
        relativo(cwd, out)
    ];
    const copiar = t('Copiar o comando');
    const mostrar = t('Mostrar saída');
    void vscode.window
        .showErrorMessage(
            t(
                'A auditoria precisa do DuckDB (@duckdb/node-api), um módulo nativo que não vem na extensão. Instale a CLI no repositório do catálogo ("npm install", com oci-catalogo nas dependências) e tente de novo, ou rode no terminal: {0}',
                linhaDeComando(terminal)
            ),
            copiar,
            mostrar
        )
        .then(choice => {
            if (choice === copiar) void vscode.env.clipboard.writeText(linhaDeComando(terminal));
            else if (choice === mostrar) output.show(true);
        });
}

function readTotal(json: string): TotalAuditoria | undefined {
    try {
        const total = (JSON.parse(fs.readFileSync(json, 'utf8')) as { total?: TotalAuditoria }).total;
        return total && typeof total.episodios === 'number' && total.cobrancaDupla?.valor ? total : undefined;
    } catch {
        return undefined;
    }
}

/** `p` relative to `base` when inside it (shorter to type in a terminal opened there). */
function relativo(base: string, p: string): string {
    const r = path.relative(base, p);
    return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}
