/** Shared by the audit tests: the example catalogue (built once), synthetic production on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeCatalogo, type CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { ACHADOS } from '../../language/src/audit/sql.js';
import { SessaoDuckdb } from '../../language/src/audit/motor.js';
import { loadChdb } from '../../language/src/audit/motor-clickhouse.js';
import {
    CABECALHO_CSV,
    CABECALHO_CSV_PUBLICO,
    generateProducao,
    linhaCsv,
    linhaMalformada,
    type OpcoesSinteticas,
    type RegistroProducao,
    type VerdadeSintetica
} from '../../language/src/audit/synthetic.js';
import { buildCatalogue } from '../../cli/src/catalogue.js';
import { REPO_ROOT } from '../helpers.js';

export const EXEMPLO = path.join(REPO_ROOT, 'examples/pmae');

let catalogo: CatalogoJson | undefined;

/** The example catalogue (examples/pmae, 34 OCIs), built in memory like `build`. */
export async function catalogoExemplo(): Promise<CatalogoJson> {
    if (!catalogo) {
        const built = await buildCatalogue([EXEMPLO]);
        if (!built.json) throw new Error('examples/pmae tem erros');
        catalogo = built.json;
    }
    return catalogo;
}

/**
 * Malformed lines written by generateCsv({ malformadas }): DuckDB-unreadable ones (column count) and ones with an
 * unpaired quote.
 */
export const malformadas = { ilegiveis: 0, aspas: 0 };

/**
 * Generates production into CSV files (records split round-robin across `arquivos`). With
 * `malformadasACada` N, after every N-th line of the first file a malformed copy of it is added (linhaMalformada,
 * the three kinds in turn), counted in `malformadas`.
 */
export function generateCsv(
    cat: CatalogoJson,
    opcoes: OpcoesSinteticas,
    arquivos: string[],
    transformar?: (r: RegistroProducao) => string,
    malformadasACada = 0
): VerdadeSintetica {
    const linhas = arquivos.map(() => [opcoes.publico ? CABECALHO_CSV_PUBLICO : CABECALHO_CSV]);
    let i = 0;
    malformadas.ilegiveis = 0;
    malformadas.aspas = 0;
    let primeiro = 0;
    const verdade = generateProducao(cat, opcoes, r => {
        const linha = transformar ? transformar(r) : linhaCsv(r);
        const k = i++ % arquivos.length;
        linhas[k].push(linha);
        // Only the first file gets malformed lines (the others may be converted to Parquet).
        if (k === 0 && malformadasACada > 0 && ++primeiro % malformadasACada === 0) {
            const tipo = (primeiro / malformadasACada) % 3;
            linhas[k].push(linhaMalformada(linha, tipo));
            if (tipo === 2) malformadas.aspas++;
            else malformadas.ilegiveis++;
        }
    });
    arquivos.forEach((a, k) => {
        fs.mkdirSync(path.dirname(a), { recursive: true });
        fs.writeFileSync(a, linhas[k].join('\n') + '\n');
    });
    return verdade;
}

/**
 * The example catalogue as `catalogo.json` and one `producao.csv` of synthetic production in `dir`, every finding
 * injected at 5% (the CLI tests' inputs); returns their paths and the generator's truth.
 */
export async function writeAuditInputs(
    dir: string,
    opcoes: Pick<OpcoesSinteticas, 'episodios' | 'semente' | 'meses'>
): Promise<{ catalogoJson: string; producao: string; verdade: VerdadeSintetica }> {
    const cat = await catalogoExemplo();
    const catalogoJson = path.join(dir, 'catalogo.json');
    fs.writeFileSync(catalogoJson, serializeCatalogo(cat));
    const producao = path.join(dir, 'producao.csv');
    const taxas = Object.fromEntries(Object.values(ACHADOS).map(a => [a, 0.05]));
    const verdade = generateCsv(cat, { ...opcoes, taxas }, [producao]);
    return { catalogoJson, producao, verdade };
}

/** `csv` (a production file as generateCsv writes it, every column text) copied as Parquet to `parquet`, by DuckDB. */
export async function csvToParquet(csv: string, parquet: string): Promise<void> {
    const sessao = await SessaoDuckdb.abrir();
    try {
        await sessao.executar(
            `COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT PARQUET)`
        );
    } finally {
        sessao.fechar();
    }
}

/**
 * chdb (ClickHouse embedded) for the soak tests that run the engine: not a dependency of the
 * package (.ci/run installs it before the soak tier). `absent` is why it did not load, if it did
 * not; `require(what)` fails the test saying so, instead of letting it pass without the engine.
 */
export async function probeChdb(): Promise<{ absent?: string; require(what: string): void }> {
    let absent: string | undefined;
    try {
        await loadChdb();
    } catch (error) {
        absent = (error as Error).message;
    }
    return {
        absent,
        require(what: string) {
            if (absent) throw new Error(`${what} precisa do chdb, que não está instalado: ${absent}`);
        }
    };
}
