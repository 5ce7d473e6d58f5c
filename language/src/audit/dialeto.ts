/**
 * Everything in the audit's SQL that is not portable lives here. The rest (sql.ts) is written in
 * the common subset of DuckDB, Trino and Spark SQL: CTEs, window functions (ROW_NUMBER, COUNT
 * OVER), CASE, SUBSTRING(x FROM i FOR n), POSITION(a IN b), TRANSLATE, TRIM, UPPER, LENGTH, MOD,
 * COALESCE, TRY_CAST, CAST to INTEGER/BIGINT/DECIMAL(18,2)/DATE, `||`, VALUES with a column
 * list, DROP TABLE IF EXISTS / CREATE TABLE … AS.
 *
 * DuckDB is the engine the CLI runs (embedded); the Trino and Spark variants are only emitted by
 * `--emit-sql --dialeto trino|spark` and have not been executed here (no such engine on the
 * build machine): they differ in the five functions below and in how the production table is
 * bound (a view over the engine's own table instead of DuckDB's read_csv/read_parquet).
 */

export type DialetoNome = 'duckdb' | 'trino' | 'spark';

export interface Dialeto {
    nome: DialetoNome;
    /** The character-string type name. */
    texto: string;
    /** Days since 1970-01-01 of a DATE expression, as an integer. */
    diasDesdeEpoca(data: string): string;
    /** The values of a group joined with `sep`, in ascending order. */
    juntarTexto(expr: string, sep: string): string;
    /** A unique number per row of a whole-table scan. */
    numeroDaLinha(): string;
}

const duckdb: Dialeto = {
    nome: 'duckdb',
    texto: 'VARCHAR',
    diasDesdeEpoca: data => `CAST(${data} - DATE '1970-01-01' AS INTEGER)`,
    juntarTexto: (expr, sep) => `STRING_AGG(${expr}, '${sep}' ORDER BY ${expr})`,
    numeroDaLinha: () => 'ROW_NUMBER() OVER ()'
};

const trino: Dialeto = {
    nome: 'trino',
    texto: 'VARCHAR',
    diasDesdeEpoca: data => `CAST(DATE_DIFF('day', DATE '1970-01-01', ${data}) AS INTEGER)`,
    juntarTexto: (expr, sep) => `ARRAY_JOIN(ARRAY_SORT(ARRAY_AGG(${expr})), '${sep}')`,
    numeroDaLinha: () => 'ROW_NUMBER() OVER ()'
};

const spark: Dialeto = {
    nome: 'spark',
    texto: 'STRING',
    diasDesdeEpoca: data => `DATEDIFF(${data}, DATE '1970-01-01')`,
    juntarTexto: (expr, sep) => `ARRAY_JOIN(ARRAY_SORT(COLLECT_LIST(${expr})), '${sep}')`,
    numeroDaLinha: () => 'MONOTONICALLY_INCREASING_ID()'
};

export const DIALETOS: Record<DialetoNome, Dialeto> = { duckdb, trino, spark };

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
