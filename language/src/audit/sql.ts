/**
 * Compiles a catalogue (CatalogoJson) and a production binding into the audit as SQL
 * (Portaria GM/MS nº 3.492/2024, art. 14 §2 III-IV and art. 12 VI).
 *
 * The script is a list of statements, each `DROP TABLE IF EXISTS t` + `CREATE TABLE t AS …`
 * (a view for the first):
 *
 *   carga        producao_bruta (view)     the production, canonical column names, all text
 *                                          (dialect: DuckDB read_csv/read_parquet, or the engine's table)
 *   catálogo     cat_oci, cat_componente, cat_componente_procedimento, cat_conclusao,
 *                cat_procedimento_oci      literal VALUES from the catalogue JSON
 *   normalização producao (table)          digits only, date, day number, record kind (OCI of the
 *                                          catalogue, BPA, other APAC), validity: the ONE read of the files
 *   episódios    cat_oci_componentes, episodio   ONE pass over the production grouped by
 *                                          (APAC number, person, OCI), components side by side
 *   verificações pessoa_status, registro_fora, producao_arquivo, registro_repetido, cobranca_dupla,
 *                episodio_auditado
 *   relatórios   relatorio_oci, relatorio_estabelecimento, relatorio_total,
 *                relatorio_distribuicao, resumo_competencia, resumo_entrada
 *
 * The files are read and normalized once, into the `producao` table that every later pass scans:
 * at state scale (10⁷ records) the string work of reading and normalizing is what costs (DuckDB
 * keeps the table compressed in memory: motor.ts).
 * Everything but the `producao_bruta` binding and the functions of dialeto.ts is portable SQL.
 * Money is DECIMAL(18,2) from the catalogue's strings to the sums; no floating point.
 */
import type { CatalogoJson } from '../generator/catalogo-json.js';
import { formatCodigo } from '../sigtap/codigo.js';
import { adaptarInstrucoes, identificador, leitorDuckdb, literal, type Dialeto } from './dialeto.js';
import { UF_IBGE } from './identificadores.js';

/** Canonical production columns (README "Auditoria da produção"). */
export const COLUNAS = [
    'pessoa',
    'data',
    'procedimento',
    'quantidade',
    'instrumento',
    'procedimento_principal',
    'cnes',
    'competencia',
    'sexo',
    'idade',
    'cid'
] as const;
/**
 * Optional columns of the patient (SIA APAC: AP_SEXO, AP_NUIDADE — age in years —, AP_CIDPRI),
 * found by those names too; without them the público and CID checks are not made.
 */
export const NOMES_SIA: Partial<Record<string, string>> = { sexo: 'AP_SEXO', idade: 'AP_NUIDADE', cid: 'AP_CIDPRI' };
/** Width of the code/identifier columns a typed file (Parquet, integers) may have lost leading zeros of. */
export const LARGURA: Partial<Record<Coluna, number>> = {
    pessoa: 11,
    procedimento: 10,
    procedimento_principal: 10,
    instrumento: 13,
    cnes: 7
};
export type Coluna = (typeof COLUNAS)[number];
/** Columns a production file must have (after --map); `quantidade` defaults to 1, `competencia` to the date's month. */
export const COLUNAS_OBRIGATORIAS: readonly Coluna[] = [
    'pessoa',
    'data',
    'procedimento',
    'instrumento',
    'procedimento_principal',
    'cnes'
];

/** Stable codes of the audit's findings: the registry with their citations is achados.ts. */
export { ACHADOS, ACHADOS_DE_REGISTRO, type Achado } from './achados.js';
import { ACHADOS } from './achados.js';

/** One production file and, for each canonical column, the file's column (undefined: absent). */
/** How a typed file holds a column (CSV: always text). */
export type TipoColuna = 'texto' | 'inteiro' | 'data';

export interface FonteProducao {
    arquivo: string;
    colunas: Partial<Record<Coluna, string>>;
    /** Typed columns (Parquet); absent: text. */
    tipos?: Partial<Record<Coluna, TipoColuna>>;
}

/** Where the production comes from: files (DuckDB) or a table of the target engine. */
export type Producao = { arquivos: FonteProducao[] } | { tabela: string; colunas: Partial<Record<Coluna, string>> };

export interface OpcoesSql {
    dialeto: Dialeto;
    /** The 5th digit of OCI APAC numbers, once published (art. 16 §1); unchecked when absent. */
    digitoTipoApac?: string;
}

export interface Instrucao {
    /** The table the statement creates. */
    tabela: string;
    descricao: string;
    sql: string[];
    /** The table keeps the order of the files (its rows' positions are the records' lines: motor.ts). */
    ordenada?: boolean;
}

const DIGITOS = "'0123456789'";

function soDigitosSql(col: string): string {
    return `LENGTH(TRANSLATE(${col}, ${DIGITOS}, '')) = 0`;
}

function soma(termos: string[]): string {
    return termos.join(' + ');
}

/**
 * The i-th digit (1-based, from the left) of a `tamanho`-digit number `n` (BIGINT), by integer
 * arithmetic: (n mod 10^(k+1) − n mod 10^k) / 10^k is exact in every engine (a digit times a power
 * of ten), and costs far less than string functions on millions of rows.
 */
function digitoDe(n: string, tamanho: number, i: number): string {
    const k = tamanho - i;
    const alto = `MOD(${n}, ${10 ** (k + 1)})`;
    return k === 0 ? alto : `CAST((${alto} - MOD(${n}, ${10 ** k})) / ${10 ** k} AS INTEGER)`;
}

/** `p` as a number, for the check-digit arithmetic (NULL when it is not one). */
export function comoNumero(p: string): string {
    return `TRY_CAST(${p} AS BIGINT)`;
}

/** CPF check digits (see identificadores.ts for the rule); `n` = comoNumero(p). */
export function cpfValidoSql(p: string, n = comoNumero(p)): string {
    const iguais = Array.from({ length: 10 }, (_, d) =>
        String(d)
            .repeat(11)
            .replace(/^0+(?=.)/, '')
    ).join(', ');
    const d = (i: number) => digitoDe(n, 11, i);
    const dv1 = `MOD(MOD(${soma(Array.from({ length: 9 }, (_, k) => `${d(k + 1)} * ${k + 1}`))}, 11), 10)`;
    const dv2 = `MOD(MOD(${soma(Array.from({ length: 9 }, (_, k) => `${d(k + 2)} * ${k + 1}`))}, 11), 10)`;
    return `(LENGTH(${p}) = 11 AND ${soDigitosSql(p)} AND ${n} NOT IN (${iguais}) AND ${dv1} = ${d(10)} AND ${dv2} = ${d(11)})`;
}

/** CNS: first digit 1, 2, 7, 8 or 9 and Σ dᵢ·(16 − i) ≡ 0 (mod 11); `n` = comoNumero(p). */
export function cnsValidoSql(p: string, n = comoNumero(p)): string {
    const pesos = soma(Array.from({ length: 15 }, (_, k) => `${digitoDe(n, 15, k + 1)} * ${15 - k}`));
    return `(LENGTH(${p}) = 15 AND ${soDigitosSql(p)} AND SUBSTRING(${p} FROM 1 FOR 1) IN ('1', '2', '7', '8', '9') AND MOD(${pesos}, 11) = 0)`;
}

/**
 * Why an APAC number is not a valid OCI APAC number (NULL when it is): 13 digits, UF, check digit
 * = first 12 digits mod 11 (10 → 0).
 */
export function apacProblemaSql(a: string, digitoTipo: string | undefined): string {
    const n = comoNumero(a);
    const dv = `MOD(MOD(CAST((${n} - MOD(${n}, 10)) / 10 AS BIGINT), 11), 10)`;
    const ufs = UF_IBGE.map(u => `'${u}'`).join(', ');
    return [
        'CASE',
        `  WHEN LENGTH(${a}) <> 13 THEN 'tamanho'`,
        `  WHEN NOT ${soDigitosSql(a)} THEN 'nao-numerico'`,
        `  WHEN SUBSTRING(${a} FROM 1 FOR 2) NOT IN (${ufs}) THEN 'uf'`,
        `  WHEN ${dv} <> MOD(${n}, 10) THEN 'digito-verificador'`,
        ...(digitoTipo !== undefined
            ? [`  WHEN SUBSTRING(${a} FROM 5 FOR 1) <> ${literal(digitoTipo)} THEN 'tipo'`]
            : []),
        '  ELSE NULL END'
    ].join('\n    ');
}

/** LGPD mask, same rule as maskPessoa(): CPF ***.456.789-**, CNS *** 4567 8901 ****, else ***. */
export function mascaraSql(p: string): string {
    return `CASE WHEN NOT ${soDigitosSql(p)} THEN '***'
         WHEN LENGTH(${p}) = 11 THEN '***.' || SUBSTRING(${p} FROM 4 FOR 3) || '.' || SUBSTRING(${p} FROM 7 FOR 3) || '-**'
         WHEN LENGTH(${p}) = 15 THEN '*** ' || SUBSTRING(${p} FROM 4 FOR 4) || ' ' || SUBSTRING(${p} FROM 8 FOR 4) || ' ****'
         ELSE '***' END`;
}

function criar(tabela: string, descricao: string, select: string): Instrucao {
    return {
        tabela,
        descricao,
        sql: [`DROP TABLE IF EXISTS ${tabela}`, `CREATE TABLE ${tabela} AS\n${select.trim()}`]
    };
}

type Tipo = 'texto' | 'inteiro' | 'dinheiro';

/** A catalogue table from literal rows; typed even when empty. */
type Linha = Array<string | number | null>;

function tabelaDeValores(
    tabela: string,
    descricao: string,
    colunas: Array<[string, Tipo]>,
    linhas: Linha[],
    d: Dialeto
): Instrucao {
    const tipo = (t: Tipo) => (t === 'texto' ? d.texto : t === 'inteiro' ? 'INTEGER' : 'DECIMAL(18,2)');
    const valor = (v: string | number | null, t: Tipo) =>
        v === null ? 'NULL' : t === 'inteiro' ? String(v) : literal(String(v));
    const projecao = colunas.map(([c, t]) => `CAST(${c} AS ${tipo(t)}) AS ${c}`).join(', ');
    const nomes = colunas.map(([c]) => c).join(', ');
    const corpo = linhas.length
        ? `(VALUES\n  ${linhas.map(l => `(${colunas.map(([, t], i) => valor(l[i] ?? null, t)).join(', ')})`).join(',\n  ')}\n) AS t(${nomes})`
        : `(VALUES (${colunas.map(([, t]) => (t === 'inteiro' ? '0' : "''")).join(', ')})) AS t(${nomes}) WHERE 1 = 0`;
    return criar(tabela, descricao, `SELECT ${projecao} FROM ${corpo}`);
}

/**
 * (OCI, procedure) → component and whether it concludes the OCI; a concluding procedure outside the components has no
 * component.
 */
function procedimentoOci(membros: Linha[], conclusao: Linha[]): Linha[] {
    const conclui = new Set(conclusao.map(([o, p]) => `${o}|${p}`));
    const linhas: Linha[] = membros.map(([o = null, c = null, p = null]) => [
        o,
        p,
        c,
        conclui.has(`${o}|${p}`) ? 1 : 0
    ]);
    const vistos = new Set(membros.map(([o, , p]) => `${o}|${p}`));
    for (const [o = null, p = null] of conclusao) if (!vistos.has(`${o}|${p}`)) linhas.push([o, p, null, 1]);
    return linhas;
}

/** The catalogue as tables. */
export function tabelasDoCatalogo(catalogo: CatalogoJson, d: Dialeto): Instrucao[] {
    const sexo = (o: CatalogoJson['ocis'][number]) =>
        o.publico?.sexo === 'feminino' ? 'F' : o.publico?.sexo === 'masculino' ? 'M' : null;
    const ocis: Linha[] = catalogo.ocis.map(o => [
        o.codigo,
        o.nome,
        o.tR,
        o.tM,
        sexo(o),
        o.publico?.idadeMinimaMeses ?? 0,
        o.publico?.idadeMaximaMeses ?? null,
        new Set(o.cids ?? []).size
    ]);
    const cids: Linha[] = catalogo.ocis.flatMap(o => [...new Set(o.cids ?? [])].map(c => [o.codigo, c]));
    const componentes: Linha[] = [];
    const membros: Linha[] = [];
    const conclusao: Linha[] = [];
    for (const o of catalogo.ocis) {
        o.componentes.forEach((c, i) => {
            const rotulo = c.grupo ?? formatCodigo(c.procedimentos[0]?.codigo ?? '');
            componentes.push([o.codigo, i + 1, c.tipo, rotulo, c.qt, c.estimativa.reais]);
            for (const p of new Set(c.procedimentos.map(x => x.codigo))) membros.push([o.codigo, i + 1, p]);
        });
        for (const p of new Set(o.conclusao?.procedimentos.map(x => x.codigo) ?? [])) conclusao.push([o.codigo, p]);
    }
    return [
        tabelaDeValores(
            'cat_oci',
            'OCIs do catálogo: código, nome, tR e tM em dias (art. 6 §2 III-IV), público (sexo F/M ou nulo = ambos, idades em meses) e quantos CIDs',
            [
                ['oci_codigo', 'texto'],
                ['nome', 'texto'],
                ['tr', 'inteiro'],
                ['tm', 'inteiro'],
                ['sexo', 'texto'],
                ['idade_min', 'inteiro'],
                ['idade_max', 'inteiro'],
                ['n_cids', 'inteiro']
            ],
            ocis,
            d
        ),
        tabelaDeValores(
            'cat_oci_cid',
            'CIDs de cada OCI (sem ponto: I10, Z136)',
            [
                ['oci_codigo', 'texto'],
                ['cid', 'texto']
            ],
            cids,
            d
        ),
        tabelaDeValores(
            'cat_componente',
            'componentes de cada OCI: tipo, rótulo, quantidade máxima e valor de referência (estimativa do catálogo ou valor SIGTAP)',
            [
                ['oci_codigo', 'texto'],
                ['componente_id', 'inteiro'],
                ['tipo', 'texto'],
                ['rotulo', 'texto'],
                ['qt', 'inteiro'],
                ['estimativa', 'dinheiro']
            ],
            componentes,
            d
        ),
        tabelaDeValores(
            'cat_componente_procedimento',
            'procedimentos de cada componente (um, ou os membros do grupo "um de")',
            [
                ['oci_codigo', 'texto'],
                ['componente_id', 'inteiro'],
                ['procedimento', 'texto']
            ],
            membros,
            d
        ),
        tabelaDeValores(
            'cat_conclusao',
            'procedimentos que concluem cada OCI (art. 6 §2 III)',
            [
                ['oci_codigo', 'texto'],
                ['procedimento', 'texto']
            ],
            conclusao,
            d
        ),
        tabelaDeValores(
            'cat_procedimento_oci',
            'cada procedimento de cada OCI: o componente a que pertence e se conclui a OCI (uma só busca por registro)',
            [
                ['oci_codigo', 'texto'],
                ['procedimento', 'texto'],
                ['componente_id', 'inteiro'],
                ['conclui', 'inteiro']
            ],
            procedimentoOci(membros, conclusao),
            d
        )
    ];
}

/**
 * `producao_bruta`: every canonical column, as text, from the files (DuckDB) or the engine's table,
 * plus `arquivo` (the file's name, for rejeitados.csv). A column a typed file holds as an integer
 * (Parquet, or a typed table) lost its leading zeros: it is left-padded to its width (LARGURA; a
 * person to 11 — a CNS never starts with 0). Floating-point code columns are refused earlier
 * (motor.ts resolveFontes).
 */
export function carga(producao: Producao, d: Dialeto): Instrucao {
    const coluna = (c: Coluna, nome: string, tipos: Partial<Record<Coluna, TipoColuna>> | undefined) => {
        const texto = `CAST(${identificador(nome, d)} AS ${d.texto})`;
        const largura = LARGURA[c];
        if (tipos?.[c] === 'inteiro' && largura !== undefined) {
            return `CASE WHEN LENGTH(${texto}) < ${largura} THEN LPAD(${texto}, ${largura}, '0') ELSE ${texto} END AS ${c}`;
        }
        if (tipos?.[c] === 'data') return `CAST(CAST(${identificador(nome, d)} AS DATE) AS ${d.texto}) AS ${c}`;
        return `${texto} AS ${c}`;
    };
    const projecao = (
        colunas: Partial<Record<Coluna, string>>,
        arquivo: string | null,
        tipos?: Partial<Record<Coluna, TipoColuna>>
    ) =>
        [
            ...COLUNAS.map(c => (colunas[c] ? coluna(c, colunas[c]!, tipos) : `CAST(NULL AS ${d.texto}) AS ${c}`)),
            `CAST(${arquivo === null ? 'NULL' : literal(arquivo)} AS ${d.texto}) AS arquivo`,
            'CAST(NULL AS BIGINT) AS posicao'
        ].join(',\n       ');
    if ('tabela' in producao) {
        return {
            tabela: 'producao_bruta',
            descricao: `a produção, lida da tabela ${producao.tabela} do motor (troque pelo nome da sua tabela)`,
            sql: [
                'DROP VIEW IF EXISTS producao_bruta',
                `CREATE VIEW producao_bruta AS\nSELECT ${projecao(producao.colunas, null)}\nFROM ${producao.tabela}`
            ]
        };
    }
    if (d.nome !== 'duckdb')
        throw new Error('arquivos de produção só são lidos pelo DuckDB; nos outros motores use uma tabela');
    const partes = producao.arquivos.map(
        f =>
            `SELECT ${projecao(f.colunas, f.arquivo.split(/[\\/]/).pop() ?? f.arquivo, f.tipos)}\nFROM ${leitorDuckdb(f.arquivo)}`
    );
    return {
        tabela: 'producao_bruta',
        descricao: 'a produção, lida dos arquivos CSV/Parquet (DuckDB; linhas ilegíveis do CSV vão para reject_errors)',
        sql: ['DROP VIEW IF EXISTS producao_bruta', `CREATE VIEW producao_bruta AS\n${partes.join('\nUNION ALL\n')}`]
    };
}

/** Earliest plausible procedure date (before it, a typo): data/fora-do-periodo. */
export const DATA_MINIMA = '2000-01-01';

/**
 * Why a record of `producao` (alias `r`) is rejected, in order; each reason a short Portuguese
 * phrase for rejeitados.csv. Computed only for the rejected records (registro_fora); `validoSql`
 * is the same rule as one cheap test for every record.
 */
function motivoSql(r: string, d: Dialeto): string {
    return `CASE WHEN ${r}.data IS NULL THEN CASE WHEN ${r}.data_bruta IS NULL OR TRIM(${r}.data_bruta) = '' THEN 'data vazia' ELSE 'data ilegível' END
            WHEN ${r}.quantidade IS NULL OR ${r}.quantidade <= 0 THEN 'quantidade não é um inteiro positivo'
            WHEN NOT ${d.casa(`${r}.procedimento`, '[0-9]{10}')} THEN 'procedimento não tem 10 dígitos'
            WHEN ${aspas(r)} THEN 'aspas sem par'
            WHEN ${r}.pessoa = '' THEN 'pessoa (CPF/CNS) vazia'
            WHEN ${r}.instrumento = '' THEN 'instrumento vazio'
            WHEN ${r}.cnes = '' THEN 'cnes vazio'
            ELSE 'procedimento principal não tem 10 dígitos' END`;
}

function aspas(r: string): string {
    return `(${r}.pessoa LIKE '%"%' OR ${r}.instrumento LIKE '%"%' OR ${r}.cnes LIKE '%"%')`;
}

/** A raw code column is 10 digits, or exactly the printed form 03.01.01.007-2. */
function codigoValidoSql(c: string, d: Dialeto): string {
    return d.casa(c, '[0-9]{10}|[0-9]{2}[.][0-9]{2}[.][0-9]{2}[.][0-9]{3}-[0-9]');
}

/**
 * The same rule as motivoSql as one test on the RAW columns of producao_bruta: written on the
 * normalized columns, the engine inlines each normalization into the filter once per use (DuckDB
 * did: 2x the CPU of the whole audit).
 */
function validoSql(d: Dialeto): string {
    return `CASE WHEN TRY_CAST(data AS DATE) IS NOT NULL
                 AND (quantidade IS NULL OR (LENGTH(quantidade) <= 6 AND ${d.casa('quantidade', '0*[1-9][0-9]*')}))
                 AND ${codigoValidoSql('procedimento', d)}
                 AND NOT ${aspas('producao_bruta')}
                 AND NOT ${d.casa('pessoa', '[-./ ]*')} AND LENGTH(TRIM(instrumento)) > 0 AND LENGTH(TRIM(cnes)) > 0
                 AND (procedimento_principal IS NULL OR TRIM(procedimento_principal) = ''
                      OR ${codigoValidoSql('procedimento_principal', d)})
            THEN 1 ELSE 0 END`;
}

/** Each finding on an episode: its 0/1 column of `f` and its code in `achados` (the reports' order). */
const COLUNAS_DOS_ACHADOS: ReadonlyArray<readonly [string, string]> = [
    ['tempo_excedido', ACHADOS.tempo],
    ['obrigatorio_ausente', ACHADOS.obrigatorio],
    ['conclusao_ausente', ACHADOS.conclusao],
    ['quantidade_excedida', ACHADOS.quantidade],
    ['cobranca_dupla', ACHADOS.cobranca],
    ['pessoa_invalida', ACHADOS.pessoa],
    ['apac_invalida', ACHADOS.apac],
    ['fora_da_oci', ACHADOS.foraDaOci],
    ['conclusao_antes', ACHADOS.conclusaoAntes],
    ['duplicado', ACHADOS.duplicado],
    ['data_fora', ACHADOS.dataFora],
    ['fora_validade', ACHADOS.validade],
    ['sexo_incompativel', ACHADOS.sexo],
    ['idade_incompativel', ACHADOS.idade],
    ['cid_incompativel', ACHADOS.cid]
];

/** 1 when any finding's column of `f` is set. */
const ANY_ACHADO_SQL = `CASE WHEN ${COLUNAS_DOS_ACHADOS.map(([coluna]) => `f.${coluna}`).join('\n                 + ')} > 0 THEN 1 ELSE 0 END`;

/** The codes of the findings set on the episode, separated by spaces. */
const ACHADOS_LIST_SQL = `TRIM(${COLUNAS_DOS_ACHADOS.map(
    ([coluna, achado]) => `CASE WHEN f.${coluna} = 1 THEN '${achado} ' ELSE '' END`
).join('\n         || ')})`;

/**
 * The portable part: normalization, episodes, checks, reports. `componentes`: the most components of
 * one OCI; `ocis`: the catalogue's OCI codes.
 */
export function verificacoes(
    d: Dialeto,
    componentes: number,
    ocis: readonly string[],
    opcoes: { digitoTipoApac?: string } = {}
): Instrucao[] {
    const t = d.texto;
    // CPF/CNS: trimmed (fixed-width padding) and, when not then 11 or 15 characters, stripped of the
    // separators of the printed forms; a value that is still not digits is an invalid person.
    const semSeparadores = (c: string) =>
        `REPLACE(REPLACE(REPLACE(REPLACE(${c}, '.', ''), '-', ''), '/', ''), ' ', '')`;
    // (11 characters: a CPF as written — with a blank it is not 11 digits and stays invalid; a
    // 15-character value may be a CPF padded to the width of a CNS: trimmed.)
    const pessoa = `COALESCE(CASE WHEN LENGTH(pessoa) = 11 THEN pessoa
                  WHEN LENGTH(TRIM(pessoa)) = 11 OR LENGTH(TRIM(pessoa)) = 15 THEN TRIM(pessoa) ELSE ${semSeparadores('TRIM(pessoa)')} END, '')`;
    // Procedure codes: exactly 10 digits, or exactly the printed form 03.01.01.007-2 (only its dots
    // and dash removed). Anything else (a sign, a space, another length) stays as written and is
    // rejected by motivoSql.
    const codigo = (
        c: string
    ) => `COALESCE(CASE WHEN LENGTH(${c}) = 14 AND SUBSTRING(${c} FROM 3 FOR 1) = '.' AND SUBSTRING(${c} FROM 6 FOR 1) = '.'
                        AND SUBSTRING(${c} FROM 9 FOR 1) = '.' AND SUBSTRING(${c} FROM 13 FOR 1) = '-'
                   THEN SUBSTRING(${c} FROM 1 FOR 2) || SUBSTRING(${c} FROM 4 FOR 2) || SUBSTRING(${c} FROM 7 FOR 2) || SUBSTRING(${c} FROM 10 FOR 3) || SUBSTRING(${c} FROM 14 FOR 1)
                   ELSE ${c} END, '')`;
    // BPA written as "BPA-I", "bpa_c", " BPA "… (only values of at most 8 characters get here).
    const bpa = `UPPER(REPLACE(${semSeparadores('TRIM(instrumento)')}, '_', ''))`;
    const slots = Array.from({ length: componentes }, (_, k) => k + 1);
    const instrucoes: Instrucao[] = [];
    const mesDe = (data: string) => `(EXTRACT(YEAR FROM ${data}) * 12 + EXTRACT(MONTH FROM ${data}))`;

    instrucoes.push({
        tabela: 'producao',
        ordenada: true,
        descricao:
            'registros normalizados, numa tabela (a única leitura dos arquivos; cada passo abaixo lê a tabela): pessoa sem espaços e separadores, códigos de 10 dígitos, data, dia (inteiro), tipo do registro, validade, data no período; os valores brutos só dos rejeitados',
        sql: [
            'DROP TABLE IF EXISTS producao',
            `CREATE TABLE producao AS
WITH n AS (
  SELECT ${pessoa} AS pessoa,
         TRY_CAST(data AS DATE) AS data, data AS data_bruta,
         ${codigo('procedimento')} AS procedimento,
         CASE WHEN quantidade IS NULL THEN 1
              WHEN ${d.casa('quantidade', '[0-9]{1,6}')} THEN CAST(quantidade AS INTEGER) END AS quantidade,
         quantidade AS quantidade_bruta,
         CASE WHEN LENGTH(instrumento) = 13 THEN instrumento
              WHEN instrumento = 'BPA' THEN 'BPA'
              WHEN LENGTH(instrumento) <= 8 AND (${bpa} = 'BPA' OR ${bpa} = 'BPAI' OR ${bpa} = 'BPAC') THEN 'BPA'
              ELSE COALESCE(${semSeparadores('TRIM(instrumento)')}, '') END AS instrumento,
         ${codigo('procedimento_principal')} AS procedimento_principal,
         COALESCE(TRIM(cnes), '') AS cnes,
         COALESCE(TRIM(competencia), '') AS competencia,
         arquivo, posicao,
         UPPER(TRIM(sexo)) AS sexo, TRY_CAST(TRIM(idade) AS INTEGER) AS idade, UPPER(REPLACE(TRIM(cid), '.', '')) AS cid,
         ${validoSql(d)} AS valido
  FROM producao_bruta
), v AS (
  SELECT n.*,
         CASE WHEN n.competencia <> '' THEN n.competencia
              WHEN n.data IS NULL THEN ''
              ELSE CAST(EXTRACT(YEAR FROM n.data) * 100 + EXTRACT(MONTH FROM n.data) AS ${t}) END AS competencia_efetiva,
         -- AAAAMM with a month 01-12, else no competência to compare the date with (202513 is not 2026-01).
         CASE WHEN ${d.casa('n.competencia', '[0-9]{4}(0[1-9]|1[0-2])')} THEN TRY_CAST(n.competencia AS INTEGER) END AS competencia_num
  FROM n
)
SELECT v.pessoa, v.data, ${d.diasDesdeEpoca('v.data')} AS dia, v.procedimento, v.quantidade, v.instrumento,
       v.procedimento_principal, v.cnes, v.competencia_efetiva AS competencia, v.arquivo, v.posicao,
       CASE WHEN v.valido = 0 THEN v.data_bruta END AS data_bruta,
       CASE WHEN v.valido = 0 THEN v.quantidade_bruta END AS quantidade_bruta, v.valido,
       v.sexo, v.idade, v.cid,
       -- data/fora-do-periodo: before 2000, after today, after the record's competência, or more than
       -- the APAC's validity (2 competências: the month and the next) before it.
       CASE WHEN v.data IS NULL THEN 0
            WHEN v.data < DATE '${DATA_MINIMA}' OR v.data > CURRENT_DATE THEN 0
            WHEN v.competencia_num IS NOT NULL AND v.competencia_num BETWEEN 190001 AND 999912
                 AND (${mesDe('v.data')} > CAST(v.competencia_num / 100 AS INTEGER) * 12 + MOD(v.competencia_num, 100)
                      OR CAST(v.competencia_num / 100 AS INTEGER) * 12 + MOD(v.competencia_num, 100) - ${mesDe('v.data')} > 1) THEN 0
            ELSE 1 END AS periodo_ok,
       CASE WHEN v.instrumento = 'BPA' THEN 'BPA'
            WHEN ${ocis.length ? `v.procedimento_principal IN (${ocis.map(literal).join(', ')})` : 'FALSE'} THEN 'OCI'
            WHEN SUBSTRING(v.procedimento_principal FROM 1 FOR 2) = '09' THEN 'OCI_FORA'
            ELSE 'APAC' END AS tipo_registro
FROM v`
        ]
    });

    // One row per OCI with its components side by side (slot k = componente_id k).
    const porSlot = (coluna: string) =>
        slots.map(k => `MAX(CASE WHEN componente_id = ${k} THEN ${coluna} END) AS ${coluna}_${k}`).join(',\n       ');
    instrucoes.push(
        criar(
            'cat_oci_componentes',
            'os componentes de cada OCI lado a lado (posição k = componente_id k): tipo, rótulo, quantidade máxima',
            `
SELECT o.oci_codigo, o.tr, o.tm${slots.length ? `,\n       ${porSlot('tipo')},\n       ${porSlot('rotulo')},\n       ${porSlot('qt')}` : ''}
FROM cat_oci o
LEFT JOIN cat_componente c ON c.oci_codigo = o.oci_codigo
GROUP BY o.oci_codigo, o.tr, o.tm`
        )
    );

    const quantidades = slots
        .map(k => `SUM(CASE WHEN r.componente_id = ${k} THEN r.quantidade END) AS q_${k}`)
        .join(',\n         ');
    instrucoes.push(
        criar(
            'episodio',
            'um episódio por (APAC, pessoa, OCI), numa leitura da produção: datas dos procedimentos componentes e de conclusão da OCI (o registro do principal e procedimentos estranhos à OCI não contam; datas fora do período também não), quantidade de cada componente (grupo "um de": soma dos membros), conclusão, procedimentos estranhos, registros repetidos, primeira e última data da APAC (validade); janela da cobrança dupla = primeira data − tM … última data + tM',
            `
WITH r AS (
  SELECT p.instrumento AS apac, p.pessoa, p.procedimento_principal AS oci_codigo, p.procedimento, p.dia, p.data, p.quantidade, p.cnes, p.periodo_ok,
         p.sexo, p.idade, p.cid,
         po.componente_id, COALESCE(po.conclui, 0) AS conclui,
         CASE WHEN po.procedimento IS NOT NULL AND p.periodo_ok = 1 THEN 1 ELSE 0 END AS conta_tempo,
         CASE WHEN po.procedimento IS NULL AND p.procedimento <> p.procedimento_principal THEN 1 ELSE 0 END AS estranho
  FROM producao p
  LEFT JOIN cat_procedimento_oci po ON po.oci_codigo = p.procedimento_principal AND po.procedimento = p.procedimento
  WHERE p.valido = 1 AND p.tipo_registro = 'OCI'
), e AS (
  SELECT r.apac, r.pessoa, r.oci_codigo,
         MIN(r.cnes) AS cnes,
         MIN(CASE WHEN r.conta_tempo = 1 THEN r.dia END) AS primeiro_dia,
         MAX(CASE WHEN r.conta_tempo = 1 THEN r.dia END) AS ultimo_dia,
         MIN(CASE WHEN r.conta_tempo = 1 THEN r.data END) AS primeira_data,
         MAX(CASE WHEN r.conta_tempo = 1 THEN r.data END) AS ultima_data,
         MAX(CASE WHEN r.conta_tempo = 1 AND r.conclui = 1 THEN r.dia END) AS dia_conclusao,
         MAX(CASE WHEN r.conta_tempo = 1 AND r.conclui = 0 THEN r.dia END) AS dia_ultimo_componente,
         -- Without a dated component, the window rests on the OCI's own record (its code): never on a
         -- foreign procedure, which would stretch it onto legitimate production (false cobranca/dupla).
         MIN(CASE WHEN r.periodo_ok = 1 AND r.estranho = 0 THEN r.dia END) AS dia_min, MAX(CASE WHEN r.periodo_ok = 1 AND r.estranho = 0 THEN r.dia END) AS dia_max,
         MIN(CASE WHEN r.periodo_ok = 1 THEN r.data END) AS data_apac_inicio, MAX(CASE WHEN r.periodo_ok = 1 THEN r.data END) AS data_apac_fim,
         SUM(r.estranho) AS estranhos,
         MIN(CASE WHEN r.estranho = 1 THEN r.procedimento END) AS estranho_min,
         MAX(CASE WHEN r.estranho = 1 THEN r.procedimento END) AS estranho_max,
         SUM(1 - r.periodo_ok) AS datas_fora,
         MIN(r.sexo) AS sexo, MIN(r.idade) AS idade, MIN(CASE WHEN r.cid <> '' THEN r.cid END) AS cid,
         MAX(r.conclui) AS concluida${slots.length ? `,\n         ${quantidades}` : ''}
  FROM r
  GROUP BY r.apac, r.pessoa, r.oci_codigo
)
SELECT e.*, o.tr, o.tm, o.sexo AS publico_sexo, o.idade_min, o.idade_max, o.n_cids,
       COALESCE(e.primeiro_dia, e.dia_min) - COALESCE(o.tm, 0) AS janela_inicio,
       COALESCE(e.ultimo_dia, e.dia_max) + COALESCE(o.tm, 0) AS janela_fim
FROM e JOIN cat_oci o ON o.oci_codigo = e.oci_codigo`
        )
    );

    instrucoes.push(
        criar(
            'pessoa_status',
            'CPF (11 dígitos) ou CNS (15 dígitos) com dígitos verificadores válidos, por pessoa distinta dos episódios',
            `
SELECT p.pessoa, CASE WHEN ${cpfValidoSql('p.pessoa', 'p.n')} OR ${cnsValidoSql('p.pessoa', 'p.n')} THEN 1 ELSE 0 END AS valida
FROM (SELECT d.pessoa, ${comoNumero('d.pessoa')} AS n FROM (SELECT DISTINCT pessoa FROM episodio) d) p`
        )
    );

    instrucoes.push(
        criar(
            'registro_fora',
            'numa leitura da produção, os registros que não são de episódio e interessam: componentes de OCI cobrados fora de OCI (BPA ou APAC cujo principal não é OCI; categoria "fora"), códigos de OCI em BPA ("oci_em_bpa"), APAC de OCI fora do catálogo ("oci_fora_do_rol") e os rejeitados ("rejeitado", com o motivo); numerados',
            `
SELECT ${d.numeroDaLinha()} AS registro_id, f.*
FROM (SELECT CASE WHEN r.valido = 0 THEN 'rejeitado'
                  WHEN r.tipo_registro = 'OCI_FORA' THEN 'oci_fora_do_rol'
                  WHEN r.tipo_registro = 'BPA' AND SUBSTRING(r.procedimento FROM 1 FOR 2) = '09' THEN 'oci_em_bpa'
                  ELSE 'fora' END AS categoria,
             r.pessoa, r.instrumento, r.tipo_registro, r.procedimento_principal, r.procedimento, r.data, r.dia, r.quantidade, r.cnes,
             r.arquivo, CASE WHEN r.valido = 0 THEN ${motivoSql('r', d)} END AS motivo, r.data_bruta, r.quantidade_bruta,
             CASE WHEN r.valido = 0 THEN ${d.posicaoNaCarga('r')} END AS posicao
      FROM producao r
      WHERE r.valido = 0 OR r.tipo_registro = 'OCI_FORA'
         OR (r.tipo_registro = 'BPA' AND SUBSTRING(r.procedimento FROM 1 FOR 2) = '09')
         OR (r.periodo_ok = 1 AND r.tipo_registro IN ('BPA', 'APAC')
             AND r.procedimento IN (SELECT procedimento FROM cat_componente_procedimento))) f`
        )
    );

    instrucoes.push(
        criar(
            'producao_arquivo',
            'cada arquivo lido: a posição do seu primeiro registro na carga e quantos registros (a linha de um registro rejeitado em rejeitados.csv)',
            `
SELECT p.arquivo, MIN(${d.posicaoNaCarga('p')}) AS inicio, COUNT(*) AS registros
FROM producao p
GROUP BY p.arquivo`
        )
    );

    // A COUNT(DISTINCT …) inside the episode aggregate cost 10x the whole step at 10⁷ records (a
    // distinct-set per episode, spilled to disk): exact duplicates are their own grouping.
    instrucoes.push(
        criar(
            'registro_repetido',
            'registros idênticos (mesma APAC, pessoa, procedimento e data) nas APACs de OCI: quantas repetições por episódio (uma leitura da produção agrupada por registro)',
            `
SELECT apac, pessoa, oci_codigo, SUM(n - 1) AS repetidos
FROM (SELECT p.instrumento AS apac, p.pessoa, p.procedimento_principal AS oci_codigo, COUNT(*) AS n
      FROM producao p
      WHERE p.valido = 1 AND p.tipo_registro = 'OCI'
      GROUP BY p.instrumento, p.pessoa, p.procedimento_principal, p.procedimento, p.dia
      HAVING COUNT(*) > 1) d
GROUP BY apac, pessoa, oci_codigo`
        )
    );

    instrucoes.push(
        criar(
            'cobranca_dupla',
            'procedimento componente cobrado fora da OCI pela mesma pessoa na janela do episódio — art. 14 §2 IV; cada registro conta uma vez (no episódio de janela mais antiga); valor = quantidade × valor de referência do componente',
            `
WITH candidato AS (
  SELECT f.registro_id, f.pessoa, f.instrumento, f.tipo_registro, f.procedimento_principal, f.procedimento, f.data, f.quantidade, f.cnes,
         e.apac, e.oci_codigo, e.cnes AS cnes_episodio, c.rotulo, c.estimativa,
         ROW_NUMBER() OVER (PARTITION BY f.registro_id ORDER BY e.janela_inicio, e.apac, e.oci_codigo, c.componente_id) AS ordem
  FROM registro_fora f
  JOIN episodio e ON f.categoria = 'fora' AND e.pessoa = f.pessoa AND f.dia >= e.janela_inicio AND f.dia <= e.janela_fim AND f.instrumento <> e.apac
  JOIN cat_componente_procedimento cp ON cp.oci_codigo = e.oci_codigo AND cp.procedimento = f.procedimento
  JOIN cat_componente c ON c.oci_codigo = cp.oci_codigo AND c.componente_id = cp.componente_id
)
SELECT registro_id, pessoa, apac, oci_codigo, cnes_episodio, instrumento AS instrumento_fora, tipo_registro AS tipo_fora,
       procedimento_principal AS principal_fora, cnes AS cnes_fora, procedimento, rotulo AS componente, data, quantidade, estimativa,
       CAST(CAST(quantidade AS DECIMAL(18,2)) * estimativa AS DECIMAL(18,2)) AS valor
FROM candidato
WHERE ordem = 1`
        )
    );

    // Missing mandatory components and quantities above the allowed, slot by slot (no GROUP BY).
    const ausente = (k: number) => `o.tipo_${k} = 'obrigatorio' AND e.q_${k} IS NULL`;
    const excede = (k: number) => `e.q_${k} > o.qt_${k}`;
    const contar = (cond: (k: number) => string) =>
        slots.length ? slots.map(k => `CASE WHEN ${cond(k)} THEN 1 ELSE 0 END`).join('\n           + ') : '0';
    const listar = (cond: (k: number) => string, item: (k: number) => string) =>
        slots.length
            ? slots.map(k => `CASE WHEN ${cond(k)} THEN ${item(k)} || '; ' ELSE '' END`).join('\n           || ')
            : "''";
    instrucoes.push(
        criar(
            'episodio_auditado',
            'um episódio por linha com todos os achados; pessoa_mascarada para as saídas de pessoas (LGPD)',
            `
WITH dup AS (
  SELECT apac, pessoa, oci_codigo, COUNT(*) AS n, CAST(SUM(valor) AS DECIMAL(18,2)) AS valor
  FROM cobranca_dupla GROUP BY apac, pessoa, oci_codigo
), b AS (
  SELECT e.apac, e.pessoa, ${mascaraSql('e.pessoa')} AS pessoa_mascarada,
         e.oci_codigo, e.cnes, e.primeira_data, e.ultima_data,
         e.ultimo_dia - e.primeiro_dia AS dias, e.tr, e.tm, e.concluida,
         ${contar(ausente)} AS obrigatorios_ausentes,
         ${contar(excede)} AS quantidades_excedidas,
         -- The lists (strings) only for the episodes that have something to list.
         CASE WHEN ${slots.length ? slots.map(k => `(${ausente(k)})`).join(' OR ') : 'FALSE'}
              THEN ${listar(ausente, k => `o.rotulo_${k}`)} END AS lista_ausentes,
         CASE WHEN ${slots.length ? slots.map(k => `(${excede(k)})`).join(' OR ') : 'FALSE'}
              THEN ${listar(excede, k => `o.rotulo_${k} || ' ' || CAST(e.q_${k} AS ${t}) || '/' || CAST(o.qt_${k} AS ${t})`)} END AS lista_excedidas,
         COALESCE(dup.n, 0) AS cobranca_dupla_registros, COALESCE(dup.valor, CAST(0 AS DECIMAL(18,2))) AS cobranca_dupla_valor,
         COALESCE(ps.valida, 0) AS pessoa_valida,
         ${apacProblemaSql('e.apac', opcoes.digitoTipoApac)} AS apac_problema,
         e.estranhos, CASE WHEN e.estranho_min = e.estranho_max THEN e.estranho_min ELSE e.estranho_min || ' ' || e.estranho_max END AS estranhos_lista,
         e.datas_fora, COALESCE(rep.repetidos, 0) AS repetidos,
         CASE WHEN e.dia_conclusao < e.dia_ultimo_componente THEN 1 ELSE 0 END AS conclusao_antes,
         CAST(EXTRACT(YEAR FROM e.data_apac_inicio) * 100 + EXTRACT(MONTH FROM e.data_apac_inicio) AS ${t}) AS competencia_inicio,
         CAST(EXTRACT(YEAR FROM e.data_apac_fim) * 100 + EXTRACT(MONTH FROM e.data_apac_fim) AS ${t}) AS competencia_fim,
         CASE WHEN ${mesDe('e.data_apac_fim')} - ${mesDe('e.data_apac_inicio')} > 1 THEN 1 ELSE 0 END AS fora_validade,
         -- Público and CID (SIGTAP): sex F/M against the OCI's; age in years (SIA) against the range in
         -- months — incompatible only when no month of that year of age is in it; the principal CID
         -- equal to one of the OCI's or within one of its 3-character categories.
         CASE WHEN e.publico_sexo IS NOT NULL AND (e.sexo = 'F' OR e.sexo = 'M') AND e.sexo <> e.publico_sexo THEN 1 ELSE 0 END AS sexo_incompativel,
         CASE WHEN e.idade IS NOT NULL AND (e.idade * 12 + 11 < e.idade_min OR e.idade * 12 > e.idade_max) THEN 1 ELSE 0 END AS idade_incompativel,
         CASE WHEN e.cid IS NOT NULL AND e.n_cids > 0 AND c4.cid IS NULL AND c3.cid IS NULL THEN 1 ELSE 0 END AS cid_incompativel,
         e.sexo, e.idade, e.cid
  FROM episodio e
  LEFT JOIN cat_oci_cid c4 ON c4.oci_codigo = e.oci_codigo AND c4.cid = e.cid
  -- The category as the join key (a condition on e alone made DuckDB join by nested loops: 2x the step).
  LEFT JOIN cat_oci_cid c3
         ON c3.oci_codigo = e.oci_codigo AND c3.cid = CASE WHEN LENGTH(e.cid) > 3 THEN SUBSTRING(e.cid FROM 1 FOR 3) END
  JOIN cat_oci_componentes o ON o.oci_codigo = e.oci_codigo
  LEFT JOIN dup ON dup.apac = e.apac AND dup.pessoa = e.pessoa AND dup.oci_codigo = e.oci_codigo
  LEFT JOIN pessoa_status ps ON ps.pessoa = e.pessoa
  LEFT JOIN registro_repetido rep ON rep.apac = e.apac AND rep.pessoa = e.pessoa AND rep.oci_codigo = e.oci_codigo
), f AS (
  SELECT b.apac, b.pessoa, b.pessoa_mascarada, b.oci_codigo, b.cnes, b.primeira_data, b.ultima_data, b.dias, b.tr, b.tm, b.concluida,
         b.obrigatorios_ausentes,
         CASE WHEN b.obrigatorios_ausentes > 0 THEN SUBSTRING(b.lista_ausentes FROM 1 FOR LENGTH(b.lista_ausentes) - 2) END AS obrigatorios_ausentes_lista,
         b.quantidades_excedidas,
         CASE WHEN b.quantidades_excedidas > 0 THEN SUBSTRING(b.lista_excedidas FROM 1 FOR LENGTH(b.lista_excedidas) - 2) END AS quantidades_excedidas_lista,
         b.cobranca_dupla_registros, b.cobranca_dupla_valor, b.pessoa_valida, b.apac_problema,
         b.estranhos_lista AS procedimentos_fora_da_oci, b.repetidos AS registros_repetidos, b.datas_fora AS datas_fora_do_periodo,
         CASE WHEN b.fora_validade = 1 THEN b.competencia_inicio || '-' || b.competencia_fim END AS competencias_fora_da_validade,
         CASE WHEN b.estranhos > 0 THEN 1 ELSE 0 END AS fora_da_oci,
         b.conclusao_antes,
         CASE WHEN b.repetidos > 0 THEN 1 ELSE 0 END AS duplicado,
         CASE WHEN b.datas_fora > 0 THEN 1 ELSE 0 END AS data_fora,
         b.fora_validade, b.sexo_incompativel, b.idade_incompativel, b.cid_incompativel,
         CASE WHEN b.dias > b.tm THEN 1 ELSE 0 END AS tempo_excedido,
         CASE WHEN b.dias > b.tr THEN 1 ELSE 0 END AS acima_tr,
         CASE WHEN b.obrigatorios_ausentes > 0 THEN 1 ELSE 0 END AS obrigatorio_ausente,
         1 - b.concluida AS conclusao_ausente,
         CASE WHEN b.quantidades_excedidas > 0 THEN 1 ELSE 0 END AS quantidade_excedida,
         CASE WHEN b.cobranca_dupla_registros > 0 THEN 1 ELSE 0 END AS cobranca_dupla,
         1 - b.pessoa_valida AS pessoa_invalida,
         CASE WHEN b.apac_problema IS NULL THEN 0 ELSE 1 END AS apac_invalida
  FROM b
)
SELECT f.*,
       CASE WHEN f.obrigatorio_ausente = 1 OR f.conclusao_ausente = 1 THEN 1 ELSE 0 END AS escopo_incompleto,
       ${ANY_ACHADO_SQL} AS sinalizado,
       ${ACHADOS_LIST_SQL} AS achados
FROM f`
        )
    );

    instrucoes.push(relatorio('relatorio_oci', 'indicadores por OCI', 'oci_codigo'));
    instrucoes.push(relatorio('relatorio_estabelecimento', 'indicadores por estabelecimento (CNES da APAC)', 'cnes'));
    instrucoes.push(relatorio('relatorio_total', 'indicadores de toda a produção', "'total'"));

    instrucoes.push(
        criar(
            'relatorio_distribuicao',
            'episódios por dias entre o primeiro e o último procedimento, por OCI (gráficos)',
            `
SELECT oci_codigo, dias, COUNT(*) AS episodios
FROM episodio_auditado
WHERE dias IS NOT NULL
GROUP BY oci_codigo, dias`
        )
    );

    instrucoes.push(
        criar(
            'resumo_competencia',
            'o que foi lido, por competência: registros, inválidos, por tipo, período',
            `
SELECT competencia,
       COUNT(*) AS registros,
       SUM(CASE WHEN valido = 0 THEN 1 ELSE 0 END) AS registros_invalidos,
       SUM(CASE WHEN valido = 1 AND periodo_ok = 0 THEN 1 ELSE 0 END) AS registros_fora_do_periodo,
       SUM(CASE WHEN valido = 1 AND tipo_registro = 'OCI' THEN 1 ELSE 0 END) AS registros_oci,
       SUM(CASE WHEN valido = 1 AND tipo_registro = 'BPA' THEN 1 ELSE 0 END) AS registros_bpa,
       SUM(CASE WHEN valido = 1 AND tipo_registro = 'APAC' THEN 1 ELSE 0 END) AS registros_apac,
       SUM(CASE WHEN valido = 1 AND tipo_registro = 'OCI_FORA' THEN 1 ELSE 0 END) AS registros_oci_fora_do_catalogo,
       MIN(CASE WHEN valido = 1 AND periodo_ok = 1 THEN data END) AS primeira_data,
       MAX(CASE WHEN valido = 1 AND periodo_ok = 1 THEN data END) AS ultima_data
FROM producao
GROUP BY competencia`
        )
    );

    instrucoes.push(
        criar(
            'resumo_entrada',
            'totais da entrada e pessoas (distintas; com CPF/CNS inválido)',
            `
SELECT SUM(registros) AS registros, SUM(registros_invalidos) AS registros_invalidos, SUM(registros_oci) AS registros_oci,
       SUM(registros_bpa) AS registros_bpa, SUM(registros_apac) AS registros_apac,
       SUM(registros_oci_fora_do_catalogo) AS registros_oci_fora_do_catalogo,
       SUM(registros_fora_do_periodo) AS registros_fora_do_periodo,
       MIN(primeira_data) AS primeira_data, MAX(ultima_data) AS ultima_data,
       (SELECT COUNT(*) FROM pessoa_status) AS pessoas,
       (SELECT COUNT(*) FROM pessoa_status WHERE valida = 0) AS pessoas_invalidas
FROM resumo_competencia`
        )
    );
    return instrucoes;
}

/** Per-group indicators; the median is exact and portable (middle row(s) by ROW_NUMBER). */
function relatorio(tabela: string, descricao: string, chave: string): Instrucao {
    const pct = (expr: string) => `CAST(100.0 * SUM(${expr}) / COUNT(*) AS DECIMAL(5,1))`;
    return criar(
        tabela,
        descricao,
        `
WITH base AS (
  SELECT ${chave} AS chave, ea.* FROM episodio_auditado ea
), med AS (
  SELECT chave, CAST(AVG(CAST(dias AS DECIMAL(18,1))) AS DECIMAL(18,1)) AS mediana_dias
  FROM (SELECT chave, dias,
               ROW_NUMBER() OVER (PARTITION BY chave ORDER BY dias) AS rn,
               COUNT(*) OVER (PARTITION BY chave) AS n
        FROM base WHERE dias IS NOT NULL) t
  WHERE 2 * rn >= n AND 2 * rn <= n + 2
  GROUP BY chave
)
SELECT b.chave,
       COUNT(*) AS episodios,
       COUNT(DISTINCT b.pessoa) AS pessoas,
       SUM(b.concluida) AS concluidas,
       SUM(CASE WHEN b.concluida = 1 AND b.dias <= b.tr THEN 1 ELSE 0 END) AS concluidas_no_tr,
       SUM(CASE WHEN b.concluida = 1 AND b.dias <= b.tm THEN 1 ELSE 0 END) AS concluidas_no_tm,
       -- Concluded adequately (art. 16 I; art. 12 VI "em tempo oportuno e com o escopo total"; art. 14
       -- §2 III-IV): concluded, within tM, complete scope, no double billing — what the PAR's 2nd
       -- instalment counts (language/src/plano/producao.ts).
       SUM(CASE WHEN b.concluida = 1 AND b.dias <= b.tm AND b.escopo_incompleto = 0 AND b.cobranca_dupla = 0 THEN 1 ELSE 0 END) AS concluidas_adequadas,
       ${pct('CASE WHEN b.concluida = 1 AND b.dias <= b.tr THEN 1 ELSE 0 END')} AS pct_no_tr,
       ${pct('CASE WHEN b.concluida = 1 AND b.dias <= b.tm THEN 1 ELSE 0 END')} AS pct_no_tm,
       m.mediana_dias,
       SUM(b.escopo_incompleto) AS escopo_incompleto,
       SUM(b.obrigatorio_ausente) AS obrigatorio_ausente,
       SUM(b.conclusao_ausente) AS conclusao_ausente,
       SUM(b.quantidade_excedida) AS quantidade_excedida,
       SUM(b.tempo_excedido) AS tempo_excedido,
       SUM(b.acima_tr) AS acima_tr,
       SUM(b.pessoa_invalida) AS pessoa_invalida,
       SUM(b.apac_invalida) AS apac_invalida,
       SUM(b.fora_da_oci) AS fora_da_oci,
       SUM(b.conclusao_antes) AS conclusao_antes,
       SUM(b.duplicado) AS duplicado,
       SUM(b.data_fora) AS data_fora,
       SUM(b.fora_validade) AS fora_validade,
       SUM(b.sexo_incompativel) AS sexo_incompativel,
       SUM(b.idade_incompativel) AS idade_incompativel,
       SUM(b.cid_incompativel) AS cid_incompativel,
       SUM(b.cobranca_dupla) AS episodios_cobranca_dupla,
       SUM(b.cobranca_dupla_registros) AS cobranca_dupla_registros,
       CAST(SUM(b.cobranca_dupla_valor) AS DECIMAL(18,2)) AS cobranca_dupla_valor,
       SUM(b.sinalizado) AS sinalizados
FROM base b
LEFT JOIN med m ON m.chave = b.chave
GROUP BY b.chave, m.mediana_dias`
    );
}

/** The whole script, in execution order. */
export function compileAuditoria(catalogo: CatalogoJson, producao: Producao, opcoes: OpcoesSql): Instrucao[] {
    return adaptarInstrucoes(
        [
            carga(producao, opcoes.dialeto),
            ...tabelasDoCatalogo(catalogo, opcoes.dialeto),
            ...verificacoes(
                opcoes.dialeto,
                Math.max(0, ...catalogo.ocis.map(o => o.componentes.length)),
                catalogo.ocis.map(o => o.codigo),
                { digitoTipoApac: opcoes.digitoTipoApac }
            )
        ],
        opcoes.dialeto
    );
}

/** The script as one `.sql` file, with the header that says how to run it elsewhere. */
export function scriptSql(
    instrucoes: Instrucao[],
    cabecalho: { catalogo: CatalogoJson; dialeto: Dialeto; gerado: string }
): string {
    const { catalogo, dialeto: d } = cabecalho;
    const linhas = [
        `-- Auditoria da produção das OCI (Portaria GM/MS nº 3.492/2024, art. 14 §2 III-IV; art. 12 VI)`,
        `-- Catálogo: ${catalogo.catalogo.nome} versão ${catalogo.catalogo.versao ?? '—'}, competência ${catalogo.catalogo.competencia ?? '—'} (${catalogo.ocis.length} OCI)`,
        `-- Dialeto: ${d.nome}. Gerado por ${cabecalho.gerado}.`,
        '--',
        '-- Cada passo cria uma tabela (DROP TABLE IF EXISTS + CREATE TABLE … AS). Só o primeiro passo',
        '-- (producao_bruta) depende de onde a produção está; o resto é SQL padrão (CTEs, funções de janela).',
        d.nome === 'duckdb'
            ? '-- DuckDB: duckdb auditoria.duckdb < este-arquivo.sql   (os arquivos de produção são lidos onde estão)'
            : `-- ${d.nome === 'trino' ? 'Trino: trino --catalog C --schema S -f este-arquivo.sql' : d.nome === 'clickhouse' ? 'ClickHouse: clickhouse client --multiquery < este-arquivo.sql   (docs/audit-nacional.md)' : 'Spark: spark-sql -f este-arquivo.sql'}` +
              '\n-- Antes, troque "producao_sia" no primeiro passo pela tabela com a produção (colunas mapeadas com --map).',
        '-- Resultados: relatorio_oci, relatorio_estabelecimento, relatorio_total, relatorio_distribuicao,',
        '-- resumo_entrada, episodio_auditado (um episódio por linha; sinalizado = 1 nos com achados), cobranca_dupla.',
        '-- episodio_auditado e cobranca_dupla têm o CPF/CNS completo (coluna pessoa): dado pessoal (LGPD);',
        '-- publique só pessoa_mascarada.',
        ''
    ];
    for (const i of instrucoes) {
        linhas.push(`-- ${i.tabela}: ${i.descricao}`);
        for (const s of i.sql) linhas.push(`${s};`);
        linhas.push('');
    }
    return linhas.join('\n');
}
