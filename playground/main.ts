/**
 * The OCI playground: Monaco with the real language server (server/src/browser-main.ts) in a Web
 * Worker, talking LSP through the thin client of lsp-client.ts. It opens the example catalogue
 * (examples/pmae and its SIGTAP subset zip, fetched from the page's own files), lets the user load
 * .oci files and a SIGTAP zip from disk (read in the page, never uploaded) and shares a small
 * catalogue in the URL fragment (share.ts). No request leaves the page's origin.
 */
import './monaco-features.js';
import * as monaco from 'monaco-editor/editor.js';
import type { Boot } from './boot.js';
import { encodeShared, SHARE_PREFIX } from './share.js';
import { registerOciSyntax } from './syntax.js';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker: () => new Worker(new URL('./editor.worker.js', location.href))
};

// The worker, the client and the example were started by boot.js while this script loaded (boot.ts).
const {
    root: ROOT,
    breakdownCommand: BREAKDOWN_COMMAND,
    client,
    settings,
    started
} = (self as unknown as { ociBoot: Boot }).ociBoot;

interface LspDiagnostic {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    message: string;
    data?: { basis?: unknown };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => {
    $('estado').textContent = text;
};

const diagnostics = new Map<string, LspDiagnostic[]>();
const versions = new Map<string, number>();
let firstDiagnosticsAt: number | undefined;

performance.mark('oci:main-avaliado');
registerOciSyntax(monaco);
const editorInstance = monaco.editor.create($('editor'), {
    // No empty model to lay out and render first: start() sets the example's catalogue.
    model: null,
    automaticLayout: true,
    theme: 'vs',
    fontSize: 14,
    minimap: { enabled: false },
    wordBasedSuggestions: 'off',
    'semanticHighlighting.enabled': false
});

performance.mark('oci:editor-criado');

// A handle for automation and the browser console (the tests drive the real editor through it).
(self as unknown as { ociPlayground: unknown }).ociPlayground = { monaco, editor: editorInstance };

client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: LspDiagnostic[] }) => {
    diagnostics.set(params.uri, params.diagnostics);
    const model = monaco.editor.getModel(monaco.Uri.parse(params.uri));
    if (model) setMarkers(model, params.diagnostics);
    renderProblems();
});

/** The diagnostics as the model's markers; the first time, the page records when (bench/playground.mjs). */
function setMarkers(model: monaco.editor.ITextModel, items: LspDiagnostic[]): void {
    monaco.editor.setModelMarkers(model, 'oci', items.map(toMarker));
    if (firstDiagnosticsAt === undefined) {
        performance.mark('oci:primeiros-marcadores');
        // From the page's navigation (performance.timeOrigin): what a user waits for.
        firstDiagnosticsAt = performance.now();
        document.body.dataset.primeirosDiagnosticosMs = firstDiagnosticsAt.toFixed(0);
    }
}

function citation(d: LspDiagnostic): string | undefined {
    return typeof d.data?.basis === 'string' ? d.data.basis : undefined;
}

function toMarker(d: LspDiagnostic): monaco.editor.IMarkerData {
    const basis = citation(d);
    return {
        severity:
            d.severity === 1
                ? monaco.MarkerSeverity.Error
                : d.severity === 2
                  ? monaco.MarkerSeverity.Warning
                  : d.severity === 3
                    ? monaco.MarkerSeverity.Info
                    : monaco.MarkerSeverity.Hint,
        message: basis ? `${d.message}\n${basis}` : d.message,
        code: d.code !== undefined ? String(d.code) : undefined,
        startLineNumber: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLineNumber: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        source: 'oci'
    };
}

function renderProblems(): void {
    const list = $('problemas');
    list.replaceChildren();
    let errors = 0,
        warnings = 0,
        total = 0;
    for (const [uri, items] of [...diagnostics].sort(([a], [b]) => a.localeCompare(b))) {
        for (const d of items) {
            total++;
            if (d.severity === 1) errors++;
            else if (d.severity === 2) warnings++;
            const li = document.createElement('li');
            li.className = d.severity === 1 ? 'erro' : d.severity === 2 ? 'aviso' : 'info';
            li.dataset.codigo = String(d.code ?? '');
            const where = document.createElement('a');
            where.href = '#';
            where.textContent = `${uri.slice(uri.lastIndexOf('/') + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
            where.addEventListener('click', event => {
                event.preventDefault();
                openFile(uri, d.range.start);
            });
            const message = document.createElement('span');
            message.className = 'mensagem';
            message.textContent = ` ${d.message}`;
            const code = document.createElement('code');
            code.textContent = d.code !== undefined ? ` [${d.code}]` : '';
            li.append(where, message, code);
            const basis = citation(d);
            if (basis) {
                const cite = document.createElement('div');
                cite.className = 'citacao';
                cite.textContent = basis;
                li.append(cite);
            }
            list.append(li);
        }
    }
    $('contagem').textContent = `${total} problema(s): ${errors} erro(s), ${warnings} aviso(s)`;
    $('contagem').dataset.total = String(total);
}

// --- files --------------------------------------------------------------------------------

function uriOf(path: string): string {
    return monaco.Uri.file(path).toString();
}

/** Hands files (absolute path → bytes) to the server's memory and opens the text ones as models. */
function addFiles(files: Array<{ path: string; bytes: Uint8Array }>): void {
    client.notify('oci/arquivos', { arquivos: files.map(f => ({ caminho: f.path, bytes: f.bytes })) });
    for (const file of files) {
        if (!/\.(oci|par|se)$/i.test(file.path)) continue;
        const uri = monaco.Uri.parse(uriOf(file.path));
        const text = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '');
        const existing = monaco.editor.getModel(uri);
        if (existing) existing.setValue(text);
        else openModel(uri, text);
    }
    renderFileList();
}

function openModel(uri: monaco.Uri, text: string): monaco.editor.ITextModel {
    const model = monaco.editor.createModel(text, 'oci', uri);
    versions.set(uri.toString(), 1);
    client.notify('textDocument/didOpen', {
        textDocument: { uri: uri.toString(), languageId: 'oci', version: 1, text }
    });
    model.onDidChangeContent(() => {
        const version = (versions.get(uri.toString()) ?? 1) + 1;
        versions.set(uri.toString(), version);
        client.notify('textDocument/didChange', {
            textDocument: { uri: uri.toString(), version },
            contentChanges: [{ text: model.getValue() }]
        });
    });
    const stored = diagnostics.get(uri.toString());
    // Diagnostics that arrived before the model (the worker may answer before Monaco is up) are set now.
    if (stored) setMarkers(model, stored);
    return model;
}

function ociModels(): monaco.editor.ITextModel[] {
    return monaco.editor
        .getModels()
        .filter(m => m.uri.path.endsWith('.oci'))
        .sort((a, b) => a.uri.path.localeCompare(b.uri.path));
}

function openFile(uri: string, position?: { line: number; character: number }): void {
    const model = monaco.editor.getModel(monaco.Uri.parse(uri));
    if (!model) return;
    editorInstance.setModel(model);
    if (position) {
        const p = { lineNumber: position.line + 1, column: position.character + 1 };
        editorInstance.setPosition(p);
        editorInstance.revealPositionInCenter(p);
    }
    editorInstance.focus();
    renderFileList();
}

function renderFileList(): void {
    const list = $('arquivos');
    list.replaceChildren();
    for (const model of ociModels()) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = '#';
        a.textContent = model.uri.path.slice(ROOT.length + 1);
        if (editorInstance.getModel() === model) li.className = 'atual';
        a.addEventListener('click', event => {
            event.preventDefault();
            openFile(model.uri.toString());
        });
        li.append(a);
        list.append(li);
    }
}

// --- language features --------------------------------------------------------------------

function lspPosition(position: monaco.Position) {
    return { line: position.lineNumber - 1, character: position.column - 1 };
}

function toRange(r: LspDiagnostic['range']): monaco.IRange {
    return {
        startLineNumber: r.start.line + 1,
        startColumn: r.start.character + 1,
        endLineNumber: r.end.line + 1,
        endColumn: r.end.character + 1
    };
}

const markdown = (value: unknown): monaco.IMarkdownString => ({
    value: typeof value === 'string' ? value : ((value as { value?: string } | undefined)?.value ?? '')
});

interface LspCompletionItem {
    label: string;
    kind?: number;
    detail?: string;
    documentation?: unknown;
    sortText?: string;
    filterText?: string;
    insertText?: string;
    insertTextFormat?: number;
    textEdit?: {
        range?: LspDiagnostic['range'];
        insert?: LspDiagnostic['range'];
        replace?: LspDiagnostic['range'];
        newText: string;
    };
}

const SNIPPET = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;

/** LSP completion kinds (Module 9, Keyword 14, EnumMember 20) → Monaco's. */
function completionKind(kind: number | undefined): monaco.languages.CompletionItemKind {
    const kinds = monaco.languages.CompletionItemKind;
    return kind === 9 ? kinds.Module : kind === 14 ? kinds.Keyword : kind === 20 ? kinds.EnumMember : kinds.Value;
}

monaco.languages.registerCompletionItemProvider('oci', {
    triggerCharacters: [' ', '.', '"'],
    async provideCompletionItems(model, position) {
        const result = await client.request<
            { isIncomplete?: boolean; items: LspCompletionItem[] } | LspCompletionItem[] | null
        >('textDocument/completion', {
            textDocument: { uri: model.uri.toString() },
            position: lspPosition(position)
        });
        const items = Array.isArray(result) ? result : (result?.items ?? []);
        const word = model.getWordUntilPosition(position);
        const fallback = {
            startLineNumber: position.lineNumber,
            startColumn: word.startColumn,
            endLineNumber: position.lineNumber,
            endColumn: word.endColumn
        };
        return {
            incomplete: !Array.isArray(result) && result?.isIncomplete === true,
            suggestions: items.map(item => {
                const editRange = item.textEdit?.range ?? item.textEdit?.replace;
                return {
                    label: item.label,
                    kind: completionKind(item.kind),
                    detail: item.detail,
                    documentation: item.documentation ? markdown(item.documentation) : undefined,
                    sortText: item.sortText,
                    filterText: item.filterText,
                    insertText: item.textEdit?.newText ?? item.insertText ?? item.label,
                    insertTextRules: item.insertTextFormat === 2 ? SNIPPET : undefined,
                    range: editRange ? toRange(editRange) : fallback
                };
            })
        };
    }
});

monaco.languages.registerHoverProvider('oci', {
    async provideHover(model, position) {
        const hover = await client.request<{ contents: unknown; range?: LspDiagnostic['range'] } | null>(
            'textDocument/hover',
            {
                textDocument: { uri: model.uri.toString() },
                position: lspPosition(position)
            }
        );
        if (!hover) return null;
        const contents = Array.isArray(hover.contents) ? hover.contents.map(markdown) : [markdown(hover.contents)];
        return { contents, range: hover.range ? toRange(hover.range) : undefined };
    }
});

monaco.editor.registerCommand(BREAKDOWN_COMMAND, (_accessor, args: { uri: string; codigo: string }) => {
    void showBreakdown(args);
});
monaco.editor.registerCommand('oci.nada', () => undefined);

monaco.languages.registerCodeLensProvider('oci', {
    async provideCodeLenses(model) {
        const lenses = await client.request<Array<{
            range: LspDiagnostic['range'];
            command?: { title: string; command: string; arguments?: unknown[] };
        }> | null>('textDocument/codeLens', { textDocument: { uri: model.uri.toString() } });
        return {
            lenses: (lenses ?? []).map(lens => ({
                range: toRange(lens.range),
                command: lens.command && {
                    id: lens.command.command || 'oci.nada',
                    title: lens.command.title,
                    arguments: lens.command.arguments
                }
            })),
            dispose: () => undefined
        };
    }
});

monaco.languages.registerDocumentFormattingEditProvider('oci', {
    async provideDocumentFormattingEdits(model, options) {
        const edits = await client.request<Array<{ range: LspDiagnostic['range']; newText: string }> | null>(
            'textDocument/formatting',
            {
                textDocument: { uri: model.uri.toString() },
                options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces }
            }
        );
        return (edits ?? []).map(e => ({ range: toRange(e.range), text: e.newText }));
    }
});

interface Composicao {
    codigo: string;
    nome: string;
    procedimentos: Array<{
        tipo: string;
        alvo: string;
        descricao: string;
        qt: number;
        frequencia?: string;
        estimativa: { texto: string };
        valor: { texto: string };
    }>;
    [key: string]: unknown;
}

async function showBreakdown(args: { uri: string; codigo: string }): Promise<void> {
    const result = await client.request<Composicao | null>('oci/composicaoValor', {
        uri: args.uri,
        codigo: args.codigo
    });
    const panel = $('composicao');
    panel.replaceChildren();
    if (!result) return;
    const title = document.createElement('h3');
    title.textContent = `${result.codigo} ${result.nome}`;
    const table = document.createElement('table');
    const head = table.insertRow();
    for (const h of ['', 'Procedimento', 'Qt', 'Frequência', 'Estimativa', 'Valor']) head.insertCell().textContent = h;
    for (const p of result.procedimentos) {
        const row = table.insertRow();
        for (const v of [
            p.tipo,
            `${p.alvo} ${p.descricao}`,
            String(p.qt),
            p.frequencia ?? '',
            p.estimativa.texto,
            p.valor.texto
        ])
            row.insertCell().textContent = v;
    }
    const totals = document.createElement('pre');
    const rest = Object.fromEntries(
        Object.entries(result).filter(([k]) => !['procedimentos', 'uri', 'linha', 'codigo', 'nome'].includes(k))
    );
    totals.textContent = JSON.stringify(
        rest,
        (_k, v: unknown) => (v && typeof v === 'object' && 'texto' in v ? (v as { texto: string }).texto : v),
        2
    );
    panel.append(title, table, totals);
    panel.hidden = false;
}

// --- toolbar ------------------------------------------------------------------------------

async function readPicked(input: HTMLInputElement): Promise<Array<{ name: string; bytes: Uint8Array }>> {
    return Promise.all(
        [...(input.files ?? [])].map(async f => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
    );
}

$<HTMLInputElement>('abrir-oci').addEventListener('change', async event => {
    const input = event.target as HTMLInputElement;
    const picked = await readPicked(input);
    addFiles(picked.map(f => ({ path: `${ROOT}/${f.name}`, bytes: f.bytes })));
    if (picked[0]) openFile(uriOf(`${ROOT}/${picked[0].name}`));
    status(`${picked.length} arquivo(s) .oci carregado(s) do disco (lidos no navegador, não enviados).`);
    input.value = '';
});

$<HTMLInputElement>('abrir-sigtap').addEventListener('change', async event => {
    const input = event.target as HTMLInputElement;
    const [zip] = await readPicked(input);
    if (!zip) return;
    const path = `${ROOT}/sigtap-local/${zip.name}`;
    addFiles([{ path, bytes: zip.bytes }]);
    // As the editor setting oci.sigtap.caminho: the user's zip governs every catalogue of the page.
    settings.sigtap.caminho = path;
    client.notify('workspace/didChangeConfiguration', { settings: { oci: settings } });
    $('sigtap-atual').textContent = zip.name;
    status(`Tabela SIGTAP ${zip.name} carregada do disco (lida no navegador, não enviada).`);
    input.value = '';
});

$<HTMLSelectElement>('idioma').addEventListener('change', event => {
    settings.idioma = (event.target as HTMLSelectElement).value === 'en' ? 'en' : 'pt';
    client.notify('workspace/didChangeConfiguration', { settings: { oci: settings } });
});

$('compartilhar').addEventListener('click', () => {
    const files = Object.fromEntries(ociModels().map(m => [m.uri.path.slice(ROOT.length + 1), m.getValue()]));
    const fragment = encodeShared(files);
    const url = `${location.origin}${location.pathname}#${SHARE_PREFIX}${fragment}`;
    const out = $<HTMLInputElement>('link');
    out.value = url;
    out.hidden = false;
    out.select();
    status(
        url.length > 32000
            ? `Link de ${url.length} caracteres: grande demais para alguns navegadores; compartilhe um catálogo menor.`
            : 'Link criado: o catálogo vai no próprio link (fragmento #), nada é enviado a servidor.'
    );
});

// --- start --------------------------------------------------------------------------------

async function start(): Promise<void> {
    status('Iniciando o servidor de linguagem…');
    const { files, shared, erro } = await started;
    if (erro) status(erro);
    for (const file of files) {
        if (!file.path.endsWith('.oci')) continue;
        const uri = monaco.Uri.parse(uriOf(file.path));
        if (!monaco.editor.getModel(uri)) openModel(uri, new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''));
    }
    performance.mark('oci:modelos-abertos');
    const first = ociModels().find(m => m.uri.path.endsWith('/catalogo.oci')) ?? ociModels()[0];
    if (first) openFile(first.uri.toString());
    if (!erro)
        status(
            shared
                ? 'Catálogo do link compartilhado aberto.'
                : 'Exemplo examples/pmae aberto com a tabela SIGTAP 2026-01 (subconjunto).'
        );
    document.body.dataset.pronto = 'sim';
}

void start();
