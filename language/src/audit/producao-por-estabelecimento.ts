/**
 * Which competências each establishment (CNES) has production in, read by the audit engine
 * (DuckDB) from the production files themselves — CSV or Parquet, a state's year of SIA/SUS
 * records included. The Sala de Estabilização check of art. 878-A §10 (Portaria GM/MS nº
 * 1.997/2023: suspension after three consecutive competências without production records) uses it.
 *
 * DuckDB reduces the files to their distinct (CNES, competência or date) pairs; the values are
 * validated here, in TypeScript, with the same rules as the rest of the project (so an invalid
 * CNES or competência is a clear input error naming the value, never a silent zero).
 */
import * as path from 'node:path';
import { competenciaDaData, parseCompetenciaIndex, parseDate, type Competencia } from '../plano/datas.js';
import { EntradaInvalida, type ProducaoPorCnes } from '../plano/producao.js';
import { identificador, leitorDuckdb, tipoArquivo } from './dialeto.js';
import { AuditoriaErro, DUCKDB, SessaoDuckdb, type OpcoesMotor } from './motor.js';

/** Accepted names (any case) of the columns: the audit's canonical ones and the SIA PA file's. */
export const COLUNAS_PRODUCAO_ESTABELECIMENTO = {
    cnes: ['cnes', 'pa_coduni', 'co_cnes'],
    competencia: ['competencia', 'competência', 'pa_cmp'],
    data: ['data']
} as const;

function dataParaCompetencia(texto: string): Competencia | undefined {
    const iso = parseDate(texto.slice(0, 10));
    if (iso) return competenciaDaData(iso);
    const br = /^([0-9]{2})\/([0-9]{2})\/([0-9]{4})$/.exec(texto);
    if (!br) return undefined;
    const d = parseDate(`${br[3]}-${br[2]}-${br[1]}`);
    return d ? competenciaDaData(d) : undefined;
}

/** Reads the production files into CNES → competências with records. Input problems throw EntradaInvalida. */
export async function producaoPorEstabelecimento(
    arquivos: string[],
    opcoes: OpcoesMotor = {}
): Promise<ProducaoPorCnes> {
    if (arquivos.length === 0) throw new EntradaInvalida('nenhum arquivo de produção');
    for (const arquivo of arquivos) {
        if (!tipoArquivo(arquivo)) throw new EntradaInvalida(`${arquivo}: formato desconhecido (use .csv ou .parquet)`);
    }
    let sessao: SessaoDuckdb;
    try {
        sessao = await SessaoDuckdb.abrir({ memoria: opcoes.memoria ?? '512MB', threads: opcoes.threads });
    } catch (error) {
        throw new EntradaInvalida((error as Error).message);
    }
    const porCnes = new Map<string, Set<Competencia>>();
    let primeira: Competencia | undefined;
    let ultima: Competencia | undefined;
    let registros = 0;
    try {
        for (const arquivo of arquivos) {
            const absoluto = path.resolve(arquivo);
            let nomes: string[];
            try {
                nomes = await sessao.colunasDoArquivo(absoluto);
            } catch (error) {
                throw new EntradaInvalida(
                    `${arquivo}: não foi possível ler (${(error as Error).message.split('\n')[0]})`
                );
            }
            const achar = (aceitos: readonly string[]) => nomes.find(n => aceitos.includes(n.toLowerCase()));
            const cnes = achar(COLUNAS_PRODUCAO_ESTABELECIMENTO.cnes);
            const competencia = achar(COLUNAS_PRODUCAO_ESTABELECIMENTO.competencia);
            const data = achar(COLUNAS_PRODUCAO_ESTABELECIMENTO.data);
            if (!cnes)
                throw new EntradaInvalida(
                    `${arquivo}: falta a coluna do CNES (cnes ou PA_CODUNI); colunas: ${nomes.join(', ')}`
                );
            if (!competencia && !data) {
                throw new EntradaInvalida(
                    `${arquivo}: falta a coluna da competência (competencia ou PA_CMP) ou da data (data); colunas: ${nomes.join(', ')}`
                );
            }
            const q = (nome: string) => `CAST(${identificador(nome, DUCKDB)} AS VARCHAR)`;
            const tempo = competencia ?? data!;
            const linhas = await sessao.consultar(
                `SELECT ${q(cnes)} AS cnes, ${q(tempo)} AS tempo, count(*) AS n FROM ${leitorDuckdb(absoluto)} GROUP BY 1, 2`
            );
            for (const linha of linhas) {
                const brutoCnes = String(linha.cnes ?? '').trim();
                const digitos = brutoCnes.replace(/\D/g, '');
                if (!/^[0-9]{1,7}$/.test(digitos))
                    throw new EntradaInvalida(`${arquivo}: CNES inválido: "${brutoCnes}"`);
                const brutoTempo = String(linha.tempo ?? '').trim();
                const comp = competencia ? parseCompetenciaIndex(brutoTempo) : dataParaCompetencia(brutoTempo);
                if (comp === undefined)
                    throw new EntradaInvalida(
                        `${arquivo}: ${competencia ? 'competência' : 'data'} inválida: "${brutoTempo}"`
                    );
                const chave = digitos.padStart(7, '0');
                let conjunto = porCnes.get(chave);
                if (!conjunto) porCnes.set(chave, (conjunto = new Set()));
                conjunto.add(comp);
                primeira = primeira === undefined || comp < primeira ? comp : primeira;
                ultima = ultima === undefined || comp > ultima ? comp : ultima;
                registros += Number(linha.n);
            }
        }
    } catch (error) {
        if (error instanceof AuditoriaErro) throw new EntradaInvalida(error.message);
        throw error;
    } finally {
        sessao.fechar();
    }
    return { porCnes, primeira, ultima, registros };
}
