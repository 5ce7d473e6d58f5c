/** CPF, CNS and APAC rules: the TypeScript functions, and the SQL that the audit runs, agree. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    apacDigito,
    apacProblema,
    cnsProvisorio,
    cnsValido,
    cpfDigitos,
    cpfValido,
    maskPessoa,
    pessoaValida
} from '../../language/src/audit/identificadores.js';
import { SessaoDuckdb } from '../../language/src/audit/motor.js';
import { apacProblemaSql, cnsValidoSql, cpfValidoSql, mascaraSql } from '../../language/src/audit/sql.js';

describe('identifiers', () => {
    it('validates CPF check digits (Receita Federal rule) and rejects repeated digits', () => {
        expect(cpfValido('529.982.247-25')).toBe(true);
        expect(cpfValido('52998224725')).toBe(true);
        expect(cpfValido('52998224724')).toBe(false);
        expect(cpfValido('111.111.111-11')).toBe(false);
        expect(cpfValido('5299822472')).toBe(false);
        expect(cpfDigitos('529982247')).toBe('25');
        expect(cpfDigitos('000000001')).toBe('91');
    });

    it('validates CNS (definitive 1/2 and provisional 7/8/9: weighted sum multiple of 11)', () => {
        const provisorio = cnsProvisorio('70000000000000'.slice(0, 13) + '1')!;
        expect(provisorio).toHaveLength(15);
        expect(cnsValido(provisorio)).toBe(true);
        // A definitive CNS built by the Ministry's rule from a PIS (11 digits) + "000" + DV.
        const pis = '12345678901';
        const soma = [...pis].reduce((a, c, i) => a + Number(c) * (15 - i), 0);
        const dv = (11 - (soma % 11)) % 11;
        const definitivo = dv === 10 ? `${pis}001${11 - ((soma + 2) % 11)}` : `${pis}000${dv}`;
        expect(cnsValido(definitivo)).toBe(true);
        expect(cnsValido(definitivo.slice(0, 14) + ((Number(definitivo[14]) + 1) % 10))).toBe(false);
        expect(cnsValido('312345678901234')).toBe(false); // first digit 3
        expect(pessoaValida('898 0012 3456 7890')).toBe(cnsValido('898001234567890'));
    });

    it('checks APAC numbers: 13 digits, UF, check digit (12 digits mod 11), kind only when given', () => {
        const doze = '352620000001';
        const apac = doze + apacDigito(doze);
        expect(apacProblema(apac)).toBeUndefined();
        expect(apacProblema(apac.slice(0, 12))).toBe('tamanho');
        expect(apacProblema(`${apac.slice(0, 6)}X${apac.slice(7)}`)).toBe('nao-numerico');
        expect(apacProblema(`99${apac.slice(2)}`)).toBe('uf');
        expect(apacProblema(doze + ((apacDigito(doze) + 1) % 10))).toBe('digito-verificador');
        expect(apacProblema(apac, { digitoTipoOci: '7' })).toBe('tipo');
        expect(apacProblema(apac, { digitoTipoOci: '2' })).toBeUndefined();
        expect(Number(BigInt(doze) % 11n) % 10).toBe(apacDigito(doze));
    });

    it('masks CPF and CNS for human-facing outputs (LGPD)', () => {
        expect(maskPessoa('529.982.247-25')).toBe('***.982.247-**');
        expect(maskPessoa('898001234567890')).toBe('*** 0012 3456 ****');
        expect(maskPessoa('12')).toBe('***');
    });
});

describe('the SQL rules give the same answers as the TypeScript ones', () => {
    let sessao: SessaoDuckdb;
    beforeAll(async () => {
        sessao = await SessaoDuckdb.abrir();
    });
    afterAll(() => sessao.fechar());

    it('on CPFs, CNSs and APAC numbers, valid and broken', async () => {
        const ids: string[] = [
            '52998224725',
            '52998224724',
            '11111111111',
            '00000000000',
            '123',
            'abcdefghijk',
            '1234567890123456'
        ];
        for (let i = 0; i < 300; i++) {
            const nove = String((i * 7_368_787 + 12_345) % 1e9).padStart(9, '0');
            const cpf = nove + cpfDigitos(nove);
            ids.push(cpf, cpf.slice(0, 10) + ((Number(cpf[10]) + 1 + (i % 8)) % 10));
            const cns = cnsProvisorio(`${7 + (i % 3)}${String(i * 97_531).padStart(12, '0')}${i % 10}`);
            if (cns) ids.push(cns, cns.slice(0, 14) + ((Number(cns[14]) + 1) % 10));
        }
        const apacs: string[] = [];
        for (let i = 0; i < 300; i++) {
            const doze = `${i % 2 ? '35' : '99'}26${i % 3 ? '2' : '7'}${String(i * 7919).padStart(7, '0')}`;
            apacs.push(
                doze + apacDigito(doze),
                doze + ((apacDigito(doze) + 1 + (i % 8)) % 10),
                doze,
                `${doze.slice(0, 3)}Z${doze.slice(4)}0`
            );
        }
        const valores = (xs: string[]) => xs.map(x => `('${x}')`).join(', ');
        const pessoas = await sessao.consultar(
            `SELECT p, CASE WHEN ${cpfValidoSql('p')} OR ${cnsValidoSql('p')} THEN 1 ELSE 0 END AS ok, ${mascaraSql('p')} AS m FROM (VALUES ${valores(ids)}) AS t(p)`
        );
        for (const l of pessoas) {
            expect(Number(l.ok), String(l.p)).toBe(pessoaValida(String(l.p)) ? 1 : 0);
            expect(l.m).toBe(maskPessoa(String(l.p)));
        }
        for (const tipo of [undefined, '2']) {
            const r = await sessao.consultar(
                `SELECT a, ${apacProblemaSql('a', tipo)} AS problema FROM (VALUES ${valores(apacs)}) AS t(a)`
            );
            for (const l of r)
                expect(l.problema ?? undefined, String(l.a)).toBe(apacProblema(String(l.a), { digitoTipoOci: tipo }));
        }
    });
});
