#!/usr/bin/env node
/**
 * Benchmark of `oci-catalogo audit` at state scale (not a timed test): synthetic production for the
 * example catalogue (examples/pmae, 34 OCIs) with known violations, audited from Parquet and from
 * CSV in a separate process each, on DuckDB and on ClickHouse (`--motor clickhouse`: chdb, the
 * ClickHouse engine embedded; not a dependency of the package — when it is not installed the bench
 * says so and measures DuckDB alone); prints records, seconds, CPU seconds, peak RSS and the
 * machine's load, checks the goals (< 60 s and < 2 GB RSS for ≥ 10 million records) and that the
 * findings' counts equal the generator's ground truth, and extrapolates to one year of national
 * OCI production (ANO_NACIONAL below; the sources are in docs/audit-nacional.md).
 *
 *   node bench/audit-bench.mjs [--registros 10000000] [--formatos parquet,csv] [--motores duckdb,clickhouse]
 *                              [--work DIR] [--reusar] [--memoria 1GB] [--estrito] [--update-readme]
 *   node bench/audit-bench.mjs --render [--update-readme]   (re-renders bench/results/audit-latest.json, no measuring)
 *
 * --reusar keeps the data of a previous run in --work (default <tmp>/oci-audit-bench) when it has
 * the same number of records; --estrito exits 1 when a goal is missed.
 *
 * Writes bench/results/audit-latest.json (versioned, like bench/results/latest.json: the machine,
 * the commit, each step's time from `--tempos`, the CPU other processes used during each audit and
 * the Markdown table); --update-readme rewrites bench/README.md between `audit-bench:start` / `audit-bench:end`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv, bundleBenchEntry, cpuTicks, flagReader, machineInfo, rewriteReadmeSection } from './common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = flagReader(argv);
const registros = Number(flag('--registros', '10000000'));
const formatos = flag('--formatos', 'parquet,csv').split(',').filter(Boolean);
const work = path.resolve(flag('--work', path.join(os.tmpdir(), 'oci-audit-bench')));
const memoria = flag('--memoria', '1GB');
const motores = flag('--motores', 'duckdb,clickhouse').split(',').filter(Boolean);
const META = { segundos: 60, rssMB: 2048 };
/**
 * One year of national OCI-relevant production, as assumed in docs/audit-nacional.md ("Um ano do país"):
 * 10 million OCI episodes (the Ministry's 2025 target of 3.5 million concluded in the first half, and
 * R$ 2.4 billion a year over the rol's mean value of R$ 244) × 7 records each (this generator's ratio; the
 * rol's own APAC averages 6.75 records); and the whole SIA/SUS (3.7 billion procedures in 2019) as the bound.
 */
const ANO_NACIONAL = { episodios: 10_000_000, registrosPorEpisodio: 7, siaInteiro: 3_700_000_000 };
const RESULTS = path.join(ROOT, 'bench/results/audit-latest.json');

if (argv.includes('--render')) {
    // Only re-render bench/results/audit-latest.json (the table) — no measurement.
    const salvo = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
    salvo.markdown = markdown(salvo);
    fs.writeFileSync(RESULTS, JSON.stringify(salvo, null, 2) + '\n');
    process.stdout.write(salvo.markdown + '\n');
    if (argv.includes('--update-readme')) updateReadme(salvo.markdown);
    process.exit(0);
}

const node = process.execPath;
const cache = path.join(ROOT, 'node_modules/.cache/oci-audit-bench');
fs.mkdirSync(cache, { recursive: true });

// Bundle the two TypeScript entries (DuckDB's native binding stays a package).
for (const nome of ['audit-gen', 'audit-cli']) await bundleBenchEntry(ROOT, nome, path.join(cache, `${nome}.mjs`));

const verdadeArquivo = path.join(work, 'verdade.json');
let verdade = fs.existsSync(verdadeArquivo) ? JSON.parse(fs.readFileSync(verdadeArquivo, 'utf8')) : undefined;
if (!(argv.includes('--reusar') && verdade && verdade.registros >= registros && verdade.registros < registros * 1.05)) {
    process.stderr.write(`audit-bench: gerando ≈${registros.toLocaleString('pt-BR')} registros em ${work}…\n`);
    const r = spawnSync(node, [path.join(cache, 'audit-gen.mjs'), '--registros', String(registros), '--out', work], {
        cwd: ROOT,
        env: benchEnv(work),
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8'
    });
    if (r.status !== 0) {
        process.stderr.write('audit-bench: a geração falhou\n');
        process.exit(2);
    }
    verdade = JSON.parse(fs.readFileSync(verdadeArquivo, 'utf8'));
}

const clickhouse = motores.includes('clickhouse') ? chdbInstalado() : undefined;
if (clickhouse?.ausente) process.stderr.write(`audit-bench: ClickHouse não medido: ${clickhouse.ausente}\n`);
const execucoes = motores
    .filter(m => m !== 'clickhouse' || !clickhouse?.ausente)
    .flatMap(motor => formatos.map(formato => ({ motor, formato })));

const resultados = [];
for (const { motor, formato } of execucoes) {
    const arquivo = path.join(work, `producao.${formato}`);
    const out = path.join(work, `relatorio-${motor}-${formato}`);
    const stats = path.join(work, `stats-${motor}-${formato}.jsonl`);
    fs.rmSync(stats, { force: true });
    const carga = os.loadavg()[0];
    process.stderr.write(
        `audit-bench: auditando ${path.basename(arquivo)} (${(fs.statSync(arquivo).size / 1e6).toFixed(0)} MB) no ${motor}…\n`
    );
    const cpuAntes = cpuOcupadaSegundos();
    const paredeAntes = performance.now();
    const r = spawnSync(
        node,
        [
            path.join(cache, 'audit-cli.mjs'),
            'audit',
            path.join(work, 'catalogo.json'),
            '--producao',
            arquivo,
            '--out',
            out,
            '--memoria',
            memoria,
            '--motor',
            motor,
            '--tempos'
        ],
        {
            cwd: ROOT,
            env: { ...benchEnv(work), AUDIT_BENCH_STATS: stats },
            stdio: ['ignore', 'pipe', 'pipe'],
            encoding: 'utf8'
        }
    );
    const cpuMaquina = cpuOcupadaSegundos() - cpuAntes;
    const parede = (performance.now() - paredeAntes) / 1000; // the child's whole life, Node's start-up included
    process.stderr.write(r.stderr);
    if (r.status !== 0 || !fs.existsSync(stats)) {
        process.stderr.write(`audit-bench: a auditoria falhou (${r.status})\n${r.stdout}`);
        process.exit(2);
    }
    const s = JSON.parse(fs.readFileSync(stats, 'utf8').trim().split('\n').pop());
    const json = JSON.parse(fs.readFileSync(path.join(out, 'auditoria.json'), 'utf8'));
    const t = json.total;
    const confere =
        json.entrada.registros === verdade.registros &&
        t.episodios === verdade.episodios &&
        t.tempoExcedido === verdade.achados['tempo/acima-tm'] &&
        t.obrigatorioAusente === verdade.achados['escopo/obrigatorio-ausente'] &&
        t.conclusaoAusente === verdade.achados['escopo/conclusao-ausente'] &&
        t.quantidadeExcedida === verdade.achados['quantidade/acima-permitido'] &&
        t.cobrancaDupla.registros === verdade.achados['cobranca/dupla'] &&
        t.cobrancaDupla.valor.centavos === verdade.cobrancaDuplaCentavos &&
        t.pessoaInvalida === verdade.achados['identificacao/pessoa-invalida'] &&
        t.apacInvalida === verdade.achados['identificacao/apac-invalida'] &&
        t.procedimentoForaDaOci === verdade.achados['escopo/procedimento-fora-da-oci'] &&
        t.conclusaoAntesDoFim === verdade.achados['escopo/conclusao-antes-do-fim'] &&
        t.registroDuplicado === verdade.achados['registro/duplicado'] &&
        t.dataForaDoPeriodo === verdade.achados['data/fora-do-periodo'] &&
        t.apacForaDaValidade === verdade.achados['apac/fora-da-validade'] &&
        json.entrada.registrosInvalidos === verdade.registrosInvalidos &&
        json.entrada.registrosForaDoPeriodo === verdade.registrosForaDoPeriodo &&
        json.entrada.linhasIlegiveis === (formato === 'csv' ? verdade.linhasIlegiveis : 0) &&
        json.entrada.ociEmBpa.reduce((a, x) => a + x.registros, 0) === verdade.ociEmBpa &&
        json.entrada.ociForaDoCatalogo.reduce((a, x) => a + x.registros, 0) === verdade.ociForaDoRol;
    // `--tempos` lines: "  <passo> <segundos> s".
    const passos = Object.fromEntries(
        [...r.stderr.matchAll(/^ {2}(\S+)\s+([0-9.]+) s$/gm)].map(m => [m[1], Number(m[2])])
    );
    // CPU the whole machine spent during the audit minus this audit's own: other processes (shared machine).
    const outrosNucleos =
        cpuMaquina === undefined || isNaN(cpuMaquina) ? undefined : Math.max(0, cpuMaquina - s.cpuSegundos) / parede;
    resultados.push({
        motor,
        formato,
        registros: json.entrada.registros,
        episodios: t.episodios,
        mb: fs.statSync(arquivo).size / 1e6,
        ...s,
        carga,
        cargaFim: os.loadavg()[0],
        outrosNucleos,
        passos,
        confere
    });
}

const saida = {
    data: new Date().toISOString(),
    maquina: machine(),
    memoria,
    metas: META,
    clickhouse,
    anoNacional: ANO_NACIONAL,
    verdade,
    resultados
};
saida.markdown = markdown(saida);
process.stdout.write(
    `\nAuditoria da produção — ${saida.maquina.nproc} núcleos, ${saida.maquina.ramGb} GiB, Node ${process.version}, DuckDB memory_limit ${memoria}\n\n${saida.markdown}\n\n`
);
let falhou = false;
for (const r of resultados) {
    const ok =
        r.registros >= 10_000_000 ? r.segundos < META.segundos && r.rssMaxMB < META.rssMB : r.rssMaxMB < META.rssMB;
    if (!ok || !r.confere) falhou = true;
    const dominante = Object.entries(r.passos).sort((x, y) => y[1] - x[1])[0];
    process.stdout.write(
        `${r.motor} ${r.formato}: ${r.segundos < META.segundos ? 'dentro' : 'FORA'} da meta de ${META.segundos} s, ${r.rssMaxMB < META.rssMB ? 'dentro' : 'FORA'} da meta de 2 GB${r.confere ? '' : '; achados DIFERENTES da verdade'}` +
            `${dominante ? `; passo mais longo: ${dominante[0]} (${dominante[1].toFixed(2)} s)` : ''}\n`
    );
}
fs.writeFileSync(path.join(work, 'resultado.json'), JSON.stringify(saida, null, 2) + '\n');
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, JSON.stringify(saida, null, 2) + '\n');
process.stderr.write(`audit-bench: resultados em ${path.relative(ROOT, RESULTS)}\n`);
if (argv.includes('--update-readme')) updateReadme(saida.markdown);
if (falhou && argv.includes('--estrito')) process.exitCode = 1;

/** The README's table (between the audit-bench markers) from one run's results. */
function markdown({
    data,
    maquina,
    memoria: limite,
    resultados: rs,
    verdade: v,
    clickhouse: ch,
    anoNacional: ano = ANO_NACIONAL
}) {
    const num = (v, casas = 1) =>
        v.toLocaleString('pt-BR', { minimumFractionDigits: casas, maximumFractionDigits: casas });
    const linhas = [
        '| motor | entrada | registros | episódios | arquivo | segundos | CPU (s) | RSS máx. | < 60 s | < 2 GB | carga (início → fim) | CPU de outros processos | achados = verdade |',
        '|---|---|---:|---:|---:|---:|---:|---:|:-:|:-:|---:|---:|:-:|',
        ...rs.map(
            r =>
                `| ${nomeMotor(r)} | ${r.formato} | ${r.registros.toLocaleString('pt-BR')} | ${r.episodios.toLocaleString('pt-BR')} | ${r.mb.toFixed(0)} MB | ${num(r.segundos)} | ${num(r.cpuSegundos)} | ${r.rssMaxMB.toFixed(0)} MB | ${r.segundos < META.segundos ? 'sim' : '**não**'} | ${r.rssMaxMB < META.rssMB ? 'sim' : '**não**'} | ${num(r.carga, 2)} → ${num(r.cargaFim, 2)} | ${r.outrosNucleos === undefined ? '—' : `${num(r.outrosNucleos, 2)} núcleo`} | ${r.confere ? 'sim' : '**NÃO**'} |`
        )
    ];
    // Steps of `--tempos`: those over half a second in some format, the rest summed.
    const nomes = [...new Set(rs.flatMap(r => Object.keys(r.passos)))];
    const grandes = nomes.filter(p => rs.some(r => (r.passos[p] ?? 0) >= 0.5));
    const pequenos = nomes.filter(p => !grandes.includes(p));
    const soma = (r, ps) => ps.reduce((acc, p) => acc + (r.passos[p] ?? 0), 0);
    const celula = (r, v) => `${num(v, 1)} (${Math.round((100 * v) / r.segundos)}%)`;
    const passos =
        nomes.length === 0
            ? []
            : [
                  '',
                  `| passo do SQL (\`--tempos\`): segundos (% do total) | ${rs.map(r => `${nomeMotor(r)} ${r.formato}`).join(' | ')} |`,
                  `|---|${rs.map(() => '---:').join('|')}|`,
                  ...grandes.map(
                      p =>
                          `| \`${p}\` | ${rs.map(r => (r.passos[p] === undefined ? '—' : celula(r, r.passos[p]))).join(' | ')} |`
                  ),
                  ...(pequenos.length
                      ? [
                            `| outros ${pequenos.length} passos (< 0,5 s cada) | ${rs.map(r => celula(r, soma(r, pequenos))).join(' | ')} |`
                        ]
                      : []),
                  `| fora do SQL (partida do Node e do motor, catálogo, gravar os relatórios; no ClickHouse também a leitura dos arquivos pelo DuckDB e a carga numa tabela MergeTree) | ${rs.map(r => celula(r, Math.max(0, r.segundos - soma(r, nomes)))).join(' | ')} |`
              ];
    const cabecalho =
        `Última execução: ${data.slice(0, 10)}, commit ${maquina.commit}; máquina: ${maquina.nproc} núcleos (\`nproc\`), ${maquina.cpu}, ` +
        `${maquina.ramGb} GB de RAM, Node ${maquina.node}, ${maquina.os}; DuckDB \`memory_limit\` ${limite}${ch?.chdb ? ` (no ClickHouse, o da leitura dos arquivos; o ClickHouse embutido, chdb ${ch.chdb} com ClickHouse ${ch.clickhouse}, roda sem limite próprio)` : ''}; uma execução por motor e formato; carga média (1/5/15 min) ao terminar: ${maquina.loadAverage.map(l => num(l, 2)).join(' / ')}. ` +
        `A máquina é compartilhada: "CPU de outros processos" é a CPU que a máquina inteira gastou durante a auditoria menos a da própria auditoria, em núcleos médios (de ${maquina.nproc}).`;
    const sujeira =
        v && v.linhasIlegiveis !== undefined
            ? `Produção suja, como chega: ${v.linhasIlegiveis.toLocaleString('pt-BR')} linhas ilegíveis (colunas a menos ou a mais; só no CSV — a conversão para Parquet as descarta), ` +
              `${v.registrosInvalidos.toLocaleString('pt-BR')} registros com valor inválido (aspas sem par, quantidade, código, cnes, data), ${v.registrosForaDoPeriodo.toLocaleString('pt-BR')} datas fora do período, ` +
              `${v.ociEmBpa.toLocaleString('pt-BR')} códigos de OCI em BPA e ${v.ociForaDoRol.toLocaleString('pt-BR')} registros de APAC de OCI fora do rol: todos em \`rejeitados.csv\` ou nos achados, nenhum interrompe a auditoria.`
            : '';
    const semClickhouse = ch?.ausente ? `**ClickHouse não medido nesta execução**: ${ch.ausente}.` : '';
    return [
        cabecalho,
        ...(sujeira ? ['', sujeira] : []),
        ...(semClickhouse ? ['', semClickhouse] : []),
        '',
        ...linhas,
        ...passos,
        ...extrapolacao(rs, ano, num, maquina.nproc)
    ].join('\n');
}

/** The engine's name in the tables (results of runs before ClickHouse was measured have no `motor`). */
function nomeMotor(r) {
    return (r.motor ?? 'duckdb') === 'clickhouse' ? 'ClickHouse' : 'DuckDB';
}

/**
 * One year of the country from the measured runs: the production split by person into shards of the
 * measured size (each shard's audit is independent: docs/audit-nacional.md), each taking what the
 * measured run took; one node runs the shards one after another, N nodes divide the time.
 */
function extrapolacao(rs, ano, num, nucleos) {
    if (!ano || rs.length === 0) return [];
    const inteiro = n => n.toLocaleString('pt-BR');
    const volume = ano.episodios * ano.registrosPorEpisodio;
    const tempo = s => (s >= 3600 ? `${num(s / 3600, 1)} h` : `${num(s / 60, 1)} min`);
    const linha = (r, registros) => {
        const shards = Math.ceil(registros / r.registros);
        return (
            `| ${nomeMotor(r)} | ${r.formato} | ${inteiro(registros)} | ⌈${inteiro(registros)} ÷ ${inteiro(r.registros)}⌉ = ${inteiro(shards)} | ` +
            `${inteiro(shards)} × ${num(r.segundos)} s = ${tempo(shards * r.segundos)} | ${inteiro(shards)} × ${num(r.cpuSegundos)} s = ${tempo(shards * r.cpuSegundos)} | ` +
            `${tempo(Math.ceil(shards / 10) * r.segundos)} | ${r.rssMaxMB.toFixed(0)} MB |`
        );
    };
    return [
        '',
        `Um ano do país (extrapolado; premissas e fontes em [docs/audit-nacional.md](../docs/audit-nacional.md#um-ano-do-país)): ` +
            `${inteiro(ano.episodios)} episódios de OCI × ${ano.registrosPorEpisodio} registros = **${inteiro(volume)} registros**; ` +
            `o SIA/SUS inteiro (${inteiro(ano.siaInteiro)} procedimentos em 2019) como limite superior. A produção é dividida por pessoa em shards do tamanho medido ` +
            `(a auditoria de um shard não depende dos outros); cada shard leva o que a execução medida levou, num nó de ${nucleos} núcleos como este; com 10 nós, ⌈shards ÷ 10⌉ rodadas.`,
        '',
        '| motor | entrada | registros no ano | shards | um nó, em sequência (parede) | CPU | 10 nós (parede) | RSS por nó |',
        '|---|---|---:|---:|---:|---:|---:|---:|',
        ...rs.map(r => linha(r, volume)),
        ...rs.map(r => linha(r, ano.siaInteiro))
    ];
}

function updateReadme(md) {
    if (!rewriteReadmeSection(ROOT, 'audit-bench', md)) {
        process.stderr.write(
            'audit-bench: bench/README.md não tem os marcadores <!-- audit-bench:start --> / <!-- audit-bench:end -->; nada reescrito\n'
        );
    }
}

/** Busy CPU seconds of the whole machine since boot (/proc/stat: all but idle and iowait); undefined off Linux. */
function cpuOcupadaSegundos() {
    const ticks = cpuTicks();
    return ticks && ticks.busy / 100; // USER_HZ = 100 on Linux
}

function machine() {
    return machineInfo(ROOT);
}

/** chdb's and its ClickHouse's versions, or why it cannot be measured (it is not a dependency of the package). */
function chdbInstalado() {
    const require = createRequire(path.join(ROOT, 'package.json'));
    try {
        const chdb = JSON.parse(fs.readFileSync(require.resolve('chdb/package.json'), 'utf8'));
        const lib = Object.keys(chdb.optionalDependencies ?? {}).find(n =>
            n.startsWith(`@chdb/lib-${process.platform}-${process.arch}`)
        );
        let versao = '?';
        try {
            versao = lib ? JSON.parse(fs.readFileSync(require.resolve(`${lib}/package.json`), 'utf8')).version : '?';
        } catch {
            // Another platform's library: the version stays unknown.
        }
        return { chdb: chdb.version, clickhouse: versao };
    } catch {
        return {
            ausente:
                'o pacote chdb não está instalado (npm install --no-save chdb@3.4.0, ~550 MB; não é dependência do pacote)'
        };
    }
}
