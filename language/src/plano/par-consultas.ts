/** Queries over a PAR's tree, used by the validators, the JSON summary, the hover and the code lens. */
import type { AstNode, Reference } from 'langium';
import {
    isAbrangenciaPar,
    isAprovacaoCib,
    isAprovacaoSaes,
    isCompromisso,
    isCronograma,
    isDiagnostico,
    isElenco,
    isFila,
    isMeta,
    isOcisFila,
    isPrioridade,
    isProblema,
    isProcedimentosFila,
    isProducaoPrevista,
    isRedeAtencao,
    isResponsabilidade,
    isSistemaFila,
    isTermoAdesao,
    isTerritorio,
    isUfPar,
    isVigenciaPar,
    isAbrangenciaFila,
    isCompartilhamentoFila,
    type Fila,
    type ItemFila,
    type ItemPar,
    type Meta,
    type MunicipioPar,
    type Oci,
    type OciElenco,
    type Par
} from '../generated/ast.js';
import { Money, parseMoney } from '../money.js';
import { valorOf } from '../oci-queries.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import { computeValue } from '../value/engine.js';
import { chaveData, parseDate, type DataCivil } from './datas.js';
import { parseInteger } from './incentivo-par.js';
import { UFS, municipioIbge, todosMunicipios, type MunicipioIbge } from './municipios.js';
import type { Adequadas, Execucao } from './producao.js';
import { valorIntegro } from './valores-quebrados.js';

/** The items of a PAR (or of an SE's habilitação) that `guard` accepts, in the order written. */
export function itens<I, T extends I>(owner: { itens?: I[] }, guard: (n: unknown) => n is T): T[] {
    return (owner.itens ?? []).filter(guard);
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

/** The 10-digit code an OCI reference writes (resolved or not). */
export function codigoDaReferencia(ref: Reference<Oci> | undefined): string | undefined {
    return normalizeCodigo(ref?.$refText);
}

export function codigoFormatado(ref: Reference<Oci> | undefined): string {
    return formatCodigo(ref?.$refText ?? '');
}

/** The OCIs of a queue (references). */
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

/** The validity period, when both dates are valid (no syntax error on their line) and in order. */
export function vigenciaValida(par: Par): Vigencia | undefined {
    const v = vigenciaDo(par);
    const inicio = parseDate(valorIntegro(v, 'inicio'));
    const fim = parseDate(valorIntegro(v, 'fim'));
    return inicio && fim && chaveData(inicio) <= chaveData(fim) ? { inicio, fim } : undefined;
}

export interface PopulacaoPar {
    /**
     * Sum of the municipalities' populations (undefined when one has no valid population, when there
     * are no municipalities, or when a state-wide PAR does not list every municipality of the UF).
     */
    total?: number;
    municipios: number;
    semPopulacao: MunicipioPar[];
    /** A state-wide PAR: the UF's municipalities the territory does not list. */
    faltamDoEstado: MunicipioIbge[];
}

/**
 * A state-wide PAR (art. 8 II: "no Estado proponente") covers every municipality of the UF, and their
 * population is what sets the band of art. 15 §1: the UF's municipalities the territory does not list
 * (empty when the coverage is not state-wide or the UF is unknown).
 */
export function municipiosFaltantesDoEstado(par: Par): MunicipioIbge[] {
    const uf = ufDo(par)?.sigla;
    if (abrangenciaDo(par)?.tipo !== 'estado' || !uf || !UFS.has(uf)) return [];
    const listados = new Set(municipiosDo(par).map(m => m.codigo));
    return todosMunicipios().filter(m => m.uf === uf && !listados.has(m.codigo));
}

/** The population the PAR covers: the sum of the territory's municipalities' populations (each code once). */
export function populacaoDo(par: Par): PopulacaoPar {
    const vistos = new Set<string>();
    let total = 0;
    const semPopulacao: MunicipioPar[] = [];
    for (const m of municipiosDo(par)) {
        if (vistos.has(m.codigo)) continue;
        vistos.add(m.codigo);
        // A population on a line with a syntax error (e.g. "-500.001") is not added: valores-quebrados.ts.
        const n = populacaoDoMunicipio(m);
        if (n === undefined || n <= 0) semPopulacao.push(m);
        else total += n;
    }
    const faltamDoEstado = municipiosFaltantesDoEstado(par);
    const completa = vistos.size > 0 && semPopulacao.length === 0 && faltamDoEstado.length === 0;
    return { total: completa ? total : undefined, municipios: vistos.size, semPopulacao, faltamDoEstado };
}

/**
 * The written population of a municipality of the territory; undefined when absent, malformed or on a line with a
 * syntax error.
 */
export function populacaoDoMunicipio(m: MunicipioPar): number | undefined {
    return parseInteger(valorIntegro(m, 'populacao'));
}

/**
 * An amount in R$ of the PAR (planned production, allocation): undefined when absent, malformed, on a
 * line with a syntax error or with more than two decimals — centavos are not rounded.
 */
export function valorEmReais<N extends AstNode & { valor?: string }>(node: N | undefined): Money | undefined {
    const p = parseMoney(valorIntegro(node, 'valor'));
    return p && p.decimals <= 2 ? p.value : undefined;
}

/** The planned volume of an OCI in the list (an integer ≥ 1), or undefined. */
export function volumeDo(item: OciElenco): number | undefined {
    const n = parseInteger(valorIntegro(item, 'volume'));
    return n !== undefined && n >= 1 ? n : undefined;
}

/** A valid date of the PAR (AAAA-MM-DD) with no syntax error on its line, or undefined. */
export function dataDo(node: AstNode | undefined, property: string): DataCivil | undefined {
    const texto = valorIntegro(node as (AstNode & Record<string, unknown>) | undefined, property);
    return typeof texto === 'string' ? parseDate(texto) : undefined;
}

/** The value of an OCI of the rol: its published `valor`; else the computed one when the composition is complete. */
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
    /** Σ volume × value, when every OCI in the list has a volume and a value. */
    calculada?: Money;
    linhas: LinhaProducao[];
    /** OCIs in the list with a volume but no value that can be determined. */
    semValor: LinhaProducao[];
    /**
     * The one used in the second parcela's condition: the declared one or, without it, the computed
     * one. A declared one that does not read (malformed, with a syntax error, more than two decimals)
     * does not give way to the computed one: the PAR states a value and nobody knows which — none is used.
     */
    usada?: Money;
    origem?: 'declarada' | 'calculada';
    /** There is a `producao prevista`, but its value does not read. */
    declaradaInvalida: boolean;
}

export function producaoPrevista(par: Par): ProducaoPrevista {
    const item = producaoPrevistaDo(par);
    const declarada = valorEmReais(item);
    const declaradaInvalida = item !== undefined && declarada === undefined;
    const linhas: LinhaProducao[] = elencoDo(par).map(item => {
        const volume = volumeDo(item);
        const valor = valorDaOci(item.oci?.ref);
        return {
            item,
            codigo: codigoFormatado(item.oci),
            volume,
            valor,
            producao: volume !== undefined && valor !== undefined ? valor.times(volume) : undefined
        };
    });
    const semValor = linhas.filter(l => l.volume !== undefined && l.valor === undefined);
    const completas = linhas.length > 0 && linhas.every(l => l.producao !== undefined);
    const calculada = completas ? linhas.reduce((s, l) => s.plus(l.producao!), new Money(0)) : undefined;
    const usada = declaradaInvalida ? undefined : (declarada ?? calculada);
    const origem = usada === undefined ? undefined : declarada ? 'declarada' : 'calculada';
    return { declarada, calculada, linhas, semValor, usada, origem, declaradaInvalida };
}

/**
 * Items of the minimum content (arts. 8 and 9): `presente` when the PAR declares the item, `completo`
 * when it is as the validators require (the same criterion as the content's errors: each queue with
 * procedures, coverage, system, sharing and both reduction targets; each municipality with IBGE code
 * and population; valid dates…), with the `pendencia` when it is not. The summary counts the complete
 * ones: "conteúdo mínimo: N de N" only when everything is complete.
 */
export interface ItemMinimo {
    dispositivo: string;
    descricao: string;
    presente: boolean;
    completo: boolean;
    /** What the item lacks to be complete (null when complete). */
    pendencia: string | null;
}

const temTexto = (t: string | undefined) => typeof t === 'string' && t.trim() !== '';

function item(dispositivo: string, descricao: string, presente: boolean, pendencia?: string): ItemMinimo {
    const falta = !presente ? 'ausente' : pendencia;
    return { dispositivo, descricao, presente, completo: falta === undefined, pendencia: falta ?? null };
}

/** A target that reduces (de > para), with intact numbers. */
function metaReduz(m: Meta): boolean {
    const de = parseInteger(valorIntegro(m, 'atual'));
    const para = parseInteger(valorIntegro(m, 'alvo'));
    return de !== undefined && para !== undefined && para < de;
}

/** What a queue lacks (art. 9 IV), or undefined. */
function pendenciaDaFila(f: Fila): string | undefined {
    const falta: string[] = [];
    if (ocisDaFila(f).length === 0 && procedimentosDaFila(f).length === 0) falta.push('conjunto de procedimentos');
    if (!temTexto(abrangenciaDa(f)?.texto)) falta.push('abrangência');
    if (!temTexto(sistemaDa(f)?.nome)) falta.push('sistema de informação');
    if (!temTexto(compartilhamentoDa(f)?.texto)) falta.push('compromisso de compartilhamento');
    return falta.length ? `fila ${f.id ?? '?'} sem ${falta.join(', ')}` : undefined;
}

/** What a queue's targets lack (art. 9 V: reduction of its size and waiting time), or undefined. */
function pendenciaDasMetas(f: Fila): string | undefined {
    const falta = (['tamanho', 'espera'] as const).filter(
        tipo => !metasDa(f).some(m => m.tipo === tipo && metaReduz(m))
    );
    return falta.length
        ? `fila ${f.id ?? '?'} sem meta de redução ${falta.map(t => (t === 'tamanho' ? 'do tamanho' : 'do tempo de espera')).join(' e ')}`
        : undefined;
}

function primeiraPendencia(pendencias: Array<string | undefined>): string | undefined {
    const p = pendencias.filter((x): x is string => x !== undefined);
    return p.length ? p.join('; ') : undefined;
}

export function conteudoMinimo(par: Par): ItemMinimo[] {
    const filas = filasDo(par);
    const resp = responsabilidadesDo(par);
    const uf = ufDo(par)?.sigla;
    const municipios = municipiosDo(par);
    const termo = termoAdesaoDo(par);
    const cib = aprovacaoCibDo(par);
    const etapas = etapasDo(par);
    const df = uf === 'DF';
    const temEstado = resp.some(r => r.ente === 'estado');
    const temMunicipios = resp.some(r => /^munic[ií]pios?$/.test(r.ente));
    // Art. 9 VIII, "cada um dos entes": without the municipalities' joint block, each municipality of the territory
    // has its own.
    const individuais = new Set(resp.filter(r => /^munic[ií]pio$/.test(r.ente) && r.municipio).map(r => r.municipio!));
    const semResponsabilidade = resp.some(r => /^munic[ií]pios$/.test(r.ente))
        ? []
        : municipios.filter(m => !individuais.has(m.codigo));
    const codigos = new Set<string>();
    const territorio = primeiraPendencia(
        municipios.map(m => {
            const repetido = codigos.has(m.codigo);
            codigos.add(m.codigo);
            if (repetido) return `município ${m.codigo} repetido`;
            if (!municipioIbge(m.codigo)) return `${m.codigo} não é município do IBGE`;
            const n = populacaoDoMunicipio(m);
            return n === undefined || n <= 0 ? `${m.nome ?? m.codigo} sem população válida` : undefined;
        })
    );
    return [
        item('art. 8 I', 'termo de adesão', termo !== undefined, temTexto(termo?.texto) ? undefined : 'texto vazio'),
        item(
            'art. 8 II',
            'abrangência (região, macrorregião ou Estado) e UF',
            abrangenciaDo(par) !== undefined && ufDo(par) !== undefined,
            uf !== undefined && !UFS.has(uf) ? `UF desconhecida: ${uf}` : undefined
        ),
        item(
            'art. 8 III',
            'resolução da CIB (ou do Colegiado de Gestão do DF) aprovando o PAR',
            cib !== undefined,
            temTexto(cib?.resolucao) ? undefined : 'texto vazio'
        ),
        item(
            'art. 9 I',
            'território de abrangência',
            municipios.length > 0,
            primeiraPendencia([
                territorio,
                municipiosFaltantesDoEstado(par).length
                    ? `abrangência estadual sem ${municipiosFaltantesDoEstado(par).length} município(s) da UF (art. 8 II)`
                    : undefined
            ])
        ),
        item(
            'art. 9 I',
            'diagnóstico das necessidades de saúde e da RAS',
            itens(par, isDiagnostico).some(d => temTexto(d.texto))
        ),
        item(
            'art. 9 II',
            'descrição sumária da RAS',
            itens(par, isRedeAtencao).some(d => temTexto(d.texto))
        ),
        item(
            'art. 9 II',
            'principais problemas e prioridades',
            itens(par, isProblema).some(d => temTexto(d.texto)) && itens(par, isPrioridade).some(d => temTexto(d.texto))
        ),
        item('art. 9 III', 'elenco das OCI', elencoDo(par).length > 0),
        item(
            'art. 9 IV',
            'filas por conjunto de procedimentos',
            filas.length > 0,
            primeiraPendencia(filas.map(pendenciaDaFila))
        ),
        item(
            'art. 9 V',
            'metas de redução do tamanho e do tempo de espera',
            filas.some(f => metasDa(f).length > 0),
            primeiraPendencia(filas.map(pendenciaDasMetas))
        ),
        item(
            'art. 9 V e VI',
            'vigência',
            vigenciaDo(par) !== undefined,
            vigenciaValida(par) ? undefined : 'datas inválidas ou invertidas'
        ),
        item(
            'art. 9 VI',
            'cronograma de implementação',
            etapas.length > 0,
            primeiraPendencia(
                etapas.map(e => {
                    const inicio = dataDo(e, 'inicio');
                    const fim = dataDo(e, 'fim');
                    return inicio && fim && chaveData(inicio) <= chaveData(fim)
                        ? undefined
                        : `etapa "${e.descricao ?? ''}" com datas inválidas ou invertidas`;
                })
            )
        ),
        item(
            'art. 9 VII',
            'declaração de compromisso (PNAES)',
            itens(par, isCompromisso).some(c => temTexto(c.texto))
        ),
        item(
            'art. 9 VIII',
            'responsabilidades de cada ente',
            resp.length > 0,
            df
                ? temEstado || temMunicipios
                    ? undefined
                    : 'sem as do Distrito Federal'
                : primeiraPendencia([
                      temEstado ? undefined : 'sem as do Estado',
                      !temMunicipios
                          ? 'sem as dos municípios'
                          : semResponsabilidade.length
                            ? `sem as de ${semResponsabilidade.map(m => m.nome ?? m.codigo).join(', ')}`
                            : undefined
                  ])
        )
    ];
}

/** The node a missing item is reported on: the plan's name. */
export function ancoraDoPlano(par: Par): { node: AstNode; property?: string } {
    return { node: par, property: 'nome' };
}

export interface ProducaoExecutada {
    origem: Execucao['origem'];
    /**
     * The executed production that counts for the 2nd parcela: the one stated; from the audit, Σ (OCIs
     * adequately concluded × value) — when exact. With bounds (the audit does not give the adequate
     * ones), it is the minimum, and `maximo` the maximum. Undefined when an OCI with concluded episodes
     * has no value.
     */
    valor?: Money;
    maximo?: Money;
    /** From the audit: Σ (every concluded OCI × value), for comparison — not what counts. */
    todasConcluidas?: Money;
    /** With the "auditoria" origin: the OCIs of the list, with the concluded, the adequate (bounds) and the value. */
    ocis: Array<{
        codigo: string;
        concluidas: number;
        adequadas: Adequadas;
        valor?: Money;
        producao?: Money;
        producaoAdequada?: { minimo: Money; maximo: Money };
    }>;
    /** OCIs of the audit with concluded episodes that are not in the list (they do not count). */
    foraDoElenco: string[];
}

/**
 * The executed financial production: the one stated, or, from the audit, Σ (OCIs adequately concluded ×
 * the OCI's value in the rol) over the OCIs of the PAR's list — the planned production is the list's
 * too (volume × value), and art. 16 I pays the production "aprovada conforme apuração da realização e
 * conclusão adequada das OCI" (within the tM and with the whole scope: arts. 12 VI and 14 §2 III; no
 * double billing: art. 14 §2 IV). The sum over every concluded one comes along, for comparison.
 */
export function producaoExecutada(par: Par, execucao: Execucao): ProducaoExecutada {
    if (execucao.origem === 'informada')
        return { origem: 'informada', valor: execucao.valor, ocis: [], foraDoElenco: [] };
    const ocis: ProducaoExecutada['ocis'] = [];
    const vistos = new Set<string>();
    for (const item of elencoDo(par)) {
        const codigo = codigoDaReferencia(item.oci);
        if (!codigo || vistos.has(codigo)) continue;
        vistos.add(codigo);
        const concluidas = execucao.concluidasPorOci.get(codigo) ?? 0;
        const adequadas = execucao.adequadasPorOci.get(codigo) ?? { minimo: 0, maximo: 0 };
        const valor = valorDaOci(item.oci?.ref);
        ocis.push({
            codigo: formatCodigo(codigo),
            concluidas,
            adequadas,
            valor,
            producao: valor?.times(concluidas),
            producaoAdequada: valor
                ? { minimo: valor.times(adequadas.minimo), maximo: valor.times(adequadas.maximo) }
                : undefined
        });
    }
    const completa = ocis.every(o => o.valor !== undefined || o.concluidas === 0);
    const soma = (f: (o: ProducaoExecutada['ocis'][number]) => Money | undefined) =>
        ocis.reduce((s, o) => s.plus(f(o) ?? 0), new Money(0));
    const todasConcluidas = completa ? soma(o => o.producao) : undefined;
    const minimo = completa ? soma(o => o.producaoAdequada?.minimo) : undefined;
    const maximo = completa ? soma(o => o.producaoAdequada?.maximo) : undefined;
    const foraDoElenco = [...execucao.concluidasPorOci]
        .filter(([c, n]) => n > 0 && !vistos.has(c))
        .map(([c]) => formatCodigo(c))
        .sort();
    return {
        origem: 'auditoria',
        valor: minimo,
        maximo: maximo && minimo && !maximo.equals(minimo) ? maximo : undefined,
        todasConcluidas,
        ocis,
        foraDoElenco
    };
}
