/**
 * `export-sigtap`: the catalogue's OCIs as rows of the SIGTAP tables DATASUS loads into a
 * competência — the inverse of `import-sigtap` (generator/import-sigtap.ts, sigtap-composicao.ts):
 *
 *  - tb_procedimento: one row per OCI (group 09): NO_PROCEDIMENTO, TP_SEXO, VL_IDADE_MINIMA/
 *    MAXIMA in months, VL_SA = the OCI's value in centavos (VL_SH = VL_SP = 0: the OCI is an
 *    ambulatory procedure, Portaria GM/MS nº 3.492/2024 art. 6 §2 V), DT_COMPETENCIA; the columns
 *    the catalogue does not hold (TP_COMPLEXIDADE, CO_FINANCIAMENTO, CO_RUBRICA, QT_*) as the
 *    source competência had them for the OCI or, for a new OCI, as every OCI of its forma de
 *    organização (else of group 09) has them — never guessed: no consensus is an ExportError;
 *  - rl_procedimento_compativel: TP_COMPATIBILIDADE 5 for a mandatory procedure, 1 for an eventual
 *    one and for the members of an `um_de` group (SIGTAP lists the alternatives as compatível),
 *    QT_PERMITIDA = `qt` (0 when omitted: "no specific limit", as import-sigtap reads it);
 *  - rl_procedimento_detalhe: the attribute "Exige procedimento de …" (tb_detalhe) that encodes
 *    each mandatory `um_de` group (the consulta/teleconsulta group is the PMAE convention and has
 *    none); a mandatory group no attribute expresses is an ExportError;
 *  - rl_procedimento_cid and rl_procedimento_registro.
 *
 * Column widths and positions come from the source zip's own `*_layout.txt` (read by the
 * project's layout reader), which are written beside the data unchanged.
 *
 * Delta (`--delta-de`): per table, `X.txt` holds the rows to include and `X_exclusao.txt` the rows
 * to exclude (same layout) so that base − exclusões + inclusões = the export, comparing rows
 * without DT_COMPETENCIA. A changed row is an exclusion of the old plus an inclusion of the new;
 * a revoked OCI (in the base's group 09, not in the catalogue) has only exclusions.
 */
import type { Oci } from '../generated/ast.js';
import { isGrupoRef } from '../generated/ast.js';
import { parseMoney, toCentavos, type Money } from '../money.js';
import { codesOf, componentesOf, cidsOf, valorOf } from '../oci-queries.js';
import { ociAgeRange, sameAgeRange, sexoOf, sigtapAgeRange } from '../publico.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import { forEachRow, prefixFilter, type SigtapLayout } from '../sigtap/layout.js';
import { loadSigtapZip } from '../sigtap/reader.js';
import { checkedLayout, dataFile, layoutFile, tableData } from '../sigtap/tables.js';
import type { SigtapCompatibilidade, SigtapOci, SigtapTable } from '../sigtap/types.js';
import { readZip } from '../sigtap/zip.js';
import { CONSULTA, TELECONSULTA, composicaoSigtap } from '../generator/sigtap-composicao.js';
import { computeValue, isMandatory } from '../value/engine.js';
import {
    ExportError,
    encodeSigtapTable,
    formatSigtapRow,
    parseSigtapRow,
    valorDe,
    type SigtapValores
} from './sigtap-linha.js';

/** The tables an OCI is written to, with the column holding the OCI's code. */
export const TABELAS_EXPORTADAS = {
    tb_procedimento: 'CO_PROCEDIMENTO',
    rl_procedimento_compativel: 'CO_PROCEDIMENTO_PRINCIPAL',
    rl_procedimento_cid: 'CO_PROCEDIMENTO',
    rl_procedimento_detalhe: 'CO_PROCEDIMENTO',
    rl_procedimento_registro: 'CO_PROCEDIMENTO'
} as const;
export type TabelaExportada = keyof typeof TABELAS_EXPORTADAS;
const TABELAS = Object.keys(TABELAS_EXPORTADAS) as TabelaExportada[];

/** The SIGTAP table's upper age bound (130 anos e 11 meses), SIGTAP's "no upper limit". */
const IDADE_MAXIMA_SEM_LIMITE = '1571';
/** Columns of tb_procedimento the catalogue sets; the others come from the source competência. */
const DO_CATALOGO = [
    'CO_PROCEDIMENTO',
    'NO_PROCEDIMENTO',
    'TP_SEXO',
    'VL_IDADE_MINIMA',
    'VL_IDADE_MAXIMA',
    'VL_SH',
    'VL_SA',
    'VL_SP',
    'DT_COMPETENCIA'
];

export const SUFIXO_EXCLUSAO = '_exclusao';

export interface FonteSigtap {
    bytes: Uint8Array;
    /** File name of the zip (messages, and the reader's cache key). */
    arquivo: string;
}

export interface ExportOptions {
    /** AAAAMM written to DT_COMPETENCIA. */
    competencia: string;
    /** The competência the layouts and the columns the catalogue does not hold come from. */
    fonte: FonteSigtap;
    /** Write only what differs from `fonte` (inclusões and exclusões). */
    delta?: boolean;
}

export interface ArquivoExportado {
    nome: string;
    bytes: Uint8Array;
}

export interface ExportResult {
    arquivos: ArquivoExportado[];
    ocis: number;
    /** OCI codes new, changed and revoked with respect to the source competência. */
    novas: string[];
    alteradas: string[];
    revogadas: string[];
    /** Rows written per table (inclusões; exclusões only in a delta). */
    linhas: Record<TabelaExportada, { inclusoes: number; exclusoes: number }>;
}

interface Base {
    table: SigtapTable;
    layouts: Record<TabelaExportada, SigtapLayout>;
    layoutBytes: Record<TabelaExportada, Uint8Array>;
    /** Group 09 rows of each table (padded to the layout's width), by OCI code. */
    linhas: Record<TabelaExportada, Map<string, string[]>>;
}

function readBase(fonte: FonteSigtap): Base {
    const table = loadSigtapZip(fonte.bytes, fonte.arquivo);
    const wanted = new Set(TABELAS.flatMap(t => [dataFile(t), layoutFile(t)]));
    const contents = readZip(fonte.bytes, fonte.arquivo, b => wanted.has(b));
    const layouts = {} as Base['layouts'];
    const layoutBytes = {} as Base['layoutBytes'];
    const linhas = {} as Base['linhas'];
    for (const t of TABELAS) {
        const layout = checkedLayout(contents, t, fonte.arquivo);
        layouts[t] = layout;
        layoutBytes[t] = contents.files.get(layoutFile(t))!;
        const chave = layout.column(TABELAS_EXPORTADAS[t]);
        const porOci = new Map<string, string[]>();
        forEachRow(
            tableData(contents, t),
            layout,
            row => {
                const codigo = row.text(chave);
                const linha = row.line.padEnd(layout.width, ' ');
                const lista = porOci.get(codigo);
                if (lista) lista.push(linha);
                else porOci.set(codigo, [linha]);
            },
            prefixFilter(chave, '09')
        );
        linhas[t] = porOci;
    }
    return { table, layouts, layoutBytes, linhas };
}

/** The one value every row of `rows` has in `column`; undefined when they differ or there are none. */
function consenso(rows: SigtapValores[], column: string): string | undefined {
    const values = new Set(rows.map(r => r[column]));
    return values.size === 1 ? [...values][0] : undefined;
}

class Exportador {
    private readonly todas: Record<TabelaExportada, SigtapValores[]>;
    private readonly exigeProcedimento: Set<string>;

    constructor(
        private readonly base: Base,
        private readonly competencia: string
    ) {
        this.todas = {} as Exportador['todas'];
        for (const t of TABELAS)
            this.todas[t] = [...base.linhas[t].values()].flat().map(l => parseSigtapRow(base.layouts[t], l));
        this.exigeProcedimento = new Set(
            [...base.table.detalhes].filter(([, nome]) => /^exige procedimento de /i.test(nome.trim())).map(([c]) => c)
        );
    }

    private fonte(t: TabelaExportada, codigo: string): SigtapValores[] {
        return (this.base.linhas[t].get(codigo) ?? []).map(l => parseSigtapRow(this.base.layouts[t], l));
    }

    /**
     * The value a new row takes in `column`: the consensus of the OCIs of its forma de organização, else of group 09.
     */
    private padrao(t: TabelaExportada, codigo: string, column: string, rows = this.todas[t], oQue = column): string {
        const chave = TABELAS_EXPORTADAS[t];
        const daForma = rows.filter(r => valorDe(r, chave).startsWith(codigo.slice(0, 6)));
        const valor = consenso(daForma, column) ?? consenso(rows, column);
        if (valor === undefined) {
            throw new ExportError(
                `OCI ${formatCodigo(codigo)}: ${oQue} não está no catálogo e a competência-fonte ${this.base.table.arquivo} não o define ` +
                    `de um só modo para as OCI (${[...new Set(rows.map(r => r[column]))].slice(0, 5).join(', ') || 'nenhuma linha'}) — não há como escrevê-lo sem inventar.`
            );
        }
        return valor;
    }

    private linha(t: TabelaExportada, valores: SigtapValores, codigo: string): string {
        const layout = this.base.layouts[t];
        return formatSigtapRow(
            layout,
            { ...valores, DT_COMPETENCIA: this.competencia },
            () => `OCI ${formatCodigo(codigo)}, ${layout.table}`
        );
    }

    linhasDa(oci: Oci): Record<TabelaExportada, string[]> {
        const codigo = normalizeCodigo(oci.codigo);
        if (!codigo || !codigo.startsWith('09'))
            throw new ExportError(
                `A OCI ${oci.codigo ?? '?'} não tem código do grupo 09 (Ofertas de Cuidados Integrados).`
            );
        const out = {} as Record<TabelaExportada, string[]>;

        // tb_procedimento
        const origem = this.fonte('tb_procedimento', codigo)[0];
        const proc: SigtapValores = {};
        for (const column of this.base.layouts.tb_procedimento.columns) {
            if (DO_CATALOGO.includes(column.name)) continue;
            proc[column.name] = origem
                ? valorDe(origem, column.name)
                : this.padrao('tb_procedimento', codigo, column.name);
        }
        proc.CO_PROCEDIMENTO = codigo;
        proc.NO_PROCEDIMENTO = oci.nome ?? '';
        const sexo = sexoOf(oci);
        proc.TP_SEXO = origem?.TP_SEXO === 'N' && sexo === 'I' ? 'N' : sexo;
        const idade = ociAgeRange(oci);
        if (!idade)
            throw new ExportError(
                `OCI ${formatCodigo(codigo)}: a faixa etária do público não pôde ser lida (veja "oci-catalogo check").`
            );
        const idadeOrigem =
            origem && (sigtapAgeRange(Number(origem.VL_IDADE_MINIMA), Number(origem.VL_IDADE_MAXIMA)) ?? { min: 0 });
        if (origem && idadeOrigem && sameAgeRange(idadeOrigem, idade)) {
            proc.VL_IDADE_MINIMA = valorDe(origem, 'VL_IDADE_MINIMA');
            proc.VL_IDADE_MAXIMA = valorDe(origem, 'VL_IDADE_MAXIMA');
        } else {
            proc.VL_IDADE_MINIMA = String(idade.min);
            proc.VL_IDADE_MAXIMA = idade.max === undefined ? IDADE_MAXIMA_SEM_LIMITE : String(idade.max);
        }
        proc.VL_SH = '0';
        proc.VL_SP = '0';
        proc.VL_SA = String(this.centavos(oci, codigo));
        out.tb_procedimento = [this.linha('tb_procedimento', proc, codigo)];

        // rl_procedimento_compativel
        const compOrigem = new Map(
            this.fonte('rl_procedimento_compativel', codigo).map(r => [valorDe(r, 'CO_PROCEDIMENTO_COMPATIVEL'), r])
        );
        const vistos = new Set<string>();
        const valoresCompat: SigtapValores[] = [];
        const linhasCompat: SigtapCompatibilidade[] = [];
        const gruposObrigatorios: Array<{ nome: string; membros: readonly string[] }> = [];
        for (const componente of componentesOf(oci)) {
            const grupo = isGrupoRef(componente.alvo) ? componente.alvo.grupo?.ref : undefined;
            const membros = codesOf(componente);
            if (isGrupoRef(componente.alvo) && !grupo)
                throw new ExportError(
                    `OCI ${formatCodigo(codigo)}: o grupo ${componente.alvo.grupo?.$refText} não está definido.`
                );
            const tp = isMandatory(componente) && !grupo ? '5' : '1';
            if (grupo && isMandatory(componente)) {
                const consulta = membros.length === 2 && membros.includes(CONSULTA) && membros.includes(TELECONSULTA);
                if (!consulta) gruposObrigatorios.push({ nome: grupo.name, membros });
            }
            for (const membro of membros) {
                if (vistos.has(membro)) {
                    throw new ExportError(
                        `OCI ${formatCodigo(codigo)}: o procedimento ${formatCodigo(membro)} aparece em dois componentes; rl_procedimento_compativel tem uma linha por procedimento compatível.`
                    );
                }
                vistos.add(membro);
                const anterior = compOrigem.get(membro);
                const valores = {
                    CO_PROCEDIMENTO_PRINCIPAL: codigo,
                    CO_REGISTRO_PRINCIPAL:
                        anterior?.CO_REGISTRO_PRINCIPAL ??
                        this.padrao(
                            'rl_procedimento_compativel',
                            codigo,
                            'CO_REGISTRO_PRINCIPAL',
                            undefined,
                            'o instrumento de registro da OCI (CO_REGISTRO_PRINCIPAL)'
                        ),
                    CO_PROCEDIMENTO_COMPATIVEL: membro,
                    CO_REGISTRO_COMPATIVEL: anterior?.CO_REGISTRO_COMPATIVEL ?? this.registroCompativel(codigo, membro),
                    TP_COMPATIBILIDADE: tp,
                    QT_PERMITIDA: String(componente.qt ?? 0)
                };
                valoresCompat.push(valores);
                linhasCompat.push({
                    codigo: membro,
                    tpCompatibilidade: tp,
                    tipo: tp === '5' ? 'obrigatoria' : 'compativel',
                    qtPermitida: componente.qt ?? 0,
                    registroPrincipal: valores.CO_REGISTRO_PRINCIPAL,
                    registroCompativel: valores.CO_REGISTRO_COMPATIVEL
                });
            }
        }
        const atributos = new Set<string>();
        for (const g of gruposObrigatorios)
            atributos.add(this.atributoDoGrupo(codigo, g.nome, g.membros, linhasCompat));
        this.manterCompatibilidadeDaFonte(codigo, linhasCompat, valoresCompat, compOrigem, [...atributos]);
        const compativeis = valoresCompat.map(v => this.linha('rl_procedimento_compativel', v, codigo));
        out.rl_procedimento_compativel = compativeis;

        // rl_procedimento_detalhe: the source's attributes other than "Exige procedimento …" (those encode the groups,
        // above).
        for (const r of this.fonte('rl_procedimento_detalhe', codigo)) {
            if (!this.exigeProcedimento.has(valorDe(r, 'CO_DETALHE'))) atributos.add(valorDe(r, 'CO_DETALHE'));
        }
        out.rl_procedimento_detalhe = [...atributos]
            .sort()
            .map(d => this.linha('rl_procedimento_detalhe', { CO_PROCEDIMENTO: codigo, CO_DETALHE: d }, codigo));

        // rl_procedimento_cid
        const cidOrigem = new Map(this.fonte('rl_procedimento_cid', codigo).map(r => [r.CO_CID, r]));
        out.rl_procedimento_cid = [...new Set(cidsOf(oci))].map(cid => {
            const extra: SigtapValores = {};
            for (const column of this.base.layouts.rl_procedimento_cid.columns) {
                if (['CO_PROCEDIMENTO', 'CO_CID', 'DT_COMPETENCIA'].includes(column.name)) continue;
                extra[column.name] =
                    cidOrigem.get(cid)?.[column.name] ?? this.padrao('rl_procedimento_cid', codigo, column.name);
            }
            return this.linha('rl_procedimento_cid', { ...extra, CO_PROCEDIMENTO: codigo, CO_CID: cid }, codigo);
        });

        // rl_procedimento_registro
        const registros = this.fonte('rl_procedimento_registro', codigo).map(r => valorDe(r, 'CO_REGISTRO'));
        if (registros.length === 0)
            registros.push(
                this.padrao(
                    'rl_procedimento_registro',
                    codigo,
                    'CO_REGISTRO',
                    undefined,
                    'o instrumento de registro da OCI (rl_procedimento_registro)'
                )
            );
        out.rl_procedimento_registro = registros.map(r =>
            this.linha('rl_procedimento_registro', { CO_PROCEDIMENTO: codigo, CO_REGISTRO: r }, codigo)
        );
        for (const t of TABELAS) out[t].sort();
        return out;
    }

    /**
     * A row the source competência types differently (TP_COMPATIBILIDADE) keeps the source's type when
     * import-sigtap's composition reads the OCI back the same either way (e.g. a consultation the
     * programme's convention makes mandatory while the table lists it compatível): no spurious change.
     */
    private manterCompatibilidadeDaFonte(
        codigo: string,
        linhas: SigtapCompatibilidade[],
        valores: SigtapValores[],
        origem: Map<string, SigtapValores>,
        atributos: string[]
    ): void {
        const table = this.base.table;
        const modelo = (table.oci(codigo) ?? { codigo }) as SigtapOci;
        const leitura = (rows: SigtapCompatibilidade[]) =>
            composicaoSigtap(
                table,
                {
                    ...modelo,
                    codigo,
                    componentes: [...rows].sort((a, b) => (a.codigo < b.codigo ? -1 : 1)),
                    atributosComplementares: atributos
                } as SigtapOci,
                new Map()
            )
                .map(l => `${l.tipo} ${l.grupo ? l.grupo.membros.join('+') : l.codigo} ${l.qt ?? 0}`)
                .sort()
                .join('|');
        const canonica = leitura(linhas);
        linhas.forEach((linha, i) => {
            const tp = origem.get(linha.codigo)?.TP_COMPATIBILIDADE;
            if (tp === undefined || tp === linha.tpCompatibilidade || (tp !== '1' && tp !== '5')) return;
            const trocada: SigtapCompatibilidade = {
                ...linha,
                tpCompatibilidade: tp,
                tipo: tp === '5' ? 'obrigatoria' : 'compativel'
            };
            const tentativa = linhas.map((l, j) => (j === i ? trocada : l));
            if (leitura(tentativa) === canonica) {
                linhas[i] = trocada;
                valores[i] = { ...valores[i], TP_COMPATIBILIDADE: tp };
            }
        });
    }

    /** VL_SA: the declared value, else the computed one; in whole centavos. */
    private centavos(oci: Oci, codigo: string): number {
        const declarado = valorOf(oci);
        let valor: Money | undefined = declarado ? parseMoney(declarado.valor)?.value : undefined;
        if (declarado && !valor)
            throw new ExportError(`OCI ${formatCodigo(codigo)}: o valor "${declarado.valor}" não pôde ser lido.`);
        valor ??= computeValue(oci, this.base.table).total;
        if (!valor.times(100).isInteger()) {
            throw new ExportError(
                `OCI ${formatCodigo(codigo)}: o valor ${valor.toString()} tem fração de centavo; VL_SA é escrito em centavos inteiros.`
            );
        }
        if (valor.isNegative()) throw new ExportError(`OCI ${formatCodigo(codigo)}: valor negativo não cabe em VL_SA.`);
        return toCentavos(valor);
    }

    /**
     * CO_REGISTRO_COMPATIVEL of a component new to the OCI: as group 09 registers it elsewhere, else the one instrument
     * it allows among those group 09 uses.
     */
    private registroCompativel(codigo: string, membro: string): string {
        const rows = this.todas.rl_procedimento_compativel;
        const doMembro = consenso(
            rows.filter(r => r.CO_PROCEDIMENTO_COMPATIVEL === membro),
            'CO_REGISTRO_COMPATIVEL'
        );
        if (doMembro !== undefined) return doMembro;
        const usados = new Set(rows.map(r => r.CO_REGISTRO_COMPATIVEL));
        const permitidos = this.base.table.registrosPorProcedimento(membro).filter(r => usados.has(r));
        const [unico] = permitidos;
        if (unico !== undefined && permitidos.length === 1) return unico;
        throw new ExportError(
            `OCI ${formatCodigo(codigo)}: não há como escolher o instrumento de registro (CO_REGISTRO_COMPATIVEL) de ${formatCodigo(membro)} ` +
                `na competência-fonte ${this.base.table.arquivo} (${permitidos.length === 0 ? 'nenhum instrumento usado pelas OCI' : `admite ${permitidos.join(', ')}`}).`
        );
    }

    /**
     * The tb_detalhe attribute ("Exige procedimento …") that encodes a mandatory `um_de` group: the
     * one import-sigtap's own composition (sigtap-composicao.ts) reads back, over the OCI's rows, as
     * a group of exactly these members — so the export is the import's inverse by construction.
     */
    private atributoDoGrupo(
        codigo: string,
        nome: string,
        membros: readonly string[],
        linhas: SigtapCompatibilidade[]
    ): string {
        const table = this.base.table;
        const alvo = [...membros].sort().join(',');
        const modelo = (table.oci(codigo) ?? { codigo }) as SigtapOci;
        const candidatos = [...this.exigeProcedimento].filter(d => {
            const oci = {
                ...modelo,
                codigo,
                componentes: [...linhas].sort((a, b) => (a.codigo < b.codigo ? -1 : 1)),
                atributosComplementares: [d]
            } as SigtapOci;
            return composicaoSigtap(table, oci, new Map()).some(l => l.grupo && l.grupo.membros.join(',') === alvo);
        });
        const origem = new Set(this.fonte('rl_procedimento_detalhe', codigo).map(r => r.CO_DETALHE));
        const escolhido = candidatos.length === 1 ? candidatos[0] : candidatos.find(c => origem.has(c));
        if (!escolhido) {
            throw new ExportError(
                `OCI ${formatCodigo(codigo)}: o grupo obrigatório "um_de ${nome}" (${membros.map(formatCodigo).join(', ')}) ` +
                    (candidatos.length === 0
                        ? 'não corresponde a nenhum atributo "Exige procedimento …" de tb_detalhe: a tabela SIGTAP não tem como expressá-lo.'
                        : `corresponde a mais de um atributo de tb_detalhe (${candidatos.join(', ')}).`)
            );
        }
        return escolhido;
    }
}

/** The SIGTAP files for `ocis` (see the module comment); throws ExportError when a value cannot be written. */
export function exportSigtap(ocis: readonly Oci[], options: ExportOptions): ExportResult {
    if (!/^[0-9]{4}(0[1-9]|1[0-2])$/.test(options.competencia))
        throw new ExportError(`Competência inválida: ${options.competencia} (use AAAAMM).`);
    const base = readBase(options.fonte);
    const exportador = new Exportador(base, options.competencia);
    const porOci = new Map<string, Record<TabelaExportada, string[]>>();
    for (const oci of ocis) {
        const codigo = normalizeCodigo(oci.codigo) ?? '';
        if (porOci.has(codigo)) throw new ExportError(`A OCI ${formatCodigo(codigo)} aparece duas vezes no catálogo.`);
        porOci.set(codigo, exportador.linhasDa(oci));
    }
    const codigosBase = new Set(base.linhas.tb_procedimento.keys());
    const novas = [...porOci.keys()].filter(c => !codigosBase.has(c)).sort();
    const revogadas = [...codigosBase].filter(c => !porOci.has(c)).sort();
    const alteradas = new Set<string>();
    const arquivos: ArquivoExportado[] = [];
    const linhas = {} as ExportResult['linhas'];
    for (const t of TABELAS) {
        const layout = base.layouts[t];
        const semCompetencia = (row: string) =>
            layout.has('DT_COMPETENCIA')
                ? formatSigtapRow(layout, { ...parseSigtapRow(layout, row), DT_COMPETENCIA: '' }, () => t)
                : row;
        const novasLinhas = [...porOci.values()].flatMap(r => r[t]).sort();
        let inclusoes = novasLinhas;
        let exclusoes: string[] = [];
        if (options.delta) {
            const antigas = [...base.linhas[t].values()].flat().sort();
            const chavesAntigas = new Set(antigas.map(semCompetencia));
            const chavesNovas = new Set(novasLinhas.map(semCompetencia));
            inclusoes = novasLinhas.filter(l => !chavesAntigas.has(semCompetencia(l)));
            exclusoes = antigas.filter(l => !chavesNovas.has(semCompetencia(l)));
            const chave = layout.column(TABELAS_EXPORTADAS[t]);
            for (const l of [...inclusoes, ...exclusoes]) alteradas.add(l.slice(chave.start - 1, chave.end).trimEnd());
        }
        linhas[t] = { inclusoes: inclusoes.length, exclusoes: exclusoes.length };
        arquivos.push({ nome: dataFile(t), bytes: encodeSigtapTable(layout, inclusoes) });
        arquivos.push({ nome: layoutFile(t), bytes: base.layoutBytes[t] });
        if (options.delta) {
            arquivos.push({ nome: dataFile(`${t}${SUFIXO_EXCLUSAO}`), bytes: encodeSigtapTable(layout, exclusoes) });
            arquivos.push({ nome: layoutFile(`${t}${SUFIXO_EXCLUSAO}`), bytes: base.layoutBytes[t] });
        }
    }
    const fora = new Set([...novas, ...revogadas]);
    return {
        arquivos,
        ocis: porOci.size,
        novas: options.delta ? novas : [],
        alteradas: options.delta ? [...alteradas].filter(c => !fora.has(c)).sort() : [],
        revogadas: options.delta ? revogadas : [],
        linhas
    };
}
