/**
 * totalCentavos (value/engine.ts), the integer total validation compares with the declared value, against
 * computeValue, the definition: on thousands of generated OCIs it gives computeValue's total to the centavo or steps
 * aside (undefined) — never a different number —, and it steps aside exactly where the validator must say something
 * about the value (something missing or pending, a SIGTAP estimate of zero, the limit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { clearDocuments } from 'langium/test';
import type { Oci } from '../../language/src/generated/ast.js';
import { isOci } from '../../language/src/generated/ast.js';
import { parseMoney, parsePercentRatio } from '../../language/src/money.js';
import { computeValue, totalCentavos, VALOR_MAXIMO } from '../../language/src/value/engine.js';
import { HEADER, buildWorkspace, codes, createTestServices, validate, type TestServices } from '../helpers.js';

let services: TestServices;
beforeAll(() => {
    services = createTestServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

const TECHS = `
tecnologia gestao_clinica "Gestão clínica" percentual 8%
tecnologia saude_digital "Saúde digital" valor R$ 6,50
tecnologia ngc "Núcleo de gestão" percentual 12,5%
tecnologia fracionada "Tecnologia de percentual longo" percentual 3,333%
grupo consulta { 03.01.01.007-2 03.01.01.030-7 }
grupo imagem { 02.04.03.003-0 02.05.02.009-7 }
grupo zero { 02.04.02.013-1 }
`;

/** Procedures of the test table (VL_SA 22,50, 24,20, 10,00, 10,00; 02.04.02.013-1 has VL_SA 0) and the groups. */
const TARGETS = [
    '02.04.03.003-0',
    '02.05.02.009-7',
    '03.01.01.007-2',
    '03.01.01.030-7',
    '02.04.02.013-1',
    'um_de consulta',
    'um_de imagem',
    'um_de zero'
];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function generated(count: number, seed: number): string {
    const next = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
    const amount = () => {
        const integer = pick(['0', '1', '12', '148', '1.234', '99.999', '999.999.999', '5.000.000.000']);
        const decimals = pick([0, 1, 2, 2, 2, 2, 3, 4]);
        return `R$ ${integer}${decimals ? `,${digits(decimals)}` : ''}`;
    };
    const percent = () => {
        const decimals = pick([0, 0, 0, 1, 2, 3]);
        return `${Math.floor(next() * 101)}${decimals ? `,${digits(decimals)}` : ''}%`;
    };
    const ocis: string[] = [];
    for (let i = 0; i < count; i++) {
        const itens: string[] = [];
        for (let c = 0; c < 1 + Math.floor(next() * 5); c++) {
            const tipo = next() < 0.6 ? 'obrigatorio' : 'eventual';
            const alvo = next() < 0.03 ? 'a_preencher' : pick(TARGETS);
            let line = `  ${tipo} ${alvo}`;
            if (next() < 0.7) line += ` qt ${pick([0, 1, 1, 1, 2, 3, 12, 9_999_999])}`;
            if (tipo === 'eventual' && next() < 0.8) line += ` frequencia ${next() < 0.03 ? 'a_preencher' : percent()}`;
            if (next() < 0.85) line += ` estimativa ${next() < 0.03 ? 'a_preencher' : amount()}`;
            itens.push(line);
        }
        const usos = ['gestao_clinica', 'saude_digital', 'ngc', 'fracionada'].filter(() => next() < 0.5);
        if (usos.length > 0) {
            const uso = (nome: string) =>
                next() < 0.2 ? `${nome} ${next() < 0.5 ? `valor ${amount()}` : `percentual ${percent()}`}` : nome;
            itens.push(`  tecnologias ${usos.map(uso).join(', ')}`);
        } else if (next() < 0.1) itens.push('  tecnologias a_preencher');
        ocis.push(`oci 09.01.01.999-9 "OCI ${i}" {\n${itens.join('\n')}\n}`);
    }
    return `${HEADER}${TECHS}\n${ocis.join('\n')}\n`;
}

async function ocisOf(text: string) {
    const [doc] = await buildWorkspace(services, { 'catalogo.oci': text });
    const table = services.Oci.catalogo.Context.forDocument(doc).table;
    expect(table).toBeDefined();
    return { ocis: doc.parseResult.value.elementos.filter(isOci) as Oci[], table };
}

describe('totalCentavos', () => {
    it('gives computeValue’s total to the centavo, or undefined, on 1,500 generated OCIs', async () => {
        const { ocis, table } = await ocisOf(generated(1500, 7));
        expect(ocis).toHaveLength(1500);
        let integer = 0;
        let declined = 0;
        for (const oci of ocis) {
            const fast = totalCentavos(oci, table);
            const full = computeValue(oci, table);
            const reported =
                full.faltantes.length > 0 ||
                full.total.gt(VALOR_MAXIMO) ||
                full.procedimentos.some(l => l.origemEstimativa === 'sigtap' && l.estimativa.isZero());
            if (fast === undefined) {
                declined++;
                continue;
            }
            integer++;
            expect(reported, oci.nome).toBe(false);
            expect(fast, oci.nome).toBe(full.total.times(100).toNumber());
            // Whole centavos, so the comparison with a declared value is exact.
            expect(full.total.times(100).isInteger()).toBe(true);
        }
        // Both paths are exercised: most OCIs take the integer one, and the rest (more decimals, pending, missing,
        // zero, past the limit) decline.
        expect(integer).toBeGreaterThan(400);
        expect(declined).toBeGreaterThan(400);
    });

    it('rounds each line half to even as computeValue: 50% × R$ 0,05 → 0,02, 50% × R$ 0,07 → 0,04, 12,5% × 100,10 → 12,51', async () => {
        const { ocis, table } = await ocisOf(`${HEADER}${TECHS}
oci 09.01.01.999-9 "A" {
  obrigatorio 02.04.03.003-0 estimativa R$ 10,00
  eventual 02.05.02.009-7 frequencia 50% estimativa R$ 0,05
  eventual 03.01.01.007-2 frequencia 50% estimativa R$ 0,07
}
oci 09.01.01.999-9 "B" {
  obrigatorio 02.04.03.003-0 estimativa R$ 100,10
  tecnologias ngc
}
oci 09.01.01.999-9 "C" {
  obrigatorio 02.04.03.003-0
  eventual um_de imagem frequencia 50%
  obrigatorio um_de consulta qt 2
}
`);
        expect(ocis.map(o => totalCentavos(o, table))).toEqual([1006, 10010 + 1251, 2250 + 1210 + 2000]);
        expect(ocis.map(o => computeValue(o, table).total.times(100).toNumber())).toEqual([1006, 11261, 5460]);
    });

    it('declines where the validator reports the value: missing, pending, SIGTAP zero, more decimals, past the limit', async () => {
        const { ocis, table } = await ocisOf(`${HEADER}${TECHS}
oci 09.01.01.999-9 "sem estimativa e sem tabela para o alvo" {
  obrigatorio 02.99.99.999-0
}
oci 09.01.01.999-9 "pendente" {
  obrigatorio 02.04.03.003-0 estimativa a_preencher
}
oci 09.01.01.999-9 "zero do SIGTAP" {
  obrigatorio 02.04.02.013-1
}
oci 09.01.01.999-9 "três casas" {
  obrigatorio 02.04.03.003-0 estimativa R$ 1,005
}
oci 09.01.01.999-9 "acima do limite" {
  obrigatorio 02.04.03.003-0 qt 2 estimativa R$ 999.999.999,99
}
oci 09.01.01.999-9 "tecnologias pendentes" {
  obrigatorio 02.04.03.003-0
  tecnologias a_preencher
}
`);
        expect(ocis.map(o => totalCentavos(o, table))).toEqual([
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            undefined
        ]);
    });

    it('money and percent literals as integers: centavos only for at most two decimals; percent as a ratio', () => {
        expect(parseMoney('R$ 1.234,56')?.centavos).toBe(123456);
        expect(parseMoney('R$ 45')?.centavos).toBe(4500);
        expect(parseMoney('R$ 1,5')?.centavos).toBe(150);
        expect(parseMoney('R$ 0,005')?.centavos).toBeUndefined();
        expect(parseMoney('R$ 99.999.999.999.999,99')?.centavos).toBeUndefined();
        expect(parseMoney('R$ 0000000000000000001,00')?.centavos).toBe(100);
        expect(parsePercentRatio('12,5%')).toEqual({ numerador: 125, denominador: 1000 });
        expect(parsePercentRatio('8%')).toEqual({ numerador: 8, denominador: 100 });
        expect(parsePercentRatio('8 %')).toEqual({ numerador: 8, denominador: 100 });
        expect(parsePercentRatio('8,%')).toBeUndefined();
    });
});

describe('the value check with the integer total', () => {
    const body = (valor: string, tecnologias = 'tecnologias ngc') => `${TECHS}
oci 09.01.01.001-4 "OCI" {
  obrigatorio 02.04.03.003-0 estimativa R$ 100,10
  ${tecnologias}
  valor ${valor}
}
`;

    it('an equal declared value is quiet; a centavo off is valor/divergente; without technologies still says so', async () => {
        const valor = (d: Diagnostic[]) => codes(d).filter(c => c.startsWith('valor/') || c === 'oci/sem-tecnologia');
        expect(valor(await validate(services, body('R$ 112,61')))).toEqual([]);
        expect(valor(await validate(services, body('R$ 112,62')))).toEqual(['valor/divergente']);
        expect(valor(await validate(services, body('R$ 100,10', '')))).toEqual(['oci/sem-tecnologia']);
        // Three decimals, the same amount: equal by computeValue's comparison, as before.
        expect(valor(await validate(services, body('R$ 112,610')))).toEqual(['valor/casas-decimais']);
    });
});
