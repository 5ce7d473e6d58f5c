/** Shared by the audit tests: the example catalogue (built once), synthetic production on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { CABECALHO_CSV, gerarProducao, linhaCsv, type OpcoesSinteticas, type RegistroProducao, type VerdadeSintetica } from '../../language/src/audit/synthetic.js';
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

/** Generates production into CSV files (records split round-robin across `arquivos`). */
export function gerarCsv(cat: CatalogoJson, opcoes: OpcoesSinteticas, arquivos: string[], transformar?: (r: RegistroProducao) => string): VerdadeSintetica {
    const linhas = arquivos.map(() => [CABECALHO_CSV]);
    let i = 0;
    const verdade = gerarProducao(cat, opcoes, r => { linhas[i++ % arquivos.length].push(transformar ? transformar(r) : linhaCsv(r)); });
    arquivos.forEach((a, k) => {
        fs.mkdirSync(path.dirname(a), { recursive: true });
        fs.writeFileSync(a, linhas[k].join('\n') + '\n');
    });
    return verdade;
}
