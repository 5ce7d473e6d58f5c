import { describe, expect, it } from 'vitest';
import { loadSigtapFile } from '../../language/src/sigtap/reader.js';
import { oracle, realTable, zipPath, ZIP_NAME } from './fixtures.js';
import { asOracle } from './oci-view.js';

describe('SIGTAP reader against the 2026-01 oracle', () => {
    const expected = oracle();

    it('lists exactly the 34 OCIs of the oracle', () => {
        expect(realTable().ociCodigos()).toEqual(expected.map(o => o.codigo).sort());
        expect(realTable().ociCodigos()).toHaveLength(34);
    });

    for (const o of expected) {
        it(`reproduces ${o.codigo_formatado} ${o.nome}`, () => {
            const actual = asOracle(realTable(), o.codigo);
            expect(actual).toBeDefined();
            for (const field of Object.keys(o) as (keyof typeof o)[]) {
                expect(actual![field], field).toEqual(o[field]);
            }
            expect(actual).toEqual(o);
        });
    }

    it('accepts the code with punctuation and returns the same cached view', () => {
        expect(realTable().oci('09.01.01.001-4')).toBe(realTable().oci('0901010014'));
    });

    it('returns undefined for non-OCI and unknown codes', () => {
        expect(realTable().oci('0204030030')).toBeUndefined();
        expect(realTable().oci('0901019999')).toBeUndefined();
    });
});

describe('SIGTAP reader spot facts', () => {
    it('reads the whole procedure table, competência, file name and hash', () => {
        const t = realTable();
        expect(t.procedimentos.size).toBe(4962);
        expect(t.competencia).toBe('202601');
        expect(t.arquivo).toBe(ZIP_NAME);
        expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('reads values in centavos', () => {
        const mamografia = realTable().procedimentos.get('0204030030')!;
        expect(mamografia.nome).toBe('MAMOGRAFIA');
        expect(mamografia.vlSaCentavos).toBe(2250);
        expect(mamografia.vlShCentavos).toBe(0);
        expect(mamografia.competencia).toBe('202601');
    });

    it('reads ages in months', () => {
        const mama = realTable().procedimentos.get('0901010014')!;
        expect(mama.idadeMinimaMeses).toBe(120);
        expect(mama.idadeMaximaMeses).toBe(1571);
        expect(mama.sexo).toBe('I');
    });

    it('looks up CID, group, subgroup, forma and attribute names', () => {
        const t = realTable();
        expect(t.cids.get('D486')).toMatch(/^Neoplasia de comportamento incerto ou desconhecido da mama/i);
        expect(t.cids.get('C50')).toBeDefined();
        expect(t.grupos.get('09')).toMatch(/Ofertas de Cuidados Integrados/i);
        expect(t.subgrupos.get('0901')).toBe('Atenção em Oncologia');
        expect(t.formasOrganizacao.get('090101')).toBe('Ofertas de Cuidados Integrados em Oncologia');
        expect(t.detalhes.get('054')).toBeDefined();
        expect(t.cidsPorProcedimento('0901010014')).toContain('D486');
        expect(t.registrosPorProcedimento('0204030030')).toEqual(['02', '07']);
    });

    it('decodes the Windows-1252 punctuation of some names', () => {
        const names = [...realTable().procedimentos.values()].map(p => p.nome);
        expect(names.some(n => n.includes('–'))).toBe(true);
        expect(names.some(n => /[\u0080-\u009f]/.test(n))).toBe(false);
    });

    it('loads from a path', () => {
        const t = loadSigtapFile(zipPath);
        expect(t.arquivo).toBe(ZIP_NAME);
        expect(t.sha256).toBe(realTable().sha256);
    });
});
