/**
 * The summary of a PAR and of an SE habilitação, for the command line's JSON
 * (`oci-catalogo plano … --out PASTA`), the hover and the code lens: minimum content, incentive and
 * parcelas (art. 15), the SE's monthly incentive and the check of §10 against the production.
 * Money is `{ "reais": "600000.00", "centavos": 60000000, "texto": "R$ 600.000,00" }`.
 */
import type { HabilitacaoSe, Par } from '../generated/ast.js';
import { Money, formatMoney, moneyString, roundCentavos } from '../money.js';
import { formatCodigo } from '../sigtap/codigo.js';
import { formatCompetenciaIndex, isoData, type Competencia, type DataCivil } from './datas.js';
import { cronologiaDoPar, hojeCivil, pendenciaDaCronologia } from './cronologia.js';
import { examinarProducaoSe } from './exame-producao-se.js';
import {
    condicaoSegundaParcela,
    faixaIncentivo,
    formatInteger,
    parseInteger,
    parcelas as splitParcelas
} from './incentivo-par.js';
import { incentivoSe, type ProducaoSe } from './incentivo-se.js';
import { municipioIbge } from './municipios.js';
import {
    abrangenciaDa,
    abrangenciaDo,
    aprovacaoCibDo,
    aprovacaoSaesDo,
    compartilhamentoDa,
    conteudoMinimo,
    dataDo,
    etapasDo,
    filasDo,
    metasDa,
    municipiosDo,
    ocisDaFila,
    populacaoDo,
    populacaoDoMunicipio,
    procedimentosDaFila,
    producaoPrevista,
    sistemaDa,
    producaoExecutada,
    termoAdesaoDo,
    ufDo,
    valorEmReais,
    vigenciaDo,
    type ItemMinimo,
    type ProducaoExecutada
} from './par-consultas.js';
import { valorIntegro } from './valores-quebrados.js';
import { RegrasPar } from './rules.js';
import {
    estabelecimentoDa,
    estadoDosDocumentos,
    habilitacaoSesDa,
    homologacaoDa,
    municipioDa,
    repasseDa,
    type SituacaoDocumento
} from './se-consultas.js';
import type { FonteExecucao } from './execucao-par.js';
import type { Execucao, ProducaoPorCnes } from './producao.js';

export interface Dinheiro {
    reais: string;
    centavos: number;
    texto: string;
}

export function dinheiro(m: Money): Dinheiro {
    const r = roundCentavos(m);
    return { reais: moneyString(r), centavos: r.times(100).toNumber(), texto: formatMoney(r) };
}

const opcional = (m: Money | undefined) => (m === undefined ? null : dinheiro(m));

/** A percentage with two decimals, rounded by ABNT NBR 5891 (half to even): "52,27%". */
export function percentual(p: Money): string {
    return `${p.toDecimalPlaces(2, Money.ROUND_HALF_EVEN).toFixed(2).replace('.', ',')}%`;
}

export interface ResumoPar {
    formato: 'oci-catalogo-par/1';
    arquivo: string;
    nome: string;
    uf: string | null;
    abrangencia: { tipo: string; nome: string | null } | null;
    /** Dates on a line with a syntax error, or that do not exist, are null (valores-quebrados.ts). */
    vigencia: { inicio: string | null; fim: string | null } | null;
    territorio: {
        municipios: Array<{
            codigo: string;
            nome: string | null;
            nomeIbge: string | null;
            uf: string | null;
            populacao: number | null;
        }>;
        populacao: number | null;
    };
    conteudoMinimo: ItemMinimo[];
    elenco: Array<{
        codigo: string;
        nome: string | null;
        noRol: boolean;
        volume: number | null;
        valor: Dinheiro | null;
        producaoPrevista: Dinheiro | null;
    }>;
    filas: Array<{
        id: string;
        descricao: string | null;
        ocis: string[];
        procedimentos: string[];
        abrangencia: string | null;
        sistema: string | null;
        compartilhamento: string | null;
        metas: Array<{
            tipo: string;
            de: number | null;
            para: number | null;
            reducao: number | null;
            reducaoPercentual: string | null;
            prazo: string | null;
        }>;
    }>;
    cronograma: Array<{ descricao: string; inicio: string | null; fim: string | null }>;
    aprovacao: {
        cib: { orgao: string; resolucao: string; data: string | null } | null;
        saes: { ato: string; data: string | null } | null;
        termoAdesao: { texto: string; data: string | null } | null;
    };
    incentivo: ResumoIncentivoPar;
}

export interface ResumoIncentivoPar {
    populacao: number | null;
    faixa: { inciso: string; dispositivo: string; descricao: string } | null;
    /** A gap in the text (exactly 500,000; 100,000 or fewer) or an undetermined population. */
    lacuna: { codigo: string; dispositivo: string; descricao: string } | null;
    total: Dinheiro | null;
    parcelas: [PrimeiraParcela, SegundaParcela] | [];
    alocacao: {
        itens: Array<{ ente: string; municipio: string | null; valor: Dinheiro | null }>;
        total: Dinheiro | null;
        confere: boolean | null;
    };
    observacao: string;
}

export interface PrimeiraParcela {
    numero: 1;
    dispositivo: 'art. 15 §2 I';
    valor: Dinheiro;
    condicao: string;
    situacao: 'condicoes-cumpridas' | 'pendente';
    pendencias: string[];
}

export interface SegundaParcela {
    numero: 2;
    dispositivo: 'art. 15 §2 II';
    valor: Dinheiro;
    condicao: string;
    /**
     * 'condicao-indeterminada': the executed production is only known within bounds (executadaLimites), and the
     * threshold lies between them.
     */
    situacao:
        | 'sem-producao-prevista'
        | 'sem-dados-de-execucao'
        | 'condicao-cumprida'
        | 'condicao-nao-cumprida'
        | 'condicao-indeterminada';
    producaoPrevista: {
        valor: Dinheiro;
        origem: 'declarada' | 'calculada';
        declarada: Dinheiro | null;
        calculada: Dinheiro | null;
    } | null;
    /** 50% of the planned production. */
    limiar: Dinheiro | null;
    /** The executed production that counts (stated; from the audit, OCIs adequately concluded × value), when exact. */
    executada: Dinheiro | null;
    /** From the audit without exact adequate counts: the executed production that counts, within these bounds. */
    executadaLimites: { minimo: Dinheiro; maximo: Dinheiro } | null;
    /** From the audit: Σ (every concluded OCI × value), for comparison — not what counts. */
    executadaTodasConcluidas: Dinheiro | null;
    /**
     * Where the executed production came from; from the audit, the list's OCIs with the concluded, the adequate
     * (bounds) and × value.
     */
    execucao: {
        origem: 'informada' | 'auditoria';
        ocis: Array<{
            codigo: string;
            concluidas: number;
            adequadas: { minimo: number; maximo: number };
            valor: Dinheiro | null;
            producao: Dinheiro | null;
            producaoAdequada: { minimo: Dinheiro; maximo: Dinheiro } | null;
        }>;
        foraDoElenco: string[];
    } | null;
    percentualExecutado: string | null;
    falta: Dinheiro | null;
    /**
     * The executed production's file: the one the PAR names (`execucao "…"`) or the command line's
     * `--execucao`, which replaces it (`substitui`: the path written in the PAR, if any); with `problema`
     * when it could not be used (and then `execucao` is null).
     */
    fonteDaExecucao: {
        arquivo: string;
        origem: 'par' | 'linha-de-comando';
        substitui: string | null;
        problema: string | null;
    } | null;
    /**
     * Which production counts for the condition and why (art. 15 §2 II: "execução de 50% da produção
     * financeira prevista no PAR"): the planned one is Σ volume × value of the list's OCIs (or the
     * declared one), and the executed one is measured the same way — concluded OCIs of the list × the
     * OCI's value in the rol.
     */
    criterio: { conta: string; porque: string; dispositivos: string[] };
    /** The planned production is written in the PAR but does not read (par/valor-invalido or a syntax error). */
    producaoPrevistaInvalida: boolean;
}

/**
 * "R$ 1.150.000,00 (52,27% da prevista)" or, with bounds, "entre R$ … e R$ …" — as the text, the hover and the code
 * lens show it.
 */
export function descreverExecutada(p2: SegundaParcela): string {
    if (p2.executada)
        return `${p2.executada.texto}${p2.percentualExecutado ? ` (${p2.percentualExecutado} da prevista)` : ''}`;
    return p2.executadaLimites
        ? `entre ${p2.executadaLimites.minimo.texto} e ${p2.executadaLimites.maximo.texto}`
        : '—';
}

const CRITERIO_BASE =
    'O art. 15 §2 II condiciona a 2ª parcela à "execução de 50% da produção financeira prevista no PAR"; a prevista é a das OCI do elenco ' +
    '(volume × valor, art. 9 III), e a OCI só é produção quando concluída: o pagamento é por OCI concluída, registrada na APAC (art. 16 I e §1)';

function criterioDaExecucao(execucao: ProducaoExecutada | undefined): SegundaParcela['criterio'] {
    if (execucao?.origem === 'auditoria') {
        return {
            conta:
                'OCI do elenco concluídas adequadamente segundo a auditoria da produção — no tempo máximo (tM), com o escopo total e sem cobrança dupla — × valor da OCI no rol; ' +
                'exatas quando a auditoria dá concluidasAdequadas, senão entre limites (no máximo as concluídas no tM; no mínimo essas menos as de escopo incompleto e as de cobrança dupla); ' +
                'todas as concluídas vão em executadaTodasConcluidas, para comparação; OCI fora do elenco não contam',
            porque:
                `${CRITERIO_BASE}; a produção paga é a "aprovada conforme apuração da realização e conclusão adequada das OCI" (art. 16 I): ` +
                'em tempo oportuno e com o escopo total (art. 12 VI), respeitado o tempo máximo (art. 14 §2 III) e sem cobrança de procedimento da OCI de forma isolada (art. 14 §2 IV)',
            dispositivos: ['art. 15 §2 II', 'art. 9 III', 'art. 16 I', 'art. 12 VI', 'art. 14 §2 III', 'art. 14 §2 IV']
        };
    }
    return {
        conta: execucao
            ? 'o valor informado no arquivo de execução (declarado pelo gestor; não conferido OCI a OCI)'
            : 'nenhuma: sem dados de execução',
        porque: CRITERIO_BASE,
        dispositivos: ['art. 15 §2 II']
    };
}

/** What the summary needs to know about a PAR's execution. */
export interface OpcoesExecucao {
    /** The day of the check (for future dates); default: today. */
    hoje?: DataCivil;
    execucao?: Execucao;
    fonteDaExecucao?: { arquivo: string; origem: 'par' | 'linha-de-comando'; substitui?: string; problema?: string };
}

/** The summary's options from the execution's source (ExecucaoDoPar.doPar); `arquivo` replaces the name shown. */
export function opcoesDaExecucao(fonte: FonteExecucao | undefined, arquivo?: string): OpcoesExecucao {
    if (!fonte) return {};
    return {
        execucao: fonte.execucao,
        fonteDaExecucao: {
            arquivo: arquivo ?? fonte.arquivo,
            origem: fonte.origem,
            problema: fonte.problema,
            substitui:
                fonte.origem === 'linha-de-comando' && typeof fonte.item?.caminho === 'string'
                    ? fonte.item.caminho
                    : undefined
        }
    };
}

export function resumoPar(par: Par, opcoes: { arquivo: string } & OpcoesExecucao): ResumoPar {
    const municipios = municipiosDo(par).map(m => {
        const ibge = municipioIbge(m.codigo);
        return {
            codigo: m.codigo,
            nome: m.nome ?? null,
            nomeIbge: ibge?.nome ?? null,
            uf: ibge?.uf ?? null,
            populacao: populacaoDoMunicipio(m) ?? null
        };
    });
    const abr = abrangenciaDo(par);
    const vig = vigenciaDo(par);
    const prevista = producaoPrevista(par);
    const cib = aprovacaoCibDo(par);
    const saes = aprovacaoSaesDo(par);
    const termo = termoAdesaoDo(par);
    const data = (node: Parameters<typeof dataDo>[0], property: string) => {
        const d = dataDo(node, property);
        return d ? isoData(d) : null;
    };
    return {
        formato: 'oci-catalogo-par/1',
        arquivo: opcoes.arquivo,
        nome: par.nome ?? '',
        uf: ufDo(par)?.sigla ?? null,
        abrangencia: abr ? { tipo: abr.tipo, nome: abr.nome ?? null } : null,
        vigencia: vig ? { inicio: data(vig, 'inicio'), fim: data(vig, 'fim') } : null,
        territorio: { municipios, populacao: populacaoDo(par).total ?? null },
        conteudoMinimo: conteudoMinimo(par),
        elenco: prevista.linhas.map(l => ({
            codigo: l.codigo,
            nome: l.item.oci?.ref?.nome ?? l.item.nome ?? null,
            noRol: l.item.oci?.ref !== undefined,
            volume: l.volume ?? null,
            valor: opcional(l.valor),
            producaoPrevista: opcional(l.producao)
        })),
        filas: filasDo(par).map(f => ({
            id: f.id,
            descricao: f.descricao ?? null,
            ocis: ocisDaFila(f).map(r => formatCodigo(r.$refText)),
            procedimentos: procedimentosDaFila(f).map(c => formatCodigo(c)),
            abrangencia: abrangenciaDa(f)?.texto ?? null,
            sistema: sistemaDa(f)?.nome ?? null,
            compartilhamento: compartilhamentoDa(f)?.texto ?? null,
            metas: metasDa(f).map(m => {
                const de = parseInteger(valorIntegro(m, 'atual'));
                const para = parseInteger(valorIntegro(m, 'alvo'));
                const reducao = de !== undefined && para !== undefined ? de - para : undefined;
                return {
                    tipo: m.tipo,
                    de: de ?? null,
                    para: para ?? null,
                    reducao: reducao ?? null,
                    reducaoPercentual:
                        reducao !== undefined && de ? percentual(new Money(reducao).div(de).times(100)) : null,
                    prazo: data(m, 'prazo')
                };
            })
        })),
        cronograma: etapasDo(par).map(e => ({
            descricao: e.descricao ?? '',
            inicio: data(e, 'inicio'),
            fim: data(e, 'fim')
        })),
        aprovacao: {
            cib: cib ? { orgao: cib.orgao, resolucao: cib.resolucao, data: data(cib, 'data') } : null,
            saes: saes ? { ato: saes.ato, data: data(saes, 'data') } : null,
            termoAdesao: termo ? { texto: termo.texto, data: data(termo, 'data') } : null
        },
        incentivo: resumoIncentivo(
            par,
            prevista,
            opcoes.execucao ? producaoExecutada(par, opcoes.execucao) : undefined,
            opcoes.fonteDaExecucao,
            opcoes.hoje ?? hojeCivil()
        )
    };
}

function resumoIncentivo(
    par: Par,
    prevista: ReturnType<typeof producaoPrevista>,
    execucao: ProducaoExecutada | undefined,
    fonte: OpcoesExecucao['fonteDaExecucao'],
    hoje: DataCivil
): ResumoIncentivoPar {
    const executada = execucao?.valor;
    const populacao = populacaoDo(par).total;
    const observacao =
        'As transferências dependem da disponibilidade orçamentária e financeira do Ministério da Saúde (art. 15 §4).';
    const cib = aprovacaoCibDo(par);
    const itensAlocacao = (cib?.alocacoes ?? []).map(a => ({
        ente: a.ente,
        municipio: a.municipio ?? null,
        valor: opcional(valorEmReais(a))
    }));
    const valores = (cib?.alocacoes ?? []).map(a => valorEmReais(a));
    const totalAlocado =
        valores.length > 0 && valores.every(v => v !== undefined)
            ? valores.reduce((s, v) => s.plus(v!), new Money(0))
            : undefined;
    const vazio = (lacuna: ResumoIncentivoPar['lacuna']): ResumoIncentivoPar => ({
        populacao: populacao ?? null,
        faixa: null,
        lacuna,
        total: null,
        parcelas: [],
        alocacao: { itens: itensAlocacao, total: opcional(totalAlocado), confere: null },
        observacao
    });
    const faltamDoEstado = populacaoDo(par).faltamDoEstado.length;
    if (populacao === undefined && faltamDoEstado > 0) {
        return vazio({
            codigo: 'territorio/estado-incompleto',
            dispositivo: 'art. 8 II; art. 15 §1',
            descricao: `o PAR é estadual e o território não lista ${faltamDoEstado} município(s) da UF`
        });
    }
    if (populacao === undefined) {
        return vazio({
            codigo: 'incentivo/populacao-indeterminada',
            dispositivo: 'art. 15 §1',
            descricao: 'a população de abrangência não pôde ser somada (território ausente ou município sem população)'
        });
    }
    const faixa = faixaIncentivo(populacao);
    if (faixa.tipo !== 'faixa') {
        const codigo = faixa.tipo === 'lacuna-500-mil' ? RegrasPar.lacuna500Mil.code : RegrasPar.ate100Mil.code;
        return vazio({ codigo, dispositivo: faixa.dispositivo, descricao: faixa.descricao });
    }
    const { primeira, segunda } = splitParcelas(faixa.total);
    // The 1st parcela's conditions are met only when all hold: the PAR complete (arts. 8 and 9), the
    // CIB's resolution with the allocation per entity (art. 15 §3), the SAES's approval (art. 11; §2 I),
    // both dated, the CIB's no later than the SAES's, neither before the portaria nor in the future.
    const pendencias: string[] = [];
    const incompletos = conteudoMinimo(par).filter(c => !c.completo);
    if (incompletos.length)
        pendencias.push(
            `conteúdo mínimo do PAR incompleto: ${incompletos.map(c => `${c.descricao} (${c.dispositivo}: ${c.pendencia})`).join('; ')}`
        );
    const saes = aprovacaoSaesDo(par);
    if (!saes) pendencias.push('aprovação do PAR pela SAES (art. 11; art. 15 §2 I e §5)');
    else if (!dataDo(saes, 'data')) pendencias.push('data válida da aprovação pela SAES (art. 11; art. 15 §2 I)');
    if (!cib)
        pendencias.push('resolução da CIB ou do Colegiado de Gestão do DF aprovando o PAR (art. 8 III; art. 15 §3)');
    else {
        if (!dataDo(cib, 'data')) pendencias.push('data válida da resolução da CIB (art. 8 III)');
        if ((cib.alocacoes ?? []).length === 0)
            pendencias.push('alocação dos recursos por ente aderente na resolução (art. 15 §3)');
        else if (!totalAlocado)
            pendencias.push(
                'alocação por ente com todos os valores legíveis, em reais com até duas casas (art. 15 §3)'
            );
        else if (!totalAlocado.equals(faixa.total))
            pendencias.push('alocação por ente igual ao incentivo (art. 15 §1 e §3)');
    }
    for (const a of cronologiaDoPar(par, hoje)) pendencias.push(pendenciaDaCronologia(a));
    const segundaParcela: SegundaParcela = {
        numero: 2,
        dispositivo: 'art. 15 §2 II',
        valor: dinheiro(segunda),
        condicao: 'execução de 50% da produção financeira prevista no PAR',
        situacao: 'sem-producao-prevista',
        producaoPrevista: null,
        limiar: null,
        executada: execucao?.maximo ? null : opcional(executada),
        executadaLimites:
            execucao?.maximo && executada ? { minimo: dinheiro(executada), maximo: dinheiro(execucao.maximo) } : null,
        executadaTodasConcluidas: opcional(execucao?.todasConcluidas),
        percentualExecutado: null,
        falta: null,
        execucao: execucao
            ? {
                  origem: execucao.origem,
                  ocis: execucao.ocis.map(o => ({
                      codigo: o.codigo,
                      concluidas: o.concluidas,
                      adequadas: o.adequadas,
                      valor: opcional(o.valor),
                      producao: opcional(o.producao),
                      producaoAdequada: o.producaoAdequada
                          ? { minimo: dinheiro(o.producaoAdequada.minimo), maximo: dinheiro(o.producaoAdequada.maximo) }
                          : null
                  })),
                  foraDoElenco: execucao.foraDoElenco
              }
            : null,
        fonteDaExecucao: fonte
            ? {
                  arquivo: fonte.arquivo,
                  origem: fonte.origem,
                  substitui: fonte.substitui ?? null,
                  problema: fonte.problema ?? null
              }
            : null,
        criterio: criterioDaExecucao(execucao),
        producaoPrevistaInvalida: prevista.declaradaInvalida
    };
    if (prevista.usada !== undefined && prevista.origem) {
        const c = condicaoSegundaParcela(prevista.usada, executada, execucao?.maximo);
        segundaParcela.producaoPrevista = {
            valor: dinheiro(prevista.usada),
            origem: prevista.origem,
            declarada: opcional(prevista.declarada),
            calculada: opcional(prevista.calculada)
        };
        segundaParcela.limiar = dinheiro(c.limiar);
        segundaParcela.situacao = c.indeterminada
            ? 'condicao-indeterminada'
            : c.cumprida === undefined
              ? 'sem-dados-de-execucao'
              : c.cumprida
                ? 'condicao-cumprida'
                : 'condicao-nao-cumprida';
        segundaParcela.percentualExecutado = c.percentual ? percentual(c.percentual) : null;
        segundaParcela.falta = opcional(c.falta);
    }
    return {
        populacao,
        faixa: { inciso: faixa.inciso, dispositivo: faixa.dispositivo, descricao: faixa.descricao },
        lacuna: null,
        total: dinheiro(faixa.total),
        parcelas: [
            {
                numero: 1,
                dispositivo: 'art. 15 §2 I',
                valor: dinheiro(primeira),
                condicao: 'aprovação do PAR pela SAES',
                situacao: pendencias.length === 0 ? 'condicoes-cumpridas' : 'pendente',
                pendencias
            },
            segundaParcela
        ],
        alocacao: {
            itens: itensAlocacao,
            total: opcional(totalAlocado),
            confere: totalAlocado ? totalAlocado.equals(faixa.total) : null
        },
        observacao
    };
}

// ── Sala de Estabilização ─────────────────────────────────────────────────

export interface ResumoSe {
    formato: 'oci-catalogo-se/1';
    arquivo: string;
    nome: string;
    municipio: { codigo: string; nome: string | null; nomeIbge: string | null; uf: string | null } | null;
    cnes: string | null;
    amazoniaLegal: { situacao: string; dentro: boolean | null; incerta: boolean };
    incentivo: { mensal: Dinheiro | null; anual: Dinheiro | null; dispositivo: string | null };
    documentos: Array<{ inciso: string; documento: string; situacao: SituacaoDocumento; referencia: string | null }>;
    habilitacaoSes: { ato: string; data: string | null } | null;
    homologacao: { ato: string; data: string | null } | null;
    repasseDesde: string | null;
    producao: ResumoProducaoSe | null;
}

export interface ResumoProducaoSe {
    dispositivo: 'art. 878-A §10';
    /** False when §10 could not be examined (motivo); then the window and the lists are empty. */
    examinado: boolean;
    motivo: string | null;
    janela: { inicio: string; fim: string } | null;
    competenciasComRegistro: string[];
    competenciasSemRegistro: string[];
    /**
     * Months of the window outside the file's period (before the first or after the last competência): not examined.
     */
    competenciasNaoExaminadas: string[];
    /**
     * The CNES's competências in the file outside the plausible period (future or isolated): data findings, outside
     * the window.
     */
    competenciasForaDoPeriodo: string[];
    sequencias: Array<{ inicio: string; fim: string; meses: number; condicaoAtingidaEm: string }>;
    situacao: ProducaoSe['situacao'] | null;
    nota: string;
}

/** §10 examined (./exame-producao-se.ts), or undefined when it could not be. */
export function producaoDaSe(
    se: HabilitacaoSe,
    producao: ProducaoPorCnes,
    ate?: Competencia,
    hoje: DataCivil = hojeCivil()
): ProducaoSe | undefined {
    const exame = examinarProducaoSe(se, producao, ate, hoje);
    return exame.examinado ? exame.producao : undefined;
}

export function resumoSe(
    se: HabilitacaoSe,
    opcoes: { arquivo: string; producao?: ProducaoPorCnes; ate?: Competencia; hoje?: DataCivil }
): ResumoSe {
    const m = municipioDa(se);
    const ibge = municipioIbge(m?.codigo);
    const incentivo = m ? incentivoSe(m.codigo) : undefined;
    const hab = habilitacaoSesDa(se);
    const hom = homologacaoDa(se);
    const exame = opcoes.producao
        ? examinarProducaoSe(se, opcoes.producao, opcoes.ate, opcoes.hoje ?? hojeCivil())
        : undefined;
    const p = exame?.examinado ? exame.producao : undefined;
    return {
        formato: 'oci-catalogo-se/1',
        arquivo: opcoes.arquivo,
        nome: se.nome ?? '',
        municipio: m
            ? { codigo: m.codigo, nome: m.nome ?? null, nomeIbge: ibge?.nome ?? null, uf: ibge?.uf ?? null }
            : null,
        cnes: estabelecimentoDa(se)?.codigo ?? null,
        amazoniaLegal: {
            situacao: incentivo?.amazonia.situacao ?? 'desconhecida',
            dentro: incentivo?.amazonia.dentro ?? null,
            incerta: incentivo?.amazonia.incerta ?? false
        },
        incentivo: {
            mensal: opcional(incentivo?.mensal),
            anual: opcional(incentivo?.anual),
            dispositivo: incentivo?.dispositivo ?? null
        },
        documentos: estadoDosDocumentos(se).map(d => ({
            inciso: d.inciso,
            documento: d.descricao,
            situacao: d.situacao,
            referencia: d.referencia ?? null
        })),
        habilitacaoSes: hab ? { ato: hab.ato, data: hab.data ?? null } : null,
        homologacao: hom ? { ato: hom.ato, data: hom.data ?? null } : null,
        repasseDesde: repasseDa(se)?.competencia ?? null,
        producao: exame
            ? {
                  dispositivo: 'art. 878-A §10',
                  examinado: exame.examinado,
                  motivo: exame.examinado ? null : exame.motivo,
                  janela: p ? { inicio: formatCompetenciaIndex(p.inicio), fim: formatCompetenciaIndex(p.fim) } : null,
                  competenciasComRegistro: (p?.comRegistro ?? []).map(formatCompetenciaIndex),
                  competenciasSemRegistro: (p?.semRegistro ?? []).map(formatCompetenciaIndex),
                  competenciasNaoExaminadas: (p?.naoExaminadas ?? []).map(formatCompetenciaIndex),
                  competenciasForaDoPeriodo: exame.foraDoPeriodo.map(formatCompetenciaIndex),
                  sequencias: (p?.sequencias ?? []).map(s => ({
                      inicio: formatCompetenciaIndex(s.inicio),
                      fim: formatCompetenciaIndex(s.fim),
                      meses: s.meses,
                      condicaoAtingidaEm: formatCompetenciaIndex(s.condicaoAtingidaEm)
                  })),
                  situacao: p?.situacao ?? null,
                  nota: 'O §10 não diz a partir de que competência a suspensão vale nem como ela cessa; aqui se aponta a competência em que o terceiro mês consecutivo sem registro se completa.'
              }
            : null
    };
}

export { formatInteger };
