/** Compares a built JSON catalogue with the oracle of the 34 OCIs extracted from the full SIGTAP 2026-01 zip. */
import * as fs from 'node:fs';
import { expect } from 'vitest';
import type { CatalogoJson } from '../language/src/generator/catalogo-json.js';
import { ORACLE_JSON } from './helpers.js';
import { CONSULTA } from '../language/src/sigtap/consulta.js';

export interface OracleOci {
    codigo: string;
    nome: string;
    tp_sexo: string;
    idade_minima_meses: number;
    idade_maxima_meses: number;
    vl_sa_centavos: number;
    cids: string[];
    procedimentos_secundarios: Array<{ codigo: string; tipo: string; qt_permitida: number }>;
}

export function readOracle(): OracleOci[] {
    return JSON.parse(fs.readFileSync(ORACLE_JSON, 'utf8')) as OracleOci[];
}

/** Every OCI of the oracle, with its composition, flags, quantities, restrictions, CIDs and published value. */
export function expectMatchesOracle(catalogo: CatalogoJson): void {
    const oracle = readOracle();
    expect(catalogo.ocis.map(o => o.codigo)).toEqual(oracle.map(o => o.codigo).sort());
    for (const expected of oracle) {
        const oci = catalogo.ocis.find(o => o.codigo === expected.codigo)!;
        expect(oci.nome, expected.codigo).toBe(expected.nome);
        expect(oci.valor.sigtap?.centavos, expected.codigo).toBe(expected.vl_sa_centavos);
        expect(oci.valor.declarado?.centavos, expected.codigo).toBe(expected.vl_sa_centavos);
        expect(oci.publico.sexo, expected.codigo).toBe({ I: 'ambos', F: 'feminino', M: 'masculino' }[expected.tp_sexo]);
        expect(oci.publico.idadeMinimaMeses, expected.codigo).toBe(expected.idade_minima_meses);
        expect(oci.publico.idadeMaximaMeses ?? 1571, expected.codigo).toBe(expected.idade_maxima_meses);
        expect([...oci.cids].sort(), expected.codigo).toEqual([...expected.cids].sort());
        const components = new Map(oci.componentes.flatMap(c => c.procedimentos.map(p => [p.codigo, c] as const)));
        expect([...components.keys()].sort(), expected.codigo).toEqual(
            expected.procedimentos_secundarios.map(p => p.codigo).sort()
        );
        for (const p of expected.procedimentos_secundarios) {
            const c = components.get(p.codigo)!;
            if (p.tipo === 'obrigatoria') expect(c.tipo, `${expected.codigo} ${p.codigo}`).toBe('obrigatorio');
            // The in-person consultation is mandatory by the programme's convention (NT 1/2025-DAET/SAES/MS), alone or
            // in a um_de.
            if (p.tipo === 'compativel' && c.grupo === null)
                expect(c.tipo, `${expected.codigo} ${p.codigo}`).toBe(
                    p.codigo === CONSULTA ? 'obrigatorio' : 'eventual'
                );
            if (p.codigo === CONSULTA) expect(c.tipo, `${expected.codigo}: consulta obrigatória`).toBe('obrigatorio');
            if (p.qt_permitida > 0) expect(c.qt, `${expected.codigo} ${p.codigo}`).toBe(p.qt_permitida);
        }
    }
}
