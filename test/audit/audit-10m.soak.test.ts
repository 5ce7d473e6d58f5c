/**
 * Soak tier (`npm run test:soak`, not `npm test`): the audit at state scale on dirty production —
 * 10 million records of the example catalogue with 0.1% malformed lines (a missing column, an extra
 * column, an unpaired quote, in turn), records with invalid values and OCI codes out of place —
 * completes (no abort), rejects exactly the malformed input, finds exactly the injected findings,
 * and stays under 2 GB peak RSS of the whole process (Node and DuckDB), measured in a child process
 * as bench/audit-bench.mjs does. The time is printed, not asserted: the < 60 s target is the
 * benchmark's (bench/audit-bench.mjs, bench/README.md), benchmarks are not timed tests; on a shared
 * machine it depends on the other processes, so the machine's load is printed with it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeCatalogo } from '../../language/src/generator/catalogo-json.js';
import type { VerdadeSintetica } from '../../language/src/audit/synthetic.js';
import { writeProducaoSuja } from '../../bench/audit-producao.js';
import { bundleBenchEntry } from '../../bench/common.mjs';
import { REPO_ROOT } from '../helpers.js';
import { catalogoExemplo } from './helpers.js';

const REGISTROS = 10_000_000;
const MALFORMADAS_A_CADA = 1000; // 0.1%
let dir: string;
const cli = path.join(REPO_ROOT, 'node_modules/.cache/oci-audit-10m/audit-cli.mjs');
let verdade: VerdadeSintetica;
let malformadas: { ilegiveis: number; aspas: number };

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-10m-'));
    const cat = await catalogoExemplo();
    fs.writeFileSync(path.join(dir, 'catalogo.json'), serializeCatalogo(cat));
    // The benchmark's generator (bench/audit-producao.ts), with this test's seed and size.
    ({ verdade, malformadas } = writeProducaoSuja(
        cat,
        {
            episodios: Math.ceil(REGISTROS / 7),
            semente: 10,
            meses: 12,
            estabelecimentos: 1500,
            ruido: 1,
            rejeitados: 0.01,
            ociForaDeLugar: 0.01
        },
        path.join(dir, 'producao.csv'),
        MALFORMADAS_A_CADA
    ));
    // The audit as one process (the command the CLI registers), with its own figures: the benchmark's bundle
    // (under the repository's node_modules, where its external packages resolve).
    await bundleBenchEntry(REPO_ROOT, 'audit-cli', cli);
}, 1_800_000);

afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit of 10 million dirty records', () => {
    it('completes, rejects exactly the malformed input, finds exactly the injected findings, < 2 GB', async () => {
        expect(verdade.registros).toBeGreaterThanOrEqual(REGISTROS);
        const stats = path.join(dir, 'stats.jsonl');
        const out = path.join(dir, 'relatorio');
        const carga = os.loadavg()[0];
        const r = spawnSync(
            process.execPath,
            [
                cli,
                'audit',
                path.join(dir, 'catalogo.json'),
                '--producao',
                path.join(dir, 'producao.csv'),
                '--out',
                out,
                '--memoria',
                '1GB'
            ],
            {
                cwd: REPO_ROOT,
                env: { ...process.env, AUDIT_BENCH_STATS: stats, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
                encoding: 'utf8'
            }
        );
        expect(r.status, r.stderr).toBe(0);
        const s = JSON.parse(fs.readFileSync(stats, 'utf8').trim().split('\n').pop()!);
        const json = JSON.parse(fs.readFileSync(path.join(out, 'auditoria.json'), 'utf8'));
        process.stdout.write(
            `\naudit 10M: ${json.entrada.registros} registros, ${s.segundos.toFixed(1)} s, CPU ${s.cpuSegundos.toFixed(1)} s, RSS máx. ${s.rssMaxMB.toFixed(0)} MB; ` +
                `carga ${carga.toFixed(2)} → ${os.loadavg()[0].toFixed(2)} (${os.cpus().length} núcleos); ilegíveis ${json.entrada.linhasIlegiveis}, inválidos ${json.entrada.registrosInvalidos}\n`
        );
        expect(json.entrada.registros).toBe(verdade.registros + malformadas.aspas);
        expect(json.entrada.linhasIlegiveis).toBe(malformadas.ilegiveis);
        expect(json.entrada.registrosInvalidos).toBe(verdade.rejeitados + malformadas.aspas);
        const t = json.total;
        expect(t.episodios).toBe(verdade.episodios);
        const publicados: Record<string, number> = {
            'tempo/acima-tm': t.tempoExcedido,
            'escopo/obrigatorio-ausente': t.obrigatorioAusente,
            'escopo/conclusao-ausente': t.conclusaoAusente,
            'quantidade/acima-permitido': t.quantidadeExcedida,
            'cobranca/dupla': t.cobrancaDupla.episodios,
            'identificacao/pessoa-invalida': t.pessoaInvalida,
            'identificacao/apac-invalida': t.apacInvalida,
            'escopo/procedimento-fora-da-oci': t.procedimentoForaDaOci,
            'escopo/conclusao-antes-do-fim': t.conclusaoAntesDoFim,
            'registro/duplicado': t.registroDuplicado,
            'data/fora-do-periodo': t.dataForaDoPeriodo,
            'apac/fora-da-validade': t.apacForaDaValidade,
            'publico/sexo-incompativel': t.sexoIncompativel,
            'publico/idade-fora-da-faixa': t.idadeForaDaFaixa,
            'publico/cid-incompativel': t.cidIncompativel
        };
        expect(publicados).toEqual(Object.fromEntries(Object.entries(verdade.achados).map(([k, v]) => [k, v.size])));
        expect(t.cobrancaDupla.valor.centavos).toBe([...verdade.cobrancaDupla.values()].reduce((a, b) => a + b, 0));
        expect(s.rssMaxMB).toBeLessThan(2048);
        // Every record rejected for a value has its line: that line of the CSV holds it (its date as written).
        const porValor = fs
            .readFileSync(path.join(out, 'rejeitados.csv'), 'utf8')
            .split('\r\n')
            .slice(1)
            .filter(Boolean)
            .map(l => l.split(';'))
            .filter(c => !/COLUMNS/.test(c[2] ?? ''));
        expect(porValor).toHaveLength(json.entrada.registrosInvalidos);
        const esperadas = new Map(
            porValor.map(([, linha, , ...conteudo]) => [
                Number(linha),
                conteudo
                    .join(';')
                    .split(' | ')
                    .find(c => c.startsWith('data='))
                    ?.slice('data='.length) ?? ''
            ])
        );
        const achadas = new Map<number, string>();
        let n = 0;
        for await (const linha of readline.createInterface({
            input: fs.createReadStream(path.join(dir, 'producao.csv'))
        })) {
            if (esperadas.has(++n)) achadas.set(n, linha.split(',')[1] ?? '');
        }
        expect(achadas).toEqual(esperadas);
    });
});
