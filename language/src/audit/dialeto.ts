/**
 * Everything in the audit's SQL that is not portable lives here. The rest (sql.ts) is written in
 * the common subset of DuckDB, Trino and Spark SQL: CTEs, window functions (ROW_NUMBER, COUNT
 * OVER), CASE, SUBSTRING(x FROM i FOR n), POSITION(a IN b), TRANSLATE, TRIM, UPPER, LENGTH, MOD,
 * COALESCE, TRY_CAST, CAST to INTEGER/BIGINT/DECIMAL(18,2)/DATE, `||`, VALUES with a column
 * list, DROP TABLE IF EXISTS / CREATE TABLE … AS.
 *
 * DuckDB is the engine the CLI runs (embedded); the Trino and Spark variants are only emitted by
 * `--emit-sql --dialeto trino|spark` and have not been executed here (no such engine on the
 * build machine; every statement is parsed by a parser of each dialect in
 * test/audit/trino-spark-sql.soak.test.ts): they differ in the five functions below and in how the production table is
 * bound (a view over the engine's own table instead of DuckDB's read_csv/read_parquet).
 * ClickHouse (`--dialeto clickhouse`, `--motor clickhouse` through chdb: motor-clickhouse.ts) also
 * needs session settings and a rewrite of a few constructs (`preambulo`, `traduzir`: see below);
 * its reports are tested equal, row by row, to DuckDB's (test/audit/clickhouse-igualdade.soak.test.ts).
 */

export type DialetoNome = 'duckdb' | 'trino' | 'spark' | 'clickhouse';

export interface Dialeto {
    nome: DialetoNome;
    /** The character-string type name. */
    texto: string;
    /** Days since 1970-01-01 of a DATE expression, as an integer. */
    diasDesdeEpoca(data: string): string;
    /** The values of a group joined with `sep`, in ascending order. */
    joinText(expr: string, sep: string): string;
    /** A unique number per row of a whole-table scan. */
    numeroDaLinha(): string;
    /**
     * Whether the text `expr` matches the whole regular expression `re` (NULL for NULL). `re` uses only
     * what RE2 and Java share and no backslash (Spark's literals would eat it): `[0-9]{10}`, `[.]`.
     * On 10⁷ records a match costs a fifth of the portable `LENGTH(TRANSLATE(…)) = 0`.
     */
    casa(expr: string, re: string): string;
    /**
     * The position of a record of `producao` (alias) in the order the files were read, from 0: DuckDB
     * its rowid (the table is loaded with insertion order preserved: motor.ts); the other engines the
     * `posicao` column the load gave them (ClickHouse: the Parquet DuckDB wrote), else NULL.
     */
    posicaoNaCarga(alias: string): string;
    /** Statements run before the audit's (session settings that give the engine standard SQL semantics). */
    preambulo?: string[];
    /** Rewrites a statement of the portable subset into the engine's SQL (constructs the engine spells otherwise). */
    traduzir?(sql: string): string;
}

const duckdb: Dialeto = {
    nome: 'duckdb',
    texto: 'VARCHAR',
    diasDesdeEpoca: data => `CAST(${data} - DATE '1970-01-01' AS INTEGER)`,
    joinText: (expr, sep) => `STRING_AGG(${expr}, '${sep}' ORDER BY ${expr})`,
    numeroDaLinha: () => 'ROW_NUMBER() OVER ()',
    casa: (expr, re) => `regexp_full_match(${expr}, '${re}')`,
    posicaoNaCarga: alias => `${alias}.rowid`
};

const trino: Dialeto = {
    nome: 'trino',
    texto: 'VARCHAR',
    diasDesdeEpoca: data => `CAST(DATE_DIFF('day', DATE '1970-01-01', ${data}) AS INTEGER)`,
    joinText: (expr, sep) => `ARRAY_JOIN(ARRAY_SORT(ARRAY_AGG(${expr})), '${sep}')`,
    numeroDaLinha: () => 'ROW_NUMBER() OVER ()',
    casa: (expr, re) => `REGEXP_LIKE(${expr}, '^(?:${re})$')`,
    posicaoNaCarga: alias => `${alias}.posicao`
};

const spark: Dialeto = {
    nome: 'spark',
    texto: 'STRING',
    diasDesdeEpoca: data => `DATEDIFF(${data}, DATE '1970-01-01')`,
    joinText: (expr, sep) => `ARRAY_JOIN(ARRAY_SORT(COLLECT_LIST(${expr})), '${sep}')`,
    numeroDaLinha: () => 'MONOTONICALLY_INCREASING_ID()',
    casa: (expr, re) => `(${expr} RLIKE '^(?:${re})$')`,
    posicaoNaCarga: alias => `${alias}.posicao`
};

export const DIALETOS: Record<DialetoNome, Dialeto> = { duckdb, trino, spark, clickhouse: clickhouseDialeto() };

export function dialeto(nome: string): Dialeto | undefined {
    return Object.hasOwn(DIALETOS, nome) ? DIALETOS[nome as DialetoNome] : undefined;
}

/** A SQL string literal. */
export function literal(text: string): string {
    return `'${text.replace(/'/g, "''")}'`;
}

/** A quoted identifier (the production files' own column names). */
export function identificador(name: string, d: Dialeto): string {
    return d.nome === 'spark' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

/** The kind of a production file, by its extension. */
export function tipoArquivo(file: string): 'csv' | 'parquet' | undefined {
    const lower = file.toLowerCase();
    if (/\.(csv|txt|tsv)(\.gz|\.zst)?$/.test(lower)) return 'csv';
    if (/\.(parquet|pq)$/.test(lower)) return 'parquet';
    return undefined;
}

/**
 * DuckDB's reader for one production file, every column as text (CPFs keep their leading zeros).
 * CSV lines DuckDB cannot read (column count, quotes, encoding) are skipped and recorded in its
 * reject_errors table (file, line, reason): rejeitados.csv — a malformed line never aborts the run.
 */
export function leitorDuckdb(file: string): string {
    return tipoArquivo(file) === 'parquet'
        ? `read_parquet(${literal(file)})`
        : `read_csv(${literal(file)}, header = true, all_varchar = true, auto_detect = true, store_rejects = true)`;
}

/**
 * The audit's statements for an engine: its preamble first (as a step named "configuracao"), then
 * every statement rewritten by its `traduzir`. Engines without either get the statements unchanged.
 */
export function adaptarInstrucoes<I extends { tabela: string; descricao: string; sql: string[] }>(
    instrucoes: I[],
    d: Dialeto
): Array<I | { tabela: string; descricao: string; sql: string[] }> {
    const traduzir = d.traduzir;
    const adaptadas = traduzir ? instrucoes.map(i => ({ ...i, sql: i.sql.map(s => traduzir(s)) })) : instrucoes;
    return d.preambulo?.length
        ? [
              {
                  tabela: 'configuracao',
                  descricao: `configuração da sessão do ${d.nome} (semântica de SQL padrão: NULL nas junções externas, nomes de coluna antes de apelidos)`,
                  sql: d.preambulo
              },
              ...adaptadas
          ]
        : adaptadas;
}

// ---------------------------------------------------------------------------------------------
// ClickHouse (a cluster, or chdb embedded: the same engine and SQL).
//
// Five session settings give ClickHouse the standard semantics the portable SQL assumes:
//   join_use_nulls = 1               an unmatched LEFT JOIN column is NULL, not the type's default (0, '')
//   prefer_column_name_to_alias = 1  `SELECT TRIM(x) AS x, x AS bruto`: `x` is the column, as in standard SQL
//                                    (ClickHouse otherwise resolves a name to the SELECT's alias)
//   cast_keep_nullable = 1           CAST(NULL AS String) is a NULL, not an error
//   default_table_engine = 'Memory'  CREATE TABLE … AS SELECT without an ENGINE clause
//   enable_positional_arguments = 1  GROUP BY 1
// and `traduzir` rewrites what ClickHouse spells otherwise, with DuckDB's results:
//   TRY_CAST(x AS BIGINT|INTEGER)   trimmed, sign, decimals rounded half away from zero, NULL when not a number or out
// of range
//   TRY_CAST(x AS DATE)             AAAA-MM-DD (or /, one-digit month/day, a time after it), a real calendar day
//                                   (ClickHouse's own parser turns 2025-02-30 into 2025-03-02), as Date32;
//                                   years outside 1900–2299 (Date32's range) are NULL — DuckDB reads them as dates
//   TRANSLATE(…)                    translate(…) (ClickHouse's name is case-sensitive)
//   CAST(x AS DECIMAL(p,s))         rounded half away from zero (ClickHouse truncates a Float64: 66.666 → 66.6, DuckDB
// 66.7)
//   CONCAT_WS(sep, a, b, …)         NULL arguments skipped (ClickHouse's concat_ws is NULL when one is)
// Strings are measured in bytes (LENGTH, SUBSTRING): the values they decide on are ASCII codes and digits.
// ---------------------------------------------------------------------------------------------

function clickhouseDialeto(): Dialeto {
    return {
        nome: 'clickhouse',
        texto: 'String',
        // Date32 (and Date) are stored as days since 1970-01-01.
        diasDesdeEpoca: data => `toInt32(${data})`,
        joinText: (expr, sep) => `arrayStringConcat(arraySort(groupArray(${expr})), '${sep}')`,
        numeroDaLinha: () => 'ROW_NUMBER() OVER ()',
        casa: (expr, re) => `match(${expr}, '^(?:${re})$')`,
        posicaoNaCarga: alias => `${alias}.posicao`,
        preambulo: [
            'SET join_use_nulls = 1',
            'SET prefer_column_name_to_alias = 1',
            'SET cast_keep_nullable = 1',
            "SET default_table_engine = 'Memory'",
            'SET enable_positional_arguments = 1'
        ],
        traduzir: translateToClickhouse
    };
}

const LIMITES_INTEIRO: Record<'BIGINT' | 'INTEGER', [string, string, string]> = {
    BIGINT: ['-9223372036854775808', '9223372036854775807', 'Int64'],
    INTEGER: ['-2147483648', '2147483647', 'Int32']
};

/** DuckDB's TRY_CAST(text AS BIGINT|INTEGER) in ClickHouse. */
export function tentarInteiroClickhouse(x: string, tipo: 'BIGINT' | 'INTEGER'): string {
    const [min, max, nome] = LIMITES_INTEIRO[tipo];
    const decimal = `toDecimal128OrNull(trimBoth(CAST(${x} AS Nullable(String))), 6)`;
    return `(CASE WHEN ${decimal} BETWEEN ${min} AND ${max} THEN CAST(round(${decimal}) AS ${nome}) END)`;
}

/** DuckDB's TRY_CAST(text AS DATE) in ClickHouse: only real calendar days, as Date32. */
export function tentarDataClickhouse(x: string): string {
    const g = `extractGroups(ifNull(trimBoth(CAST(${x} AS Nullable(String))), ''), '^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[ T].*)?$')`;
    const ano = `toUInt16OrZero(${g}[1])`;
    const mes = `toUInt8OrZero(${g}[2])`;
    const dia = `toUInt8OrZero(${g}[3])`;
    return `(CASE WHEN length(${g}) = 3 AND ${ano} BETWEEN 1900 AND 2299 AND ${mes} BETWEEN 1 AND 12
            AND ${dia} BETWEEN 1 AND toDayOfMonth(toLastDayOfMonth(makeDate32(${ano}, ${mes}, 1)))
        THEN makeDate32(${ano}, ${mes}, ${dia}) END)`;
}

/** Index just past the literal/quoted identifier/comment starting at `i`, or `i` when none starts there. */
function pularNaoCodigo(sql: string, i: number): number {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
        let j = i + 1;
        while (j < sql.length) {
            if (sql[j] === c) {
                if (sql[j + 1] === c) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length;
    }
    if (c === '-' && sql[i + 1] === '-') {
        const fim = sql.indexOf('\n', i);
        return fim < 0 ? sql.length : fim;
    }
    return i;
}

/** The indexes of `sql` from `from` on that are code: outside literals, quoted identifiers and comments. */
function* codePositions(sql: string, from = 0): Generator<number> {
    for (let i = from; i < sql.length; i++) {
        const j = pularNaoCodigo(sql, i);
        if (j !== i) i = j - 1;
        else yield i;
    }
}

/**
 * `sql` with its code rewritten where `at(i)` answers a replacement (`text` for `sql[i..next)`); literals, quoted
 * identifiers, comments and the code `at` leaves alone are copied as they are.
 */
function rewriteCode(sql: string, at: (i: number) => { text: string; next: number } | undefined): string {
    let saida = '';
    let i = 0;
    while (i < sql.length) {
        const j = pularNaoCodigo(sql, i);
        const replaced = j === i ? at(i) : undefined;
        if (j !== i) {
            saida += sql.slice(i, j);
            i = j;
        } else if (replaced) {
            saida += replaced.text;
            i = replaced.next;
        } else {
            saida += sql[i];
            i++;
        }
    }
    return saida;
}

/** Index of the parenthesis closing the one at `abre`. */
function fechamento(sql: string, abre: number): number {
    let nivel = 0;
    for (const i of codePositions(sql, abre)) {
        if (sql[i] === '(') nivel++;
        else if (sql[i] === ')' && --nivel === 0) return i;
    }
    throw new Error(`SQL com parêntese sem par: ${sql.slice(abre, abre + 60)}`);
}

/**
 * Splits `texto` at the top level (outside parentheses, literals and comments) by `separador` (',' or the keyword AS).
 */
function dividir(texto: string, separador: ',' | 'AS'): string[] {
    const partes: string[] = [];
    let nivel = 0;
    let inicio = 0;
    for (const i of codePositions(texto)) {
        if (i < inicio) continue; // the rest of a separator AS
        const c = texto.charAt(i);
        if (c === '(' || c === '[') nivel++;
        else if (c === ')' || c === ']') nivel--;
        else if (nivel === 0 && separador === ',' && c === ',') {
            partes.push(texto.slice(inicio, i));
            inicio = i + 1;
        } else if (nivel === 0 && separador === 'AS' && /\s/.test(c) && /^AS\s/i.test(texto.slice(i + 1, i + 4))) {
            partes.push(texto.slice(inicio, i));
            inicio = i + 4;
        }
    }
    partes.push(texto.slice(inicio));
    return partes;
}

const FUNCOES_TRADUZIDAS = /^(TRY_CAST|CAST|TRANSLATE|CONCAT_WS)$/i;

/** The portable SQL (sql.ts) in ClickHouse's spelling: see the list above clickhouseDialeto. */
export function translateToClickhouse(sql: string): string {
    return translateFunctions(apelidarQualificadas(sql));
}

/**
 * `SELECT f.pessoa, e.apac FROM f JOIN e … JOIN c …`: in a join of three or more tables ClickHouse
 * names a qualified column that exists in several of them `f.pessoa`, not `pessoa` (standard SQL):
 * every bare qualified column of a projection gets its own name as an alias.
 */
function apelidarQualificadas(sql: string): string {
    return rewriteCode(sql, i => {
        if (!/^SELECT\b/i.test(sql.slice(i, i + 7)) || (i > 0 && /[A-Za-z_0-9]/.test(sql.charAt(i - 1))))
            return undefined;
        // The projection: up to FROM at its own level, or the parenthesis that closes the subquery.
        let fim = sql.length;
        let nivel = 0;
        for (const k of codePositions(sql, i + 6)) {
            const c = sql[k];
            if (c === '(') nivel++;
            else if (
                (c === ')' && --nivel < 0) ||
                (nivel === 0 && /^FROM\b/i.test(sql.slice(k, k + 5)) && !/[A-Za-z_0-9]/.test(sql.charAt(k - 1)))
            ) {
                fim = k;
                break;
            }
        }
        const itens = dividir(sql.slice(i + 6, fim), ',').map(item => {
            const qualificada = /^\s*[A-Za-z_][A-Za-z_0-9]*\.([A-Za-z_][A-Za-z_0-9]*)\s*$/.exec(
                item.replace(/--[^\n]*/g, '')
            );
            return qualificada
                ? `${item.trimEnd()} AS ${qualificada[1]}${item.slice(item.trimEnd().length)}`
                : apelidarQualificadas(item);
        });
        return { text: sql.slice(i, i + 6) + itens.join(','), next: fim };
    });
}

function translateFunctions(sql: string): string {
    return rewriteCode(sql, i => {
        const palavra = /^[A-Za-z_][A-Za-z_0-9]*/.exec(sql.slice(i, i + 64));
        if (!palavra || (i > 0 && /[A-Za-z_0-9.]/.test(sql.charAt(i - 1)))) return undefined;
        const nome = palavra[0];
        const abre = i + nome.length;
        if (!FUNCOES_TRADUZIDAS.test(nome) || sql[abre] !== '(') return { text: nome, next: abre };
        const fecha = fechamento(sql, abre);
        return { text: translateCall(nome.toUpperCase(), sql.slice(abre + 1, fecha)), next: fecha + 1 };
    });
}

function translateCall(nome: string, argumentos: string): string {
    if (nome === 'TRANSLATE') return `translate(${translateFunctions(argumentos)})`;
    if (nome === 'CONCAT_WS') {
        const [sep, ...valores] = dividir(argumentos, ',').map(a => translateFunctions(a.trim()));
        return `arrayStringConcat(arrayFilter(v -> v IS NOT NULL, [${valores.join(', ')}]), ${sep})`;
    }
    const partes = dividir(argumentos, 'AS');
    const [expressao, tipoEscrito] = partes;
    if (partes.length !== 2 || expressao === undefined || tipoEscrito === undefined)
        throw new Error(`${nome} sem "AS tipo": ${argumentos.slice(0, 80)}`);
    const valor = translateFunctions(expressao.trim());
    const tipo = tipoEscrito.trim().toUpperCase().replace(/\s+/g, '');
    if (nome === 'TRY_CAST') {
        if (tipo === 'DATE') return tentarDataClickhouse(valor);
        if (tipo === 'BIGINT' || tipo === 'INTEGER') return tentarInteiroClickhouse(valor, tipo);
        throw new Error(`TRY_CAST para ${tipo}: sem tradução para o ClickHouse`);
    }
    const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(tipo);
    if (decimal) return `CAST(round(CAST(${valor} AS Decimal(38, 12)), ${decimal[2]}) AS ${tipoEscrito.trim()})`;
    return `CAST(${valor} AS ${tipoEscrito.trim()})`;
}
