/**
 * The annex of the SAES portaria that creates or changes OCIs, as the legal team edits it before
 * publication in the DOU: for each OCI a table of attributes (code and name, description,
 * complexity, instrument of registration, financing, ambulatory value, sex, ages, maximum
 * quantity, CIDs, tR/tM, remote modalities) and the table of its mandatory and eventual
 * procedures with quantities; with a previous catalogue, a summary of the changes first.
 *
 * A pure model built from the JSON catalogue (the one `build` publishes) and, for what only the
 * SIGTAP table holds (description, complexity, instrument, financing, maximum quantity), from
 * the competência the catalogue names. Text in Portuguese with Brazilian typography: R$ 1.234,56,
 * dates and competências written out ("5 de fevereiro de 2026", "fevereiro de 2026").
 */
import type { CatalogoDiff } from '../diff/catalogo-diff.js';
import type { CatalogoJson, ComponenteJson, OciJson } from '../generator/catalogo-json.js';
import { diasTexto, faixaEtaria, meses, reais, tipoTexto } from '../generator/formato-pt.js';
import { formatCid } from '../oci-queries.js';
import { parseLayoutBytes } from '../sigtap/layout.js';
import { parseNames } from '../sigtap/tables.js';
import type { SigtapTable } from '../sigtap/types.js';
import { readZip, type ZipContents } from '../sigtap/zip.js';

const MESES = [
    'janeiro',
    'fevereiro',
    'março',
    'abril',
    'maio',
    'junho',
    'julho',
    'agosto',
    'setembro',
    'outubro',
    'novembro',
    'dezembro'
];

/** `2026-02-05` → `5 de fevereiro de 2026` (the DOU writes the 1st as `1º`); anexoCommand has checked the date. */
export function dataPorExtenso(iso: string): string {
    const [ano, mes = NaN, dia] = iso.split('-').map(Number);
    return `${dia === 1 ? '1º' : dia} de ${MESES[mes - 1]} de ${ano}`;
}

/** `2026-02` (or `202602`) → `fevereiro de 2026`. */
export function competenciaPorExtenso(competencia: string): string {
    const digits = competencia.replace('-', '');
    return `${MESES[Number(digits.slice(4, 6)) - 1]} de ${digits.slice(0, 4)}`;
}

/** TP_COMPLEXIDADE as SIGTAP's reports write it. */
const COMPLEXIDADES: Record<string, string> = {
    '0': 'Não se aplica',
    '1': 'Atenção Básica Complexidade',
    '2': 'Média Complexidade',
    '3': 'Alta Complexidade'
};

/**
 * What the annex takes from the SIGTAP competência; `registros` and `financiamentos` are tb_registro and
 * tb_financiamento names.
 */
export interface AnexoSigtap {
    table: SigtapTable;
    registros: ReadonlyMap<string, string>;
    financiamentos: ReadonlyMap<string, string>;
}

export interface AnexoComponente {
    tipo: string;
    codigo: string;
    nome: string;
    quantidade: string;
}

export interface AnexoOci {
    titulo: string;
    /** Label → value, in the order of the portarias' tables. */
    atributos: Array<[string, string]>;
    componentes: AnexoComponente[];
}

export interface Anexo {
    titulo: string;
    subtitulo: string;
    /** "Resumo das alterações" rows (situação, OCI, alterações); empty without a previous catalogue. */
    alteracoes: Array<[string, string, string]>;
    desde?: string;
    ocis: AnexoOci[];
}

function nomeCodigo(codigo: string, nomes: ReadonlyMap<string, string>): string {
    const nome = nomes.get(codigo);
    return nome ? `${codigo} - ${nome}` : codigo;
}

function quantidade(c: ComponenteJson): string {
    return String(c.qt);
}

function ociAnexo(oci: OciJson, sigtap: AnexoSigtap | undefined): AnexoOci {
    const row = sigtap?.table.oci(oci.codigo);
    const semTabela = 'não consta da competência SIGTAP do catálogo';
    const valor = oci.valor.declarado ?? oci.valor.calculado;
    const idadeMax = oci.publico.idadeMaximaMeses;
    const atributos: Array<[string, string]> = [
        ['Procedimento', `${oci.codigoFormatado} - ${oci.nome}`],
        ['Descrição', row?.descricao || semTabela],
        ['Complexidade', row ? (COMPLEXIDADES[row.complexidade] ?? row.complexidade) : semTabela],
        [
            'Instrumento de registro',
            row ? row.instrumentosRegistro.map(r => nomeCodigo(r, sigtap!.registros)).join('; ') || '—' : semTabela
        ],
        ['Financiamento', row ? nomeCodigo(row.financiamento, sigtap!.financiamentos) : semTabela],
        ['Valor ambulatorial (SA)', reais(valor)],
        ['Valor ambulatorial total', reais(valor)],
        ['Sexo', oci.publico.sexo === 'ambos' ? 'Ambos' : oci.publico.sexo === 'feminino' ? 'Feminino' : 'Masculino'],
        ['Idade mínima', meses(oci.publico.idadeMinimaMeses)],
        ['Idade máxima', idadeMax === null ? 'sem limite' : meses(idadeMax)],
        ['Faixa etária', faixaEtaria(oci.publico.idadeMinimaMeses, idadeMax)],
        [
            'Quantidade máxima',
            row ? (row.qtMaximaExecucao === 9999 ? 'não se aplica' : String(row.qtMaximaExecucao)) : semTabela
        ],
        ['CID', oci.cids.length ? oci.cids.map(formatCid).join(', ') : '—'],
        ['Tempo recomendado (tR)', diasTexto(oci.tR)],
        ['Tempo máximo (tM)', diasTexto(oci.tM)],
        ['Modalidades de atenção remota', oci.modalidadesRemotas.length ? oci.modalidadesRemotas.join(', ') : 'nenhuma']
    ];
    if (oci.fundamento.length) atributos.push(['Fundamento', oci.fundamento.join('; ')]);
    const componentes = oci.componentes.flatMap(c =>
        c.procedimentos.map(p => ({
            tipo: `${tipoTexto(c.tipo)}${c.grupo ? ` (um de "${c.grupo}")` : ''}`,
            codigo: p.codigoFormatado,
            nome: p.nome ?? '',
            quantidade: quantidade(c)
        }))
    );
    return { titulo: `${oci.codigoFormatado} - ${oci.nome}`, atributos, componentes };
}

function alteracoes(diff: CatalogoDiff): Array<[string, string, string]> {
    const linhas: Array<[string, string, string]> = [];
    for (const o of diff.ocis.adicionadas)
        linhas.push(['Inclusão', `${o.codigoFormatado} - ${o.nome}`, `valor ${reais(o.valor)}`]);
    for (const o of diff.ocis.alteradas) {
        const partes: string[] = [];
        if (o.renomeada) partes.push(`nome: "${o.renomeada.antes}" → "${o.renomeada.depois}"`);
        if (o.valor) partes.push(`valor: ${reais(o.valor.antes)} → ${reais(o.valor.depois)}`);
        if (o.tR) partes.push(`tR: ${diasTexto(o.tR.antes)} → ${diasTexto(o.tR.depois)}`);
        if (o.tM) partes.push(`tM: ${diasTexto(o.tM.antes)} → ${diasTexto(o.tM.depois)}`);
        if (o.publico) partes.push('público');
        if (o.cids)
            partes.push(
                `CID ${[...o.cids.adicionados.map(c => `+${formatCid(c)}`), ...o.cids.removidos.map(c => `−${formatCid(c)}`)].join(' ')}`
            );
        if (o.componentes) {
            const n =
                o.componentes.adicionados.length + o.componentes.removidos.length + o.componentes.alterados.length;
            partes.push(`${n} procedimento(s) incluído(s), excluído(s) ou alterado(s)`);
        }
        if (o.modalidadesRemotas) partes.push('modalidades remotas');
        if (o.conclusao) partes.push('conclusão');
        if (partes.length === 0) partes.push('tecnologias, contrarreferência ou fundamento');
        linhas.push(['Alteração', `${o.codigoFormatado} - ${o.nome}`, partes.join('; ')]);
    }
    for (const o of diff.ocis.removidas)
        linhas.push(['Exclusão', `${o.codigoFormatado} - ${o.nome}`, `valor anterior ${reais(o.valor)}`]);
    return linhas;
}

/**
 * The annex of `json`; `data` is the ISO date printed (the portaria's), `diff` the changes since a previous catalogue.
 */
export function buildAnexo(
    json: CatalogoJson,
    options: { sigtap?: AnexoSigtap; diff?: CatalogoDiff; desde?: string; data: string }
): Anexo {
    const c = json.catalogo;
    const competencia = c.competencia ? `, competência ${competenciaPorExtenso(c.competencia)}` : '';
    return {
        titulo: 'ANEXO',
        subtitulo: `${c.nome}${c.versao ? `, versão ${c.versao}` : ''}${competencia} — ${json.ocis.length} Ofertas de Cuidados Integrados (Portaria GM/MS nº 3.492, de 8 de abril de 2024), ${dataPorExtenso(options.data)}`,
        alteracoes: options.diff ? alteracoes(options.diff) : [],
        desde: options.desde,
        ocis: json.ocis.map(o => ociAnexo(o, options.sigtap))
    };
}

/** tb_registro and tb_financiamento names from the competência's zip (what the annex prints beside the codes). */
export function nomesSigtap(
    bytes: Uint8Array,
    arquivo: string
): { registros: Map<string, string>; financiamentos: Map<string, string> } {
    const nomes = (contents: ZipContents, table: string, key: string, name: string): Map<string, string> => {
        const layout = contents.files.get(`${table}_layout.txt`);
        const data = contents.files.get(`${table}.txt`);
        return layout && data ? parseNames(data, parseLayoutBytes(layout, table), [key], name) : new Map();
    };
    const wanted = new Set([
        'tb_registro.txt',
        'tb_registro_layout.txt',
        'tb_financiamento.txt',
        'tb_financiamento_layout.txt'
    ]);
    const contents = readZip(bytes, arquivo, b => wanted.has(b));
    return {
        registros: nomes(contents, 'tb_registro', 'CO_REGISTRO', 'NO_REGISTRO'),
        financiamentos: nomes(contents, 'tb_financiamento', 'CO_FINANCIAMENTO', 'NO_FINANCIAMENTO')
    };
}
