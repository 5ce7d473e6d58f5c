/**
 * The language server's services: Langium's LSP defaults, the core OCI services (SIGTAP
 * context, validation with legal basis) and the editor providers of this folder: hover (with
 * the law a diagnostic cites), completion, outline, code lens, quick fixes, formatting (document
 * and range), folding, semantic highlighting; diagnostics and syntax messages in the editor's
 * language; the editor settings (editor-settings.ts, catalogo-settings.ts). Go to definition
 * and grupo/tecnologia references are Langium's defaults (across the files of the workspace);
 * rename refuses names that would break the catalogue (rename-provider.ts); procedure codes get
 * references and highlights (procedure-references.ts); OCIs, grupos and tecnologias are workspace
 * symbols (workspace-symbols.ts).
 */
import { inject, URI, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { OciCatalogoGeneratedModule, OciCatalogoGeneratedSharedModule } from '../../language/src/index.js';
import { OciModule, OciSharedModule, type OciAddedServices } from '../../language/src/index.js';
import type { ParServices } from '../../language/src/index.js';
import { registerValidationChecks } from '../../language/src/index.js';
import { InitialBuildProgress } from './build-progress.js';
import { watchCatalogoSettings } from './catalogo-settings.js';
import { OciCodeActionProvider } from './code-action-provider.js';
import { OciCodeLensProvider } from './code-lens-provider.js';
import { installDiagnosticPresentation } from './diagnostic-presentation.js';
import { OciCompletionProvider } from './completion-provider.js';
import { OciDocumentSymbolProvider } from './document-symbol-provider.js';
import { OciDocumentUpdateHandler } from './document-update-handler.js';
import { watchEditorSettings } from './editor-settings.js';
import { OciFoldingRangeProvider } from './folding-range-provider.js';
import { OciLspFormatter } from './formatter.js';
import { OciHoverProvider } from './hover-provider.js';
import { localizedSyntaxWords, OciLspDocumentValidator } from './localized-validation.js';
import { SyntaxLexerMessageProvider, SyntaxMessageProvider } from '../../language/src/index.js';
import { OciDocumentHighlightProvider, OciReferencesProvider } from './procedure-references.js';
import { OciRenameProvider } from './rename-provider.js';
import { OciWorkspaceSymbolProvider } from './workspace-symbols.js';
import { OciSemanticTokenProvider } from './semantic-token-provider.js';
import { OciWorkspaceManager } from './workspace-manager.js';
import { watchWorkspaceConfig } from './workspace-config-watcher.js';
import { registerPlanoLsp } from './plano/plano-lsp-module.js';
import { lazyCompletionParser } from './lazy-parsers.js';

export type OciLspServices = LangiumServices & OciAddedServices;

export const OciLspModule: Module<OciLspServices, PartialLangiumServices> = {
    parser: {
        ParserErrorMessageProvider: services =>
            new SyntaxMessageProvider(localizedSyntaxWords(services.catalogo.Settings)),
        LexerErrorMessageProvider: services =>
            new SyntaxLexerMessageProvider(localizedSyntaxWords(services.catalogo.Settings)),
        // Built at the first completion, not when the server initializes (lazy-parsers.ts).
        CompletionParser: services => lazyCompletionParser(services)
    },
    validation: {
        DocumentValidator: services => new OciLspDocumentValidator(services)
    },
    lsp: {
        HoverProvider: services => new OciHoverProvider(services),
        CompletionProvider: services => new OciCompletionProvider(services),
        DocumentSymbolProvider: services => new OciDocumentSymbolProvider(services),
        CodeLensProvider: services => new OciCodeLensProvider(services),
        CodeActionProvider: services => new OciCodeActionProvider(services),
        Formatter: services => new OciLspFormatter(services),
        FoldingRangeProvider: () => new OciFoldingRangeProvider(),
        SemanticTokenProvider: services => new OciSemanticTokenProvider(services),
        RenameProvider: services => new OciRenameProvider(services),
        ReferencesProvider: services => new OciReferencesProvider(services),
        DocumentHighlightProvider: services => new OciDocumentHighlightProvider(services)
    }
};

export const OciLspSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        DocumentUpdateHandler: services => new OciDocumentUpdateHandler(services),
        WorkspaceSymbolProvider: services => new OciWorkspaceSymbolProvider(services)
    },
    workspace: {
        WorkspaceManager: services => new OciWorkspaceManager(services)
    }
};

/**
 * Creates the LSP services. With a `connection` in the context this is the real server; without
 * one (tests) the configuration provider is marked initialized so builds do not wait for a client.
 */
export function createOciLspServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Oci: OciLspServices;
} {
    const shared = inject(
        createDefaultSharedModule(context),
        OciCatalogoGeneratedSharedModule,
        OciSharedModule,
        OciLspSharedModule
    );
    const Oci = inject(createDefaultModule({ shared }), OciCatalogoGeneratedModule, OciModule, OciLspModule);
    shared.ServiceRegistry.register(Oci);
    registerPlanoLsp(shared);
    registerValidationChecks(Oci);
    watchCatalogoSettings(shared, Oci);
    // oci-catalogo.yaml first: the editor settings are layered under it.
    const plano = (shared.ServiceRegistry.getServices(URI.file('plano.par')) as unknown as Partial<ParServices>).plano
        ?.Opcoes;
    const workspaceConfig = watchWorkspaceConfig(shared, Oci, plano);
    const settingsApplied = watchEditorSettings(shared, Oci, workspaceConfig.watcher);
    const workspaceManager = shared.workspace.WorkspaceManager;
    if (workspaceManager instanceof OciWorkspaceManager) {
        workspaceManager.waitBeforeInitialBuild(settingsApplied);
        workspaceManager.waitBeforeInitialBuild(workspaceConfig.started);
        workspaceManager.useProgress(new InitialBuildProgress(shared, () => Oci.catalogo.Settings.locale));
    }
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    } else {
        // What the editor shows of pending data (one info per OCI) differs from the CLI here only.
        installDiagnosticPresentation(context.connection, shared, () => Oci.catalogo.Settings.locale);
    }
    return { shared, Oci };
}
