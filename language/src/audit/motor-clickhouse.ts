/**
 * Runs the audit's SQL on ClickHouse, embedded through the npm package `chdb` (the ClickHouse
 * engine itself, the same SQL as a cluster; ~550 MB, so NOT a dependency of the package: install
 * it beside the catalogue with `npm install --no-save chdb`). `--motor clickhouse` of `audit`.
 *
 * The production files are read by DuckDB exactly as in the DuckDB run (its CSV reader with the
 * unreadable lines recorded, Parquet with the integer columns padded: motor.ts, sql.ts `carga`) and
 * handed to ClickHouse as one Parquet file of canonical text columns; every other step — the
 * normalization, episodes, checks and reports — runs in ClickHouse, in its dialect (dialeto.ts).
 * On a cluster the production is already a ClickHouse table (docs/audit-nacional.md) and only the
 * `--emit-sql --dialeto clickhouse` script is needed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CatalogoJson } from '../generator/catalogo-json.js';
import { Auditoria, readRelatorio, type OpcoesAuditoria } from './auditoria.js';
import { DIALETOS, literal, translateToClickhouse } from './dialeto.js';
import { AuditoriaErro, DUCKDB, SessaoDuckdb, runSteps, type Linha } from './motor.js';
import { carga, compileAuditoria, COLUNAS, type Instrucao } from './sql.js';

export const CLICKHOUSE = DIALETOS.clickhouse;

/** How to install the engine, said whenever it cannot be loaded. */
export const INSTALAR_CHDB =
    'instale-o na pasta do catálogo com: npm install --no-save chdb@3.4.0 (~550 MB; não é dependência do pacote)';

interface ChdbSession {
    query(sql: string, format?: string): string;
    queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
    queryStream(sql: string, opts?: { format?: string }): AsyncIterable<{ rows<T>(): T[] }>;
    close(): void;
}

/**
 * Settings of the results read back (the same text as DuckDB's: 12.50, not 12.5). chdb runs one
 * session (one data folder) per process at a time: close one before opening another.
 */
const SAIDA = [
    'SET output_format_decimal_trailing_zeros = 1',
    'SET output_format_json_quote_decimals = 1',
    'SET output_format_json_quote_64bit_integers = 1'
];

/** Loads chdb, or says how to install it (AuditoriaErro: the CLI exits with 2). */
export async function loadChdb(): Promise<{ Session: new (path?: string) => ChdbSession }> {
    try {
        // A variable specifier: bundlers and the type checker leave the optional package alone.
        const nome = 'chdb';
        const modulo = await import(nome);
        return (modulo.default ?? modulo) as { Session: new (path?: string) => ChdbSession };
    } catch (error) {
        throw new AuditoriaErro(
            `não foi possível carregar o ClickHouse embutido (chdb): ${(error as Error).message.split('\n')[0]}; ${INSTALAR_CHDB}`
        );
    }
}

export class SessaoClickhouse {
    private constructor(
        private readonly sessao: ChdbSession,
        private readonly pasta: string,
        private readonly ilegiveis: Linha[]
    ) {}

    /** A new embedded ClickHouse in a temporary folder; `ilegiveis`: the unreadable lines of the loader. */
    static async abrir(ilegiveis: Linha[] = []): Promise<SessaoClickhouse> {
        const { Session } = await loadChdb();
        const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-ch-'));
        const sessao = new Session(pasta);
        for (const s of SAIDA) await sessao.queryAsync(s);
        return new SessaoClickhouse(sessao, pasta, ilegiveis);
    }

    /** The temporary folder (the loader writes the production there). */
    get temporaria(): string {
        return this.pasta;
    }

    /** A statement already in ClickHouse's dialect (compileAuditoria's). */
    async executar(sql: string): Promise<void> {
        await this.sessao.queryAsync(sql);
    }

    /** A query in the portable SQL (auditoria.ts's reads), translated. */
    async consultar(sql: string): Promise<Linha[]> {
        const texto = (await this.sessao.queryAsync(translateToClickhouse(sql), { format: 'JSONEachRow' })).text();
        return texto
            .split('\n')
            .filter(l => l.trim() !== '')
            .map(l => JSON.parse(l) as Linha);
    }

    async *emPartes(sql: string): AsyncGenerator<Linha[]> {
        for await (const parte of this.sessao.queryStream(translateToClickhouse(sql), { format: 'JSONEachRow' })) {
            const linhas = parte.rows<Linha>();
            if (linhas.length) yield linhas;
        }
    }

    async linhasIlegiveis(): Promise<Linha[]> {
        return this.ilegiveis;
    }

    async runStatements(instrucoes: Instrucao[], aoPasso?: (tabela: string, ms: number) => void): Promise<void> {
        await runSteps(sql => this.executar(sql), instrucoes, 'ClickHouse', aoPasso);
    }

    fechar(): void {
        try {
            this.sessao.close();
        } finally {
            fs.rmSync(this.pasta, { recursive: true, force: true });
        }
    }
}

/**
 * The production files as DuckDB reads them (producao_bruta: canonical columns, all text, the file's
 * name, each record's position) written to `destino` as Parquet; returns the lines DuckDB could not read.
 */
export async function producaoParaParquet(opcoes: OpcoesAuditoria, destino: string): Promise<Linha[]> {
    const duck = await SessaoDuckdb.abrir({ memoria: opcoes.memoria, threads: opcoes.threads });
    try {
        const fontes = await duck.resolveFontes(opcoes.arquivos, opcoes.mapa ?? {});
        // In the files' order, with each record's position (`posicao`: the rowid the DuckDB run gives
        // it), so that rejeitados.csv has the same lines from either engine.
        await duck.runStatements([
            carga({ arquivos: fontes }, DUCKDB),
            {
                tabela: 'producao_ordenada',
                descricao: 'a produção na ordem dos arquivos',
                ordenada: true,
                sql: ['CREATE TABLE producao_ordenada AS SELECT * FROM producao_bruta']
            }
        ]);
        await duck.executar(
            `COPY (SELECT * REPLACE (rowid AS posicao) FROM producao_ordenada) TO ${literal(destino)} (FORMAT parquet)`
        );
        return await duck.linhasIlegiveis();
    } finally {
        duck.fechar();
    }
}

/**
 * The audit's statements for ClickHouse over a table (or table function) holding producao_bruta's
 * columns (the canonical ones and `arquivo`; `posicao` too when `comPosicao`: producaoParaParquet):
 * the script of `--emit-sql --dialeto clickhouse` with its first step reading that table whole.
 */
export function instrucoesClickhouse(
    catalogo: CatalogoJson,
    tabela: string,
    digitoTipoApac?: string,
    comPosicao = false
): Instrucao[] {
    const colunas = Object.fromEntries(COLUNAS.map(c => [c, c]));
    return compileAuditoria(catalogo, { tabela, colunas }, { dialeto: CLICKHOUSE, digitoTipoApac }).map(i =>
        i.tabela !== 'producao_bruta'
            ? i
            : {
                  ...i,
                  descricao: `a produção com as colunas canônicas e o nome do arquivo, lida de ${tabela}`,
                  sql: [
                      'DROP VIEW IF EXISTS producao_bruta',
                      `CREATE VIEW producao_bruta AS\nSELECT ${[...COLUNAS, 'arquivo', comPosicao ? 'posicao' : 'CAST(NULL AS BIGINT) AS posicao'].join(', ')}\nFROM ${tabela}`
                  ]
              }
    );
}

/** Runs the audit on ClickHouse (chdb). The caller closes the returned Auditoria. */
export async function auditWithClickhouse(catalogo: CatalogoJson, opcoes: OpcoesAuditoria): Promise<Auditoria> {
    await loadChdb(); // before reading anything: a missing engine is said first
    const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-producao-'));
    let sessao: SessaoClickhouse | undefined;
    try {
        const parquet = path.join(pasta, 'producao.parquet');
        const ilegiveis = await producaoParaParquet(opcoes, parquet);
        sessao = await SessaoClickhouse.abrir(ilegiveis);
        // Loaded into a table, as on a cluster (a view straight over the Parquet file trips
        // ClickHouse's filter push-down into the Parquet reader: NOT_FOUND_COLUMN_IN_BLOCK).
        await sessao.executar(
            `CREATE TABLE producao_arquivos ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM file(${literal(parquet)}, Parquet)`
        );
        const instrucoes = instrucoesClickhouse(catalogo, 'producao_arquivos', opcoes.digitoTipoApac, true);
        await sessao.runStatements(instrucoes, opcoes.aoPasso);
        const json = await readRelatorio(sessao, catalogo, opcoes);
        return new Auditoria(json, instrucoes, sessao);
    } catch (error) {
        sessao?.fechar();
        throw error;
    } finally {
        fs.rmSync(pasta, { recursive: true, force: true });
    }
}
