/**
 * docs/audit-nacional.md on the real engine (chdb, one node): its DDL (ReplicatedMergeTree,
 * Distributed, ON CLUSTER) is valid ClickHouse SQL (EXPLAIN AST of each statement, read from the
 * document), and the cluster's shape runs: the same production table as MergeTree in two databases
 * ("shards") holding disjoint persons split by the document's sharding key, the per-shard steps in
 * each, the reports over the union of their episodes — equal to the single-table run.
 *
 * Soak tier (chdb is installed by .ci/run before it); without chdb this FAILS saying how to install it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literal } from '../../language/src/audit/dialeto.js';
import {
    instrucoesClickhouse,
    producaoParaParquet,
    SessaoClickhouse
} from '../../language/src/audit/motor-clickhouse.js';
import type { Linha } from '../../language/src/audit/motor.js';
import { ACHADOS, COLUNAS } from '../../language/src/audit/sql.js';
import { REPO_ROOT } from '../helpers.js';
import { catalogoExemplo, generateCsv, probeChdb } from './helpers.js';

const DOC = path.join(REPO_ROOT, 'docs/audit-nacional.md');
const RELATORIOS = ['relatorio_oci', 'relatorio_estabelecimento', 'relatorio_total', 'relatorio_distribuicao'];

let dir: string;
let sessao: SessaoClickhouse | undefined;
let chdb: Awaited<ReturnType<typeof probeChdb>>;

/** The statements of the document's ```sql block. */
function ddlDoDocumento(): string[] {
    const bloco = /```sql\n([\s\S]*?)```/.exec(fs.readFileSync(DOC, 'utf8'));
    if (!bloco) throw new Error(`${DOC}: sem bloco sql`);
    return bloco[1]
        .split(/;\s*\n/)
        .map(s => s.replace(/--[^\n]*/g, '').trim())
        .filter(Boolean);
}

/** The document's production table on one node: MergeTree, no cluster, in database `banco`. */
function tabelaLocal(banco: string): string {
    const criar = ddlDoDocumento().find(s => /CREATE TABLE sia\.producao_local/.test(s))!;
    return criar
        .replace('sia.producao_local', `${banco}.producao_local`)
        .replace(' ON CLUSTER sus', '')
        .replace(/ReplicatedMergeTree\([^)]*\)/, 'MergeTree');
}

beforeAll(async () => {
    chdb = await probeChdb();
    if (chdb.absent) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-cluster-'));
    const cat = await catalogoExemplo();
    const csv = path.join(dir, 'p.csv');
    // Printed and fixed-width CPFs (formatados) make the digits-only sharding key matter.
    generateCsv(
        cat,
        {
            episodios: 2000,
            semente: 11,
            meses: 12,
            estabelecimentos: 20,
            ruido: 1.5,
            rejeitados: 0.05,
            ociForaDeLugar: 0.05,
            publico: true,
            formatados: 0.3,
            taxas: Object.fromEntries(Object.values(ACHADOS).map(a => [a, 0.04]))
        },
        [csv],
        undefined,
        199
    );
    const parquet = path.join(dir, 'p.parquet');
    await producaoParaParquet({ arquivos: [csv] }, parquet);
    sessao = await SessaoClickhouse.abrir();
    const colunas = [...COLUNAS, 'arquivo'].join(', ');
    const chave = "cityHash64(replaceRegexpAll(ifNull(pessoa, ''), '[^0-9]', ''))";
    for (const [banco, filtro] of [
        ['unica', '1'],
        ['shard1', `${chave} % 2 = 0`],
        ['shard2', `${chave} % 2 = 1`],
        ['nacional', '0']
    ]) {
        await sessao.executar(`CREATE DATABASE ${banco}`);
        if (banco === 'nacional') continue;
        await sessao.executar(tabelaLocal(banco));
        await sessao.executar(
            `INSERT INTO ${banco}.producao_local (${colunas}) SELECT ${colunas} FROM file(${literal(parquet)}, Parquet) WHERE ${filtro}`
        );
        // Single table: the whole script; a shard: everything but the reports.
        await sessao.executar(`USE ${banco}`);
        await sessao.runStatements(
            instrucoesClickhouse(cat, 'producao_local').filter(i => banco === 'unica' || !RELATORIOS.includes(i.tabela))
        );
    }
    // The initiator: the shards' episodes together (a Distributed table on a cluster), then the reports.
    await sessao.executar('USE nacional');
    await sessao.executar(
        'CREATE TABLE episodio_auditado ENGINE = Memory AS SELECT * FROM shard1.episodio_auditado UNION ALL SELECT * FROM shard2.episodio_auditado'
    );
    await sessao.runStatements(
        instrucoesClickhouse(cat, 'producao_local').filter(
            i => i.tabela === 'configuracao' || RELATORIOS.includes(i.tabela)
        )
    );
}, 300_000);

afterAll(() => {
    sessao?.fechar();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function exigirChdb(): void {
    chdb.require('O teste da forma do cluster');
}

function canonicas(linhas: Linha[]): string[] {
    return linhas
        .map(l =>
            JSON.stringify(
                Object.keys(l)
                    .filter(k => k !== 'registro_id')
                    .sort()
                    .map(k => [k, l[k] === null ? null : String(l[k])])
            )
        )
        .sort();
}

describe('auditing the whole country (docs/audit-nacional.md)', () => {
    it('the DDL of the document is valid ClickHouse SQL (EXPLAIN AST)', async () => {
        exigirChdb();
        const ddl = ddlDoDocumento();
        expect(ddl.some(s => /ReplicatedMergeTree/.test(s)) && ddl.some(s => /ENGINE = Distributed\(/.test(s))).toBe(
            true
        );
        for (const s of ddl) {
            const ast = await sessao!.consultar(`EXPLAIN AST ${s}`);
            expect(ast.length, s.slice(0, 60)).toBeGreaterThan(0);
        }
    });

    it('the shards hold disjoint persons and both have production', async () => {
        exigirChdb();
        const pessoas = async (b: string) =>
            new Set(
                (await sessao!.consultar(`SELECT DISTINCT pessoa FROM ${b}.episodio_auditado`)).map(l =>
                    String(l.pessoa)
                )
            );
        const [a, b] = [await pessoas('shard1'), await pessoas('shard2')];
        expect(a.size).toBeGreaterThan(300);
        expect(b.size).toBeGreaterThan(300);
        expect([...a].filter(p => b.has(p))).toEqual([]);
        // A person written printed in one record and plain in another is in one shard (digits-only key).
        const [{ n }] = await sessao!.consultar(
            "SELECT count() AS n FROM unica.producao_local WHERE position(pessoa, '.') > 0"
        );
        expect(Number(n)).toBeGreaterThan(100);
    });

    it('reports over the union of the shards equal the single-table run; so does the double billing', async () => {
        exigirChdb();
        for (const t of RELATORIOS) {
            const unica = await sessao!.consultar(`SELECT * FROM unica.${t}`);
            expect(unica.length, t).toBeGreaterThan(0);
            expect(canonicas(await sessao!.consultar(`SELECT * FROM nacional.${t}`)), t).toEqual(canonicas(unica));
        }
        const dupla = canonicas(
            await sessao!.consultar('SELECT * FROM shard1.cobranca_dupla UNION ALL SELECT * FROM shard2.cobranca_dupla')
        );
        expect(dupla.length).toBeGreaterThan(20);
        expect(dupla).toEqual(canonicas(await sessao!.consultar('SELECT * FROM unica.cobranca_dupla')));
    });
});
