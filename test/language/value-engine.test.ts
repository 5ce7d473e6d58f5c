/**
 * The value engine against hand-computed figures (Portaria GM/MS 3.492/2024 art. 6 §2 V, §3):
 * each line rounded once to centavos, half to even (ABNT NBR 5891); total = Σ rounded lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import type { Oci } from '../../language/src/generated/ast.js';
import { isOci } from '../../language/src/generated/ast.js';
import { Money, formatMoney, parseMoney, parsePercent, roundCentavos } from '../../language/src/money.js';
import { computeValue } from '../../language/src/value/engine.js';
import { HEADER, MAMA, buildWorkspace, createTestServices, validate, withCode, type TestServices } from '../helpers.js';

let services: TestServices;
beforeAll(() => {
    services = createTestServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

async function valueOf(text: string) {
    const [doc] = await buildWorkspace(services, { 'catalogo.oci': text });
    const oci = doc.parseResult.value.elementos.find(isOci) as Oci;
    const table = services.Oci.catalogo.Context.forDocument(doc).table;
    return computeValue(oci, table);
}

const TECHS = `
tecnologia gestao_clinica "Gestão clínica" percentual 8%
tecnologia saude_digital "Saúde digital" valor R$ 6,50
tecnologia ngc "Núcleo de gestão" percentual 12,5%
`;

function oci(body: string): string {
    return `${HEADER}${TECHS}
oci 09.01.01.999-9 "OCI DE TESTE" {
${body}
}
`;
}

describe('money literals', () => {
    it('parses Brazilian notation exactly', () => {
        expect(parseMoney('R$ 1.234,56')?.value.toString()).toBe('1234.56');
        expect(parseMoney('R$ 45')?.value.toString()).toBe('45');
        expect(parseMoney('R$1,5')?.value.toString()).toBe('1.5');
        expect(parseMoney('R$ 1.5')).toBeUndefined();
        expect(parsePercent('12,5%')?.toString()).toBe('0.125');
    });

    it('rounds half to even (ABNT NBR 5891), not half up', () => {
        expect(roundCentavos(new Money('0.025')).toFixed(2)).toBe('0.02');
        expect(roundCentavos(new Money('0.035')).toFixed(2)).toBe('0.04');
        expect(roundCentavos(new Money('4.125')).toFixed(2)).toBe('4.12');
        expect(roundCentavos(new Money('4.1251')).toFixed(2)).toBe('4.13');
        expect(formatMoney(new Money('1234567.5'))).toBe('R$ 1.234.567,50');
    });
});

describe('computed value', () => {
    it('the mama sample: 43,72 + 40% × 40,00 + 2 × 25,00 + 8% + 6,50 = 125,00', async () => {
        const v = await valueOf(HEADER + MAMA);
        expect(v.procedimentos.map(l => l.valor.toFixed(2))).toEqual(['43.72', '16.00', '50.00']);
        expect(v.subtotalProcedimentos.toFixed(2)).toBe('109.72');
        // 8% × 109,72 = 8,7776 → 8,78
        expect(v.tecnologias.map(l => [l.nome, l.valor.toFixed(2)])).toEqual([
            ['gestao_clinica', '8.78'],
            ['saude_digital', '6.50']
        ]);
        expect(v.total.toFixed(2)).toBe('125.00');
        expect(v.faltantes).toEqual([]);
    });

    it('rounds each line once, half to even: 50% × R$ 0,05 = 0,025 → 0,02 and 50% × R$ 0,07 = 0,035 → 0,04', async () => {
        const v = await valueOf(
            oci(`
  obrigatorio 02.04.03.003-0 estimativa R$ 10,00
  eventual 02.05.02.009-7 frequencia 50% estimativa R$ 0,05
  eventual 03.01.01.007-2 frequencia 50% estimativa R$ 0,07`)
        );
        expect(v.procedimentos.map(l => l.bruto.toString())).toEqual(['10', '0.025', '0.035']);
        expect(v.procedimentos.map(l => l.valor.toFixed(2))).toEqual(['10.00', '0.02', '0.04']);
        expect(v.total.toFixed(2)).toBe('10.06');
    });

    it('a percentage technology applies to the rounded procedure subtotal: 12,5% × 100,10 = 12,5125 → 12,51', async () => {
        const v = await valueOf(
            oci(`
  obrigatorio 02.04.03.003-0 qt 2 estimativa R$ 50,05
  tecnologias ngc, saude_digital`)
        );
        expect(v.subtotalProcedimentos.toFixed(2)).toBe('100.10');
        expect(v.tecnologias[0].bruto.toString()).toBe('12.5125');
        expect(v.tecnologias[0].valor.toFixed(2)).toBe('12.51');
        expect(v.total.toFixed(2)).toBe('119.11');
    });

    it('a percentage that lands on half a centavo rounds to even: 5% × R$ 0,50 = 0,025 → 0,02', async () => {
        const v = await valueOf(
            oci(`
  obrigatorio 02.04.03.003-0 estimativa R$ 0,50
  tecnologias gestao_clinica 5%`)
        );
        expect(v.tecnologias[0].valor.toFixed(2)).toBe('0.02');
        expect(v.total.toFixed(2)).toBe('0.52');
    });

    it('per-OCI override of a technology cost', async () => {
        const v = await valueOf(
            oci(`
  obrigatorio 02.04.03.003-0 estimativa R$ 100,00
  tecnologias gestao_clinica R$ 12,34, saude_digital 1%`)
        );
        expect(v.tecnologias.map(l => l.valor.toFixed(2))).toEqual(['12.34', '1.00']);
        expect(v.total.toFixed(2)).toBe('113.34');
    });

    it('an omitted estimate is the VL_SA (ambulatory value) only, never VL_SA + VL_SH + VL_SP; an OR-group takes its largest VL_SA', async () => {
        // MAMOGRAFIA: VL_SA 22,50. US MAMÁRIA BILATERAL: VL_SA 24,20 and VL_SH 24,20 (the old sum, 48,40, doubled it).
        // CONSULTA and TELECONSULTA: VL_SA R$ 10,00 each. Group imagem: the largest VL_SA, 24,20 (not 48,40).
        const v = await valueOf(`${HEADER}
grupo consulta { 03.01.01.007-2 03.01.01.030-7 }
grupo imagem { 02.04.03.003-0 02.05.02.009-7 }
oci 09.01.01.999-9 "OCI DE TESTE" {
  obrigatorio 02.04.03.003-0
  eventual 02.05.02.009-7 frequencia 25%
  obrigatorio um_de consulta qt 2
  eventual um_de imagem frequencia 50%
}
`);
        expect(v.procedimentos.map(l => [l.estimativa.toFixed(2), l.origemEstimativa, l.valor.toFixed(2)])).toEqual([
            ['22.50', 'sigtap', '22.50'],
            ['24.20', 'sigtap', '6.05'],
            ['10.00', 'sigtap', '20.00'],
            ['24.20', 'sigtap', '12.10']
        ]);
        expect(v.total.toFixed(2)).toBe('60.65');
        // The texts of each line (made when first read): the target as written, the SIGTAP or group description.
        expect(v.procedimentos.map(l => [l.kind, l.tipo, l.qt, l.alvo, l.descricao])).toEqual([
            ['procedimento', 'obrigatorio', 1, '02.04.03.003-0', 'MAMOGRAFIA'],
            ['procedimento', 'eventual', 1, '02.05.02.009-7', 'ULTRASSONOGRAFIA MAMARIA BILATERAL'],
            ['procedimento', 'obrigatorio', 2, 'um de consulta', 'consulta'],
            ['procedimento', 'eventual', 1, 'um de imagem', 'imagem']
        ]);
        expect(v.procedimentos[0]!.alvo).toBe(v.procedimentos[0]!.alvo);
    });

    it('a default estimate of R$ 0,00 (VL_SA zero) counts zero and gets an info diagnostic; a written R$ 0,00 does not', async () => {
        // 02.04.02.013-1 RADIOGRAFIA PANORAMICA DE COLUNA TOTAL: VL_SA 0 in SIGTAP 2026-01.
        const body = (estimativa: string) => `
oci 09.01.01.999-9 "OCI DE TESTE" {
  obrigatorio 02.04.03.003-0
  eventual 02.04.02.013-1 frequencia 50%${estimativa}
}
`;
        const v = await valueOf(HEADER + body(''));
        expect(v.procedimentos.map(l => l.valor.toFixed(2))).toEqual(['22.50', '0.00']);
        const zero = withCode(await validate(services, body('')), 'valor/estimativa-zero');
        expect(zero).toHaveLength(1);
        expect(zero[0].severity).toBe(3);
        expect(zero[0].message).toContain('02.04.02.013-1');
        expect(zero[0].message).toContain('VL_SA');
        expect(zero[0].range.start.line).toBe(4);
        expect(withCode(await validate(services, body(' estimativa R$ 0,00')), 'valor/estimativa-zero')).toEqual([]);
    });

    it('an eventual component without frequency counts at 100% and says so', async () => {
        const v = await valueOf(
            oci(`
  obrigatorio 02.04.03.003-0 estimativa R$ 1,00
  eventual 02.05.02.009-7 qt 3 estimativa R$ 2,00`)
        );
        expect(v.procedimentos[1].frequenciaPadrao).toBe(true);
        expect(v.procedimentos[1].valor.toFixed(2)).toBe('6.00');
    });

    it('without SIGTAP and without estimate the line is reported missing, not guessed', async () => {
        const v = await valueOf(`catalogo "x" competencia 2026-01
oci 09.01.01.999-9 "OCI DE TESTE" {
  obrigatorio 02.04.03.003-0
}
`);
        expect(v.procedimentos).toEqual([]);
        expect(v.faltantes.map(f => f.alvo)).toEqual(['02.04.03.003-0']);
    });

    it('bruto is estimate × qt × frequency at Money precision, also for an estimate longer than that precision', async () => {
        // 55 significant digits: a product rounds them to 50, so "times 1" is not skipped for it.
        const longo = `1${'1'.repeat(50)},1111`;
        const v = await valueOf(
            oci(`
  obrigatorio 02.04.03.003-0 estimativa R$ ${longo}
  obrigatorio 02.04.03.003-0 qt 2 estimativa R$ 1,05
  eventual 02.05.02.009-7 estimativa R$ ${longo}
  eventual 02.05.02.009-7 qt 3 frequencia 12,5% estimativa R$ 0,07`)
        );
        const written = new Money(`1${'1'.repeat(50)}.1111`);
        expect(written.sd()).toBe(55);
        const expected = [
            written.times(1).times(new Money(1)),
            new Money('1.05').times(2).times(new Money(1)),
            written.times(1).times(new Money(1)),
            new Money('0.07').times(3).times(new Money('0.125'))
        ];
        expect(v.procedimentos.map(l => l.bruto.toString())).toEqual(expected.map(x => x.toString()));
        expect(v.procedimentos[0]!.bruto.sd()).toBe(50);
        expect(v.procedimentos.map(l => l.valor.toString())).toEqual(
            expected.map(x => x.toDecimalPlaces(2, Money.ROUND_HALF_EVEN).toString())
        );
    });

    it('sums thousands of lines exactly (no floating point drift)', async () => {
        // 0,1 + 0,2 in binary floating point is 0.30000000000000004; here it must be exact.
        const lines = Array.from(
            { length: 300 },
            (_, i) => `  eventual 02.05.02.009-7 frequencia 10% estimativa R$ 1,${String(i % 100).padStart(2, '0')}`
        );
        const v = await valueOf(
            oci(
                `  obrigatorio 02.04.03.003-0 estimativa R$ 0,10\n  obrigatorio 02.04.03.003-0 estimativa R$ 0,20\n${lines.join('\n')}`
            )
        );
        const expected = v.procedimentos.reduce((acc, l) => acc + Math.round(l.valor.toNumber() * 100), 0);
        expect(v.total.times(100).toNumber()).toBe(expected);
        expect(
            v.procedimentos
                .slice(0, 2)
                .reduce((a, l) => a.plus(l.valor), new Money(0))
                .toString()
        ).toBe('0.3');
    });
});
