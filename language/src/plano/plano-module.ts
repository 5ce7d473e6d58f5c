/**
 * Services (without LSP) of the languages of the Plano de Ação Regional (.par) and of a Sala de
 * Estabilização's habilitação (.se). Both join the rol de OCI's shared services (same index, same
 * document builder): an OCI in a PAR's list is a reference to the OCI of a .oci file, resolved by the
 * normalized 10-digit code (the name ../names.ts gives the OCI), with or without dots.
 */
import {
    DefaultScopeProvider,
    createDefaultCoreModule,
    inject,
    type AstNodeDescription,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
    type ReferenceInfo,
    type Scope,
    type Stream,
    type ValidationOptions
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PlanoAcaoRegionalGeneratedModule, SalaEstabilizacaoGeneratedModule } from '../generated/module.js';
import { createOciCoreServices, type OciServices } from '../oci-module.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import {
    CodedSyntaxDocumentValidator,
    OCI_SYNTAX_PT,
    SyntaxLexerMessageProvider,
    SyntaxMessageProvider,
    type SyntaxWords
} from '../syntax-messages.js';
import { DirectValidationRegistry } from '../validation/check-registry.js';
import { ruleText } from '../validation/rules.js';
import { ExecucaoDoPar } from './execucao-par.js';
import { OpcoesPlano } from './opcoes.js';
import { RegrasPar } from './rules.js';
import { registerParValidation, registerSeValidation, rolCarregado } from './validation/index.js';

/** The words of the PAR's and the SE's syntax messages (the two grammars' terminals). */
function palavrasPlano(cabecalho: string): SyntaxWords {
    return {
        ...OCI_SYNTAX_PT,
        terminals: {
            CODIGO: 'um código de OCI ou de procedimento (GG.SS.FF.PPP-D)',
            MONEY: 'um valor (R$ 1.234,56)',
            NUMERO: 'um número',
            MILHAR: 'um número',
            DATA: 'uma data (AAAA-MM-DD)',
            COMPETENCIA: 'uma competência (AAAA-MM)',
            STRING: 'um texto entre aspas',
            ID: 'um nome',
            EOF: 'o fim do arquivo'
        },
        unexpectedText: found =>
            `Texto inesperado: ${found} (o arquivo tem um só ${cabecalho}, e o texto vem entre as chaves)`
    };
}

/** Stable codes on syntax errors; an unresolved OCI reference is par/oci-desconhecida (with its legal basis). */
export class PlanoDocumentValidator extends CodedSyntaxDocumentValidator {
    constructor(private readonly services: LangiumCoreServices) {
        super(services);
    }

    protected override processLinkingErrors(
        document: LangiumDocument,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        // With no OCI in the index, the rol was not loaded: one warning (par/rol-indisponivel), not an error per OCI.
        if (rolCarregado(this.services)) super.processLinkingErrors(document, diagnostics, options);
    }

    protected override linkingDiagnostic(d: Diagnostic): Diagnostic {
        const refText = (d.data as { refText?: string } | undefined)?.refText ?? '';
        const args = [formatCodigo(refText)] as [string];
        return {
            ...d,
            severity: 1 as const,
            code: RegrasPar.ociDesconhecida.code,
            message: ruleText(RegrasPar.ociDesconhecida, ...args),
            data: { ...(d.data as object), basis: RegrasPar.ociDesconhecida.basis, args }
        };
    }
}

/**
 * Scope of OCI references: the code as written (09.01.01.001-4) is looked up by its normalized name (0901010014).
 */
class EscopoPorCodigo implements Scope {
    constructor(private readonly interno: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.interno.getElement(normalizeCodigo(name) ?? name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.interno.getElements(normalizeCodigo(name) ?? name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.interno.getAllElements();
    }
}

export class PlanoScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        const scope = super.getScope(context);
        return this.reflection.getReferenceType(context) === 'Oci' ? new EscopoPorCodigo(scope) : scope;
    }
}

function moduloPlano(cabecalho: string): Module<LangiumCoreServices, PartialLangiumCoreServices> {
    const palavras = palavrasPlano(cabecalho);
    return {
        parser: {
            ParserErrorMessageProvider: () => new SyntaxMessageProvider(() => palavras),
            LexerErrorMessageProvider: () => new SyntaxLexerMessageProvider(() => palavras)
        },
        references: {
            ScopeProvider: services => new PlanoScopeProvider(services)
        },
        validation: {
            DocumentValidator: services => new PlanoDocumentValidator(services),
            ValidationRegistry: services => new DirectValidationRegistry(services)
        }
    };
}

/** The PAR's own services: each plan's executed production (the `execucao` file or `--execucao`). */
export interface ParAddedServices {
    plano: {
        Execucao: ExecucaoDoPar;
        /** Strict mode (--estrito, oci.plano.estrito): ./opcoes.ts. */
        Opcoes: OpcoesPlano;
    };
}

export type ParServices = LangiumCoreServices & ParAddedServices;

export const ParModule: Module<ParServices, PartialLangiumCoreServices & ParAddedServices> = {
    ...moduloPlano('plano ("plano "nome" { … }")'),
    plano: {
        Execucao: services => new ExecucaoDoPar(services),
        Opcoes: () => new OpcoesPlano()
    }
};
export const SeModule = moduloPlano('habilitação ("habilitacao "nome" { … }")');

export interface PlanoServices {
    Par: ParServices;
    Se: LangiumCoreServices;
}

/** Creates the PAR's and the SE's services on the rol de OCI's shared services and registers them. */
export function createPlanoServices(shared: LangiumSharedCoreServices): PlanoServices {
    const Par = inject(createDefaultCoreModule({ shared }), PlanoAcaoRegionalGeneratedModule, ParModule);
    const Se = inject(createDefaultCoreModule({ shared }), SalaEstabilizacaoGeneratedModule, SeModule);
    shared.ServiceRegistry.register(Par);
    shared.ServiceRegistry.register(Se);
    registerParValidation(Par);
    registerSeValidation(Se);
    return { Par, Se };
}

/** The services (without LSP) of the rol de OCI, the PAR and the SE in one workspace — for the CLI and the tests. */
export function createPlanoCoreServices(
    context: DefaultSharedCoreModuleContext
): { shared: LangiumSharedCoreServices; Oci: OciServices } & PlanoServices {
    const { shared, Oci } = createOciCoreServices(context);
    return { shared, Oci, ...createPlanoServices(shared) };
}
