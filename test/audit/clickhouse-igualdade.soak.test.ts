/**
 * The audit's ClickHouse SQL (dialeto.ts, run on the real engine through chdb: motor-clickhouse.ts)
 * gives row for row the same tables and the same reports as the DuckDB run, on the same synthetic
 * production with injected violations, invalid values and malformed lines (CSV and Parquet at once):
 * every table of the audit (episodes, findings, values to the centavo, masks), the auditoria.json
 * and the CSV outputs byte for byte. Also the `--emit-sql --dialeto clickhouse` script, as written,
 * over a `producao_sia` table.
 *
 * Soak tier: chdb is ~550 MB and not a dependency of the package. .ci/run installs it before the
 * soak tier; without it this test FAILS saying how to install it (it never passes silently).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditar, type Auditoria } from '../../language/src/audit/auditoria.js';
import {
    auditWithClickhouse,
    instrucoesClickhouse,
    producaoParaParquet,
    SessaoClickhouse
} from '../../language/src/audit/motor-clickhouse.js';
import type { Linha } from '../../language/src/audit/motor.js';
import { writeSaidas } from '../../language/src/audit/saidas.js';
import { ACHADOS, compileAuditoria, COLUNAS } from '../../language/src/audit/sql.js';
import { DIALETOS, literal } from '../../language/src/audit/dialeto.js';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { auditCommand } from '../../cli/src/audit-command.js';
import { catalogoExemplo, csvToParquet, EXEMPLO, generateCsv, malformadas, probeChdb } from './helpers.js';

let dir: string;
let cat: CatalogoJson;
let arquivos: string[];
let duck: Auditoria | undefined;
let ch: Auditoria | undefined;
let chdb: Awaited<ReturnType<typeof probeChdb>>;

beforeAll(async () => {
    chdb = await probeChdb();
    if (chdb.absent) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-ch-'));
    cat = await catalogoExemplo();
    const csvs = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv')];
    generateCsv(
        cat,
        {
            episodios: 3000,
            semente: 7,
            meses: 12,
            estabelecimentos: 25,
            ruido: 1.5,
            rejeitados: 0.05,
            ociForaDeLugar: 0.05,
            publico: true,
            taxas: Object.fromEntries(Object.values(ACHADOS).map(a => [a, 0.04]))
        },
        csvs,
        undefined,
        199
    );
    // The second file as Parquet: both readers in one audit.
    await csvToParquet(csvs[1], path.join(dir, 'b.parquet'));
    arquivos = [csvs[0], path.join(dir, 'b.parquet')];
    duck = await auditar(cat, { arquivos });
    ch = await auditWithClickhouse(cat, { arquivos });
}, 300_000);

afterAll(() => {
    duck?.fechar();
    ch?.fechar();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every table the audit creates (the views over the production are read through them). */
function tabelas(a: Auditoria): string[] {
    return a.instrucoes.filter(i => i.sql.some(s => /^CREATE TABLE /.test(s))).map(i => i.tabela);
}

/** A row as text, column by column (numbers, decimals and dates as the engines print them); row ids left out. */
function canonica(l: Linha, fora: string[] = ['registro_id']): string {
    return JSON.stringify(
        Object.keys(l)
            .filter(k => !fora.includes(k))
            .sort()
            .map(k => [k, l[k] === null || l[k] === undefined ? null : String(l[k])])
    );
}

/** The rows of one side missing from the other (multisets), a few of each. */
function diferenca(
    a: Linha[],
    b: Linha[],
    fora?: string[]
): { linhas: [number, number]; soNoDuckdb: string[]; soNoClickhouse: string[] } {
    const contar = (ls: Linha[]) => {
        const m = new Map<string, number>();
        for (const l of ls) m.set(canonica(l, fora), (m.get(canonica(l, fora)) ?? 0) + 1);
        return m;
    };
    const ma = contar(a);
    const mb = contar(b);
    const menos = (x: Map<string, number>, y: Map<string, number>) =>
        [...x]
            .filter(([k, n]) => (y.get(k) ?? 0) !== n)
            .map(([k]) => k)
            .slice(0, 3);
    return { linhas: [a.length, b.length], soNoDuckdb: menos(ma, mb), soNoClickhouse: menos(mb, ma) };
}

function exigirChdb(): void {
    chdb.require('O teste de igualdade ClickHouse × DuckDB');
}

describe('ClickHouse (chdb) gives the same audit as DuckDB', () => {
    it('chdb is installed (else: how to install it)', () => {
        exigirChdb();
    });

    it('the synthetic production is dirty: malformed lines, invalid values, every finding', () => {
        exigirChdb();
        expect(malformadas.ilegiveis).toBeGreaterThan(3);
        const e = duck!.json.entrada;
        expect(e.linhasIlegiveis).toBe(malformadas.ilegiveis);
        expect(e.registrosInvalidos).toBeGreaterThan(20);
        for (const [chave, n] of Object.entries(duck!.json.total)) {
            if (typeof n === 'number' && chave !== 'pessoaInvalida') expect(n, chave).toBeGreaterThan(0);
        }
        expect(duck!.json.total.cobrancaDupla.valor.centavos).toBeGreaterThan(0);
    });

    it('every table of the audit, row for row', async () => {
        exigirChdb();
        expect(tabelas(ch!)).toEqual(tabelas(duck!));
        const diferentes: Record<string, unknown> = {};
        for (const t of tabelas(duck!)) {
            const [a, b] = [await duck!.consultar(`SELECT * FROM ${t}`), await ch!.consultar(`SELECT * FROM ${t}`)];
            expect(Object.keys(b[0] ?? {}).sort(), t).toEqual(Object.keys(a[0] ?? {}).sort());
            // A record's position in the load: DuckDB's producao keeps it as the rowid, ClickHouse's in the
            // posicao column (equal where it is used: registro_fora, producao_arquivo, rejeitados.csv's lines).
            const d = diferenca(a, b, t === 'producao' ? ['registro_id', 'posicao'] : undefined);
            if (d.linhas[0] !== d.linhas[1] || d.soNoDuckdb.length || d.soNoClickhouse.length) diferentes[t] = d;
            else expect(a.length, `${t} has rows`).toBeGreaterThan(0);
        }
        expect(diferentes).toEqual({});
    });

    it('auditoria.json and the CSV outputs are the same bytes', async () => {
        exigirChdb();
        expect(ch!.json).toEqual(duck!.json);
        await writeSaidas(duck!, path.join(dir, 'duckdb'), { identificados: true });
        await writeSaidas(ch!, path.join(dir, 'clickhouse'), { identificados: true });
        for (const f of [
            'auditoria.json',
            'episodios-sinalizados.csv',
            'cobranca-dupla.csv',
            'rejeitados.csv',
            path.join('restrito', 'episodios-identificados.csv')
        ]) {
            const a = fs.readFileSync(path.join(dir, 'duckdb', f), 'utf8');
            const b = fs.readFileSync(path.join(dir, 'clickhouse', f), 'utf8');
            expect(a.split('\n').length, f).toBeGreaterThan(10);
            if (a !== b) {
                const [la, lb] = [a.split('\n'), b.split('\n')];
                const i = la.findIndex((l, k) => l !== lb[k]);
                expect({ f, linha: i + 1, clickhouse: lb[i] }).toEqual({ f, linha: i + 1, clickhouse: la[i] });
            }
        }
    });

    it('the --emit-sql --dialeto clickhouse script, as written, over a producao_sia table gives the same reports', async () => {
        exigirChdb();
        // chdb holds one session per process: the engine run's is closed first.
        ch!.fechar();
        ch = undefined;
        const sessao = await SessaoClickhouse.abrir();
        try {
            const parquet = path.join(sessao.temporaria, 'p.parquet');
            await producaoParaParquet({ arquivos }, parquet);
            await sessao.executar(
                `CREATE TABLE producao_sia ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM file(${literal(parquet)}, Parquet)`
            );
            // What audit-command.ts writes for --dialeto clickhouse (every column mapped).
            const instrucoes = compileAuditoria(
                cat,
                { tabela: 'producao_sia', colunas: Object.fromEntries(COLUNAS.map(c => [c, c])) },
                { dialeto: DIALETOS.clickhouse }
            );
            expect(instrucoes[0].tabela).toBe('configuracao');
            await sessao.runStatements(instrucoes);
            for (const t of [
                'relatorio_total',
                'relatorio_oci',
                'relatorio_estabelecimento',
                'episodio_auditado',
                'cobranca_dupla'
            ]) {
                const d = diferenca(
                    await duck!.consultar(`SELECT * FROM ${t}`),
                    await sessao.consultar(`SELECT * FROM ${t}`)
                );
                expect({ t, ...d }).toEqual({
                    t,
                    linhas: [d.linhas[0], d.linhas[0]],
                    soNoDuckdb: [],
                    soNoClickhouse: []
                });
            }
        } finally {
            sessao.fechar();
        }
        // The engine run reads the same script but for its first step (the file's name kept).
        expect(
            instrucoesClickhouse(cat, 'producao_sia')
                .slice(2)
                .map(i => i.sql)
        ).toEqual(
            compileAuditoria(
                cat,
                { tabela: 'producao_sia', colunas: Object.fromEntries(COLUNAS.map(c => [c, c])) },
                { dialeto: DIALETOS.clickhouse }
            )
                .slice(2)
                .map(i => i.sql)
        );
    }, 120_000);

    it('oci-catalogo audit --motor clickhouse writes the same auditoria.json as the DuckDB run', async () => {
        exigirChdb();
        const out = path.join(dir, 'cli-clickhouse');
        const saida: string[] = [];
        const io = {
            out: (t: string) => {
                saida.push(t);
            },
            err: (t: string) => {
                saida.push(t);
            }
        };
        const codigo = await auditCommand(
            EXEMPLO,
            { producao: arquivos, out, dialeto: 'duckdb', motor: 'clickhouse', emitSql: path.join(dir, 'run.sql') },
            io
        );
        expect(saida.join('')).toContain('Relatórios em');
        expect(codigo).toBe(0);
        const json = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8'));
        expect(json(path.join(out, 'auditoria.json'))).toEqual(json(path.join(dir, 'duckdb', 'auditoria.json')));
        expect(fs.readFileSync(path.join(dir, 'run.sql'), 'utf8')).toContain('-- Dialeto: clickhouse.');
    }, 120_000);
});
