/** Consultas sobre a árvore de um PAR, usadas pelos validadores, pelo resumo JSON, pelo hover e pelo code lens. */
import type { AstNode, Reference } from 'langium';
import {
    isAbrangenciaPar, isAprovacaoCib, isAprovacaoSaes, isCompromisso, isCronograma, isDiagnostico, isElenco, isFila,
    isMeta, isOcisFila, isPrioridade, isProblema, isProcedimentosFila, isProducaoPrevista, isRedeAtencao, isResponsabilidade,
    isSistemaFila, isTermoAdesao, isTerritorio, isUfPar, isVigenciaPar, isAbrangenciaFila, isCompartilhamentoFila,
    type Fila, type ItemFila, type ItemPar, type Meta, type MunicipioPar, type Oci, type OciElenco, type Par
} from '../generated/ast.js';
import { Money, parseMoney } from '../money.js';
import { valorOf } from '../oci-queries.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import { computeValue } from '../value/engine.js';
import { chaveData, lerData, type DataCivil } from './datas.js';
import { lerInteiro } from './incentivo-par.js';
import type { Execucao } from './producao.js';

export function itens<T extends ItemPar>(par: Par, guard: (n: unknown) => n is T): T[] {
    return (par.itens ?? []).filter(guard);
}

export function primeiro<T extends ItemPar>(par: Par, guard: (n: unknown) => n is T): T | undefined {
    return (par.itens ?? []).find(guard);
}

export function itensDaFila<T extends ItemFila>(fila: Fila, guard: (n: unknown) => n is T): T[] {
    return (fila.itens ?? []).filter(guard);
}

export const ufDo = (par: Par) => primeiro(par, isUfPar);
export const abrangenciaDo = (par: Par) => primeiro(par, isAbrangenciaPar);
export const vigenciaDo = (par: Par) => primeiro(par, isVigenciaPar);
export const municipiosDo = (par: Par): MunicipioPar[] => itens(par, isTerritorio).flatMap(t => t.municipios ?? []);
export const elencoDo = (par: Par): OciElenco[] => itens(par, isElenco).flatMap(e => e.ocis ?? []);
export const filasDo = (par: Par): Fila[] => itens(par, isFila);
export const metasDa = (fila: Fila): Meta[] => itensDaFila(fila, isMeta);
export const etapasDo = (par: Par) => itens(par, isCronograma).flatMap(c => c.etapas ?? []);
export const responsabilidadesDo = (par: Par) => itens(par, isResponsabilidade);
export const aprovacaoCibDo = (par: Par) => primeiro(par, isAprovacaoCib);
export const aprovacaoSaesDo = (par: Par) => primeiro(par, isAprovacaoSaes);
export const termoAdesaoDo = (par: Par) => primeiro(par, isTermoAdesao);
export const producaoPrevistaDo = (par: Par) => primeiro(par, isProducaoPrevista);

/** O código de 10 dígitos que uma referência a OCI escreve (resolvida ou não). */
export function codigoDaReferencia(ref: Reference<Oci> | undefined): string | undefined {
    return normalizeCodigo(ref?.$refText);
}

export function codigoFormatado(ref: Reference<Oci> | undefined): string {
    return formatCodigo(ref?.$refText ?? '');
}

/** As OCI de uma fila (referências). */
export function ocisDaFila(fila: Fila): Array<Reference<Oci>> {
    return itensDaFila(fila, isOcisFila).flatMap(o => o.ocis ?? []);
}

export function procedimentosDaFila(fila: Fila): string[] {
    return itensDaFila(fila, isProcedimentosFila).flatMap(p => p.codigos ?? []);
}

export const sistemaDa = (fila: Fila) => itensDaFila(fila, isSistemaFila)[0];
export const abrangenciaDa = (fila: Fila) => itensDaFila(fila, isAbrangenciaFila)[0];
export const compartilhamentoDa = (fila: Fila) => itensDaFila(fila, isCompartilhamentoFila)[0];

export interface Vigencia {
    inicio: DataCivil;
    fim: DataCivil;
}

/** A vigência, quando as duas datas são válidas e estão em ordem. */
export function vigenciaValida(par: Par): Vigencia | undefined {
    const v = vigenciaDo(par);
    const inicio = lerData(v?.inicio);
    const fim = lerData(v?.fim);
    return inicio && fim && chaveData(inicio) <= chaveData(fim) ? { inicio, fim } : undefined;
}

export interface PopulacaoPar {
    /** Soma das populações dos municípios (undefined se algum não tem população válida, ou não há municípios). */
    total?: number;
    municipios: number;
    semPopulacao: MunicipioPar[];
}

/** A população de abrangência do PAR: a soma das populações dos municípios do território (sem repetir código). */
export function populacaoDo(par: Par): PopulacaoPar {
    const vistos = new Set<string>();
    let total = 0;
    const semPopulacao: MunicipioPar[] = [];
    for (const m of municipiosDo(par)) {
        if (vistos.has(m.codigo)) continue;
        vistos.add(m.codigo);
        const n = lerInteiro(m.populacao);
        if (n === undefined || n <= 0) semPopulacao.push(m);
        else total += n;
    }
    return { total: vistos.size > 0 && semPopulacao.length === 0 ? total : undefined, municipios: vistos.size, semPopulacao };
}

/** O valor de uma OCI do rol: o `valor` publicado; sem ele, o calculado quando a composição está completa. */
export function valorDaOci(oci: Oci | undefined): Money | undefined {
    if (!oci) return undefined;
    const declarado = parseMoney(valorOf(oci)?.valor);
    if (declarado) return declarado.value;
    const calculado = computeValue(oci);
    return calculado.faltantes.length === 0 && calculado.procedimentos.length > 0 ? calculado.total : undefined;
}

export interface LinhaProducao {
    item: OciElenco;
    codigo: string;
    volume?: number;
    valor?: Money;
    producao?: Money;
}

export interface ProducaoPrevista {
    declarada?: Money;
    /** Σ volume × valor, quando toda OCI do elenco tem volume e valor. */
    calculada?: Money;
    linhas: LinhaProducao[];
    /** OCI do elenco com volume mas sem valor determinável. */
    semValor: LinhaProducao[];
    /** A usada na condição da segunda parcela: a declarada ou, sem ela, a calculada. */
    usada?: Money;
    origem?: 'declarada' | 'calculada';
}

export function producaoPrevista(par: Par): ProducaoPrevista {
    const declarada = parseMoney(producaoPrevistaDo(par)?.valor)?.value;
    const linhas: LinhaProducao[] = elencoDo(par).map(item => {
        const volume = lerInteiro(item.volume);
        const valor = valorDaOci(item.oci?.ref);
        return {
            item, codigo: codigoFormatado(item.oci), volume, valor,
            producao: volume !== undefined && valor !== undefined ? valor.times(volume) : undefined
        };
    });
    const semValor = linhas.filter(l => l.volume !== undefined && l.valor === undefined);
    const completas = linhas.length > 0 && linhas.every(l => l.producao !== undefined);
    const calculada = completas ? linhas.reduce((s, l) => s.plus(l.producao!), new Money(0)) : undefined;
    const usada = declarada ?? calculada;
    return { declarada, calculada, linhas, semValor, usada, origem: declarada ? 'declarada' : calculada ? 'calculada' : undefined };
}

/** Itens do conteúdo mínimo (arts. 8 e 9) e se o PAR os tem — o mesmo critério dos validadores. */
export interface ItemMinimo {
    dispositivo: string;
    descricao: string;
    presente: boolean;
}

const temTexto = (t: string | undefined) => typeof t === 'string' && t.trim() !== '';

export function conteudoMinimo(par: Par): ItemMinimo[] {
    const filas = filasDo(par);
    const resp = responsabilidadesDo(par);
    return [
        { dispositivo: 'art. 8 I', descricao: 'termo de adesão', presente: termoAdesaoDo(par) !== undefined },
        { dispositivo: 'art. 8 II', descricao: 'abrangência (região, macrorregião ou Estado) e UF', presente: abrangenciaDo(par) !== undefined && ufDo(par) !== undefined },
        { dispositivo: 'art. 8 III', descricao: 'resolução da CIB (ou do Colegiado de Gestão do DF) aprovando o PAR', presente: temTexto(aprovacaoCibDo(par)?.resolucao) },
        { dispositivo: 'art. 9 I', descricao: 'território de abrangência', presente: municipiosDo(par).length > 0 },
        { dispositivo: 'art. 9 I', descricao: 'diagnóstico das necessidades de saúde e da RAS', presente: itens(par, isDiagnostico).some(d => temTexto(d.texto)) },
        { dispositivo: 'art. 9 II', descricao: 'descrição sumária da RAS', presente: itens(par, isRedeAtencao).some(d => temTexto(d.texto)) },
        { dispositivo: 'art. 9 II', descricao: 'principais problemas e prioridades', presente: itens(par, isProblema).some(d => temTexto(d.texto)) && itens(par, isPrioridade).some(d => temTexto(d.texto)) },
        { dispositivo: 'art. 9 III', descricao: 'elenco das OCI', presente: elencoDo(par).length > 0 },
        { dispositivo: 'art. 9 IV', descricao: 'filas por conjunto de procedimentos', presente: filas.length > 0 },
        { dispositivo: 'art. 9 V', descricao: 'metas de redução do tamanho e do tempo de espera', presente: filas.some(f => metasDa(f).length > 0) },
        { dispositivo: 'art. 9 V e VI', descricao: 'vigência', presente: vigenciaDo(par) !== undefined },
        { dispositivo: 'art. 9 VI', descricao: 'cronograma de implementação', presente: etapasDo(par).length > 0 },
        { dispositivo: 'art. 9 VII', descricao: 'declaração de compromisso (PNAES)', presente: itens(par, isCompromisso).some(c => temTexto(c.texto)) },
        { dispositivo: 'art. 9 VIII', descricao: 'responsabilidades de cada ente', presente: resp.length > 0 }
    ];
}

/** Nó onde um item ausente é apontado: o nome do plano. */
export function ancoraDoPlano(par: Par): { node: AstNode; property?: string } {
    return { node: par, property: 'nome' };
}

export interface ProducaoExecutada {
    origem: Execucao['origem'];
    /** undefined quando uma OCI com episódios concluídos não tem valor determinável no rol. */
    valor?: Money;
    /** Na origem "auditoria": as OCI do elenco, com as concluídas e o valor. */
    ocis: Array<{ codigo: string; concluidas: number; valor?: Money; producao?: Money }>;
    /** OCI da auditoria com episódios concluídos que não estão no elenco (não contam). */
    foraDoElenco: string[];
}

/**
 * A produção financeira executada: a informada, ou, da auditoria, Σ (OCI concluídas × valor da OCI
 * no rol) sobre as OCI do elenco do PAR — a produção prevista também é do elenco (volume × valor).
 */
export function producaoExecutada(par: Par, execucao: Execucao): ProducaoExecutada {
    if (execucao.origem === 'informada') return { origem: 'informada', valor: execucao.valor, ocis: [], foraDoElenco: [] };
    const ocis: ProducaoExecutada['ocis'] = [];
    const vistos = new Set<string>();
    for (const item of elencoDo(par)) {
        const codigo = codigoDaReferencia(item.oci);
        if (!codigo || vistos.has(codigo)) continue;
        vistos.add(codigo);
        const concluidas = execucao.concluidasPorOci.get(codigo) ?? 0;
        const valor = valorDaOci(item.oci?.ref);
        ocis.push({ codigo: formatCodigo(codigo), concluidas, valor, producao: valor?.times(concluidas) });
    }
    const completa = ocis.every(o => o.producao !== undefined || o.concluidas === 0);
    const valor = completa ? ocis.reduce((s, o) => s.plus(o.producao ?? 0), new Money(0)) : undefined;
    const foraDoElenco = [...execucao.concluidasPorOci].filter(([c, n]) => n > 0 && !vistos.has(c)).map(([c]) => formatCodigo(c)).sort();
    return { origem: 'auditoria', valor, ocis, foraDoElenco };
}
