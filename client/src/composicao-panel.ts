/**
 * "OCI: Mostrar composição do valor": a webview panel beside the editor with the value
 * breakdown table of the OCI under the cursor, asked from the language server
 * (`oci/composicaoValor`). It follows the document: an edit recomputes it (the same OCI, found
 * by its position or code), and moving the cursor into another OCI shows that one.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ComposicaoValorRequest, type ComposicaoValor, type ComposicaoValorParams } from '../../server/src/protocol.js';
import { composicaoHtml } from './composicao-html.js';
import { currentLocale, t } from './l10n.js';

export const COMPOSICAO_VIEW_TYPE = 'oci.composicao';

/** What the command returns (used by the e2e suite): the OCI shown, or undefined. */
export interface ComposicaoShown {
    codigo: string;
    total: string;
    viewType: string;
}

export class ComposicaoPanel implements vscode.Disposable {
    private static current: ComposicaoPanel | undefined;

    private readonly disposables: vscode.Disposable[] = [];
    private uri: string | undefined;
    private codigo: string | undefined;
    private data: ComposicaoValor | undefined;
    private timer: NodeJS.Timeout | undefined;
    private generation = 0;

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly client: LanguageClient
    ) {
        panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
        vscode.workspace.onDidChangeTextDocument(
            e => {
                if (e.document.uri.toString() === this.uri && e.contentChanges.length > 0)
                    this.schedule(() => this.refresh());
            },
            undefined,
            this.disposables
        );
        vscode.window.onDidChangeTextEditorSelection(
            e => {
                if (e.textEditor.document.languageId !== 'oci' || !this.panel.visible) return;
                this.schedule(() => this.follow(e.textEditor));
            },
            undefined,
            this.disposables
        );
        vscode.workspace.onDidChangeConfiguration(
            e => {
                if (e.affectsConfiguration('oci.idioma')) this.render();
            },
            undefined,
            this.disposables
        );
    }

    /** Shows (or reveals) the panel with the OCI under the editor's cursor, or the `target` OCI. */
    static async show(
        client: LanguageClient,
        editor: vscode.TextEditor | undefined,
        target?: { uri: string; codigo: string }
    ): Promise<ComposicaoShown | undefined> {
        if (!ComposicaoPanel.current) {
            const panel = vscode.window.createWebviewPanel(
                COMPOSICAO_VIEW_TYPE,
                t('Composição do valor'),
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
                { enableScripts: false, enableFindWidget: true, retainContextWhenHidden: false, localResourceRoots: [] }
            );
            ComposicaoPanel.current = new ComposicaoPanel(panel, client);
        } else {
            ComposicaoPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
        }
        const current = ComposicaoPanel.current;
        if (target && typeof target.uri === 'string') {
            await current.load({ uri: target.uri, codigo: target.codigo });
        } else if (editor && editor.document.languageId === 'oci') {
            await current.load({ uri: editor.document.uri.toString(), position: editor.selection.active });
        } else {
            current.render();
        }
        return current.data
            ? { codigo: current.data.codigo, total: current.data.total.texto, viewType: COMPOSICAO_VIEW_TYPE }
            : undefined;
    }

    private schedule(action: () => Promise<void>): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void action();
        }, 300);
    }

    /** Another OCI under the cursor: show it (a cursor outside any OCI keeps the current one). */
    private async follow(editor: vscode.TextEditor): Promise<void> {
        const data = await this.request({ uri: editor.document.uri.toString(), position: editor.selection.active });
        if (data && (data.uri !== this.uri || data.codigo !== this.codigo)) this.update(data);
    }

    /** The same OCI after an edit: by the cursor when it is in that document, else by code. */
    private async refresh(): Promise<void> {
        if (!this.uri) return;
        const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === this.uri);
        const data = await this.request({ uri: this.uri, codigo: this.codigo, position: editor?.selection.active });
        const same =
            data && data.codigo === this.codigo ? data : await this.request({ uri: this.uri, codigo: this.codigo });
        if (same) this.update(same);
    }

    private async load(params: ComposicaoValorParams): Promise<void> {
        const data = await this.request(params);
        if (data) this.update(data);
        else this.render(t('Não há OCI na posição do cursor.'));
    }

    private async request(params: ComposicaoValorParams): Promise<ComposicaoValor | undefined> {
        const generation = ++this.generation;
        try {
            const data = await this.client.sendRequest<ComposicaoValor | null>(ComposicaoValorRequest, params);
            // A newer request was made meanwhile: its answer wins.
            return generation === this.generation ? (data ?? undefined) : undefined;
        } catch {
            return undefined;
        }
    }

    private update(data: ComposicaoValor): void {
        this.data = data;
        this.uri = data.uri;
        this.codigo = data.codigo;
        this.render();
    }

    private render(aviso?: string): void {
        const webview = this.panel.webview;
        this.panel.title = this.data ? t('Composição — {0}', this.data.codigo) : t('Composição do valor');
        webview.html = composicaoHtml(this.data, t, {
            nonce: randomBytes(16).toString('base64'),
            cspSource: webview.cspSource,
            lang: currentLocale() === 'en' ? 'en' : 'pt-BR',
            aviso
        });
    }

    dispose(): void {
        if (ComposicaoPanel.current === this) ComposicaoPanel.current = undefined;
        if (this.timer) clearTimeout(this.timer);
        this.panel.dispose();
        while (this.disposables.length) this.disposables.pop()?.dispose();
    }
}
