/**
 * The SIGTAP tables the reader uses, the columns it needs from each, and the parsers that turn
 * their rows into maps. Column positions always come from the layouts.
 */
import type { SigtapCompatibilidade, SigtapProcedimento, SigtapSexo } from './types.js';
import { SigtapError, wrapSigtap } from './errors.js';
import { forEachRow, parseLayoutBytes, type RowFilter, type SigtapColumn, type SigtapLayout } from './layout.js';
import type { ZipContents } from './zip.js';

/** Tables read when the zip is loaded. */
export const EAGER_TABLES = [
    'tb_procedimento',
    'tb_grupo',
    'tb_sub_grupo',
    'tb_forma_organizacao',
    'tb_cid',
    'tb_detalhe',
    'rl_procedimento_compativel',
    'rl_procedimento_cid',
    'rl_procedimento_registro'
] as const;

/** Tables read on the first OCI lookup (only their group 09 rows are kept). */
export const LAZY_TABLES = [
    'tb_descricao',
    'rl_procedimento_ocupacao',
    'rl_procedimento_habilitacao',
    'rl_procedimento_detalhe',
    'rl_procedimento_regra_cond'
] as const;

export type TableName = (typeof EAGER_TABLES)[number] | (typeof LAZY_TABLES)[number];

export const REQUIRED_COLUMNS = {
    tb_procedimento: [
        'CO_PROCEDIMENTO',
        'NO_PROCEDIMENTO',
        'TP_COMPLEXIDADE',
        'TP_SEXO',
        'QT_MAXIMA_EXECUCAO',
        'VL_IDADE_MINIMA',
        'VL_IDADE_MAXIMA',
        'VL_SH',
        'VL_SA',
        'VL_SP',
        'CO_FINANCIAMENTO',
        'CO_RUBRICA',
        'DT_COMPETENCIA'
    ],
    tb_grupo: ['CO_GRUPO', 'NO_GRUPO'],
    tb_sub_grupo: ['CO_GRUPO', 'CO_SUB_GRUPO', 'NO_SUB_GRUPO'],
    tb_forma_organizacao: ['CO_GRUPO', 'CO_SUB_GRUPO', 'CO_FORMA_ORGANIZACAO', 'NO_FORMA_ORGANIZACAO'],
    tb_cid: ['CO_CID', 'NO_CID'],
    tb_detalhe: ['CO_DETALHE', 'NO_DETALHE'],
    rl_procedimento_compativel: [
        'CO_PROCEDIMENTO_PRINCIPAL',
        'CO_REGISTRO_PRINCIPAL',
        'CO_PROCEDIMENTO_COMPATIVEL',
        'CO_REGISTRO_COMPATIVEL',
        'TP_COMPATIBILIDADE',
        'QT_PERMITIDA'
    ],
    rl_procedimento_cid: ['CO_PROCEDIMENTO', 'CO_CID'],
    rl_procedimento_registro: ['CO_PROCEDIMENTO', 'CO_REGISTRO'],
    tb_descricao: ['CO_PROCEDIMENTO', 'DS_PROCEDIMENTO'],
    rl_procedimento_ocupacao: ['CO_PROCEDIMENTO', 'CO_OCUPACAO'],
    rl_procedimento_habilitacao: ['CO_PROCEDIMENTO', 'CO_HABILITACAO'],
    rl_procedimento_detalhe: ['CO_PROCEDIMENTO', 'CO_DETALHE'],
    rl_procedimento_regra_cond: ['CO_PROCEDIMENTO', 'CO_REGRA_CONDICIONADA']
} as const satisfies Record<TableName, readonly string[]>;

/** The layout's columns called `names`, in their order: one element per name (a missing one is `sigtap/layout`). */
function columnsNamed<const N extends readonly string[]>(
    layout: SigtapLayout,
    names: N
): { [K in keyof N]: SigtapColumn } {
    return names.map(name => layout.column(name)) as { [K in keyof N]: SigtapColumn };
}

export const dataFile = (table: string): string => `${table}.txt`;
export const layoutFile = (table: string): string => `${table}_layout.txt`;

/**
 * The layout of `table`, checked: the table and its layout are in the zip (`tabela-ausente`,
 * `layout-ausente`) and the layout has every column the reader needs (`sigtap/layout`, naming them).
 */
export function checkedLayout(contents: ZipContents, table: TableName, arquivo: string): SigtapLayout {
    if (!contents.entries.has(dataFile(table))) {
        throw new SigtapError(
            'sigtap/tabela-ausente',
            `A tabela ${dataFile(table)} não está no arquivo ${arquivo}; ela é necessária para ler a competência SIGTAP.`,
            { arquivo }
        );
    }
    const bytes = contents.files.get(layoutFile(table));
    if (!bytes) {
        throw new SigtapError(
            'sigtap/layout-ausente',
            `O arquivo ${arquivo} traz a tabela ${dataFile(table)} sem o seu layout ${layoutFile(table)}.`,
            { arquivo }
        );
    }
    return wrapSigtap(
        () => parseLayoutBytes(bytes, table, REQUIRED_COLUMNS[table]),
        'sigtap/layout',
        `Layout ${layoutFile(table)} ilegível`,
        arquivo
    );
}

/** The inflated bytes of a table known to be in the zip (empty when it was not inflated). */
export function tableData(contents: ZipContents, table: TableName): Uint8Array {
    return contents.files.get(dataFile(table)) ?? new Uint8Array(0);
}

const SEXOS = new Set(['M', 'F', 'I', 'N']);

/** tb_procedimento → code → record; a code seen twice is `sigtap/codigo-duplicado`. */
export function parseProcedimentos(data: Uint8Array, layout: SigtapLayout): Map<string, SigtapProcedimento> {
    const [
        codigo,
        nome,
        complexidade,
        sexo,
        qtMax,
        idadeMin,
        idadeMax,
        vlSh,
        vlSa,
        vlSp,
        financiamento,
        rubrica,
        competencia
    ] = columnsNamed(layout, REQUIRED_COLUMNS.tb_procedimento);
    const result = new Map<string, SigtapProcedimento>();
    const firstLine = new Map<string, number>();
    forEachRow(data, layout, row => {
        const code = row.text(codigo);
        const previous = firstLine.get(code);
        if (previous !== undefined) {
            throw new SigtapError(
                'sigtap/codigo-duplicado',
                `O procedimento ${code} aparece duas vezes em tb_procedimento.txt (linhas ${previous} e ${row.numero}).`
            );
        }
        firstLine.set(code, row.numero);
        const tpSexo = row.text(sexo);
        result.set(code, {
            codigo: code,
            nome: row.text(nome),
            complexidade: row.text(complexidade),
            sexo: (SEXOS.has(tpSexo) ? tpSexo : 'N') as SigtapSexo,
            qtMaximaExecucao: row.int(qtMax),
            idadeMinimaMeses: row.int(idadeMin),
            idadeMaximaMeses: row.int(idadeMax),
            vlShCentavos: row.int(vlSh),
            vlSaCentavos: row.int(vlSa),
            vlSpCentavos: row.int(vlSp),
            financiamento: row.text(financiamento),
            rubrica: row.text(rubrica),
            competencia: row.text(competencia)
        });
    });
    return result;
}

/** Code → name, the code being the concatenation of `keyColumns` (e.g. CO_GRUPO + CO_SUB_GRUPO). */
export function parseNames(
    data: Uint8Array,
    layout: SigtapLayout,
    keyColumns: readonly string[],
    nameColumn: string
): Map<string, string> {
    const keys = keyColumns.map(c => layout.column(c));
    const name = layout.column(nameColumn);
    const result = new Map<string, string>();
    forEachRow(data, layout, row => {
        const key = keys.map(k => row.text(k)).join('');
        if (!result.has(key)) result.set(key, row.text(name));
    });
    return result;
}

/** Key → sorted distinct values of `valueColumn` (e.g. procedure → CIDs). */
export function parseRelation(
    data: Uint8Array,
    layout: SigtapLayout,
    keyColumn: string,
    valueColumn: string,
    keep?: RowFilter
): Map<string, string[]> {
    const key = layout.column(keyColumn);
    const value = layout.column(valueColumn);
    const sets = new Map<string, Set<string>>();
    forEachRow(
        data,
        layout,
        row => {
            const k = row.text(key);
            let set = sets.get(k);
            if (!set) sets.set(k, (set = new Set()));
            set.add(row.text(value));
        },
        keep
    );
    const result = new Map<string, string[]>();
    for (const [k, set] of sets) result.set(k, [...set].sort());
    return result;
}

/** rl_procedimento_compativel → principal → components sorted by code (then registros). */
export function parseCompativeis(data: Uint8Array, layout: SigtapLayout): Map<string, SigtapCompatibilidade[]> {
    const [principal, regPrincipal, compativel, regCompativel, tp, qt] = columnsNamed(
        layout,
        REQUIRED_COLUMNS.rl_procedimento_compativel
    );
    const result = new Map<string, SigtapCompatibilidade[]>();
    forEachRow(data, layout, row => {
        const key = row.text(principal);
        const tpCompatibilidade = row.text(tp);
        const item: SigtapCompatibilidade = {
            codigo: row.text(compativel),
            tpCompatibilidade,
            tipo: tpCompatibilidade === '5' ? 'obrigatoria' : tpCompatibilidade === '1' ? 'compativel' : 'outro',
            qtPermitida: row.int(qt),
            registroPrincipal: row.text(regPrincipal),
            registroCompativel: row.text(regCompativel)
        };
        const list = result.get(key);
        if (list) list.push(item);
        else result.set(key, [item]);
    });
    for (const list of result.values()) list.sort(compareCompatibilidade);
    return result;
}

function compareCompatibilidade(a: SigtapCompatibilidade, b: SigtapCompatibilidade): number {
    return (
        compare(a.codigo, b.codigo) ||
        compare(a.registroPrincipal, b.registroPrincipal) ||
        compare(a.registroCompativel, b.registroCompativel)
    );
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** tb_descricao → code → description (first row of a code wins), limited to the rows `keep` accepts. */
export function parseDescricoes(data: Uint8Array, layout: SigtapLayout, keep?: RowFilter): Map<string, string> {
    const codigo = layout.column('CO_PROCEDIMENTO');
    const texto = layout.column('DS_PROCEDIMENTO');
    const result = new Map<string, string>();
    forEachRow(
        data,
        layout,
        row => {
            const code = row.text(codigo);
            if (!result.has(code)) result.set(code, row.text(texto).trim());
        },
        keep
    );
    return result;
}
