/**
 * Core (editor-independent) services of the OCI catalogue language. The language server adds
 * LSP providers on top of these (server/); the CLI uses them as they are (cli/).
 */
import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    GrammarAST,
    inject,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
    type PartialLangiumSharedCoreServices
} from 'langium';
import { OciCatalogoAstReflection } from './generated/ast.js';
import { OciCatalogoGeneratedModule, OciCatalogoGeneratedSharedModule } from './generated/module.js';
import { useSubtypeWithoutAllocation } from './reflection.js';
import { OciNameProvider } from './names.js';
import { createOciParser } from './parser/oci-parser.js';
import { sigtapCache } from './sigtap/cache.js';
import { OciDocumentValidator, SyntaxLexerMessageProvider, SyntaxMessageProvider } from './syntax-messages.js';
import { registerValidationChecks } from './validation/index.js';
import { DirectValidationRegistry } from './validation/check-registry.js';
import { CatalogoContextProvider, type SigtapLoader } from './workspace/catalogo-context.js';
import { OciDocumentBuilder } from './workspace/document-builder.js';
import { OciDocumentFactory } from './workspace/document-factory.js';
import { NfcValueConverter } from './workspace/nfd-keywords.js';
import { OciTokenBuilder } from './token-builder.js';
import { FlatAstNodeLocator, OciLinker, OciReferenceDescriptionProvider } from './workspace/reference-traversal.js';
import { DeferredReferenceIndex } from './workspace/reference-index.js';
import { OciScopeComputation, OciScopeProvider } from './workspace/scope-provider.js';
import { CatalogoSettings } from './workspace/settings.js';

// The generated type guards and Langium's isInstance, without an allocation per call (reflection.ts); Langium's own
// grammar reflection too (the value converter asks it about each token's grammar element).
useSubtypeWithoutAllocation(OciCatalogoAstReflection);
useSubtypeWithoutAllocation(GrammarAST.LangiumGrammarAstReflection);

export interface OciAddedServices {
    catalogo: {
        Context: CatalogoContextProvider;
        SigtapLoader: SigtapLoader;
        Settings: CatalogoSettings;
    };
}

export type OciServices = LangiumCoreServices & OciAddedServices;

export const OciModule: Module<OciServices, PartialLangiumCoreServices & OciAddedServices> = {
    catalogo: {
        Context: services => new CatalogoContextProvider(services),
        SigtapLoader: () => (path: string) => sigtapCache.get(path),
        Settings: () => new CatalogoSettings()
    },
    references: {
        NameProvider: () => new OciNameProvider(),
        ScopeProvider: services => new OciScopeProvider(services),
        ScopeComputation: services => new OciScopeComputation(services),
        Linker: services => new OciLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new OciReferenceDescriptionProvider(services),
        AstNodeLocator: () => new FlatAstNodeLocator()
    },
    parser: {
        LangiumParser: services => createOciParser(services),
        TokenBuilder: () => new OciTokenBuilder(),
        ValueConverter: () => new NfcValueConverter(),
        ParserErrorMessageProvider: () => new SyntaxMessageProvider(),
        LexerErrorMessageProvider: () => new SyntaxLexerMessageProvider()
    },
    validation: {
        DocumentValidator: services => new OciDocumentValidator(services),
        ValidationRegistry: services => new DirectValidationRegistry(services)
    }
};

export const OciSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        DocumentBuilder: services => new OciDocumentBuilder(services),
        IndexManager: services => new DeferredReferenceIndex(services),
        LangiumDocumentFactory: services => new OciDocumentFactory(services)
    }
};

/** Creates the core services (no LSP), e.g. for the CLI and tests. */
export function createOciCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Oci: OciServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), OciCatalogoGeneratedSharedModule, OciSharedModule);
    const Oci = inject(createDefaultCoreModule({ shared }), OciCatalogoGeneratedModule, OciModule);
    shared.ServiceRegistry.register(Oci);
    registerValidationChecks(Oci);
    return { shared, Oci };
}
