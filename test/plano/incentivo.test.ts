/**
 * The incentives' amounts with the arithmetic done by hand: the bands of art. 15 §1 of Portaria GM/MS
 * nº 3.492/2024 at their borders and gaps, the two parcelas of §2, the 2nd parcela's condition; the
 * SE's monthly incentive (art. 878-A caput and §1) and the check of §10.
 */
import { describe, expect, it } from 'vitest';
import { Money, formatMoney } from '../../language/src/money.js';
import { parseCompetenciaIndex, formatCompetenciaIndex } from '../../language/src/plano/datas.js';
import {
    condicaoSegundaParcela,
    faixaIncentivo,
    parseInteger,
    parcelas
} from '../../language/src/plano/incentivo-par.js';
import { assessProducaoSe, incentivoSe } from '../../language/src/plano/incentivo-se.js';
import { percentual } from '../../language/src/plano/resumo.js';

const R = (m: Money | undefined) => (m === undefined ? undefined : formatMoney(m));

/** The runs without records of an assessment, as [start, end, months, competência the condition was met]. */
const sequencias = (p: ReturnType<typeof assessProducaoSe>) =>
    p.sequencias.map(s => [
        formatCompetenciaIndex(s.inicio),
        formatCompetenciaIndex(s.fim),
        s.meses,
        formatCompetenciaIndex(s.condicaoAtingidaEm)
    ]);

describe('art. 15 §1: faixa pela população de abrangência', () => {
    it.each([
        // population, inciso, total
        [12_000_000, 'I', 'R$ 1.200.000,00'],
        [1_000_001, 'I', 'R$ 1.200.000,00'],
        [1_000_000, 'II', 'R$ 600.000,00'], // "mais de 500.000 a 1.000.000": 1.000.000 ainda é II
        [750_000, 'II', 'R$ 600.000,00'],
        [500_001, 'II', 'R$ 600.000,00'],
        [499_999, 'III', 'R$ 360.000,00'],
        [250_000, 'III', 'R$ 360.000,00'],
        [100_001, 'III', 'R$ 360.000,00']
    ])('%i habitantes → inciso %s, %s', (populacao, inciso, total) => {
        const f = faixaIncentivo(populacao);
        expect(f.tipo).toBe('faixa');
        if (f.tipo !== 'faixa') return;
        expect(f.inciso).toBe(inciso);
        expect(f.dispositivo).toBe(`art. 15 §1 ${inciso}`);
        expect(R(f.total)).toBe(total);
    });

    it('exatamente 500.000 habitantes é lacuna do texto (nem II nem III), nunca uma faixa', () => {
        const f = faixaIncentivo(500_000);
        expect(f.tipo).toBe('lacuna-500-mil');
        expect(f.dispositivo).toBe('art. 15 §1 II e III');
        expect('total' in f).toBe(false);
    });

    it.each([100_000, 99_999, 1, 0])('%i habitantes: nenhuma faixa (lacuna, sem incentivo)', populacao => {
        const f = faixaIncentivo(populacao);
        expect(f.tipo).toBe('ate-100-mil');
        expect(f.dispositivo).toBe('art. 15 §1 III');
    });

    it('recusa população que não é inteiro ≥ 0', () => {
        expect(() => faixaIncentivo(-1)).toThrow(RangeError);
        expect(() => faixaIncentivo(1.5)).toThrow(RangeError);
    });

    it('lê população com ponto de milhar', () => {
        expect(parseInteger('1.477.303')).toBe(1_477_303);
        expect(parseInteger('500000')).toBe(500_000);
        expect(parseInteger('1.23')).toBeUndefined();
        expect(parseInteger('12.3456')).toBeUndefined();
    });
});

describe('art. 15 §2: duas parcelas de 50%', () => {
    it.each([
        ['1200000.00', 'R$ 600.000,00', 'R$ 600.000,00'],
        ['600000.00', 'R$ 300.000,00', 'R$ 300.000,00'],
        ['360000.00', 'R$ 180.000,00', 'R$ 180.000,00']
    ])('total %s → %s + %s', (total, primeira, segunda) => {
        const p = parcelas(new Money(total));
        expect(R(p.primeira)).toBe(primeira);
        expect(R(p.segunda)).toBe(segunda);
        expect(p.primeira.plus(p.segunda).equals(new Money(total))).toBe(true);
    });
});

describe('art. 15 §2 II: execução de 50% da produção financeira prevista', () => {
    const prevista = new Money('2200000.00');

    it('sem produção executada, só o limiar: 50% de R$ 2.200.000,00 = R$ 1.100.000,00', () => {
        const c = condicaoSegundaParcela(prevista);
        expect(R(c.limiar)).toBe('R$ 1.100.000,00');
        expect(c.cumprida).toBeUndefined();
    });

    it('R$ 1.150.000,00 executados = 52,27% da prevista: cumprida', () => {
        const c = condicaoSegundaParcela(prevista, new Money('1150000.00'));
        expect(c.cumprida).toBe(true);
        expect(percentual(c.percentual!)).toBe('52,27%'); // 1.150.000 / 2.200.000 = 0,522727…
        expect(c.falta).toBeUndefined(); // cumprida: nenhuma falta (nunca "R$ 0,00")
    });

    it('exatamente o limiar cumpre; um centavo a menos não', () => {
        expect(condicaoSegundaParcela(prevista, new Money('1100000.00')).cumprida).toBe(true);
        const c = condicaoSegundaParcela(prevista, new Money('1099999.99'));
        expect(c.cumprida).toBe(false);
        expect(R(c.falta)).toBe('R$ 0,01');
        expect(percentual(c.percentual!)).toBe('50,00%'); // 49,9999995…% arredonda para 50,00% na exibição, mas não cumpre
    });

    it('o limiar não é arredondado antes de comparar: prevista R$ 0,03 → limiar 0,015', () => {
        const c = condicaoSegundaParcela(new Money('0.03'), new Money('0.01'));
        expect(c.limiar.toString()).toBe('0.015');
        expect(c.cumprida).toBe(false);
        expect(condicaoSegundaParcela(new Money('0.03'), new Money('0.02')).cumprida).toBe(true);
    });

    it('percentual com duas casas, metade para o par (ABNT NBR 5891)', () => {
        expect(percentual(new Money('12.345'))).toBe('12,34%');
        expect(percentual(new Money('12.355'))).toBe('12,36%');
    });
});

describe('art. 878-A: incentivo mensal da Sala de Estabilização', () => {
    it.each([
        ['1501808', 'Breves (PA)', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        ['5103403', 'Cuiabá (MT)', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        ['1721000', 'Palmas (TO)', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        ['2111300', 'São Luís (MA, a oeste de 44° W)', 'ma-oeste', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        [
            '2111201',
            'São José de Ribamar (MA, em parte)',
            'ma-parcial',
            'R$ 65.000,00',
            'R$ 780.000,00',
            'art. 878-A §1'
        ],
        ['2103000', 'Caxias (MA, a leste)', 'ma-leste', 'R$ 50.000,00', 'R$ 600.000,00', 'art. 878-A caput'],
        ['2208007', 'Picos (PI)', 'fora', 'R$ 50.000,00', 'R$ 600.000,00', 'art. 878-A caput'],
        ['5300108', 'Brasília (DF)', 'fora', 'R$ 50.000,00', 'R$ 600.000,00', 'art. 878-A caput'],
        ['5199999', 'código de MT fora da base: a UF basta', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1']
    ])('%s %s → %s: %s por mês, %s por ano', (codigo, _nome, situacao, mensal, anual, dispositivo) => {
        const i = incentivoSe(codigo);
        expect(i.amazonia.situacao).toBe(situacao);
        expect(R(i.mensal)).toBe(mensal);
        expect(R(i.anual)).toBe(anual);
        expect(i.dispositivo).toBe(dispositivo);
    });

    it('município do MA fora da base: sem valor (não se escolhe um)', () => {
        const i = incentivoSe('2199999');
        expect(i.amazonia.situacao).toBe('desconhecida');
        expect(i.mensal).toBeUndefined();
    });

    it('municípios do MA junto ao meridiano ficam marcados como incertos', () => {
        expect(incentivoSe('2107209').amazonia).toMatchObject({ situacao: 'ma-leste', incerta: true }); // Nina Rodrigues
        expect(incentivoSe('2107902').amazonia).toMatchObject({ situacao: 'ma-leste', incerta: true }); // Passagem Franca
        expect(incentivoSe('2111078').amazonia).toMatchObject({ situacao: 'ma-parcial', incerta: true }); // São João do Soter
        expect(R(incentivoSe('2107209').mensal)).toBe('R$ 50.000,00');
        expect(R(incentivoSe('2111078').mensal)).toBe('R$ 65.000,00');
    });
});

describe('art. 878-A §10: três meses consecutivos sem registro no SIA/SUS', () => {
    const c = (t: string) => parseCompetenciaIndex(t)!;
    const meses = (...ts: string[]) => ts.map(c);

    it('registro em todos os meses: regular', () => {
        const p = assessProducaoSe(
            c('2025-01'),
            c('2025-06'),
            meses('2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06')
        );
        expect(p.situacao).toBe('regular');
        expect(p.sequencias).toEqual([]);
    });

    it('dois meses seguidos sem registro não bastam', () => {
        const p = assessProducaoSe(c('2025-01'), c('2025-06'), meses('2025-01', '2025-04', '2025-05', '2025-06'));
        expect(p.semRegistro.map(formatCompetenciaIndex)).toEqual(['2025-02', '2025-03']);
        expect(p.situacao).toBe('regular');
    });

    it('abril, maio e junho sem registro: condição atingida em junho; a produção voltou em julho', () => {
        const p = assessProducaoSe(
            c('2025-01'),
            c('2025-09'),
            meses('2025-01', '2025-02', '2025-03', '2025-07', '2025-08', '2025-09')
        );
        expect(sequencias(p)).toEqual([['2025-04', '2025-06', 3, '2025-06']]);
        expect(p.situacao).toBe('houve-suspensao');
    });

    it('a janela termina sem registro há quatro meses: suspensa; atravessa a virada do ano', () => {
        const p = assessProducaoSe(c('2024-09'), c('2025-02'), meses('2024-09', '2024-10'));
        expect(sequencias(p)).toEqual([['2024-11', '2025-02', 4, '2025-01']]);
        expect(p.situacao).toBe('suspensa');
    });

    it('competências em AAAA-MM, AAAAMM e MM/AAAA', () => {
        expect(parseCompetenciaIndex('2025-03')).toBe(parseCompetenciaIndex('202503'));
        expect(parseCompetenciaIndex('03/2025')).toBe(parseCompetenciaIndex('2025-03'));
        expect(parseCompetenciaIndex('2025-13')).toBeUndefined();
    });
});
