/**
 * Benchmark data for `oci-catalogo audit` (bench/audit-bench.mjs): builds the example catalogue
 * (examples/pmae) into catalogo.json and writes synthetic production with known violations
 * (language/src/audit/synthetic.ts) as CSV and Parquet, plus the ground truth's counts.
 *
 *   node audit-gen.mjs --registros 10000000 --out DIR [--semente 1] [--estabelecimentos 1500] [--malformadas-a-cada
 * 1000]

 * Dirty production, as it arrives (bench/audit-producao.ts, also the 10-million-record soak test's
 * generator): after every N-th line (default 1000: 0.1% of the rows) a malformed copy of it (a missing
 * column, an extra column or an unpaired quote, in turn — linhaMalformada); the Parquet file is
 * converted from the CSV by DuckDB, which drops the lines it cannot read (the unpaired quotes stay,
 * as values, and the audit rejects them).
 *
 * (scripts/screenshot-auditoria.mjs uses it too, with a few thousand records and a dozen CNES.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCatalogue } from '../cli/src/catalogue.js';
import { serializeCatalogo } from '../language/src/generator/catalogo-json.js';
import { SessaoDuckdb } from '../language/src/audit/motor.js';
import { writeProducaoSuja } from './audit-producao.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return (i >= 0 ? argv[i + 1] : undefined) ?? fallback;
};
const registros = Number(flag('--registros', '10000000'));
const out = path.resolve(flag('--out', 'out/audit-bench'));
const semente = Number(flag('--semente', '1'));
const estabelecimentos = Number(flag('--estabelecimentos', '1500'));
const malformadasACada = Number(flag('--malformadas-a-cada', '1000'));
const REGISTROS_POR_EPISODIO = 7.0; // measured with these options (meses 12, ruido 1)

fs.mkdirSync(out, { recursive: true });
const built = await buildCatalogue([path.resolve('examples/pmae')]);
if (!built.json) throw new Error('examples/pmae tem erros');
fs.writeFileSync(path.join(out, 'catalogo.json'), serializeCatalogo(built.json));

const inicio = performance.now();
const csv = path.join(out, 'producao.csv');
const { verdade, malformadas } = writeProducaoSuja(
    built.json,
    {
        episodios: Math.ceil((registros / REGISTROS_POR_EPISODIO) * 1.01),
        semente,
        meses: 12,
        estabelecimentos,
        ruido: 1,
        rejeitados: 0.01,
        ociForaDeLugar: 0.01
    },
    csv,
    malformadasACada
);
const geracao = (performance.now() - inicio) / 1000;

const sessao = await SessaoDuckdb.abrir({ memoria: '1GB' });
await sessao.executar(
    `COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true, ignore_errors = true)) TO '${path.join(out, 'producao.parquet')}' (FORMAT PARQUET, COMPRESSION ZSTD)`
);
sessao.fechar();

const resumo = {
    registros: verdade.registros + malformadas.aspas,
    episodios: verdade.episodios,
    achados: Object.fromEntries(Object.entries(verdade.achados).map(([k, v]) => [k, v.size])),
    cobrancaDuplaCentavos: [...verdade.cobrancaDupla.values()].reduce((a, b) => a + b, 0),
    /** Lines DuckDB cannot read (CSV only: the Parquet conversion dropped them). */
    linhasIlegiveis: malformadas.ilegiveis,
    /** Records rejected for their values: the generator's invalid values and the unpaired quotes. */
    registrosInvalidos: verdade.rejeitados + malformadas.aspas,
    registrosForaDoPeriodo: verdade.registrosForaDoPeriodo,
    ociEmBpa: [...verdade.ociEmBpa.values()].reduce((a, b) => a + b, 0),
    ociForaDoRol: [...verdade.ociForaDoRol.values()].reduce((a, b) => a + b, 0),
    geracaoSegundos: Number(geracao.toFixed(1))
};
fs.writeFileSync(path.join(out, 'verdade.json'), JSON.stringify(resumo, null, 2) + '\n');
process.stdout.write(JSON.stringify(resumo) + '\n');
