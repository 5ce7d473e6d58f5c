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
import { COLUNAS, COLUNAS_OBRIGATORIAS, type Coluna, type FonteProducao, type Instrucao } from './sql.js';

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
export function lerMapa(texto: string | undefined): Partial<Record<Coluna, string>> {
    const mapa: Partial<Record<Coluna, string>> = {};
    if (!texto) return mapa;
    for (const parte of texto.split(',').map(p => p.trim()).filter(Boolean)) {
        const [coluna, nome, ...resto] = parte.split('=').map(p => p.trim());
        if (nome === undefined || resto.length) throw new AuditoriaErro(`--map: "${parte}" não é coluna=nome (coluna= sem nome: a coluna não existe)`);
        if (!(COLUNAS as readonly string[]).includes(coluna)) throw new AuditoriaErro(`--map: coluna desconhecida "${coluna}" (colunas: ${COLUNAS.join(', ')})`);
        mapa[coluna as Coluna] = nome;
    }
    return mapa;
}

export class SessaoDuckdb {
    private constructor(private readonly instance: DuckDBInstance, readonly conexao: DuckDBConnection, private readonly temporaria: string) {}

    static async abrir(opcoes: OpcoesMotor = {}): Promise<SessaoDuckdb> {
        let api: typeof import('@duckdb/node-api');
        try {
            api = await import('@duckdb/node-api');
        } catch (error) {
            throw new AuditoriaErro(`não foi possível carregar o DuckDB (@duckdb/node-api): ${(error as Error).message}`);
        }
        const temporaria = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-'));
        const config: Record<string, string> = {
            memory_limit: opcoes.memoria ?? '1GB',
            temp_directory: temporaria,
            preserve_insertion_order: 'false'
        };
        if (opcoes.threads) config.threads = String(opcoes.threads);
        const instance = await api.DuckDBInstance.create(':memory:', config);
        return new SessaoDuckdb(instance, await instance.connect(), temporaria);
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
        const linhas = await this.consultar(`DESCRIBE SELECT * FROM ${leitorDuckdb(arquivo)}`);
        return linhas.map(l => String(l.column_name));
    }

    /** Binds each file's columns to the canonical ones (`mapa`: canonical → the file's name). */
    async resolverFontes(arquivos: string[], mapa: Partial<Record<Coluna, string>>): Promise<FonteProducao[]> {
        if (arquivos.length === 0) throw new AuditoriaErro('nenhum arquivo de produção (--producao)');
        const fontes: FonteProducao[] = [];
        for (const arquivo of arquivos) {
            if (!fs.existsSync(arquivo) || !fs.statSync(arquivo).isFile()) throw new AuditoriaErro(`arquivo de produção não encontrado: ${arquivo}`);
            if (!tipoArquivo(arquivo)) throw new AuditoriaErro(`${arquivo}: formato desconhecido (use .csv ou .parquet)`);
            let nomes: string[];
            try {
                nomes = await this.colunasDoArquivo(path.resolve(arquivo));
            } catch (error) {
                throw new AuditoriaErro(`${arquivo}: não foi possível ler (${(error as Error).message.split('\n')[0]})`);
            }
            const porNome = new Map(nomes.map(n => [n.toLowerCase(), n]));
            const colunas: Partial<Record<Coluna, string>> = {};
            const faltam: string[] = [];
            for (const c of COLUNAS) {
                const procurado = mapa[c] ?? c;
                const achado = procurado === '' ? undefined : porNome.get(procurado.toLowerCase());
                if (achado !== undefined) colunas[c] = achado;
                else if (COLUNAS_OBRIGATORIAS.includes(c)) faltam.push(mapa[c] ? `${c} (mapeada para "${mapa[c]}")` : mapa[c] === '' ? `${c} (obrigatória)` : c);
            }
            if (faltam.length) {
                throw new AuditoriaErro(`${arquivo}: faltam as colunas ${faltam.join(', ')}; o arquivo tem ${nomes.join(', ')} (use --map coluna=nome)`);
            }
            fontes.push({ arquivo: path.resolve(arquivo), colunas });
        }
        return fontes;
    }

    /** Runs the statements in order; `aoPasso` gets each table's name and elapsed milliseconds. */
    async executarInstrucoes(instrucoes: Instrucao[], aoPasso?: (tabela: string, ms: number) => void): Promise<void> {
        for (const instrucao of instrucoes) {
            const inicio = performance.now();
            for (const sql of instrucao.sql) {
                try {
                    await this.executar(sql);
                } catch (error) {
                    throw new AuditoriaErro(`passo ${instrucao.tabela}: ${(error as Error).message.split('\n')[0]}`);
                }
            }
            aoPasso?.(instrucao.tabela, performance.now() - inicio);
        }
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
