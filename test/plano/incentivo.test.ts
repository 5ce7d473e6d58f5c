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

describe('art. 15 §1: faixa by the coverage population', () => {
    it.each([
        // population, inciso, total
        [12_000_000, 'I', 'R$ 1.200.000,00'],
        [1_000_001, 'I', 'R$ 1.200.000,00'],
        [1_000_000, 'II', 'R$ 600.000,00'], // "mais de 500.000 a 1.000.000": 1.000.000 is still II
        [750_000, 'II', 'R$ 600.000,00'],
        [500_001, 'II', 'R$ 600.000,00'],
        [499_999, 'III', 'R$ 360.000,00'],
        [250_000, 'III', 'R$ 360.000,00'],
        [100_001, 'III', 'R$ 360.000,00']
    ])('%i inhabitants → inciso %s, %s', (populacao, inciso, total) => {
        const f = faixaIncentivo(populacao);
        expect(f.tipo).toBe('faixa');
        if (f.tipo !== 'faixa') return;
        expect(f.inciso).toBe(inciso);
        expect(f.dispositivo).toBe(`art. 15 §1 ${inciso}`);
        expect(R(f.total)).toBe(total);
    });

    it('exactly 500.000 inhabitants is a gap in the text (neither II nor III), never a faixa', () => {
        const f = faixaIncentivo(500_000);
        expect(f.tipo).toBe('lacuna-500-mil');
        expect(f.dispositivo).toBe('art. 15 §1 II e III');
        expect('total' in f).toBe(false);
    });

    it.each([100_000, 99_999, 1, 0])('%i inhabitants: no faixa (gap, no incentivo)', populacao => {
        const f = faixaIncentivo(populacao);
        expect(f.tipo).toBe('ate-100-mil');
        expect(f.dispositivo).toBe('art. 15 §1 III');
    });

    it('refuses a population that is not an integer ≥ 0', () => {
        expect(() => faixaIncentivo(-1)).toThrow(RangeError);
        expect(() => faixaIncentivo(1.5)).toThrow(RangeError);
    });

    it('reads a population with thousands separators', () => {
        expect(parseInteger('1.477.303')).toBe(1_477_303);
        expect(parseInteger('500000')).toBe(500_000);
        expect(parseInteger('1.23')).toBeUndefined();
        expect(parseInteger('12.3456')).toBeUndefined();
    });
});

describe('art. 15 §2: two parcelas of 50%', () => {
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

describe('art. 15 §2 II: execution of 50% of the planned financial production', () => {
    const prevista = new Money('2200000.00');

    it('without executed production, only the threshold: 50% of R$ 2.200.000,00 = R$ 1.100.000,00', () => {
        const c = condicaoSegundaParcela(prevista);
        expect(R(c.limiar)).toBe('R$ 1.100.000,00');
        expect(c.cumprida).toBeUndefined();
    });

    it('R$ 1.150.000,00 executed = 52,27% of the planned: met', () => {
        const c = condicaoSegundaParcela(prevista, new Money('1150000.00'));
        expect(c.cumprida).toBe(true);
        expect(percentual(c.percentual!)).toBe('52,27%'); // 1.150.000 / 2.200.000 = 0,522727…
        expect(c.falta).toBeUndefined(); // cumprida: nenhuma falta (nunca "R$ 0,00")
    });

    it('exactly the threshold meets it; one centavo less does not', () => {
        expect(condicaoSegundaParcela(prevista, new Money('1100000.00')).cumprida).toBe(true);
        const c = condicaoSegundaParcela(prevista, new Money('1099999.99'));
        expect(c.cumprida).toBe(false);
        expect(R(c.falta)).toBe('R$ 0,01');
        expect(percentual(c.percentual!)).toBe('50,00%'); // 49,9999995…% rounds to 50,00% for display, but does not meet it
    });

    it('the threshold is not rounded before comparing: planned R$ 0,03 → threshold 0,015', () => {
        const c = condicaoSegundaParcela(new Money('0.03'), new Money('0.01'));
        expect(c.limiar.toString()).toBe('0.015');
        expect(c.cumprida).toBe(false);
        expect(condicaoSegundaParcela(new Money('0.03'), new Money('0.02')).cumprida).toBe(true);
    });

    it('percentage with two decimals, half to even (ABNT NBR 5891)', () => {
        expect(percentual(new Money('12.345'))).toBe('12,34%');
        expect(percentual(new Money('12.355'))).toBe('12,36%');
    });
});

describe('art. 878-A: monthly incentivo of the Sala de Estabilização', () => {
    it.each([
        ['1501808', 'Breves (PA)', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        ['5103403', 'Cuiabá (MT)', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        ['1721000', 'Palmas (TO)', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        ['2111300', 'São Luís (MA, west of 44° W)', 'ma-oeste', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1'],
        [
            '2111201',
            'São José de Ribamar (MA, in part)',
            'ma-parcial',
            'R$ 65.000,00',
            'R$ 780.000,00',
            'art. 878-A §1'
        ],
        ['2103000', 'Caxias (MA, east)', 'ma-leste', 'R$ 50.000,00', 'R$ 600.000,00', 'art. 878-A caput'],
        ['2208007', 'Picos (PI)', 'fora', 'R$ 50.000,00', 'R$ 600.000,00', 'art. 878-A caput'],
        ['5300108', 'Brasília (DF)', 'fora', 'R$ 50.000,00', 'R$ 600.000,00', 'art. 878-A caput'],
        ['5199999', 'MT code not in the data: the UF is enough', 'uf', 'R$ 65.000,00', 'R$ 780.000,00', 'art. 878-A §1']
    ])('%s %s → %s: %s a month, %s a year', (codigo, _nome, situacao, mensal, anual, dispositivo) => {
        const i = incentivoSe(codigo);
        expect(i.amazonia.situacao).toBe(situacao);
        expect(R(i.mensal)).toBe(mensal);
        expect(R(i.anual)).toBe(anual);
        expect(i.dispositivo).toBe(dispositivo);
    });

    it('MA município not in the data: no value (none is picked)', () => {
        const i = incentivoSe('2199999');
        expect(i.amazonia.situacao).toBe('desconhecida');
        expect(i.mensal).toBeUndefined();
    });

    it('MA municípios by the meridian are marked uncertain', () => {
        expect(incentivoSe('2107209').amazonia).toMatchObject({ situacao: 'ma-leste', incerta: true }); // Nina Rodrigues
        expect(incentivoSe('2107902').amazonia).toMatchObject({ situacao: 'ma-leste', incerta: true }); // Passagem Franca
        expect(incentivoSe('2111078').amazonia).toMatchObject({ situacao: 'ma-parcial', incerta: true }); // São João do Soter
        expect(R(incentivoSe('2107209').mensal)).toBe('R$ 50.000,00');
        expect(R(incentivoSe('2111078').mensal)).toBe('R$ 65.000,00');
    });
});

describe('art. 878-A §10: three consecutive months without a record in SIA/SUS', () => {
    const c = (t: string) => parseCompetenciaIndex(t)!;
    const meses = (...ts: string[]) => ts.map(c);

    it('a record in every month: regular', () => {
        const p = assessProducaoSe(
            c('2025-01'),
            c('2025-06'),
            meses('2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06')
        );
        expect(p.situacao).toBe('regular');
        expect(p.sequencias).toEqual([]);
    });

    it('two months in a row without a record are not enough', () => {
        const p = assessProducaoSe(c('2025-01'), c('2025-06'), meses('2025-01', '2025-04', '2025-05', '2025-06'));
        expect(p.semRegistro.map(formatCompetenciaIndex)).toEqual(['2025-02', '2025-03']);
        expect(p.situacao).toBe('regular');
    });

    it('April, May and June without a record: condition reached in June; production came back in July', () => {
        const p = assessProducaoSe(
            c('2025-01'),
            c('2025-09'),
            meses('2025-01', '2025-02', '2025-03', '2025-07', '2025-08', '2025-09')
        );
        expect(sequencias(p)).toEqual([['2025-04', '2025-06', 3, '2025-06']]);
        expect(p.situacao).toBe('houve-suspensao');
    });

    it('the window ends four months without a record: suspended; crosses the turn of the year', () => {
        const p = assessProducaoSe(c('2024-09'), c('2025-02'), meses('2024-09', '2024-10'));
        expect(sequencias(p)).toEqual([['2024-11', '2025-02', 4, '2025-01']]);
        expect(p.situacao).toBe('suspensa');
    });

    it('competências as AAAA-MM, AAAAMM and MM/AAAA', () => {
        expect(parseCompetenciaIndex('2025-03')).toBe(parseCompetenciaIndex('202503'));
        expect(parseCompetenciaIndex('03/2025')).toBe(parseCompetenciaIndex('2025-03'));
        expect(parseCompetenciaIndex('2025-13')).toBeUndefined();
    });
});
