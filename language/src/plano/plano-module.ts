/**
 * Serviços (sem LSP) das linguagens do Plano de Ação Regional (.par) e da habilitação de Sala de
 * Estabilização (.se). As duas entram nos serviços compartilhados do rol de OCI (mesmo índice,
 * mesmo construtor de documentos): uma OCI do elenco de um PAR é uma referência à OCI de um
 * arquivo .oci, resolvida pelo código normalizado de 10 dígitos (o nome que ../names.ts dá à OCI),
 * com ou sem pontos.
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

/** As palavras das mensagens de sintaxe do PAR e da SE (os terminais das duas gramáticas). */
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

/** Códigos estáveis nos erros de sintaxe; referência a OCI não resolvida = par/oci-desconhecida (com a base legal). */
export class PlanoDocumentValidator extends CodedSyntaxDocumentValidator {
    constructor(private readonly services: LangiumCoreServices) {
        super(services);
    }

    protected override processLinkingErrors(
        document: LangiumDocument,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        // Sem nenhuma OCI no índice, o rol não foi carregado: um só aviso (par/rol-indisponivel), não um erro por OCI.
        if (!rolCarregado(this.services)) return;
        const own: Diagnostic[] = [];
        super.processLinkingErrors(document, own, options);
        diagnostics.push(
            ...own.map(d => {
                const refText = (d.data as { refText?: string } | undefined)?.refText ?? '';
                const args = [formatCodigo(refText)] as [string];
                return {
                    ...d,
                    severity: 1 as const,
                    code: RegrasPar.ociDesconhecida.code,
                    message: ruleText(RegrasPar.ociDesconhecida, ...args),
                    data: { ...(d.data as object), basis: RegrasPar.ociDesconhecida.basis, args }
                };
            })
        );
    }
}

/**
 * Escopo das referências a OCI: o código como escrito (09.01.01.001-4) é procurado pelo nome normalizado (0901010014).
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

/** Serviços próprios do PAR: a produção executada de cada plano (arquivo `execucao` ou `--execucao`). */
export interface ParAddedServices {
    plano: {
        Execucao: ExecucaoDoPar;
        /** Modo estrito (--estrito, oci.plano.estrito): ./opcoes.ts. */
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

/** Cria os serviços do PAR e da SE sobre os serviços compartilhados do rol de OCI e os registra. */
export function createPlanoServices(shared: LangiumSharedCoreServices): PlanoServices {
    const Par = inject(createDefaultCoreModule({ shared }), PlanoAcaoRegionalGeneratedModule, ParModule);
    const Se = inject(createDefaultCoreModule({ shared }), SalaEstabilizacaoGeneratedModule, SeModule);
    shared.ServiceRegistry.register(Par);
    shared.ServiceRegistry.register(Se);
    registerParValidation(Par);
    registerSeValidation(Se);
    return { Par, Se };
}

/** Os serviços (sem LSP) do rol de OCI, do PAR e da SE num só workspace — para a linha de comando e os testes. */
export function createPlanoCoreServices(
    context: DefaultSharedCoreModuleContext
): { shared: LangiumSharedCoreServices; Oci: OciServices } & PlanoServices {
    const { shared, Oci } = createOciCoreServices(context);
    return { shared, Oci, ...createPlanoServices(shared) };
}
