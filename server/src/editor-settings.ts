/**
 * Editor settings (section `oci` of VS Code's settings, read through Langium's configuration
 * provider: workspace/configuration at start-up, workspace/didChangeConfiguration afterwards)
 * applied to the checks' settings (language/src/workspace/settings.ts):
 *
 *   oci.idioma            'auto' | 'pt' | 'en' → CatalogoSettings.locale ('auto': the editor's display
 *                         language, which the client sends as initializationOptions.locale)
 *   oci.sigtap.caminho    a SIGTAP zip to use instead of the headers' (relative to the first
 *                         workspace folder) → CatalogoSettings.sigtapOverride
 *   oci.valor.tolerancia  "0,01" → CatalogoSettings.toleranciaValor
 *
 * (`oci.sigtap.permitirExterno` and the workspace roots are applied by ./catalogo-settings.ts.)
 * The repository's `oci-catalogo.yaml` (./workspace-config-watcher.ts) comes first: `tolerancia:`
 * and `idioma:` set there win over the editor's, except an explicit `oci.idioma` of pt or en (the
 * messages' language changes no code, severity or place; docs/config.md). When the file changes,
 * the last editor section is layered again under it.
 * A change revalidates every document; a change of language parses them again, so that syntax
 * messages change language too. The first build of the workspace waits for the settings
 * fetched at start-up (OciWorkspaceManager), so that the first diagnostics already follow them.
 */
import * as path from 'node:path';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { Money, parseMoney } from '../../language/src/index.js';
import type { OciAddedServices } from '../../language/src/index.js';
import type { CatalogoSettings } from '../../language/src/index.js';
import type { WorkspaceConfig } from '../../language/src/index.js';
import type { WorkspaceConfigWatcher } from './workspace-config-watcher.js';
import { workspaceRootsOf } from './catalogo-settings.js';
import { localeFor } from './i18n.js';

/** The part of the `oci` settings section this module reads. */
export interface OciEditorSection {
    idioma?: unknown;
    sigtap?: { caminho?: unknown };
    valor?: { tolerancia?: unknown };
}

export interface EditorContext {
    /** The editor's display language (initializationOptions.locale), e.g. "en" or "pt-br". */
    displayLanguage?: string;
    /** Workspace folders (file-system paths); a relative `oci.sigtap.caminho` is resolved against the first. */
    roots: string[];
    /**
     * The tolerance in force came from the repository's file (so it goes back to the default when the file drops it).
     */
    toleranciaFromFile?: boolean;
    /** Likewise for the language. */
    idiomaFromFile?: boolean;
}

export interface AppliedSettings {
    /** Something that changes the diagnostics changed. */
    changed: boolean;
    /** The language changed: documents must be parsed again (syntax messages). */
    reparse: boolean;
    /** Settings that could not be applied (Portuguese and English are both logged). */
    problems: string[];
}

/**
 * Applies the `oci` section to the checks' settings, under the repository's file (`file`, the
 * governing oci-catalogo.yaml without problems); says what changed. A key the section does not
 * hold leaves its setting as it is (VS Code always sends every key, with its default).
 */
export function applyEditorSettings(
    settings: CatalogoSettings,
    section: OciEditorSection | undefined,
    context: EditorContext,
    file?: Pick<WorkspaceConfig, 'tolerancia' | 'idioma'>
): AppliedSettings {
    const problems: string[] = [];
    let changed = false;
    let reparse = false;

    // An explicit pt/en in the editor, else the file's idioma, else the editor's display language.
    const explicit = section?.idioma === 'pt' || section?.idioma === 'en';
    const idioma = explicit ? section!.idioma : (file?.idioma ?? section?.idioma);
    const wasFromFile = context.idiomaFromFile === true;
    context.idiomaFromFile = !explicit && file?.idioma !== undefined;
    if (idioma === 'pt' || idioma === 'en' || context.displayLanguage !== undefined || wasFromFile) {
        const locale = localeFor(context.displayLanguage, idioma);
        if (locale !== settings.locale) {
            settings.locale = locale;
            changed = reparse = true;
        }
    }

    if (section?.sigtap && 'caminho' in section.sigtap) {
        const caminho = typeof section.sigtap.caminho === 'string' ? section.sigtap.caminho.trim() : '';
        const base = context.roots[0];
        const override =
            caminho === ''
                ? undefined
                : path.isAbsolute(caminho)
                  ? path.normalize(caminho)
                  : base
                    ? path.resolve(base, caminho)
                    : undefined;
        if (caminho !== '' && override === undefined)
            problems.push(
                `oci.sigtap.caminho "${caminho}" é relativo, mas não há pasta no workspace / is relative, but the workspace has no folder`
            );
        if (override !== settings.sigtapOverride) {
            settings.sigtapOverride = override;
            changed = true;
        }
    }

    if (file?.tolerancia !== undefined) {
        const tolerancia = parseTolerancia(file.tolerancia);
        context.toleranciaFromFile = true;
        if (tolerancia !== undefined && !tolerancia.eq(settings.toleranciaValor)) {
            settings.toleranciaValor = tolerancia;
            changed = true;
        }
    } else if (section?.valor && 'tolerancia' in section.valor) {
        context.toleranciaFromFile = false;
        const tolerancia = parseTolerancia(section.valor.tolerancia);
        if (tolerancia === undefined) {
            problems.push(`oci.valor.tolerancia "${String(section.valor.tolerancia)}" inválida / invalid (use 0,01)`);
        } else if (!tolerancia.eq(settings.toleranciaValor)) {
            settings.toleranciaValor = tolerancia;
            changed = true;
        }
    } else if (context.toleranciaFromFile) {
        // The file no longer sets it and the editor never did: the default.
        context.toleranciaFromFile = false;
        if (!settings.toleranciaValor.eq(new Money(0))) {
            settings.toleranciaValor = new Money(0);
            changed = true;
        }
    }
    return { changed, reparse, problems };
}

/** "0,01", "R$ 0,01" or "" (zero); undefined when malformed or negative. */
export function parseTolerancia(value: unknown): Money | undefined {
    if (value === undefined || value === null) return new Money(0);
    if (typeof value === 'number') return value >= 0 && Number.isFinite(value) ? new Money(value) : undefined;
    if (typeof value !== 'string') return undefined;
    const text = value.trim();
    if (text === '') return new Money(0);
    return parseMoney(text.startsWith('R$') ? text : `R$ ${text}`)?.value;
}

/**
 * Watches the `oci` settings section (and, with `files`, layers it under the repository's
 * oci-catalogo.yaml again whenever that file changes). Returns a promise that settles once the
 * settings fetched at start-up are applied (immediately usable in tests, where there is no client).
 */
export function watchEditorSettings(
    shared: LangiumSharedServices,
    oci: OciAddedServices,
    files?: WorkspaceConfigWatcher
): Promise<void> {
    const settings = oci.catalogo.Settings;
    const context: EditorContext = { roots: [] };
    const provider = shared.workspace.ConfigurationProvider;
    const log = (problems: string[]) => problems.forEach(p => shared.lsp.Connection?.console.warn(`OCI: ${p}`));
    let lastSection: OciEditorSection | undefined;
    const apply = (section: OciEditorSection | undefined) => {
        lastSection = section;
        return applyEditorSettings(settings, section, context, files?.repositoryConfig());
    };
    // The watcher revalidates the workspace itself after a reload.
    files?.onReload(() => log(apply(lastSection).problems));

    shared.lsp.LanguageServer.onInitialize(params => {
        const options = params.initializationOptions as { locale?: unknown } | undefined;
        context.displayLanguage = typeof options?.locale === 'string' ? options.locale : params.locale;
        context.roots = workspaceRootsOf(params);
        settings.locale = localeFor(context.displayLanguage);
    });
    provider.onConfigurationSectionUpdate(update => {
        if (update.section !== 'oci') return;
        const applied = apply(update.configuration as OciEditorSection | undefined);
        log(applied.problems);
        if (applied.changed) revalidateAll(shared, applied.reparse);
    });
    // The configuration fetched at start-up fires no update event: read it once it is there.
    return provider.ready.then(async () => {
        const section: OciEditorSection = {
            idioma: await provider.getConfiguration('oci', 'idioma'),
            sigtap: await provider.getConfiguration('oci', 'sigtap'),
            valor: await provider.getConfiguration('oci', 'valor')
        };
        log(apply(section).problems);
    });
}

/** Validates every document again (parses them again too when `reparse`). */
export function revalidateAll(shared: LangiumSharedServices, reparse = false): Promise<void> {
    return shared.workspace.WorkspaceManager.ready.then(() =>
        shared.workspace.WorkspaceLock.write(async token => {
            for (const document of shared.workspace.LangiumDocuments.all) {
                shared.workspace.DocumentBuilder.resetToState(
                    document,
                    reparse ? DocumentState.Changed : DocumentState.ComputedScopes
                );
            }
            await shared.workspace.DocumentBuilder.update([], [], token);
        })
    );
}
