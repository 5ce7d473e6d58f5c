/**
 * The legal map next to the rules: every rule of every registry (catalogue, PAR/SE, audit) has an
 * origin and cites dispositivos that exist in the texts; conventions never block; the basis a
 * message ends with is derived from the map; and the citations fixed in issue 20 stay fixed.
 */
import { describe, expect, it } from 'vitest';
import { FUNDAMENTO_ACHADOS } from '../../language/src/audit/fundamentos.js';
import { ACHADOS, ACHADOS_DE_REGISTRO, DEFINICOES } from '../../language/src/audit/achados.js';
import { parseCitacoes } from '../../language/src/legal/citacoes.js';
import {
    convencao,
    lei,
    problemasDosFundamentos,
    textoDoFundamento,
    type RegraRegistrada
} from '../../language/src/legal/fundamento.js';
import { regrasRegistradas } from '../../language/src/legal/registros.js';
import { RegrasPlanoPorCodigo } from '../../language/src/plano/rules.js';
import { Rules, RulesByCode } from '../../language/src/validation/rules.js';

const regra = (code: string) => RulesByCode.get(code)!;

describe('every registry', () => {
    it('picks up the rules of the catalogue, of the PAR/SE and the audit findings', () => {
        const regras = regrasRegistradas();
        const codigos = new Set(regras.map(r => r.code));
        for (const r of Object.values(Rules)) expect(codigos.has(r.code), r.code).toBe(true);
        for (const code of RegrasPlanoPorCodigo.keys()) expect(codigos.has(code), code).toBe(true);
        for (const code of Object.values(ACHADOS)) expect(codigos.has(code), code).toBe(true);
    });

    it('every rule has an origin, cites only dispositivos of the texts, and no convention is an error', () => {
        expect(problemasDosFundamentos(regrasRegistradas())).toEqual([]);
    });

    it('fails on a planted wrong citation, a missing origin, a lei rule citing nothing and a blocking convention', () => {
        const certa: RegraRegistrada = {
            registro: 'catálogo',
            code: 'teste/certa',
            severity: 'error',
            fundamento: lei('3492/6/§2/III')
        };
        const plantadas: RegraRegistrada[] = [
            {
                registro: 'catálogo',
                code: 'teste/paragrafo-inexistente',
                severity: 'error',
                fundamento: lei('3492/6/§7')
            },
            { registro: 'PAR', code: 'teste/inciso-inexistente', severity: 'error', fundamento: lei('3492/9/IX') },
            { registro: 'SE', code: 'teste/artigo-inexistente', severity: 'error', fundamento: lei('1997/878-A/§13') },
            { registro: 'auditoria', code: 'teste/sem-origem', severity: 'warning', fundamento: undefined },
            { registro: 'catálogo', code: 'teste/lei-sem-dispositivo', severity: 'error', fundamento: lei() },
            {
                registro: 'catálogo',
                code: 'teste/convencao-bloqueia',
                severity: 'error',
                fundamento: convencao('uma escolha', '3492/6/§2/II')
            }
        ];
        expect(problemasDosFundamentos([certa])).toEqual([]);
        const problemas = problemasDosFundamentos([certa, ...plantadas]);
        expect(problemas).toEqual([
            'teste/paragrafo-inexistente (catálogo): dispositivo inexistente nos textos: 3492/6/§7 (art. 6 §7)',
            'teste/inciso-inexistente (PAR): dispositivo inexistente nos textos: 3492/9/IX (art. 9 IX)',
            'teste/artigo-inexistente (SE): dispositivo inexistente nos textos: 1997/878-A/§13 (art. 878-A §13)',
            'teste/sem-origem (auditoria): sem origem',
            'teste/lei-sem-dispositivo (catálogo): origem lei sem dispositivo',
            'teste/convencao-bloqueia (catálogo): convenção como erro (uma convenção nunca bloqueia dado oficial: use aviso)'
        ]);
    });

    it('the audit map covers every finding of the audit registry, with the origin the registry states', () => {
        for (const code of [...Object.values(ACHADOS), ...Object.values(ACHADOS_DE_REGISTRO)])
            expect(FUNDAMENTO_ACHADOS[code], code).toBeDefined();
        for (const d of DEFINICOES) expect(FUNDAMENTO_ACHADOS[d.codigo]?.origem, d.codigo).toBe(d.origem);
        expect(Object.keys(FUNDAMENTO_ACHADOS).sort()).toEqual(DEFINICOES.map(d => d.codigo).sort());
    });
});

describe('one source of truth', () => {
    it('the basis of each catalogue rule is derived from its fundamento', () => {
        for (const r of Object.values(Rules)) expect(r.basis, r.code).toBe(textoDoFundamento(r.fundamento));
    });

    it('the hover reads back from each basis exactly the dispositivos of the map', () => {
        const chaves = (basis: string) =>
            parseCitacoes(basis).flatMap(c => {
                const base = `3492/${c.artigo}${c.paragrafo === undefined || c.paragrafo === 'caput' ? '' : `/§${c.paragrafo}`}`;
                return c.incisos ? c.incisos.map(i => `${base}/${i}`) : [base];
            });
        for (const r of Object.values(Rules))
            expect(new Set(chaves(r.basis)), `${r.code}: ${r.basis}`).toEqual(new Set(r.fundamento.dispositivos));
    });

    it('the PAR/SE rules cite the dispositivos of their fundamento', () => {
        for (const r of RegrasPlanoPorCodigo.values())
            expect(r.fundamento.dispositivos, r.code).toEqual(r.dispositivos);
    });
});

describe('citations corrected (issue 20 item 2, issue 12 item 1)', () => {
    it('oci/fundamento-ausente is a convention and no longer cites art. 6 §1 (evidence parameters)', () => {
        expect(regra('oci/fundamento-ausente').fundamento.origem).toBe('convenção');
        expect(regra('oci/fundamento-ausente').basis).not.toContain('§1');
        expect(regra('oci/fundamento-ausente').basis).toMatch(/^convenção do projeto, não exigida pela lei/);
    });

    it('no basis reads as if Portaria 3.492 created the SIGTAP table', () => {
        for (const r of regrasRegistradas()) {
            const basis = r.fundamento ? textoDoFundamento(r.fundamento) : '';
            expect(basis, r.code).not.toMatch(/Tabela SIGTAP \(Portaria/);
        }
        expect(regra('procedimento/sexo-incompativel').basis).toBe(
            'Tabela SIGTAP (TP_SEXO); dado da Portaria GM/MS nº 3.492/2024, art. 6 §2 II'
        );
    });

    it("tooling rules say they are the tool's, not art. 14 §2 I", () => {
        for (const code of [
            'catalogo/sigtap-fora-do-workspace',
            'catalogo/competencia-ausente',
            'catalogo/competencia-invalida',
            'catalogo/competencia-divergente'
        ]) {
            expect(regra(code).fundamento.origem, code).toBe('ferramenta');
            expect(regra(code).basis, code).toMatch(/^regra da ferramenta, não da lei: /);
            expect(regra(code).basis, code).not.toContain('art. 14');
        }
    });

    it('oci/sem-obrigatorio is a convention, hence a warning (art. 6 §2 II only asks which are mandatory)', () => {
        expect(regra('oci/sem-obrigatorio').severity).toBe('warning');
        expect(regra('oci/sem-obrigatorio').fundamento).toMatchObject({
            origem: 'convenção',
            dispositivos: ['3492/6/§2/II']
        });
    });

    it('oci/contrarreferencia-destino is an error: art. 5 §2 says the OCI "sempre" includes the transition to APS', () => {
        expect(regra('oci/contrarreferencia-destino').severity).toBe('error');
        expect(regra('oci/contrarreferencia-destino').fundamento).toEqual(lei('3492/5/§2'));
    });
});
