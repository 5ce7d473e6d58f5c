/**
 * Opens a generated HTML report (catalogo.html, auditoria.html) where the user can see it. On a
 * local desktop VS Code, the system's browser (the file is on this machine). In a remote window
 * (SSH, container, WSL) or a browser-hosted VS Code (code-server, vscode.dev) a file:// address
 * means nothing to the user's browser — "Abrir relatório" did nothing there (issue 19) — so the
 * report is shown in a webview, from the file's text (self-contained: styles and SVG inline; no
 * scripts run, no network).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Where the report went: the system's browser or an editor tab. */
export type AbertoEm = 'navegador' | 'webview';

export function relatorioNoNavegador(): boolean {
    const web = vscode.env.uiKind !== undefined && vscode.env.uiKind === (vscode.UIKind?.Web ?? 2);
    return !web && !vscode.env.remoteName;
}

export async function openRelatorio(html: string, titulo = path.basename(html)): Promise<AbertoEm> {
    if (relatorioNoNavegador()) {
        await vscode.env.openExternal(vscode.Uri.file(html));
        return 'navegador';
    }
    const panel = vscode.window.createWebviewPanel('oci.relatorio', titulo, vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: []
    });
    panel.webview.html = comPoliticaDeConteudo(fs.readFileSync(html, 'utf8'));
    return 'webview';
}

/** The report with a Content-Security-Policy that allows its inline styles and images only. */
export function comPoliticaDeConteudo(html: string): string {
    const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`;
    return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, m => `${m}\n${csp}`) : csp + html;
}
