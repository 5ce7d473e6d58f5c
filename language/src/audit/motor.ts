/**
 * Runs the audit's SQL (sql.ts) on an embedded DuckDB (@duckdb/node-api, loaded on first use so
 * the other commands never load the native library). Memory is bounded (memory_limit, spilling
 * to a temporary folder), so state-scale production fits a small machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DIALETOS, leitorDuckdb, tipoArquivo } from './dialeto.js';
import {
    COLUNAS,
    COLUNAS_OBRIGATORIAS,
    NOMES_SIA,
    type Coluna,
    type FonteProducao,
    type Instrucao,
    type TipoColuna
} from './sql.js';

/** A problem with the inputs (files, columns, options): the CLI exits with 2. */
export class AuditoriaErro extends Error {}

export type Linha = Record<string, unknown>;

export interface OpcoesMotor {
    /** DuckDB memory_limit (default 1GB). */
    memoria?: string;
    /** DuckDB threads (default: the machine's cores). */
    threads?: number;
}

/** Parses `--map pessoa=CNS_PAC,data=DT_ATEND` (canonical=file column). */
export function parseMapa(texto: string | undefined): Partial<Record<Coluna, string>> {
    const mapa: Partial<Record<Coluna, string>> = {};
    if (!texto) return mapa;
    for (const parte of texto
        .split(',')
        .map(p => p.trim())
        .filter(Boolean)) {
        const [coluna = '', nome, ...resto] = parte.split('=').map(p => p.trim());
        if (nome === undefined || resto.length)
            throw new AuditoriaErro(`--map: "${parte}" não é coluna=nome (coluna= sem nome: a coluna não existe)`);
        if (!(COLUNAS as readonly string[]).includes(coluna))
            throw new AuditoriaErro(`--map: coluna desconhecida "${coluna}" (colunas: ${COLUNAS.join(', ')})`);
        mapa[coluna as Coluna] = nome;
    }
    return mapa;
}

/** A column name that is really a value (a header row that is data): numbers, dates, codes, CPFs. */
export function pareceDado(nome: string): boolean {
    const t = nome.trim();
    return /^[0-9][0-9 ./:-]*$/.test(t) || /^[0-9]{2}\/[0-9]{2}\/[0-9]{4}$/.test(t);
}

const INTEIROS = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT\d*)$/;

/** How a typed column is read; floating-point code or identifier columns are refused (digits already lost). */
function tipoDaColuna(arquivo: string, c: Coluna, coluna: { nome: string; tipo: string }): TipoColuna {
    if (INTEIROS.test(coluna.tipo)) return 'inteiro';
    if (c === 'data' && /^(DATE|TIMESTAMP.*)$/.test(coluna.tipo)) return 'data';
    if (/^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(coluna.tipo) && c !== 'quantidade') {
        throw new AuditoriaErro(
            `${arquivo}: a coluna ${coluna.nome} (${c}) é numérica com ponto flutuante (${coluna.tipo}): códigos e identificadores podem ter perdido dígitos; grave-a como texto ou inteiro`
        );
    }
    return 'texto';
}

/** The in-memory database (compressed) the audit's tables live in. */
const BANCO = 'auditoria';

export class SessaoDuckdb {
    private constructor(
        private readonly instance: DuckDBInstance,
        readonly conexao: DuckDBConnection,
        private readonly temporaria: string
    ) {}

    static async abrir(opcoes: OpcoesMotor = {}): Promise<SessaoDuckdb> {
        let api: typeof import('@duckdb/node-api');
        try {
            api = await import('@duckdb/node-api');
        } catch (error) {
            throw new AuditoriaErro(
                `não foi possível carregar o DuckDB (@duckdb/node-api): ${(error as Error).message}`
            );
        }
        const temporaria = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-'));
        const config: Record<string, string> = {
            memory_limit: opcoes.memoria ?? '1GB',
            temp_directory: temporaria,
            preserve_insertion_order: 'false'
        };
        if (opcoes.threads) config.threads = String(opcoes.threads);
        const instance = await api.DuckDBInstance.create(':memory:', config);
        const conexao = await instance.connect();
        // The audit's tables in an in-memory database that compresses them (at a checkpoint:
        // runStatements): the normalized production of 10⁷ records takes ~0.2 GB instead of ~2 GB,
        // and the passes over it do not spill to disk.
        await conexao.run(`ATTACH ':memory:' AS ${BANCO} (COMPRESS)`);
        await conexao.run(`USE ${BANCO}`);
        return new SessaoDuckdb(instance, conexao, temporaria);
    }

    async executar(sql: string): Promise<void> {
        await this.conexao.run(sql);
    }

    async consultar(sql: string): Promise<Linha[]> {
        const reader = await this.conexao.runAndReadAll(sql);
        return reader.getRowObjectsJson() as Linha[];
    }

    /** Streams a query's rows in chunks (big results: flagged episodes, double billing). */
    async *emPartes(sql: string): AsyncGenerator<Linha[]> {
        const { JsonDuckDBValueConverter } = await import('@duckdb/node-api');
        const result = await this.conexao.stream(sql);
        for await (const rows of result.yieldConvertedRowObjects(JsonDuckDBValueConverter)) yield rows as Linha[];
    }

    /** Column names of a production file. */
    async colunasDoArquivo(arquivo: string): Promise<string[]> {
        return (await this.colunasETipos(arquivo)).map(c => c.nome);
    }

    /** Column names and DuckDB types of a production file (CSV: all VARCHAR). */
    async colunasETipos(arquivo: string): Promise<Array<{ nome: string; tipo: string }>> {
        const linhas = await this.consultar(`DESCRIBE SELECT * FROM ${leitorDuckdb(arquivo)}`);
        return linhas.map(l => ({ nome: String(l.column_name), tipo: String(l.column_type).toUpperCase() }));
    }

    /**
     * Lines of the CSV files DuckDB could not read (wrong column count, broken quote, bad encoding),
     * once each (every pass over a file records them again): file, line, reason, the line's text.
     */
    async linhasIlegiveis(): Promise<Linha[]> {
        try {
            // One row per line (a line missing five columns has five errors).
            return await this
                .consultar(`SELECT s.file_path AS arquivo, CAST(e.line AS BIGINT) AS linha, MIN(e.error_type) AS tipo,
                MIN(e.error_message) AS mensagem, MIN(e.csv_line) AS conteudo
                FROM reject_errors e JOIN reject_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id
                GROUP BY s.file_path, e.line
                ORDER BY arquivo, linha`);
        } catch {
            return []; // no CSV was read
        }
    }

    /** Binds each file's columns to the canonical ones (`mapa`: canonical → the file's name). */
    async resolveFontes(arquivos: string[], mapa: Partial<Record<Coluna, string>>): Promise<FonteProducao[]> {
        if (arquivos.length === 0) throw new AuditoriaErro('nenhum arquivo de produção (--producao)');
        const fontes: FonteProducao[] = [];
        for (const arquivo of arquivos) {
            if (!fs.existsSync(arquivo) || !fs.statSync(arquivo).isFile())
                throw new AuditoriaErro(`arquivo de produção não encontrado: ${arquivo}`);
            if (!tipoArquivo(arquivo))
                throw new AuditoriaErro(`${arquivo}: formato desconhecido (use .csv ou .parquet)`);
            let descritas: Array<{ nome: string; tipo: string }>;
            try {
                descritas = await this.colunasETipos(path.resolve(arquivo));
            } catch (error) {
                throw new AuditoriaErro(
                    `${arquivo}: não foi possível ler (${(error as Error).message.split('\n')[0]})`
                );
            }
            const nomes = descritas.map(c => c.nome);
            const porNome = new Map(descritas.map(c => [c.nome.toLowerCase(), c]));
            const colunas: Partial<Record<Coluna, string>> = {};
            const tipos: Partial<Record<Coluna, TipoColuna>> = {};
            const faltam: string[] = [];
            for (const c of COLUNAS) {
                const procurado = mapa[c] ?? c;
                const achado =
                    procurado === ''
                        ? undefined
                        : (porNome.get(procurado.toLowerCase()) ??
                          (mapa[c] === undefined && NOMES_SIA[c]
                              ? porNome.get(NOMES_SIA[c]!.toLowerCase())
                              : undefined));
                if (achado !== undefined) {
                    colunas[c] = achado.nome;
                    tipos[c] = tipoDaColuna(arquivo, c, achado);
                } else if (COLUNAS_OBRIGATORIAS.includes(c))
                    faltam.push(
                        mapa[c] ? `${c} (mapeada para "${mapa[c]}")` : mapa[c] === '' ? `${c} (obrigatória)` : c
                    );
            }
            if (faltam.length) {
                const dados = nomes.filter(pareceDado);
                if (dados.length > 0) {
                    throw new AuditoriaErro(
                        `${arquivo}: a primeira linha parece ser um registro, não o cabeçalho (${dados
                            .slice(0, 3)
                            .map(n => `"${n}"`)
                            .join(', ')} são valores, não nomes de coluna); ` +
                            `grave o cabeçalho (${COLUNAS_OBRIGATORIAS.join(',')}) na primeira linha`
                    );
                }
                throw new AuditoriaErro(
                    `${arquivo}: faltam as colunas ${faltam.join(', ')}; o arquivo tem ${nomes.join(', ')} (use --map coluna=nome)`
                );
            }
            fontes.push({ arquivo: path.resolve(arquivo), colunas, tipos });
        }
        return fontes;
    }

    /**
     * Runs the statements in order; `aoPasso` gets each table's name and elapsed milliseconds. A table
     * marked `ordenada` (producao) is loaded in the files' order — its rowid is then each record's
     * position, which gives a rejected record its line (Auditoria.rejeitados) — and compressed by a
     * checkpoint right after (in-memory tables are written uncompressed). The order holds through
     * projections, not joins: the `in_clause` optimizer, which turns a long IN list into a join, is
     * off while it loads.
     */
    async runStatements(instrucoes: Instrucao[], aoPasso?: (tabela: string, ms: number) => void): Promise<void> {
        const passos = instrucoes.map(i =>
            i.ordenada
                ? {
                      ...i,
                      sql: [
                          "SET disabled_optimizers = 'in_clause'",
                          'SET preserve_insertion_order = true',
                          ...i.sql,
                          'SET preserve_insertion_order = false',
                          "SET disabled_optimizers = ''",
                          `CHECKPOINT ${BANCO}`
                      ]
                  }
                : i
        );
        await runSteps(sql => this.executar(sql), passos, '', aoPasso);
    }

    fechar(): void {
        try {
            this.conexao.closeSync();
            this.instance.closeSync();
        } finally {
            fs.rmSync(this.temporaria, { recursive: true, force: true });
        }
    }
}

export const DUCKDB = DIALETOS.duckdb;

/**
 * The audit's steps on any engine, in order: each statement of each step, a failure named by its
 * step (and engine, when not DuckDB), the step's time to `aoPasso`.
 */
export async function runSteps(
    executar: (sql: string) => Promise<unknown>,
    instrucoes: Instrucao[],
    motor: string,
    aoPasso?: (tabela: string, ms: number) => void
): Promise<void> {
    for (const instrucao of instrucoes) {
        const inicio = performance.now();
        for (const sql of instrucao.sql) {
            try {
                await executar(sql);
            } catch (error) {
                throw new AuditoriaErro(
                    `passo ${instrucao.tabela}${motor ? ` (${motor})` : ''}: ${(error as Error).message.split('\n')[0]}`
                );
            }
        }
        aoPasso?.(instrucao.tabela, performance.now() - inicio);
    }
}
