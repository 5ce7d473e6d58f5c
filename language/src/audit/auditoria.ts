/**
 * The production audit (Portaria GM/MS nº 3.492/2024, art. 14 §2 III-IV and art. 12 VI): compiles
 * the catalogue into SQL (sql.ts), runs it on DuckDB (motor.ts) over the production files and
 * reads the results into `AuditoriaJson` (the document for systems: aggregates only, no person
 * identifier). The flagged episodes and the double-billing records are streamed (state scale).
 */
import * as path from 'node:path';
import type { CatalogoJson, MoneyJson } from '../generator/catalogo-json.js';
import { money } from '../generator/catalogo-json.js';
import { Money } from '../money.js';
import { formatCodigo } from '../sigtap/codigo.js';
import { tipoArquivo } from './dialeto.js';
import { AuditoriaErro, DUCKDB, SessaoDuckdb, type Linha } from './motor.js';
import { DEFINICOES } from './achados.js';
import { maskPessoa } from './identificadores.js';
import { compileAuditoria, mascaraSql, type Coluna, type Instrucao } from './sql.js';

export const AUDITORIA_JSON_FORMAT = 'oci-catalogo-auditoria/1';

export interface IndicadoresJson {
    episodios: number;
    pessoas: number;
    concluidas: number;
    concluidasNoTr: number;
    concluidasNoTm: number;
    /**
     * Concluded adequately: concluded within tM, with complete scope (no mandatory component or
     * conclusion missing) and no double billing — arts. 12 VI, 14 §2 III-IV and 16 I; the PAR's
     * 2nd instalment counts these (art. 15 §2 II).
     */
    concluidasAdequadas: number;
    /** Percent of the episodes, one decimal ("87.5"); null without episodes. */
    pctNoTr: string | null;
    pctNoTm: string | null;
    /** Median days from the first to the last procedure ("22.5"); null without dated episodes. */
    medianaDias: string | null;
    acimaTr: number;
    tempoExcedido: number;
    escopoIncompleto: number;
    obrigatorioAusente: number;
    conclusaoAusente: number;
    quantidadeExcedida: number;
    pessoaInvalida: number;
    apacInvalida: number;
    /**
     * escopo/procedimento-fora-da-oci, escopo/conclusao-antes-do-fim, registro/duplicado, data/fora-do-periodo,
     * apac/fora-da-validade.
     */
    procedimentoForaDaOci: number;
    conclusaoAntesDoFim: number;
    registroDuplicado: number;
    dataForaDoPeriodo: number;
    apacForaDaValidade: number;
    /** publico/sexo-incompativel, publico/idade-fora-da-faixa, publico/cid-incompativel (only with those columns). */
    sexoIncompativel: number;
    idadeForaDaFaixa: number;
    cidIncompativel: number;
    cobrancaDupla: { episodios: number; registros: number; valor: MoneyJson };
    sinalizados: number;
}

export interface AuditoriaJson {
    formato: string;
    catalogo: { nome: string; versao: string | null; competencia: string | null; sigtapSha256: string | null };
    entrada: {
        arquivos: string[];
        registros: number;
        registrosInvalidos: number;
        registrosOci: number;
        registrosBpa: number;
        registrosApac: number;
        registrosOciForaDoCatalogo: number;
        /** Lines DuckDB could not read (column count, quotes): in rejeitados.csv, not in `registros`. */
        linhasIlegiveis: number;
        /** Valid records dated out of the period (data/fora-do-periodo): kept out of episode times. */
        registrosForaDoPeriodo: number;
        /** registro/oci-fora-do-rol: APAC principal procedures of group 09 not in the catalogue, per code. */
        ociForaDoCatalogo: Array<{ codigo: string; registros: number; apacs: number }>;
        /** registro/oci-fora-de-apac: OCI codes (group 09) registered in BPA, per code. */
        ociEmBpa: Array<{ codigo: string; registros: number }>;
        primeiraData: string | null;
        ultimaData: string | null;
        competencias: Array<{ competencia: string; registros: number }>;
    };
    regras: {
        episodio: string;
        dias: string;
        concluida: string;
        escopo: string;
        quantidade: string;
        cobrancaDupla: string;
        pessoa: string;
        apac: string;
        mascara: string;
        /** Every finding code: what it says, its dispositivo and origin (achados.ts). */
        achados: Array<{ codigo: string; nivel: string; descricao: string; dispositivo: string; origem: string }>;
    };
    total: IndicadoresJson;
    ocis: Array<
        {
            codigo: string;
            codigoFormatado: string;
            nome: string;
            tR: number | null;
            tM: number | null;
            distribuicaoDias: Array<{ dias: number; episodios: number }>;
        } & IndicadoresJson
    >;
    estabelecimentos: Array<{ cnes: string } & IndicadoresJson>;
}

export interface OpcoesAuditoria {
    arquivos: string[];
    /** canonical column → the files' column. */
    mapa?: Partial<Record<Coluna, string>>;
    digitoTipoApac?: string;
    memoria?: string;
    threads?: number;
    aoPasso?: (tabela: string, ms: number) => void;
}

export function regras(digitoTipoApac?: string): AuditoriaJson['regras'] {
    return {
        episodio:
            'uma APAC cujo procedimento principal é uma OCI do catálogo, por pessoa (APAC, pessoa, OCI); os registros da APAC são os procedimentos do episódio',
        dias: 'dias entre o primeiro e o último procedimento componente da APAC (o registro do próprio código da OCI não conta) — art. 14 §2 III',
        concluida: 'a APAC tem um procedimento de conclusão da OCI; "no tR"/"no tM" = concluída e dias ≤ tR/tM',
        escopo: 'escopo incompleto = falta componente obrigatório (grupo "um de": nenhum membro) ou o procedimento de conclusão — art. 12 VI',
        quantidade:
            'soma das quantidades de um componente (grupo "um de": de todos os membros) acima do qt do catálogo',
        cobrancaDupla:
            'procedimento componente da OCI cobrado em BPA ou em APAC que não é de OCI, pela mesma pessoa, entre a primeira data do episódio − tM e a última + tM (datas dos componentes; sem componente datado, a do registro do código da OCI, nunca a de um procedimento estranho); cada registro conta uma vez (no episódio de janela mais antiga); valor = quantidade × valor de referência do componente no catálogo (estimativa, ou valor SIGTAP quando o catálogo não dá estimativa) — art. 14 §2 IV',
        achados: DEFINICOES.map(d => ({ ...d })),
        pessoa: 'CPF (11 dígitos, dígitos verificadores da Receita; todos iguais é inválido) ou CNS (15 dígitos, começa com 1, 2, 7, 8 ou 9 e soma ponderada múltipla de 11)',
        apac: `13 dígitos, UF (código IBGE), dígito verificador = 12 primeiros dígitos mod 11 (10 → 0)${
            digitoTipoApac !== undefined
                ? `; 5º dígito (tipo) = ${digitoTipoApac}`
                : '; o dígito que identificará a APAC de OCI ("numeração específica", art. 16 §1) ainda não foi publicado: o tipo não é conferido'
        }`,
        mascara:
            'saídas para pessoas mostram CPF ***.456.789-** e CNS *** 4567 8901 ****; o identificador completo só em restrito/ (--identificados)'
    };
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const dinheiro = (v: unknown): MoneyJson => money(new Money(v === null || v === undefined ? '0' : String(v)));

function indicadores(l: Linha | undefined): IndicadoresJson {
    return {
        episodios: n(l?.episodios),
        pessoas: n(l?.pessoas),
        concluidas: n(l?.concluidas),
        concluidasNoTr: n(l?.concluidas_no_tr),
        concluidasNoTm: n(l?.concluidas_no_tm),
        concluidasAdequadas: n(l?.concluidas_adequadas),
        pctNoTr: s(l?.pct_no_tr),
        pctNoTm: s(l?.pct_no_tm),
        medianaDias: s(l?.mediana_dias),
        acimaTr: n(l?.acima_tr),
        tempoExcedido: n(l?.tempo_excedido),
        escopoIncompleto: n(l?.escopo_incompleto),
        obrigatorioAusente: n(l?.obrigatorio_ausente),
        conclusaoAusente: n(l?.conclusao_ausente),
        quantidadeExcedida: n(l?.quantidade_excedida),
        pessoaInvalida: n(l?.pessoa_invalida),
        apacInvalida: n(l?.apac_invalida),
        procedimentoForaDaOci: n(l?.fora_da_oci),
        conclusaoAntesDoFim: n(l?.conclusao_antes),
        registroDuplicado: n(l?.duplicado),
        dataForaDoPeriodo: n(l?.data_fora),
        apacForaDaValidade: n(l?.fora_validade),
        sexoIncompativel: n(l?.sexo_incompativel),
        idadeForaDaFaixa: n(l?.idade_incompativel),
        cidIncompativel: n(l?.cid_incompativel),
        cobrancaDupla: {
            episodios: n(l?.episodios_cobranca_dupla),
            registros: n(l?.cobranca_dupla_registros),
            valor: dinheiro(l?.cobranca_dupla_valor)
        },
        sinalizados: n(l?.sinalizados)
    };
}

/** Columns of the flagged-episode outputs, in order (`pessoa` only in the restricted file). */
export const COLUNAS_SINALIZADOS = [
    'oci_codigo',
    'cnes',
    'apac',
    'pessoa_mascarada',
    'primeira_data',
    'ultima_data',
    'dias',
    'tr',
    'tm',
    'concluida',
    'achados',
    'obrigatorios_ausentes_lista',
    'quantidades_excedidas_lista',
    'cobranca_dupla_registros',
    'cobranca_dupla_valor',
    'apac_problema',
    'procedimentos_fora_da_oci',
    'registros_repetidos',
    'datas_fora_do_periodo',
    'competencias_fora_da_validade'
] as const;

/** Columns of rejeitados.csv: the file, its line (when the reader knows it), the reason, what was read. */
export const COLUNAS_REJEITADOS = ['arquivo', 'linha', 'motivo', 'conteudo'] as const;

export const COLUNAS_COBRANCA = [
    'oci_codigo',
    'cnes_episodio',
    'apac',
    'pessoa_mascarada',
    'instrumento_fora',
    'tipo_fora',
    'principal_fora',
    'cnes_fora',
    'procedimento',
    'componente',
    'data',
    'quantidade',
    'estimativa',
    'valor'
] as const;

/** A raw production line with every CPF/CNS in it masked (LGPD): rejeitados.csv shows the line, never the person. */
export function maskLinha(linha: string): string {
    return linha
        .replace(/(?<![0-9])([0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}|[0-9]{3} [0-9]{4} [0-9]{4} [0-9]{4})(?![0-9])/g, m =>
            maskPessoa(m)
        )
        .replace(/(?<![0-9])([0-9]{15}|[0-9]{11})(?![0-9])/g, m => maskPessoa(m));
}

/**
 * The line of the `registro`-th record (1 = the first after the header) a reader returned from a
 * file, for rejeitados.csv. Parquet: the record's number. CSV: the header is line 1 and the lines
 * DuckDB could not read (`ilegiveis`, its numbers, ascending) count where they are. DuckDB numbers
 * records, not text lines: a value with a line break inside quotes, or a blank line, before the record
 * makes the number differ from the editor's line (SIA's exports have neither).
 */
export function linhaNoArquivo(arquivo: string, registro: number, ilegiveis: readonly number[]): number {
    if (tipoArquivo(arquivo) === 'parquet') return registro;
    // The i-th unreadable line (0-based) has l − 2 − i records read before it: it comes before
    // record `registro` when that is less than `registro` (a non-decreasing count: binary search).
    let [antes, fim] = [0, ilegiveis.length];
    while (antes < fim) {
        const meio = (antes + fim) >> 1;
        if ((ilegiveis[meio] ?? 0) - 2 - meio < registro) antes = meio + 1;
        else fim = meio;
    }
    return registro + 1 + antes;
}

/** The engine session an audit reads its results from (DuckDB, or ClickHouse: motor-clickhouse.ts). */
export type SessaoAuditoria = Pick<SessaoDuckdb, 'consultar' | 'emPartes' | 'linhasIlegiveis' | 'fechar'>;

export class Auditoria {
    constructor(
        readonly json: AuditoriaJson,
        readonly instrucoes: Instrucao[],
        private readonly sessao: SessaoAuditoria
    ) {}

    /** Flagged episodes, by OCI, establishment and APAC; with the full `pessoa` only when asked. */
    episodiosSinalizados(identificados = false): AsyncGenerator<Linha[]> {
        const colunas = [...COLUNAS_SINALIZADOS, ...(identificados ? ['pessoa'] : [])].join(', ');
        return this.sessao.emPartes(
            `SELECT ${colunas} FROM episodio_auditado WHERE sinalizado = 1 ORDER BY oci_codigo, cnes, apac, pessoa`
        );
    }

    /** Every double-billing record (masked person). */
    cobrancasDuplas(): AsyncGenerator<Linha[]> {
        const colunas = COLUNAS_COBRANCA.map(c =>
            c === 'pessoa_mascarada' ? `${mascaraSql('pessoa')} AS pessoa_mascarada` : c
        ).join(', ');
        return this.sessao.emPartes(
            `SELECT ${colunas} FROM cobranca_dupla ORDER BY oci_codigo, apac, data, registro_id`
        );
    }

    /**
     * Rejected input: the lines DuckDB could not read (with their line number) and the records with
     * an invalid value, with their line too (linhaNoArquivo: from the record's position in the load);
     * no line when two files have the same name or the engine did not keep the positions.
     */
    async *rejeitados(): AsyncGenerator<Linha[]> {
        const ilegiveis = await this.sessao.linhasIlegiveis();
        const ilegiveisPorArquivo = new Map<string, number[]>();
        for (const l of ilegiveis) {
            const arquivo = path.basename(String(l.arquivo));
            ilegiveisPorArquivo.set(arquivo, [...(ilegiveisPorArquivo.get(arquivo) ?? []), Number(l.linha)]);
        }
        if (ilegiveis.length) {
            yield ilegiveis.map(l => ({
                arquivo: path.basename(String(l.arquivo)),
                linha: l.linha,
                motivo: `${l.tipo}: ${l.mensagem}`,
                conteudo: maskLinha(String(l.conteudo ?? ''))
            }));
        }
        const nomesUnicos = new Set(this.json.entrada.arquivos).size === this.json.entrada.arquivos.length;
        const partes = this.sessao.emPartes(`SELECT f.arquivo, f.posicao - a.inicio + 1 AS registro, f.motivo,
            CONCAT_WS(' | ', 'pessoa=' || ${mascaraSql('f.pessoa')}, 'data=' || f.data_bruta, 'procedimento=' || f.procedimento,
                      'quantidade=' || f.quantidade_bruta, 'instrumento=' || f.instrumento,
                      'principal=' || f.procedimento_principal, 'cnes=' || f.cnes) AS conteudo
            FROM registro_fora f LEFT JOIN producao_arquivo a ON a.arquivo = f.arquivo
            WHERE f.categoria = 'rejeitado' ORDER BY f.arquivo, registro, f.registro_id`);
        for await (const parte of partes) {
            yield parte.map(l => {
                const arquivo = String(l.arquivo);
                const registro = l.registro === null || l.registro === undefined ? undefined : Number(l.registro);
                const linha =
                    nomesUnicos && registro !== undefined
                        ? linhaNoArquivo(arquivo, registro, ilegiveisPorArquivo.get(arquivo) ?? [])
                        : null;
                return { arquivo, linha, motivo: l.motivo, conteudo: l.conteudo };
            });
        }
    }

    /** Any query on the audit's tables (tests). */
    consultar(sql: string): Promise<Linha[]> {
        return this.sessao.consultar(sql);
    }

    fechar(): void {
        this.sessao.fechar();
    }
}

/** Runs the audit. The caller closes the returned Auditoria (it holds the DuckDB session). */
export async function auditar(catalogo: CatalogoJson, opcoes: OpcoesAuditoria): Promise<Auditoria> {
    const sessao = await SessaoDuckdb.abrir({ memoria: opcoes.memoria, threads: opcoes.threads });
    try {
        const fontes = await sessao.resolveFontes(opcoes.arquivos, opcoes.mapa ?? {});
        const instrucoes = compileAuditoria(
            catalogo,
            { arquivos: fontes },
            { dialeto: DUCKDB, digitoTipoApac: opcoes.digitoTipoApac }
        );
        await sessao.runStatements(instrucoes, opcoes.aoPasso);
        const json = await readRelatorio(sessao, catalogo, opcoes);
        return new Auditoria(json, instrucoes, sessao);
    } catch (error) {
        sessao.fechar();
        throw error;
    }
}

export async function readRelatorio(
    sessao: SessaoAuditoria,
    catalogo: CatalogoJson,
    opcoes: OpcoesAuditoria
): Promise<AuditoriaJson> {
    const [entrada] = await sessao.consultar('SELECT * FROM resumo_entrada');
    const ilegiveis = (await sessao.linhasIlegiveis()).length;
    const porCodigo = async (categoria: string) =>
        sessao.consultar(`SELECT ${categoria === 'oci_em_bpa' ? 'procedimento' : 'procedimento_principal'} AS codigo,
        COUNT(*) AS registros, COUNT(DISTINCT instrumento) AS apacs FROM registro_fora WHERE categoria = '${categoria}' GROUP BY 1 ORDER BY 1`);
    const foraDoRol = await porCodigo('oci_fora_do_rol');
    const emBpa = await porCodigo('oci_em_bpa');
    const competencias = await sessao.consultar(
        "SELECT competencia, registros FROM resumo_competencia WHERE competencia <> '' ORDER BY competencia"
    );
    const [total] = await sessao.consultar('SELECT * FROM relatorio_total');
    const porOci = new Map((await sessao.consultar('SELECT * FROM relatorio_oci')).map(l => [String(l.chave), l]));
    const distribuicao = new Map<string, Array<{ dias: number; episodios: number }>>();
    for (const l of await sessao.consultar(
        'SELECT oci_codigo, dias, episodios FROM relatorio_distribuicao ORDER BY oci_codigo, dias'
    )) {
        const lista = distribuicao.get(String(l.oci_codigo)) ?? [];
        lista.push({ dias: n(l.dias), episodios: n(l.episodios) });
        distribuicao.set(String(l.oci_codigo), lista);
    }
    const estabelecimentos = (await sessao.consultar('SELECT * FROM relatorio_estabelecimento ORDER BY chave')).map(
        l => ({ cnes: String(l.chave), ...indicadores(l) })
    );
    return {
        formato: AUDITORIA_JSON_FORMAT,
        catalogo: {
            nome: catalogo.catalogo.nome,
            versao: catalogo.catalogo.versao,
            competencia: catalogo.catalogo.competencia,
            sigtapSha256: catalogo.catalogo.sigtap?.sha256 ?? null
        },
        entrada: {
            arquivos: opcoes.arquivos.map(a => path.basename(a)),
            registros: n(entrada?.registros),
            registrosInvalidos: n(entrada?.registros_invalidos),
            registrosOci: n(entrada?.registros_oci),
            registrosBpa: n(entrada?.registros_bpa),
            registrosApac: n(entrada?.registros_apac),
            registrosOciForaDoCatalogo: n(entrada?.registros_oci_fora_do_catalogo),
            linhasIlegiveis: ilegiveis,
            registrosForaDoPeriodo: n(entrada?.registros_fora_do_periodo),
            ociForaDoCatalogo: foraDoRol.map(l => ({
                codigo: String(l.codigo),
                registros: n(l.registros),
                apacs: n(l.apacs)
            })),
            ociEmBpa: emBpa.map(l => ({ codigo: String(l.codigo), registros: n(l.registros) })),
            primeiraData: s(entrada?.primeira_data),
            ultimaData: s(entrada?.ultima_data),
            competencias: competencias.map(l => ({ competencia: String(l.competencia), registros: n(l.registros) }))
        },
        regras: regras(opcoes.digitoTipoApac),
        total: indicadores(total),
        ocis: catalogo.ocis.map(o => ({
            codigo: o.codigo,
            codigoFormatado: formatCodigo(o.codigo),
            nome: o.nome,
            tR: o.tR,
            tM: o.tM,
            ...indicadores(porOci.get(o.codigo)),
            distribuicaoDias: distribuicao.get(o.codigo) ?? []
        })),
        estabelecimentos
    };
}

export function serializeAuditoria(json: AuditoriaJson): string {
    return JSON.stringify(json, null, 2) + '\n';
}

export { AuditoriaErro };
