/**
 * The audit finds EXACTLY the injected violations (precision and recall 1.0 for each kind, measured
 * and printed) on synthetic production for the example catalogue (34 OCIs), read from CSV and
 * Parquet files at once, with formatted and fixed-width-padded CPFs, formatted codes, CNSs, several
 * episodes per person, legitimate outside production (BPA and other APACs outside the windows)
 * that must not be flagged, foreign procedures inside OCI APACs, date typos, exact duplicates,
 * records with invalid values, malformed CSV lines and OCI codes out of place (BPA, not in the rol).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditar, type Auditoria } from '../../language/src/audit/auditoria.js';
import { SessaoDuckdb } from '../../language/src/audit/motor.js';
import { ACHADOS, type Achado } from '../../language/src/audit/sql.js';
import type { VerdadeSintetica } from '../../language/src/audit/synthetic.js';
import { catalogoExemplo, csvToParquet, generateCsv, malformadas } from './helpers.js';

const TAXA = 0.04;
let dir: string;
let verdade: VerdadeSintetica;
let auditoria: Auditoria;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-'));
    const cat = await catalogoExemplo();
    const csvs = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv')];
    verdade = generateCsv(
        cat,
        {
            episodios: 6000,
            semente: 42,
            meses: 12,
            estabelecimentos: 40,
            ruido: 1.5,
            rejeitados: 0.05,
            ociForaDeLugar: 0.05,
            publico: true,
            taxas: Object.fromEntries(Object.values(ACHADOS).map(a => [a, TAXA]))
        },
        csvs,
        undefined,
        499
    );
    // The second file goes in as Parquet: both formats in one audit.
    await csvToParquet(csvs[1], path.join(dir, 'b.parquet'));
    auditoria = await auditar(cat, { arquivos: [csvs[0], path.join(dir, 'b.parquet')] });
}, 180_000);

afterAll(() => {
    auditoria?.fechar();
    fs.rmSync(dir, { recursive: true, force: true });
});

async function achados(): Promise<Record<Achado, Set<string>>> {
    const out = Object.fromEntries(Object.values(ACHADOS).map(a => [a, new Set<string>()])) as Record<
        Achado,
        Set<string>
    >;
    for await (const parte of auditoria.episodiosSinalizados()) {
        for (const l of parte)
            for (const a of String(l.achados).split(' ').filter(Boolean)) out[a as Achado].add(String(l.apac));
    }
    return out;
}

describe('audit of synthetic production with known violations', () => {
    it('reads every record and every episode; rejects exactly the malformed lines and invalid values', async () => {
        const e = auditoria.json.entrada;
        expect(malformadas.ilegiveis).toBeGreaterThan(5);
        expect(e.linhasIlegiveis).toBe(malformadas.ilegiveis);
        expect(e.registros).toBe(verdade.registros + malformadas.aspas);
        expect(verdade.rejeitados).toBeGreaterThan(20);
        expect(e.registrosInvalidos).toBe(verdade.rejeitados + malformadas.aspas);
        expect(e.registrosForaDoPeriodo).toBe(verdade.registrosForaDoPeriodo);
        const rejeitados: unknown[] = [];
        for await (const parte of auditoria.rejeitados()) rejeitados.push(...parte);
        expect(rejeitados.length).toBe(e.registrosInvalidos + e.linhasIlegiveis);
        expect(auditoria.json.total.episodios).toBe(verdade.episodios);
        for (const o of auditoria.json.ocis) expect(o.episodios, o.codigo).toBe(verdade.porOci.get(o.codigo) ?? 0);
        expect(auditoria.json.entrada.competencias.length).toBeGreaterThanOrEqual(12);
    });

    it('every rejected record has its line: in the CSV the text line, in the Parquet the record number', async () => {
        const texto = fs.readFileSync(path.join(dir, 'a.csv'), 'utf8').split('\n');
        const sessao = await SessaoDuckdb.abrir();
        const parquet = await sessao.consultar(`SELECT file_row_number + 1 AS k, data, quantidade
            FROM read_parquet('${path.join(dir, 'b.parquet')}', file_row_number = true)`);
        sessao.fechar();
        const porNumero = new Map(parquet.map(l => [Number(l.k), l]));
        const valor = (conteudo: string, nome: string) =>
            conteudo
                .split(' | ')
                .find(c => c.startsWith(`${nome}=`))
                ?.slice(nome.length + 1);
        let conferidos = 0;
        for await (const parte of auditoria.rejeitados()) {
            for (const r of parte.filter(r => !/COLUMNS/.test(String(r.motivo)))) {
                const [data, quantidade] = ['data', 'quantidade'].map(c => valor(String(r.conteudo), c));
                expect(r.linha, String(r.conteudo)).not.toBeNull();
                if (r.arquivo === 'a.csv') {
                    const linha = texto[Number(r.linha) - 1]!.split(',');
                    expect([linha[1], linha[3]], String(r.conteudo)).toEqual([data, quantidade ?? linha[3]]);
                } else {
                    const registro = porNumero.get(Number(r.linha));
                    expect([registro?.data, registro?.quantidade], String(r.conteudo)).toEqual([data, quantidade]);
                }
                conferidos++;
            }
        }
        expect(conferidos).toBe(auditoria.json.entrada.registrosInvalidos);
    });

    it.each(Object.values(ACHADOS))('%s: precision and recall 1.0', async achado => {
        const encontrados = (await achados())[achado];
        const injetados = verdade.achados[achado];
        expect(injetados.size, 'the generator injected some').toBeGreaterThan(20);
        const falsosPositivos = [...encontrados].filter(a => !injetados.has(a));
        const falsosNegativos = [...injetados].filter(a => !encontrados.has(a));
        expect({ falsosPositivos, falsosNegativos }).toEqual({ falsosPositivos: [], falsosNegativos: [] });
    });

    it('prints precision and recall of every published finding (all 1)', async () => {
        const todos = await achados();
        const linhas = Object.values(ACHADOS).map(a => {
            const acertos = [...todos[a]].filter(x => verdade.achados[a].has(x)).length;
            const precisao = todos[a].size ? acertos / todos[a].size : 1;
            const revocacao = verdade.achados[a].size ? acertos / verdade.achados[a].size : 1;
            return { achado: a, verdade: verdade.achados[a].size, publicados: todos[a].size, precisao, revocacao };
        });
        const e = auditoria.json.entrada;
        const porCodigo = (lista: Array<{ codigo: string; registros: number }>) =>
            new Map(lista.map(x => [x.codigo, x.registros]));
        const registro = [
            { achado: 'registro/oci-fora-de-apac', verdade: verdade.ociEmBpa, publicados: porCodigo(e.ociEmBpa) },
            {
                achado: 'registro/oci-fora-do-rol',
                verdade: verdade.ociForaDoRol,
                publicados: porCodigo(e.ociForaDoCatalogo)
            }
        ];
        process.stdout.write(
            '\nachado                              verdade  publicados  precisão  revocação\n' +
                linhas
                    .map(
                        l =>
                            `${l.achado.padEnd(36)}${String(l.verdade).padStart(7)}${String(l.publicados).padStart(12)}${l.precisao.toFixed(3).padStart(10)}${l.revocacao.toFixed(3).padStart(11)}`
                    )
                    .join('\n') +
                '\n' +
                registro
                    .map(
                        r =>
                            `${r.achado.padEnd(36)} por código: ${[...r.verdade].map(([c, n]) => `${c}×${n}`).join(' ')}`
                    )
                    .join('\n') +
                '\n'
        );
        for (const l of linhas) expect([l.achado, l.precisao, l.revocacao]).toEqual([l.achado, 1, 1]);
        for (const r of registro) {
            expect(r.verdade.size, r.achado).toBeGreaterThan(0);
            expect(r.publicados, r.achado).toEqual(r.verdade);
        }
    });

    it('values each double billing exactly (quantity × component value, DECIMAL(18,2))', async () => {
        const porApac = new Map<string, number>();
        for await (const parte of auditoria.cobrancasDuplas()) {
            for (const l of parte)
                porApac.set(
                    String(l.apac),
                    (porApac.get(String(l.apac)) ?? 0) + Math.round(Number(String(l.valor)) * 100)
                );
        }
        expect(porApac).toEqual(verdade.cobrancaDupla);
        const total = [...verdade.cobrancaDupla.values()].reduce((a, b) => a + b, 0);
        expect(auditoria.json.total.cobrancaDupla.valor.centavos).toBe(total);
        expect(auditoria.json.total.cobrancaDupla.valor.reais).toBe((total / 100).toFixed(2));
        expect(auditoria.json.total.cobrancaDupla.registros).toBe(verdade.cobrancaDupla.size);
        const somaOcis = auditoria.json.ocis.reduce((a, o) => a + o.cobrancaDupla.valor.centavos, 0);
        const somaCnes = auditoria.json.estabelecimentos.reduce((a, x) => a + x.cobrancaDupla.valor.centavos, 0);
        expect(somaOcis).toBe(total);
        expect(somaCnes).toBe(total);
    });

    it('counts the OCIs concluded adequately (within tM, complete scope, no double billing): the episodes with none of those findings', () => {
        const inadequadas = new Set(
            [ACHADOS.tempo, ACHADOS.obrigatorio, ACHADOS.conclusao, ACHADOS.cobranca].flatMap(a => [
                ...verdade.achados[a]
            ])
        );
        const { total, ocis } = auditoria.json;
        expect(inadequadas.size).toBeGreaterThan(500);
        expect(total.concluidasAdequadas).toBe(verdade.episodios - inadequadas.size);
        expect(ocis.reduce((a, o) => a + o.concluidasAdequadas, 0)).toBe(total.concluidasAdequadas);
    });

    it('aggregates consistently: per OCI and per establishment add up to the total', () => {
        const { total, ocis, estabelecimentos } = auditoria.json;
        for (const chave of [
            'episodios',
            'sinalizados',
            'tempoExcedido',
            'escopoIncompleto',
            'concluidasNoTr',
            'concluidasNoTm'
        ] as const) {
            expect(
                ocis.reduce((a, o) => a + o[chave], 0),
                chave
            ).toBe(total[chave]);
            expect(
                estabelecimentos.reduce((a, o) => a + o[chave], 0),
                chave
            ).toBe(total[chave]);
        }
        expect(total.tempoExcedido).toBe(verdade.achados[ACHADOS.tempo].size);
        expect(total.pctNoTm).toMatch(/^\d{1,3}\.\d$/);
        for (const o of ocis.filter(x => x.episodios > 0)) {
            const n = o.distribuicaoDias.reduce((a, d) => a + d.episodios, 0);
            expect(n).toBeLessThanOrEqual(o.episodios);
            const acima = o.distribuicaoDias
                .filter(d => d.dias > (o.tM ?? Infinity))
                .reduce((a, d) => a + d.episodios, 0);
            expect(acima, o.codigo).toBe(o.tempoExcedido);
        }
    });

    it('computes the median exactly', async () => {
        const [l] = await auditoria.consultar(
            "SELECT CAST(MEDIAN(dias) AS VARCHAR) AS m FROM episodio_auditado WHERE oci_codigo = '0901010014' AND dias IS NOT NULL"
        );
        const o = auditoria.json.ocis.find(x => x.codigo === '0901010014')!;
        expect(Number(o.medianaDias)).toBe(Number(l.m));
    });
});
