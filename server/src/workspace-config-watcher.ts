/**
 * The workspace configuration (`oci-catalogo.yaml`, language/src/config/) in the language server,
 * read the way the CLI reads it (cli/src/config.ts):
 *
 *   - each document's `regras:` come from the file nearest above it (ruleSeverityPolicy.resolve);
 *   - the repository-level keys (tolerancia, sigtap.externos, idioma, plano.estrito) come from the
 *     file at or above the first workspace folder — the one `oci-catalogo check <folder>` reads;
 *   - precedence: file > editor settings > defaults (./editor-settings.ts layers the editor's
 *     `oci.*` under the file; `oci.idioma` set to pt or en is the one exception, see docs/config.md);
 *   - a file with problems governs nothing (its documents are checked with the defaults) and its
 *     problems are published as diagnostics on the file, at their line:column, until it is fixed;
 *   - `saidas.pasta` of the file nearest above a catalogue's header is where "OCI: Gerar catálogo"
 *     writes, over `oci.catalogo.pastaSaida` — as `oci-catalogo build <header's folder>` does;
 *   - a change of any `oci-catalogo.yaml` on disk (workspace/didChangeWatchedFiles: Langium's
 *     `**∕*` registration, and the client's own watcher) reloads and revalidates the workspace.
 *
 * The file is read from disk: an unsaved edit in the editor counts once saved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { findConfigFile, readConfigFile, type LoadedConfig } from '../../language/src/index.js';
import { ruleSeverityPolicy } from '../../language/src/index.js';
import {
    CONFIG_FILE_NAME,
    type ConfiguredSeverity,
    type ConfigProblem,
    type WorkspaceConfig
} from '../../language/src/index.js';
import type { OpcoesPlano } from '../../language/src/index.js';
import type { OciAddedServices } from '../../language/src/index.js';
import type { Locale } from '../../language/src/index.js';
import { workspaceRootsOf } from './catalogo-settings.js';
import { revalidateAll } from './editor-settings.js';

const WITH_DEFAULTS: Record<Locale, string> = {
    pt: 'até corrigir, os documentos sob este arquivo usam a configuração padrão',
    en: 'until fixed, the documents under this file use the default configuration'
};

export class WorkspaceConfigWatcher {
    private roots: string[] = [];
    /** Parsed files, by absolute path (cleared when any configuration file changes). */
    private readonly loaded = new Map<string, LoadedConfig>();
    /** Nearest file of a folder (undefined: none above it). */
    private readonly nearest = new Map<string, string | undefined>();
    /** What was last published per configuration file URI (to clear fixed or deleted files, and not resend). */
    private readonly published = new Map<string, string>();
    private readonly listeners: Array<() => void> = [];

    constructor(private readonly locale: () => Locale) {}

    setRoots(roots: string[]): void {
        this.roots = roots;
        this.clear();
    }

    clear(): void {
        this.loaded.clear();
        this.nearest.clear();
    }

    /** Called after a reload, before the workspace is revalidated (editor settings re-layer themselves). */
    onReload(listener: () => void): void {
        this.listeners.push(listener);
    }

    reload(): void {
        this.clear();
        for (const listener of this.listeners) listener();
    }

    /** The file governing the repository-level keys: the nearest at or above the first workspace folder. */
    governingFile(): LoadedConfig | undefined {
        const root = this.roots[0];
        const file = root === undefined ? undefined : this.nearestTo(root);
        return file === undefined ? undefined : this.load(file);
    }

    /** The repository-level configuration, or undefined (none, or one with problems: the defaults hold). */
    repositoryConfig(): WorkspaceConfig | undefined {
        const governing = this.governingFile();
        return governing && governing.problems.length === 0 ? governing.config : undefined;
    }

    /** SIGTAP zips outside the workspace the governing file allows (absolute, relative to the file). */
    sigtapExternos(): string[] {
        const governing = this.governingFile();
        const config = this.repositoryConfig();
        return governing && config?.sigtap
            ? config.sigtap.externos.map(p => path.resolve(path.dirname(governing.file), p))
            : [];
    }

    /** `saidas.pasta` of the file nearest above `dir` (absolute, relative to that file), unless it has problems. */
    saidasPasta(dir: string): string | undefined {
        const file = this.nearestTo(dir);
        const loaded = file === undefined ? undefined : this.load(file);
        const pasta = loaded && loaded.problems.length === 0 ? loaded.config.saidas?.pasta : undefined;
        return pasta === undefined ? undefined : path.resolve(path.dirname(loaded!.file), pasta);
    }

    /** `saidas.formatos` of the file nearest above `dir`, unless it has problems. */
    saidasFormatos(dir: string): readonly ('json' | 'html' | 'md' | 'csv')[] | undefined {
        const file = this.nearestTo(dir);
        const loaded = file === undefined ? undefined : this.load(file);
        return loaded && loaded.problems.length === 0 ? loaded.config.saidas?.formatos : undefined;
    }

    /** The `regras:` governing a document: its nearest file's, unless that file has problems. */
    regrasFor(uri: URI): ReadonlyMap<string, ConfiguredSeverity> | undefined {
        if (uri.scheme !== 'file') return undefined;
        const file = this.nearestTo(path.dirname(uri.fsPath));
        const loaded = file === undefined ? undefined : this.load(file);
        return loaded && loaded.problems.length === 0 ? loaded.config.regras : undefined;
    }

    /**
     * The diagnostics to publish now: every file read so far with its problems, and an empty list
     * for a file that had problems before and has none (or no longer exists).
     */
    diagnosticsToPublish(): Array<{ uri: string; diagnostics: Diagnostic[] }> {
        const out: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
        const current = new Map<string, Diagnostic[]>();
        for (const loaded of this.loaded.values())
            current.set(URI.file(loaded.file).toString(), problemDiagnostics(loaded, this.locale()));
        for (const [uri, diagnostics] of current) {
            const key = JSON.stringify(diagnostics);
            if (this.published.get(uri) === key) continue;
            if (diagnostics.length === 0 && !this.published.has(uri)) continue;
            out.push({ uri, diagnostics });
            if (diagnostics.length === 0) this.published.delete(uri);
            else this.published.set(uri, key);
        }
        for (const uri of [...this.published.keys()]) {
            if (current.has(uri)) continue;
            out.push({ uri, diagnostics: [] });
            this.published.delete(uri);
        }
        return out;
    }

    private nearestTo(dir: string): string | undefined {
        const resolved = path.resolve(dir);
        if (!this.nearest.has(resolved)) this.nearest.set(resolved, findConfigFile(resolved));
        return this.nearest.get(resolved);
    }

    private load(file: string): LoadedConfig {
        let loaded = this.loaded.get(file);
        if (!loaded) {
            try {
                loaded = readConfigFile(file);
            } catch (error) {
                loaded = {
                    file,
                    config: { regras: new Map() },
                    problems: [
                        { line: 1, column: 1, message: `Não foi possível ler o arquivo: ${(error as Error).message}` }
                    ]
                };
            }
            this.loaded.set(file, loaded);
        }
        return loaded;
    }
}

/** A file's problems as diagnostics: from the problem's line:column to the end of that line. */
export function problemDiagnostics(loaded: LoadedConfig, locale: Locale): Diagnostic[] {
    if (loaded.problems.length === 0) return [];
    let lines: string[] = [];
    try {
        lines = fs.readFileSync(loaded.file, 'latin1').split(/\r?\n/);
    } catch {
        // Deleted meanwhile: zero-width ranges.
    }
    return loaded.problems.map((p: ConfigProblem) => {
        const line = Math.max(0, p.line - 1);
        const character = Math.max(0, p.column - 1);
        const end = Math.max(character, (lines[line] ?? '').trimEnd().length);
        return {
            range: { start: { line, character }, end: { line, character: end } },
            severity: DiagnosticSeverity.Error,
            source: CONFIG_FILE_NAME,
            message: `${p.message} (${WITH_DEFAULTS[locale]})`
        };
    });
}

const watchers = new WeakMap<LangiumSharedServices, WorkspaceConfigWatcher>();

/** The server's watcher (undefined where none was installed). */
export function workspaceConfigWatcher(shared: LangiumSharedServices): WorkspaceConfigWatcher | undefined {
    return watchers.get(shared);
}

/** Is this URI an `oci-catalogo.yaml`? */
export function isConfigUri(uri: string): boolean {
    return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

/**
 * Wires the watcher into the server: the rule policy, the SIGTAP paths, the plans' strict mode,
 * the problems published on the files, and revalidation when a file changes. Returns the watcher
 * (./editor-settings.ts layers the editor settings under its repository configuration).
 */
export function watchWorkspaceConfig(
    shared: LangiumSharedServices,
    oci: OciAddedServices,
    plano: OpcoesPlano | undefined
): { watcher: WorkspaceConfigWatcher; started: Promise<void> } {
    const settings = oci.catalogo.Settings;
    const watcher = new WorkspaceConfigWatcher(() => settings.locale);
    watchers.set(shared, watcher);
    const connection = shared.lsp.Connection;
    let editorEstrito = false;
    let initialized = false;

    ruleSeverityPolicy(shared).resolve = uri => watcher.regrasFor(uri);

    const applyRepositoryKeys = () => {
        settings.sigtapExternos = watcher.sigtapExternos();
        if (plano) plano.estrito = watcher.repositoryConfig()?.plano?.estrito ?? editorEstrito;
    };
    // Which file governs, in the server's log (the CLI's --verbose says the same).
    const logGoverning = () => {
        const governing = watcher.governingFile();
        const state = !governing
            ? 'nenhum oci-catalogo.yaml acima da pasta do workspace; valem os padrões'
            : governing.problems.length
              ? `${governing.file} (com problemas: valem os padrões)`
              : governing.file;
        connection?.console.info(`OCI: configuração: ${state}`);
    };
    const publish = () => {
        if (!initialized || !connection) return;
        for (const { uri, diagnostics } of watcher.diagnosticsToPublish())
            void connection.sendDiagnostics({ uri, diagnostics });
    };
    watcher.onReload(applyRepositoryKeys);

    shared.lsp.LanguageServer.onInitialize(params => {
        watcher.setRoots(workspaceRootsOf(params));
        applyRepositoryKeys();
    });
    shared.lsp.LanguageServer.onInitialized(() => {
        initialized = true;
        logGoverning();
        publish();
    });
    // Files found while validating (the nearest file of each document) get their problems shown.
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => publish());

    // The editor's oci.plano.estrito counts only where the file does not set plano.estrito. The plans'
    // own listener (server/src/plano/plano-lsp-module.ts) was registered first and runs first.
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== 'oci') return;
        editorEstrito =
            (update.configuration as { plano?: { estrito?: unknown } } | undefined)?.plano?.estrito === true;
        applyRepositoryKeys();
    });
    const started = shared.workspace.ConfigurationProvider.ready.then(async () => {
        editorEstrito =
            (
                (await shared.workspace.ConfigurationProvider.getConfiguration('oci', 'plano')) as
                    { estrito?: unknown } | undefined
            )?.estrito === true;
        // After the plans' start-up reading of the same setting (a macrotask: their microtasks are done).
        await new Promise(resolve => setTimeout(resolve, 0));
        applyRepositoryKeys();
    });

    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        if (!params.changes.some(c => isConfigUri(c.uri))) return;
        const locale = settings.locale;
        watcher.reload();
        logGoverning();
        // The problems are published once the documents have found their nearest files again.
        void revalidateAll(shared, settings.locale !== locale).then(publish);
    });
    return { watcher, started };
}
