/** The PAR's summary (incentive, parcelas, planned production, allocation) with the arithmetic done by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import type { Par } from '../../language/src/generated/ast.js';
import { Money } from '../../language/src/money.js';
import { resumoPar } from '../../language/src/plano/resumo.js';
import { build, createServices, exemplo, rolDeExemplo, type PlanoTestServices } from './helpers.js';

const PAR = exemplo('examples/par/regiao-sao-luis.par');

let services: PlanoTestServices;
beforeAll(() => {
    services = createServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

async function resumo(texto: string, executada?: string) {
    const docs = await build(services, { ...rolDeExemplo(), 'p.par': texto });
    return resumoPar(docs[docs.length - 1].parseResult.value as Par, {
        arquivo: 'p.par',
        execucao: executada ? { origem: 'informada', valor: new Money(executada) } : undefined
    });
}

function comPopulacao(n: string): string {
    return PAR.replace(
        /territorio \{[\s\S]*?\n  \}/,
        `territorio {\n    municipio 2111300 "São Luís" populacao ${n}\n  }`
    ).replace(/    alocacao municipio (?!2111300).*\n/g, '');
}

describe('the example PAR', () => {
    it('population 1.037.775 + 244.579 + 145.643 + 30.839 + 18.467 = 1.477.303 → art. 15 §1 I, R$ 1.200.000,00', async () => {
        const r = await resumo(PAR);
        expect(r.territorio.populacao).toBe(1_477_303);
        expect(r.incentivo.faixa?.dispositivo).toBe('art. 15 §1 I');
        expect(r.incentivo.total).toEqual({ reais: '1200000.00', centavos: 120_000_000, texto: 'R$ 1.200.000,00' });
        expect(r.incentivo.lacuna).toBeNull();
    });

    it('parcelas of R$ 600.000,00; the 1st with its conditions met (SAES approval and CIB allocation)', async () => {
        const [p1, p2] = (await resumo(PAR)).incentivo.parcelas as [any, any];
        expect(p1).toMatchObject({
            numero: 1,
            dispositivo: 'art. 15 §2 I',
            valor: { reais: '600000.00' },
            situacao: 'condicoes-cumpridas',
            pendencias: []
        });
        expect(p2).toMatchObject({
            numero: 2,
            dispositivo: 'art. 15 §2 II',
            valor: { reais: '600000.00' },
            situacao: 'sem-dados-de-execucao'
        });
    });

    it('planned production: 4.800 × 125 + 600 × 400 + 3.000 × 200 + 2.400 × 200 + 2.000 × 140 = R$ 2.200.000,00 (equal to the declared one)', async () => {
        const r = await resumo(PAR);
        expect(r.elenco.map(e => [e.codigo, e.volume, e.valor?.reais, e.producaoPrevista?.reais])).toEqual([
            ['09.01.01.001-4', 4800, '125.00', '600000.00'],
            ['09.01.01.009-0', 600, '400.00', '240000.00'],
            ['09.02.01.002-6', 3000, '200.00', '600000.00'],
            ['09.05.01.004-3', 2400, '200.00', '480000.00'],
            ['09.03.01.002-0', 2000, '140.00', '280000.00']
        ]);
        const p2 = r.incentivo.parcelas[1]!;
        expect(p2.producaoPrevista).toMatchObject({
            valor: { reais: '2200000.00' },
            origem: 'declarada',
            declarada: { reais: '2200000.00' },
            calculada: { reais: '2200000.00' }
        });
        expect(p2.limiar?.reais).toBe('1100000.00');
    });

    it('allocation: 400.000 + 500.000 + 150.000 + 100.000 + 30.000 + 20.000 = R$ 1.200.000,00, matches', async () => {
        const r = await resumo(PAR);
        expect(r.incentivo.alocacao.total?.reais).toBe('1200000.00');
        expect(r.incentivo.alocacao.confere).toBe(true);
    });

    it('with R$ 1.150.000,00 executed: 2nd parcela met (52,27%)', async () => {
        const p2 = (await resumo(PAR, '1150000.00')).incentivo.parcelas[1]!;
        expect(p2).toMatchObject({
            situacao: 'condicao-cumprida',
            percentualExecutado: '52,27%',
            executada: { reais: '1150000.00' },
            falta: null
        });
    });

    it('with R$ 880.000,00 executed: not met (40,00%), R$ 220.000,00 short', async () => {
        const p2 = (await resumo(PAR, '880000.00')).incentivo.parcelas[1]!;
        expect(p2).toMatchObject({
            situacao: 'condicao-nao-cumprida',
            percentualExecutado: '40,00%',
            falta: { reais: '220000.00', texto: 'R$ 220.000,00' }
        });
    });

    it('without the declared production, uses the computed one; without a volume in an OCI, no planned production', async () => {
        const semDeclarada = PAR.replace(/  producao prevista .*\n/, '');
        expect((await resumo(semDeclarada)).incentivo.parcelas[1]).toMatchObject({
            producaoPrevista: { origem: 'calculada', valor: { reais: '2200000.00' } }
        });
        const semVolume = semDeclarada.replace(' volume 600', '');
        expect((await resumo(semVolume)).incentivo.parcelas[1]).toMatchObject({
            situacao: 'sem-producao-prevista',
            producaoPrevista: null,
            limiar: null
        });
    });

    it('metas: 2.400 → 600 reduces by 1.800 (75,00%); 180 → 60 days reduces by 120 (66,67%)', async () => {
        const mama = (await resumo(PAR)).filas[0];
        expect(mama.metas).toEqual([
            { tipo: 'tamanho', de: 2400, para: 600, reducao: 1800, reducaoPercentual: '75,00%', prazo: '2026-06-30' },
            { tipo: 'espera', de: 180, para: 60, reducao: 120, reducaoPercentual: '66,67%', prazo: '2026-12-31' }
        ]);
    });

    it('minimum content complete', async () => {
        expect((await resumo(PAR)).conteudoMinimo.filter(c => !c.presente)).toEqual([]);
    });
});

describe('faixas and gaps in the summary', () => {
    it('750.000 inhabitants → inciso II, R$ 600.000,00 in two of R$ 300.000,00; the allocation of R$ 1.200.000,00 does not match', async () => {
        const r = await resumo(comPopulacao('750.000'));
        expect(r.incentivo.faixa?.inciso).toBe('II');
        expect(r.incentivo.total?.reais).toBe('600000.00');
        expect(r.incentivo.parcelas.map(p => p.valor.reais)).toEqual(['300000.00', '300000.00']);
        expect(r.incentivo.alocacao.confere).toBe(false);
        expect(r.incentivo.parcelas[0]!.pendencias).toEqual(['alocação por ente igual ao incentivo (art. 15 §1 e §3)']);
    });

    it('100.001 inhabitants → inciso III, R$ 360.000,00 in two of R$ 180.000,00', async () => {
        const r = await resumo(comPopulacao('100.001'));
        expect(r.incentivo.total?.texto).toBe('R$ 360.000,00');
        expect(r.incentivo.parcelas.map(p => p.valor.texto)).toEqual(['R$ 180.000,00', 'R$ 180.000,00']);
    });

    it.each([
        ['500.000', 'incentivo/lacuna-500-mil', 'art. 15 §1 II e III'],
        ['100.000', 'incentivo/ate-100-mil', 'art. 15 §1 III']
    ])('%s inhabitants → gap %s, no total and no parcelas', async (populacao, codigo, dispositivo) => {
        const r = await resumo(comPopulacao(populacao));
        expect(r.incentivo).toMatchObject({ faixa: null, total: null, parcelas: [], lacuna: { codigo, dispositivo } });
    });

    it('município without a population: population undetermined, no faixa', async () => {
        const r = await resumo(PAR.replace('"Alcântara" populacao 18.467', '"Alcântara"'));
        expect(r.incentivo).toMatchObject({
            populacao: null,
            total: null,
            lacuna: { codigo: 'incentivo/populacao-indeterminada' }
        });
    });
});
