#!/usr/bin/env node
/**
 * Benchmark of `oci-catalogo audit` at state scale (not a timed test): synthetic production for the
 * example catalogue (examples/pmae, 34 OCIs) with known violations, audited from Parquet and from
 * CSV in a separate process each; prints records, seconds, CPU seconds, peak RSS and the machine's
 * load, checks the goals (< 60 s and < 2 GB RSS for ≥ 10 million records) and that the findings'
 * counts equal the generator's ground truth.
 *
 *   node bench/audit-bench.mjs [--registros 10000000] [--formatos parquet,csv] [--work DIR]
 *                              [--reusar] [--memoria 1GB] [--estrito]
 *
 * --reusar keeps the data of a previous run in --work (default <tmp>/oci-audit-bench) when it has
 * the same number of records; --estrito exits 1 when a goal is missed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const registros = Number(flag('--registros', '10000000'));
const formatos = flag('--formatos', 'parquet,csv').split(',').filter(Boolean);
const work = path.resolve(flag('--work', path.join(os.tmpdir(), 'oci-audit-bench')));
const memoria = flag('--memoria', '1GB');
const META = { segundos: 60, rssMB: 2048 };

const node = process.execPath;
const cache = path.join(ROOT, 'node_modules/.cache/oci-audit-bench');
fs.mkdirSync(cache, { recursive: true });

// Bundle the two TypeScript entries (DuckDB's native binding stays a package).
const esbuild = await import('esbuild');
for (const nome of ['audit-gen', 'audit-cli']) {
    await esbuild.build({
        absWorkingDir: ROOT, entryPoints: [`bench/${nome}.ts`], outfile: path.join(cache, `${nome}.mjs`), bundle: true,
        platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'warning',
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }
    });
}

const verdadeArquivo = path.join(work, 'verdade.json');
let verdade = fs.existsSync(verdadeArquivo) ? JSON.parse(fs.readFileSync(verdadeArquivo, 'utf8')) : undefined;
if (!(argv.includes('--reusar') && verdade && verdade.registros >= registros && verdade.registros < registros * 1.05)) {
    process.stderr.write(`audit-bench: gerando ≈${registros.toLocaleString('pt-BR')} registros em ${work}…\n`);
    const r = spawnSync(node, [path.join(cache, 'audit-gen.mjs'), '--registros', String(registros), '--out', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) { process.stderr.write('audit-bench: a geração falhou\n'); process.exit(2); }
    verdade = JSON.parse(fs.readFileSync(verdadeArquivo, 'utf8'));
}

const resultados = [];
for (const formato of formatos) {
    const arquivo = path.join(work, `producao.${formato}`);
    const out = path.join(work, `relatorio-${formato}`);
    const stats = path.join(work, `stats-${formato}.jsonl`);
    fs.rmSync(stats, { force: true });
    const carga = os.loadavg()[0];
    process.stderr.write(`audit-bench: auditando ${path.basename(arquivo)} (${(fs.statSync(arquivo).size / 1e6).toFixed(0)} MB)…\n`);
    const r = spawnSync(node, [path.join(cache, 'audit-cli.mjs'), 'audit', path.join(work, 'catalogo.json'), '--producao', arquivo, '--out', out, '--memoria', memoria, '--tempos'],
        { cwd: ROOT, env: { ...process.env, AUDIT_BENCH_STATS: stats }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    process.stderr.write(r.stderr);
    if (r.status !== 0 || !fs.existsSync(stats)) { process.stderr.write(`audit-bench: a auditoria falhou (${r.status})\n${r.stdout}`); process.exit(2); }
    const s = JSON.parse(fs.readFileSync(stats, 'utf8').trim().split('\n').pop());
    const json = JSON.parse(fs.readFileSync(path.join(out, 'auditoria.json'), 'utf8'));
    const t = json.total;
    const confere = json.entrada.registros === verdade.registros && t.episodios === verdade.episodios
        && t.tempoExcedido === verdade.achados['tempo/acima-tm'] && t.obrigatorioAusente === verdade.achados['escopo/obrigatorio-ausente']
        && t.conclusaoAusente === verdade.achados['escopo/conclusao-ausente'] && t.quantidadeExcedida === verdade.achados['quantidade/acima-permitido']
        && t.cobrancaDupla.registros === verdade.achados['cobranca/dupla'] && t.cobrancaDupla.valor.centavos === verdade.cobrancaDuplaCentavos
        && t.pessoaInvalida === verdade.achados['identificacao/pessoa-invalida'] && t.apacInvalida === verdade.achados['identificacao/apac-invalida'];
    resultados.push({ formato, registros: json.entrada.registros, episodios: t.episodios, mb: fs.statSync(arquivo).size / 1e6, ...s, carga, cargaFim: os.loadavg()[0], confere });
}

const linhas = [
    '| entrada | registros | episódios | arquivo | segundos | CPU (s) | RSS máx. | carga da máquina | achados = verdade |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...resultados.map(r => `| ${r.formato} | ${r.registros.toLocaleString('pt-BR')} | ${r.episodios.toLocaleString('pt-BR')} | ${r.mb.toFixed(0)} MB | ${r.segundos.toFixed(1)} | ${r.cpuSegundos.toFixed(1)} | ${r.rssMaxMB.toFixed(0)} MB | ${r.carga.toFixed(1)} → ${r.cargaFim.toFixed(1)} | ${r.confere ? 'sim' : 'NÃO'} |`)
];
process.stdout.write(`\nAuditoria da produção — ${os.cpus().length} núcleos, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, DuckDB memory_limit ${memoria}\n\n${linhas.join('\n')}\n\n`);
let falhou = false;
for (const r of resultados) {
    const ok = r.registros >= 10_000_000 ? r.segundos < META.segundos && r.rssMaxMB < META.rssMB : r.rssMaxMB < META.rssMB;
    if (!ok || !r.confere) falhou = true;
    process.stdout.write(`${r.formato}: ${r.segundos < META.segundos ? 'dentro' : 'FORA'} da meta de ${META.segundos} s, ${r.rssMaxMB < META.rssMB ? 'dentro' : 'FORA'} da meta de 2 GB${r.confere ? '' : '; achados DIFERENTES da verdade'}\n`);
}
fs.writeFileSync(path.join(work, 'resultado.json'), JSON.stringify({ data: new Date().toISOString(), resultados }, null, 2) + '\n');
if (falhou && argv.includes('--estrito')) process.exitCode = 1;
