/**
 * The checks of the Plano de Ação Regional (.par) and of a Sala de Estabilização's habilitação (.se)
 * in one place: stable code, severity, legal basis and message in Portuguese — like the rules of the
 * rol de OCI (../validation/rules.ts), but in a registry of their own. Each rule also lists the
 * dispositivos it applies (keys of ./legal.ts), whose text the hover shows. test/plano/rules.test.ts
 * checks that every rule here has a case that fires it.
 */
import type { Rule, Severity } from '../validation/rules.js';
import { PORTARIA_1997, PORTARIA_3492, TEXTO_LEGAL, referencia } from './legal.js';
import { ferramenta, lei, textoDoFundamento, type Fundamento } from '../legal/fundamento.js';

export interface RegraPlano<A extends unknown[] = never[]> extends Rule<A> {
    /** TEXTO_LEGAL keys of the dispositivos applied (may be empty: e.g. the IBGE table). */
    dispositivos: string[];
    /** Origin (lei, tabela SIGTAP, convenção, ferramenta) and dispositivos: ../legal/fundamento.ts. */
    fundamento: Fundamento;
}

/** The basis of a rule not (only) from the law: `de(convencao('…', '3492/9/I'))`; the legal basis derives from it. */
export function de(fundamento: Fundamento): { basis: string; dispositivos: string[]; fundamento: Fundamento } {
    return { basis: textoDoFundamento(fundamento), dispositivos: fundamento.dispositivos, fundamento };
}

const IBGE = 'Tabela de códigos de municípios do IBGE';
/** A municipality written with another name than the IBGE base's (the PAR's territory and the SE's municipality). */
const nomeMunicipioDivergente = (codigo: string, escrito: string, ibge: string) =>
    `O município ${codigo} chama-se "${ibge}" na base do IBGE do projeto (escrito: "${escrito}")`;
const LC124 = 'Lei Complementar nº 124/2007, art. 2º (Amazônia Legal)';

/** "art. 9 V e VI", "art. 15 §1 II e III", "art. 8 III e §2": the article (and the paragraph) are not repeated. */
function juntar(chaves: string[]): string {
    const partes: string[] = [];
    let anterior: string[] | undefined;
    for (const chave of chaves) {
        const [, artigo = '', ...resto] = chave.split('/');
        if (anterior && anterior[0] === artigo && resto.length > 0) {
            const mesmoParagrafo = anterior[1]?.startsWith('§') && anterior[1] === resto[0] && resto.length > 1;
            partes.push((mesmoParagrafo ? resto.slice(1) : resto).join(' '));
        } else {
            partes.push(referencia(chave));
        }
        anterior = [artigo, ...resto];
    }
    return partes.join(' e ');
}

/** Legal basis in Portaria 3.492/2024: `p3492('9/IV')` → "Portaria GM/MS nº 3.492/2024, art. 9 IV". */
function p3492(...chaves: string[]): { basis: string; dispositivos: string[] } {
    const dispositivos = chaves.map(c => `3492/${c}`);
    return { basis: `${PORTARIA_3492}, ${juntar(dispositivos)}`, dispositivos };
}

/** Legal basis in art. 878-A (Portaria 1.997/2023): `p1997('§4/VII')`. */
function p1997(...chaves: string[]): { basis: string; dispositivos: string[] } {
    const dispositivos = chaves.map(c => (c ? `1997/878-A/${c}` : '1997/878-A'));
    return {
        basis: `${PORTARIA_1997} (Portaria de Consolidação GM/MS nº 6/2017), ${juntar(dispositivos)}`,
        dispositivos
    };
}

/** Legal basis in art. 4 of Portaria 1.997/2023 itself (when it takes effect), with §2 of art. 878-A. */
function lei1997Art4(): { basis: string; dispositivos: string[] } {
    const dispositivos = ['1997/878-A/§2', '1997/4'];
    return {
        basis: `${PORTARIA_1997} (Portaria de Consolidação GM/MS nº 6/2017), art. 878-A §2; ${PORTARIA_1997}, art. 4`,
        dispositivos
    };
}

function comExtra(
    base: { basis: string; dispositivos: string[] },
    extra: string
): { basis: string; dispositivos: string[] } {
    return { basis: `${base.basis}; ${extra}`, dispositivos: base.dispositivos };
}

function regra<A extends unknown[]>(
    code: string,
    severity: Severity,
    base: { basis: string; dispositivos: string[]; fundamento?: Fundamento },
    message: (...args: A) => string
): RegraPlano<A> {
    for (const d of base.dispositivos) {
        if (!(d in TEXTO_LEGAL)) throw new Error(`regra ${code}: dispositivo sem texto: ${d}`);
    }
    return {
        code,
        severity,
        basis: base.basis,
        dispositivos: base.dispositivos,
        fundamento: base.fundamento ?? lei(...base.dispositivos),
        message
    };
}

export const RegrasPar = {
    // ── Adhesion and minimum content (arts. 8 and 9) ─────────────────────
    ufAusente: regra(
        'par/uf-ausente',
        'error',
        p3492('8/II'),
        () =>
            'O PAR não informa a UF ("uf MA"): o plano é da região, da macrorregião ou do Estado proponente, elaborado com a Secretaria Estadual de Saúde'
    ),
    ufInvalida: regra(
        'par/uf-invalida',
        'error',
        p3492('8/II'),
        (sigla: string) => `UF desconhecida: "${sigla}" (use a sigla, p.ex. MA, PA, MG)`
    ),
    abrangenciaAusente: regra(
        'par/abrangencia-ausente',
        'error',
        p3492('8/II', '9/I'),
        () =>
            'O PAR não declara a abrangência: “abrangencia regiao "nome"”, “abrangencia macrorregiao "nome"” ou “abrangencia estado”'
    ),
    vigenciaAusente: regra(
        'par/vigencia-ausente',
        'error',
        p3492('9/V', '9/VI'),
        () =>
            'O PAR não declara a vigência ("vigencia AAAA-MM-DD a AAAA-MM-DD"): as metas das filas e o cronograma se medem por ela'
    ),
    territorioAusente: regra(
        'par/territorio-ausente',
        'error',
        p3492('9/I'),
        () =>
            'Falta o território de abrangência (art. 9 I): “territorio { municipio CÓDIGO-IBGE "nome" populacao N … }”'
    ),
    diagnosticoAusente: regra(
        'par/diagnostico-ausente',
        'error',
        p3492('9/I'),
        () =>
            'Falta o diagnóstico geral das necessidades de saúde e da Rede de Atenção à Saúde (art. 9 I): “diagnostico "…"”'
    ),
    redeAusente: regra(
        'par/rede-ausente',
        'error',
        p3492('9/II'),
        () => 'Falta a descrição sumária da RAS (art. 9 II): “rede "…"”'
    ),
    problemasAusentes: regra(
        'par/problemas-ausentes',
        'error',
        p3492('9/II'),
        (falta: string) =>
            `Falta identificar ${falta} que o Programa vai enfrentar (art. 9 II): “problema "…"” e “prioridade "…"”`
    ),
    elencoAusente: regra(
        'par/elenco-ausente',
        'error',
        p3492('9/III'),
        () => 'Falta o elenco das OCI (art. 9 III): "elenco { oci 09.xx.xx.xxx-d volume N … }"'
    ),
    filasAusentes: regra(
        'par/filas-ausentes',
        'error',
        p3492('9/IV'),
        () => 'Falta a definição das filas por conjunto de procedimentos (art. 9 IV): “fila id "descrição" { … }”'
    ),
    metasAusentes: regra(
        'par/metas-ausentes',
        'error',
        p3492('9/V'),
        () =>
            'Faltam as metas de redução do tamanho e do tempo de espera das filas (art. 9 V): “meta tamanho de N para M” e “meta espera de N dias para M dias” em cada fila'
    ),
    cronogramaAusente: regra(
        'par/cronograma-ausente',
        'error',
        p3492('9/VI'),
        () => 'Falta o cronograma de implementação (art. 9 VI): “cronograma { etapa "…" de AAAA-MM-DD a AAAA-MM-DD … }”'
    ),
    compromissoAusente: regra(
        'par/compromisso-ausente',
        'error',
        p3492('9/VII'),
        () =>
            'Falta a declaração de compromisso com a implementação progressiva de mudanças estruturantes conforme a PNAES (art. 9 VII): “compromisso "…"”'
    ),
    responsabilidadesAusentes: regra(
        'par/responsabilidades-ausentes',
        'error',
        p3492('9/VIII'),
        () =>
            'Faltam as responsabilidades de cada ente federado na implementação, no monitoramento e na avaliação do PAR (art. 9 VIII): “responsabilidade estado "SES" { … }”'
    ),
    cibAusente: regra(
        'par/cib-ausente',
        'error',
        p3492('8/III', '8/§2'),
        () =>
            'Falta a resolução da CIB (ou do Colegiado de Gestão do DF) que aprova o PAR: “cib "Resolução CIB nº …" de AAAA-MM-DD”'
    ),
    termoAdesaoAusente: regra(
        'par/termo-adesao-ausente',
        'warning',
        p3492('8/I'),
        () =>
            'O PAR não cita o Termo de Adesão assinado pelo gestor (“termo_adesao "…" de AAAA-MM-DD”), que acompanha o PAR na adesão'
    ),
    itemRepetido: regra(
        'par/item-repetido',
        'error',
        de(
            ferramenta(
                'cada item do PAR é escrito uma vez; dois valores para o mesmo item deixariam o plano ambíguo (nenhum dispositivo trata disso)'
            )
        ),
        (item: string) => `"${item}" aparece mais de uma vez no PAR`
    ),
    textoVazio: regra(
        'par/texto-vazio',
        'error',
        p3492('9'),
        (item: string) => `"${item}" está vazio: um item do conteúdo mínimo do PAR precisa de texto`
    ),
    vigenciaInvertida: regra(
        'par/vigencia-invertida',
        'error',
        p3492('9/V', '9/VI'),
        (inicio: string, fim: string) => `A vigência começa (${inicio}) depois de terminar (${fim})`
    ),
    dataInvalida: regra(
        'data/invalida',
        'error',
        de(
            ferramenta(
                'uma data é escrita AAAA-MM-DD e existe no calendário; vale para toda data do PAR (vigência, etapas, termo, CIB, SAES, metas), e nenhum dispositivo fixa o formato'
            )
        ),
        (texto: string) => `Data inexistente: ${texto} (use AAAA-MM-DD, com mês de 01 a 12 e dia do mês)`
    ),

    // ── Territory (art. 9 I) ──────────────────────────────────────────────
    municipioInexistente: regra(
        'territorio/municipio-inexistente',
        'error',
        comExtra(p3492('9/I'), IBGE),
        (codigo: string) =>
            `${codigo} não é código de município do IBGE (7 dígitos, os dois primeiros são a UF) — ou o município é mais novo que a base do projeto (language/src/plano/data/FONTES.md)`
    ),
    municipioRepetido: regra(
        'territorio/municipio-repetido',
        'error',
        p3492('9/I'),
        (codigo: string) => `O município ${codigo} aparece mais de uma vez no território`
    ),
    municipioOutraUf: regra(
        'territorio/municipio-outra-uf',
        'warning',
        p3492('8/II'),
        (nome: string, uf: string, ufPlano: string) =>
            `${nome} é de ${uf}, e o PAR é de ${ufPlano}: o PAR é da região, da macrorregião ou do Estado proponente`
    ),
    estadoIncompleto: regra(
        'territorio/estado-incompleto',
        'error',
        p3492('8/II', '15/§1'),
        (uf: string, faltam: number, exemplos: string) =>
            `O PAR é de abrangência estadual, mas o território não lista ${faltam} município(s) de ${uf} (${exemplos}): o PAR do Estado proponente abrange todos os municípios da UF, e a população deles define a faixa do incentivo — o incentivo não é calculado`
    ),
    populacaoAusente: regra(
        'territorio/populacao-ausente',
        'error',
        p3492('9/I', '15/§1'),
        (nome: string) =>
            `${nome} sem população ("populacao N"): o incentivo do art. 15 §1 depende da população de abrangência do PAR`
    ),
    populacaoInvalida: regra(
        'territorio/populacao-invalida',
        'error',
        p3492('15/§1'),
        (nome: string) => `População de ${nome} deve ser um número de habitantes maior que zero`
    ),
    nomeDivergente: regra('territorio/nome-divergente', 'info', comExtra(p3492('9/I'), IBGE), nomeMunicipioDivergente),

    // ── List of OCIs (art. 9 III) ─────────────────────────────────────────
    ociDesconhecida: regra(
        'par/oci-desconhecida',
        'error',
        p3492('9/III'),
        (codigo: string) =>
            `A OCI ${codigo} não está no rol de OCI carregado (arquivos .oci do workspace ou --catalogo): o elenco do PAR é feito de OCI do rol`
    ),
    rolIndisponivel: regra(
        'par/rol-indisponivel',
        'warning',
        p3492('9/III'),
        () =>
            'Nenhuma OCI do rol foi carregada (nenhum arquivo .oci no workspace; na linha de comando, use --catalogo PASTA): as OCI do elenco e das filas não foram conferidas'
    ),
    ociRepetida: regra(
        'par/oci-repetida',
        'error',
        p3492('9/III'),
        (codigo: string) => `A OCI ${codigo} aparece mais de uma vez no elenco`
    ),
    ociSemFila: regra(
        'par/oci-sem-fila',
        'info',
        p3492('9/III', '9/IV'),
        (codigo: string) =>
            `A OCI ${codigo} do elenco não está em nenhuma fila: o elenco responde às filas prioritárias`
    ),
    volumeInvalido: regra(
        'par/volume-invalido',
        'error',
        p3492('15/§2/II'),
        () => 'O volume previsto deve ser pelo menos 1'
    ),

    // ── Queues (art. 9 IV) and targets (art. 9 V) ─────────────────────────
    filaSemProcedimentos: regra(
        'fila/sem-procedimentos',
        'error',
        p3492('9/IV'),
        (fila: string) => `A fila ${fila} não diz seu conjunto de procedimentos: "ocis …" e/ou "procedimentos …"`
    ),
    filaSemAbrangencia: regra(
        'fila/sem-abrangencia',
        'error',
        p3492('9/IV'),
        (fila: string) => `A fila ${fila} não declara sua abrangência: “abrangencia "…"”`
    ),
    filaSemSistema: regra(
        'fila/sem-sistema',
        'error',
        p3492('9/IV'),
        (fila: string) => `A fila ${fila} não diz qual sistema de informação usa: “sistema "…"”`
    ),
    filaSemCompartilhamento: regra(
        'fila/sem-compartilhamento',
        'error',
        p3492('9/IV'),
        (fila: string) =>
            `A fila ${fila} não declara o compromisso de compartilhar as informações da sua base de dados: “compartilhamento "…"”`
    ),
    filaOciForaDoElenco: regra(
        'fila/oci-fora-do-elenco',
        'warning',
        p3492('9/III', '9/IV'),
        (codigo: string) => `A OCI ${codigo} está na fila mas não no elenco do PAR`
    ),
    filaCodigoInvalido: regra(
        'fila/codigo-invalido',
        'error',
        comExtra(p3492('9/IV'), 'regra do dígito verificador SIGTAP'),
        (codigo: string, esperado: number) => `Dígito verificador inválido em ${codigo}: o dígito correto é ${esperado}`
    ),
    filaRepetida: regra(
        'fila/repetida',
        'error',
        p3492('9/IV'),
        (fila: string) => `Há outra fila chamada ${fila} neste PAR`
    ),
    metaAusente: regra(
        'meta/ausente',
        'error',
        p3492('9/V'),
        (fila: string, tipo: string) =>
            `A fila ${fila} não tem meta de redução do ${tipo === 'tamanho' ? 'tamanho da fila' : 'tempo de espera'}: "${tipo === 'tamanho' ? 'meta tamanho de N para M' : 'meta espera de N dias para M dias'}"`
    ),
    metaSemReducao: regra(
        'meta/sem-reducao',
        'error',
        p3492('9/V'),
        (tipo: string, atual: string, alvo: string) =>
            `A meta de ${tipo} não reduz: de ${atual} para ${alvo} (o art. 9 V pede metas de redução)`
    ),
    metaRepetida: regra(
        'meta/repetida',
        'error',
        p3492('9/V'),
        (tipo: string) => `A fila tem mais de uma meta de ${tipo}`
    ),
    metaUnidade: regra(
        'meta/unidade',
        'error',
        p3492('9/V'),
        (tipo: string, unidade: string) =>
            `Unidade "${unidade}" não serve para a meta de ${tipo} (${tipo === 'espera' ? 'tempo de espera em dias' : 'tamanho da fila em pessoas ou solicitações'})`
    ),
    metaForaDaVigencia: regra(
        'meta/prazo-fora-da-vigencia',
        'warning',
        p3492('9/V'),
        (prazo: string, inicio: string, fim: string) =>
            `O prazo da meta (${prazo}) fica fora da vigência do PAR (${inicio} a ${fim}): as metas são para a vigência`
    ),

    // ── Schedule (art. 9 VI) ──────────────────────────────────────────────
    etapaInvertida: regra(
        'cronograma/etapa-invertida',
        'error',
        p3492('9/VI'),
        (inicio: string, fim: string) => `A etapa começa (${inicio}) depois de terminar (${fim})`
    ),
    etapaForaDaVigencia: regra(
        'cronograma/etapa-fora-da-vigencia',
        'warning',
        p3492('9/VI'),
        (inicio: string, fim: string, vInicio: string, vFim: string) =>
            `A etapa (${inicio} a ${fim}) sai da vigência do PAR (${vInicio} a ${vFim})`
    ),

    // ── Responsibilities (art. 9 VIII) ────────────────────────────────────
    enteAusente: regra(
        'responsabilidade/ente-ausente',
        'error',
        p3492('9/VIII'),
        (ente: string) =>
            `Faltam as responsabilidades ${ente} (“responsabilidade ${ente === 'do Estado' ? 'estado' : 'municipios'} "…" { … }”)`
    ),
    municipioSemResponsabilidade: regra(
        'responsabilidade/municipio-sem-responsabilidade',
        'error',
        p3492('9/VIII'),
        (municipios: string) =>
            `Sem responsabilidades dos municípios em conjunto (“responsabilidade municipios "…" { … }”), cada município do território precisa das suas (“responsabilidade municipio CÓDIGO { … }”); faltam: ${municipios}`
    ),
    aspectoAusente: regra(
        'responsabilidade/aspecto-ausente',
        'warning',
        p3492('9/VIII'),
        (ente: string, aspectos: string) => `As responsabilidades ${ente} não cobrem: ${aspectos}`
    ),
    enteSemCodigo: regra(
        'ente/codigo-ausente',
        'error',
        p3492('9/VIII', '15/§3'),
        () => 'Um município é identificado pelo código IBGE: "municipio 2111300"'
    ),
    enteForaDoTerritorio: regra(
        'ente/fora-do-territorio',
        'error',
        p3492('9/VIII', '15/§3'),
        (codigo: string) => `O município ${codigo} não está no território do PAR`
    ),

    // ── Approval (art. 8 III) ─────────────────────────────────────────────
    orgaoIncompativel: regra(
        'cib/orgao-incompativel',
        'warning',
        p3492('8/III', '8/§2'),
        (orgao: string, uf: string) =>
            `O PAR de ${uf} é aprovado ${orgao === 'cib' ? 'pelo Colegiado de Gestão do DF (“colegiado_df”)' : 'pela CIB (“cib”)'}, não ${orgao === 'cib' ? 'pela CIB' : 'pelo Colegiado de Gestão do DF'}`
    ),

    // ── Chronology (arts. 8, 11, 15 §2 I and 21): ./cronologia.ts ─────────
    dataAntesDaPortaria: regra(
        'par/data-antes-da-portaria',
        'error',
        p3492('21'),
        (oque: string, data: string) =>
            `${oque} datado de ${data}, antes da publicação da Portaria GM/MS nº 3.492/2024 (11/04/2024), que institui o Programa e entra em vigor na data de sua publicação`
    ),
    cibDepoisDaSaes: regra(
        'par/cib-depois-da-saes',
        'error',
        p3492('8/III', '11', '15/§2/I'),
        (cib: string, saes: string) =>
            `A resolução da CIB que aprova o PAR (${cib}) é posterior à aprovação pela SAES (${saes}): o PAR chega à SAES com a resolução da CIB (art. 8 III), e só então a SAES o aprova (art. 11)`
    ),
    dataFutura: regra(
        'par/data-futura',
        'warning',
        de(
            ferramenta(
                'um ato datado depois do dia da verificação ainda não aconteceu; a parcela que depende dele fica pendente',
                '3492/15/§2/I'
            )
        ),
        (oque: string, data: string) => `${oque} datado de ${data}, depois de hoje: o ato ainda não aconteceu`
    ),
    valorInvalido: regra(
        'par/valor-invalido',
        'error',
        de(
            ferramenta(
                'um valor em reais se escreve R$ 1.234,56, com no máximo duas casas decimais (centavos); nada é arredondado',
                '3492/15/§2/II',
                '3492/15/§3'
            )
        ),
        (texto: string) =>
            `Valor em reais inválido: ${texto} (use R$ 1.234,56, com no máximo duas casas decimais) — o valor não é usado em nenhuma conta`
    ),

    // ── Incentive (art. 15) ───────────────────────────────────────────────
    lacuna500Mil: regra(
        'incentivo/lacuna-500-mil',
        'warning',
        p3492('15/§1/II', '15/§1/III'),
        () =>
            'População de exatamente 500.000 habitantes: o inciso II começa em "mais de 500.000" e o III termina em 499.999, e nenhum dos dois a inclui — lacuna do texto; o incentivo não é calculado'
    ),
    ate100Mil: regra(
        'incentivo/ate-100-mil',
        'warning',
        p3492('15/§1/III'),
        (populacao: string) =>
            `População de ${populacao} habitantes: o art. 15 §1 só prevê incentivo acima de 100.000 habitantes — nenhuma faixa se aplica`
    ),
    alocacaoAusente: regra(
        'incentivo/alocacao-ausente',
        'warning',
        p3492('15/§3'),
        () =>
            'A resolução da CIB não aloca o incentivo por ente aderente (“cib "…" { alocacao estado R$ … }”), condição da transferência da primeira parcela'
    ),
    alocacaoDivergente: regra(
        'incentivo/alocacao-divergente',
        'error',
        p3492('15/§1', '15/§3'),
        (alocado: string, incentivo: string, diferenca: string) =>
            `A alocação por ente soma ${alocado}, mas o incentivo do PAR é ${incentivo} (diferença ${diferenca})`
    ),
    producaoPrevistaAusente: regra(
        'incentivo/producao-prevista-ausente',
        'warning',
        p3492('15/§2/II'),
        () =>
            'O PAR não diz a produção financeira prevista (“producao prevista R$ …”, ou “volume” em cada OCI do elenco): sem ela, a condição da segunda parcela não pode ser conferida'
    ),
    producaoPrevistaDivergente: regra(
        'incentivo/producao-prevista-divergente',
        'warning',
        p3492('15/§2/II'),
        (declarada: string, calculada: string) =>
            `A produção prevista declarada (${declarada}) difere da soma de volume × valor das OCI do elenco (${calculada})`
    ),
    valorOciIndisponivel: regra(
        'incentivo/valor-oci-indisponivel',
        'warning',
        p3492('15/§2/II'),
        (codigo: string) =>
            `O valor da OCI ${codigo} não pôde ser determinado (sem "valor" no rol e composição incompleta): fica fora da produção prevista calculada`
    ),
    execucaoIndisponivel: regra(
        'incentivo/execucao-indisponivel',
        'warning',
        p3492('15/§2/II'),
        (arquivo: string, motivo: string) =>
            `O arquivo de execução "${arquivo}" não foi usado: ${motivo} — sem ele, a condição da segunda parcela (execução de 50% da produção financeira prevista) não é conferida`
    ),
    segundaParcela: regra(
        'incentivo/segunda-parcela',
        'info',
        p3492('15/§2/II'),
        (situacao: string) => `Segunda parcela: ${situacao}`
    )
} as const;

export const RegrasSe = {
    municipioAusente: regra(
        'se/municipio-ausente',
        'error',
        p1997('', '§1'),
        () => 'A habilitação não diz o município da SE ("municipio CÓDIGO-IBGE"): o valor do incentivo depende dele'
    ),
    municipioInexistente: regra(
        'se/municipio-inexistente',
        'error',
        comExtra(p1997('§1'), IBGE),
        (codigo: string) =>
            `${codigo} não é código de município do IBGE (7 dígitos, os dois primeiros são a UF) — ou o município é mais novo que a base do projeto`
    ),
    nomeDivergente: regra('se/nome-divergente', 'info', comExtra(p1997('§1'), IBGE), nomeMunicipioDivergente),
    cnesAusente: regra(
        'se/cnes-ausente',
        'error',
        p1997('§9'),
        () =>
            'A habilitação não diz o estabelecimento no CNES ("cnes NNNNNNN"), onde a SE é inscrita e cuja produção o SIA/SUS registra'
    ),
    cnesInvalido: regra(
        'se/cnes-invalido',
        'error',
        p1997('§9'),
        (codigo: string) => `Número do CNES inválido: ${codigo} (7 dígitos)`
    ),
    documentoAusente: regra(
        'se/documento-ausente',
        'error',
        p1997('§4'),
        (inciso: string, documento: string) => `Falta o documento do §4 ${inciso}: ${documento}`
    ),
    documentoRepetido: regra(
        'se/documento-repetido',
        'error',
        p1997('§4'),
        (documento: string) => `O documento "${documento}" aparece mais de uma vez`
    ),
    samuSemTermo: regra(
        'se/samu-sem-termo',
        'error',
        p1997('§4/VII'),
        () =>
            'Sem SAMU 192 habilitado na área de cobertura, é preciso o termo de compromisso de implantação do SAMU 192 ou de atendimento equivalente: “samu ausente termo "…"”'
    ),
    transporteAusente: regra(
        'se/transporte-ausente',
        'warning',
        p1997('§8'),
        () =>
            'Sem SAMU 192, deve ser garantido transporte adequado ao quadro clínico do paciente para remoção e continuidade da atenção: diga como (“samu ausente termo "…" transporte "…"”)'
    ),
    populacaoInvalida: regra(
        'se/populacao-invalida',
        'error',
        p1997('§4/VI'),
        () => 'O quantitativo populacional coberto deve ser maior que zero'
    ),
    itemRepetido: regra(
        'se/item-repetido',
        'error',
        de(
            ferramenta(
                'cada item da habilitação é escrito uma vez; dois valores para o mesmo item deixariam a habilitação ambígua (nenhum dispositivo trata disso)'
            )
        ),
        (item: string) => `"${item}" aparece mais de uma vez na habilitação`
    ),
    cirCibDepoisDaSes: regra(
        'se/cir-cib-depois-da-ses',
        'error',
        p1997('§3', '§4/IV'),
        (declaracao: string, habilitacao: string) =>
            `A declaração da CIR e da CIB (${declaracao}) é posterior à habilitação pela SES (${habilitacao}): a proposta passa pela CIR e pela CIB e só depois é encaminhada à SES`
    ),
    homologacaoSemHabilitacao: regra(
        'se/homologacao-sem-habilitacao',
        'error',
        p1997('§5'),
        () =>
            'Há homologação do Ministério sem a habilitação no CNES pela SES (“habilitacao_ses "Portaria SES …" de AAAA-MM-DD”), que a precede'
    ),
    homologacaoAntesDaHabilitacao: regra(
        'se/homologacao-antes-da-habilitacao',
        'error',
        p1997('§5'),
        (homologacao: string, habilitacao: string) =>
            `A homologação (${homologacao}) é anterior à habilitação pela SES (${habilitacao})`
    ),
    repasseSemHomologacao: regra(
        'se/repasse-sem-homologacao',
        'error',
        p1997('§2', '§5'),
        () =>
            'O repasse do incentivo mensal depende da homologação da habilitação pelo Ministério da Saúde (“homologacao "Portaria GM/MS …" de AAAA-MM-DD”)'
    ),
    repasseAntesDaHomologacao: regra(
        'se/repasse-antes-da-homologacao',
        'error',
        p1997('§2', '§5'),
        (repasse: string, homologacao: string) =>
            `O repasse começa em ${repasse}, antes do mês da homologação (${homologacao})`
    ),
    repasseAntesDaVigencia: regra(
        'se/repasse-antes-da-vigencia',
        'error',
        lei1997Art4(),
        (repasse: string) =>
            `O repasse começa em ${repasse}, antes de a Portaria GM/MS nº 1.997/2023 vigorar: ela passa a vigorar 120 dias após a publicação (art. 4), e, assinada em 24/11/2023, não vigorava antes de 23/03/2024 — o incentivo do art. 878-A não existia`
    ),
    competenciaInvalida: regra(
        'se/competencia-invalida',
        'error',
        de(
            ferramenta(
                'uma competência é escrita AAAA-MM, com mês de 01 a 12 (nenhum dispositivo fixa o formato)',
                '1997/878-A/§10'
            )
        ),
        (texto: string) => `Competência inválida: ${texto} (AAAA-MM, mês de 01 a 12)`
    ),
    dataInvalida: regra(
        'se/data-invalida',
        'error',
        de(
            ferramenta(
                'uma data é escrita AAAA-MM-DD e existe no calendário (nenhum dispositivo fixa o formato)',
                '1997/878-A/§5'
            )
        ),
        (texto: string) => `Data inexistente: ${texto} (use AAAA-MM-DD)`
    ),
    amazoniaIncerta: regra(
        'se/amazonia-legal-incerta',
        'warning',
        comExtra(p1997('§1'), LC124),
        (nome: string, valor: string) =>
            `${nome} (MA) fica junto ao meridiano de 44° W e a base do projeto, de polígonos simplificados, não basta para dizer se está na Amazônia Legal: ` +
            `o valor mostrado (${valor}) segue a base; confira na lista de municípios da Amazônia Legal do IBGE`
    ),
    amazoniaParcial: regra(
        'se/amazonia-legal-parcial',
        'info',
        comExtra(p1997('§1'), LC124),
        (nome: string) =>
            `${nome} (MA) fica só em parte a oeste do meridiano de 44° W; a lista do IBGE inclui os municípios parcialmente integrados, e o incentivo é o do §1`
    ),
    semProducaoMes: regra(
        'se/sem-producao-mes',
        'warning',
        p1997('§9'),
        (mes: string) =>
            `Sem registro no SIA/SUS em ${mes}: a alimentação do SIA/SUS com a produção da SE é obrigatória, ainda que não gere pagamento; três meses consecutivos sem registro suspendem o incentivo (§10)`
    ),
    competenciaForaDoPeriodo: regra(
        'se/competencia-fora-do-periodo',
        'warning',
        de(
            ferramenta(
                'uma competência no futuro, ou a mais de 12 meses de qualquer outra do arquivo, é tida como erro de dado e não estende a janela do §10',
                '1997/878-A/§10'
            )
        ),
        (competencias: string) =>
            `O arquivo de produção tem registros deste CNES em ${competencias}, fora do período plausível (no futuro ou isoladas das demais competências): provável erro de digitação; ficam fora da janela do §10`
    ),
    producaoNaoExaminada: regra(
        'se/producao-nao-examinada',
        'warning',
        de(
            ferramenta('sem os dados necessários, a ferramenta diz que não examinou, em vez de calar', '1997/878-A/§10')
        ),
        (motivo: string) => `Produção no SIA/SUS: ${motivo}`
    ),
    semProducao3Meses: regra(
        'se/sem-producao-3-meses',
        'error',
        p1997('§9', '§10'),
        (meses: string, atingida: string) =>
            `Sem registro no SIA/SUS em ${meses}: três meses consecutivos (condição atingida em ${atingida}), o que implica a suspensão da transferência do incentivo mensal`
    )
} as const;

export type RegraPlanoQualquer = RegraPlano<unknown[]>;

/** Every rule of the PAR and the SE, by code. */
export const RegrasPlanoPorCodigo: ReadonlyMap<string, RegraPlanoQualquer> = new Map(
    [...Object.values(RegrasPar), ...Object.values(RegrasSe)].map(r => [r.code, r as unknown as RegraPlanoQualquer])
);

const SEVERIDADE_PT: Record<string, string> = { error: 'erro', warning: 'aviso', info: 'info' };

/** The table of the PAR's and the SE's checks for docs/plans.md (code, severity, origin, legal basis). */
export function regrasPlanoMarkdown(): string {
    const linhas = [...RegrasPlanoPorCodigo.values()].map(
        r => `| \`${r.code}\` | ${SEVERIDADE_PT[r.severity]} | ${r.fundamento.origem} | ${r.basis} |`
    );
    return ['| código | severidade | origem | base legal |', '|---|---|---|---|', ...linhas].join('\n');
}
