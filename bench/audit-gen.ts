/**
 * Benchmark data for `oci-catalogo audit` (bench/audit-bench.mjs): builds the example catalogue
 * (examples/pmae) into catalogo.json and writes synthetic production with known violations
 * (language/src/audit/synthetic.ts) as CSV and Parquet, plus the ground truth's counts.
 *
 *   node audit-gen.mjs --registros 10000000 --out DIR [--semente 1] [--estabelecimentos 1500]
 *
 * (scripts/screenshot-auditoria.mjs uses it too, with a few thousand records and a dozen CNES.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCatalogue } from '../cli/src/catalogue.js';
import { serializeCatalogo } from '../language/src/generator/catalogo-json.js';
import { SessaoDuckdb } from '../language/src/audit/motor.js';
import { CABECALHO_CSV, gerarProducao, linhaCsv } from '../language/src/audit/synthetic.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const registros = Number(flag('--registros', '10000000'));
const out = path.resolve(flag('--out', 'out/audit-bench'));
const semente = Number(flag('--semente', '1'));
const estabelecimentos = Number(flag('--estabelecimentos', '1500'));
const REGISTROS_POR_EPISODIO = 7.0; // measured with these options (meses 12, ruido 1)

fs.mkdirSync(out, { recursive: true });
const built = await buildCatalogue([path.resolve('examples/pmae')]);
if (!built.json) throw new Error('examples/pmae tem erros');
fs.writeFileSync(path.join(out, 'catalogo.json'), serializeCatalogo(built.json));

const inicio = performance.now();
const csv = path.join(out, 'producao.csv');
const fd = fs.openSync(csv, 'w');
let buffer: string[] = [CABECALHO_CSV];
const verdade = gerarProducao(built.json, {
    episodios: Math.ceil((registros / REGISTROS_POR_EPISODIO) * 1.01), semente, meses: 12, estabelecimentos, ruido: 1
}, r => {
    buffer.push(linhaCsv(r));
    if (buffer.length >= 100_000) { fs.writeSync(fd, buffer.join('\n') + '\n'); buffer = []; }
});
fs.writeSync(fd, buffer.join('\n') + (buffer.length ? '\n' : ''));
fs.closeSync(fd);
const geracao = (performance.now() - inicio) / 1000;

const sessao = await SessaoDuckdb.abrir({ memoria: '1GB' });
await sessao.executar(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${path.join(out, 'producao.parquet')}' (FORMAT PARQUET, COMPRESSION ZSTD)`);
sessao.fechar();

const resumo = {
    registros: verdade.registros,
    episodios: verdade.episodios,
    achados: Object.fromEntries(Object.entries(verdade.achados).map(([k, v]) => [k, v.size])),
    cobrancaDuplaCentavos: [...verdade.cobrancaDupla.values()].reduce((a, b) => a + b, 0),
    geracaoSegundos: Number(geracao.toFixed(1))
};
fs.writeFileSync(path.join(out, 'verdade.json'), JSON.stringify(resumo, null, 2) + '\n');
process.stdout.write(JSON.stringify(resumo) + '\n');
