/**
 * The PAR's territory (Portaria GM/MS nº 3.492/2024, art. 9 I; art. 8 II): municipalities by their
 * IBGE code (the base in ../data/municipios.ts), without repetition, of the plan's UF, with a population
 * (on which the incentive of art. 15 §1 depends).
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import { isPar, type MunicipioPar, type Par } from '../../generated/ast.js';
import { report } from '../../validation/report.js';
import { parseInteger } from '../incentivo-par.js';
import { municipioIbge, normalizeNome } from '../municipios.js';
import { abrangenciaDo, municipiosDo, municipiosFaltantesDoEstado, ufDo } from '../par-consultas.js';
import { RegrasPar } from '../rules.js';

export class ParTerritorioValidator {
    checkPar(par: Par, accept: ValidationAcceptor): void {
        const vistos = new Set<string>();
        for (const m of municipiosDo(par)) {
            if (vistos.has(m.codigo))
                report(accept, RegrasPar.municipioRepetido, [m.codigo], { node: m, property: 'codigo' });
            vistos.add(m.codigo);
        }
        // Art. 8 II and art. 15 §1: a state PAR covers every municipality of the UF.
        const faltam = municipiosFaltantesDoEstado(par);
        if (faltam.length > 0) {
            const exemplos =
                faltam
                    .slice(0, 3)
                    .map(m => `${m.nome} ${m.codigo}`)
                    .join(', ') + (faltam.length > 3 ? ', …' : '');
            report(accept, RegrasPar.estadoIncompleto, [ufDo(par)!.sigla, faltam.length, exemplos], {
                node: abrangenciaDo(par)!,
                property: 'tipo'
            });
        }
    }

    checkMunicipio(m: MunicipioPar, accept: ValidationAcceptor): void {
        const ibge = municipioIbge(m.codigo);
        const nome = m.nome || ibge?.nome || m.codigo;
        if (!ibge) report(accept, RegrasPar.municipioInexistente, [m.codigo], { node: m, property: 'codigo' });
        else {
            if (m.nome && normalizeNome(m.nome) !== normalizeNome(ibge.nome)) {
                report(accept, RegrasPar.nomeDivergente, [m.codigo, m.nome, ibge.nome], { node: m, property: 'nome' });
            }
            const par = AstUtils.getContainerOfType(m, isPar);
            const ufPlano = par ? ufDo(par)?.sigla : undefined;
            if (ufPlano && ibge.uf !== ufPlano)
                report(accept, RegrasPar.municipioOutraUf, [nome, ibge.uf, ufPlano], { node: m, property: 'codigo' });
        }
        if (m.populacao === undefined) report(accept, RegrasPar.populacaoAusente, [nome], { node: m });
        else {
            const n = parseInteger(m.populacao);
            if (n === undefined || n <= 0)
                report(accept, RegrasPar.populacaoInvalida, [nome], { node: m, property: 'populacao' });
        }
    }
}
