/**
 * The language server's services: Langium's LSP defaults, the core OCI services (SIGTAP
 * context, validation with legal basis) and the editor providers of this folder.
 */
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
    type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { OciCatalogoGeneratedModule, OciCatalogoGeneratedSharedModule } from '../../language/src/generated/module.js';
import { OciModule, OciSharedModule, type OciAddedServices } from '../../language/src/oci-module.js';
import { registerValidationChecks } from '../../language/src/validation/index.js';
import { OciCodeActionProvider } from './code-action-provider.js';
import { OciCodeLensProvider } from './code-lens-provider.js';
import { OciCompletionProvider } from './completion-provider.js';
import { OciDocumentSymbolProvider } from './document-symbol-provider.js';
import { OciDocumentUpdateHandler } from './document-update-handler.js';
import { OciLspFormatter } from './formatter.js';
import { OciHoverProvider } from './hover-provider.js';
import { OciWorkspaceManager } from './workspace-manager.js';

export type OciLspServices = LangiumServices & OciAddedServices;

export const OciLspModule: Module<OciLspServices, PartialLangiumServices> = {
    lsp: {
        HoverProvider: services => new OciHoverProvider(services),
        CompletionProvider: services => new OciCompletionProvider(services),
        DocumentSymbolProvider: services => new OciDocumentSymbolProvider(services),
        CodeLensProvider: services => new OciCodeLensProvider(services),
        CodeActionProvider: () => new OciCodeActionProvider(),
        Formatter: services => new OciLspFormatter(services)
    }
};

export const OciLspSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        DocumentUpdateHandler: services => new OciDocumentUpdateHandler(services)
    },
    workspace: {
        WorkspaceManager: services => new OciWorkspaceManager(services)
    }
};

/**
 * Creates the LSP services. With a `connection` in the context this is the real server; without
 * one (tests) the configuration provider is marked initialized so builds do not wait for a client.
 */
export function createOciLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Oci: OciLspServices } {
    const shared = inject(createDefaultSharedModule(context), OciCatalogoGeneratedSharedModule, OciSharedModule, OciLspSharedModule);
    const Oci = inject(createDefaultModule({ shared }), OciCatalogoGeneratedModule, OciModule, OciLspModule);
    shared.ServiceRegistry.register(Oci);
    registerValidationChecks(Oci);
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Oci };
}
