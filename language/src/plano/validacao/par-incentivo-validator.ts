/**
 * Incentivo do PAR (Portaria GM/MS nº 3.492/2024, art. 15): lacunas das faixas do §1 (exatamente
 * 500.000 habitantes; 100.000 ou menos), alocação por ente na resolução da CIB (§3) e produção
 * financeira prevista (§2 II).
 */
import type { ValidationAcceptor } from 'langium';
import { isTerritorio, type Par } from '../../generated/ast.js';
import { Money, formatMoney, parseMoney } from '../../money.js';
import { report } from '../../validation/report.js';
import { faixaIncentivo, formatarInteiro } from '../incentivo-par.js';
import { aprovacaoCibDo, itens, populacaoDo, producaoPrevista, producaoPrevistaDo } from '../par-consultas.js';
import { RegrasPar } from '../regras.js';

export class ParIncentivoValidator {
    checkPar(par: Par, accept: ValidationAcceptor): void {
        const ancora = { node: par, property: 'nome' };
        const territorio = itens(par, isTerritorio)[0];
        const populacao = populacaoDo(par);
        const faixa = populacao.total !== undefined ? faixaIncentivo(populacao.total) : undefined;
        if (faixa?.tipo === 'lacuna-500-mil') report(accept, RegrasPar.lacuna500Mil, [], territorio ? { node: territorio } : ancora);
        if (faixa?.tipo === 'ate-100-mil') report(accept, RegrasPar.ate100Mil, [formatarInteiro(populacao.total!)], territorio ? { node: territorio } : ancora);

        const cib = aprovacaoCibDo(par);
        if (cib) {
            const alocacoes = cib.alocacoes ?? [];
            if (alocacoes.length === 0) report(accept, RegrasPar.alocacaoAusente, [], { node: cib, property: 'orgao' });
            else if (faixa?.tipo === 'faixa') {
                const valores = alocacoes.map(a => parseMoney(a.valor)?.value);
                if (valores.every((v): v is Money => v !== undefined)) {
                    const alocado = valores.reduce((s, v) => s.plus(v), new Money(0));
                    if (!alocado.equals(faixa.total)) {
                        report(accept, RegrasPar.alocacaoDivergente, [formatMoney(alocado), formatMoney(faixa.total), formatMoney(alocado.minus(faixa.total))], { node: cib, property: 'orgao' });
                    }
                }
            }
        }

        const prevista = producaoPrevista(par);
        for (const linha of prevista.semValor.filter(l => l.item.oci?.ref)) report(accept, RegrasPar.valorOciIndisponivel, [linha.codigo], { node: linha.item, property: 'oci' });
        if (prevista.usada === undefined) report(accept, RegrasPar.producaoPrevistaAusente, [], ancora);
        if (prevista.declarada && prevista.calculada && !prevista.declarada.equals(prevista.calculada)) {
            report(accept, RegrasPar.producaoPrevistaDivergente, [formatMoney(prevista.declarada), formatMoney(prevista.calculada)], { node: producaoPrevistaDo(par)!, property: 'valor' });
        }
    }
}
