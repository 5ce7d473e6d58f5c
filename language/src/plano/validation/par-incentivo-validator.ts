/**
 * The PAR's incentive (Portaria GM/MS nº 3.492/2024, art. 15): gaps in the bands of §1 (exactly
 * 500,000 inhabitants; 100,000 or fewer), allocation per entity in the CIB's resolution (§3) and planned
 * financial production (§2 II).
 */
import type { ValidationAcceptor } from 'langium';
import { isTerritorio, type Alocacao, type Par, type ProducaoPrevista } from '../../generated/ast.js';
import { Money, formatMoney } from '../../money.js';
import { report } from '../../validation/report.js';
import { faixaIncentivo, formatInteger } from '../incentivo-par.js';
import { comSeveridade, type OpcoesPlano } from '../opcoes.js';
import {
    aprovacaoCibDo,
    itens,
    populacaoDo,
    producaoPrevista,
    producaoPrevistaDo,
    valorEmReais
} from '../par-consultas.js';
import { RegrasPar } from '../rules.js';
import { valorQuebrado } from '../valores-quebrados.js';

export class ParIncentivoValidator {
    constructor(private readonly opcoes?: OpcoesPlano) {}

    checkPar(par: Par, accept: ValidationAcceptor): void {
        const ancora = { node: par, property: 'nome' };
        const territorio = itens(par, isTerritorio)[0];
        const populacao = populacaoDo(par);
        const faixa = populacao.total !== undefined ? faixaIncentivo(populacao.total) : undefined;
        // Warnings by default (gaps in the text); errors in strict mode (--estrito, oci.plano.estrito).
        if (faixa?.tipo === 'lacuna-500-mil')
            report(
                accept,
                comSeveridade(RegrasPar.lacuna500Mil, this.opcoes),
                [],
                territorio ? { node: territorio } : ancora
            );
        if (faixa?.tipo === 'ate-100-mil')
            report(
                accept,
                comSeveridade(RegrasPar.ate100Mil, this.opcoes),
                [formatInteger(populacao.total!)],
                territorio ? { node: territorio } : ancora
            );

        const cib = aprovacaoCibDo(par);
        if (cib) {
            const alocacoes = cib.alocacoes ?? [];
            alocacoes.forEach(a => this.valor(a, accept));
            if (alocacoes.length === 0) report(accept, RegrasPar.alocacaoAusente, [], { node: cib, property: 'orgao' });
            else if (faixa?.tipo === 'faixa') {
                const valores = alocacoes.map(a => valorEmReais(a));
                if (valores.every((v): v is Money => v !== undefined)) {
                    const alocado = valores.reduce((s, v) => s.plus(v), new Money(0));
                    if (!alocado.equals(faixa.total)) {
                        report(
                            accept,
                            RegrasPar.alocacaoDivergente,
                            [formatMoney(alocado), formatMoney(faixa.total), formatMoney(alocado.minus(faixa.total))],
                            { node: cib, property: 'orgao' }
                        );
                    }
                }
            }
        }

        const prevista = producaoPrevista(par);
        const itemPrevista = producaoPrevistaDo(par);
        if (itemPrevista) this.valor(itemPrevista, accept);
        for (const linha of prevista.semValor.filter(l => l.item.oci?.ref))
            report(accept, RegrasPar.valorOciIndisponivel, [linha.codigo], { node: linha.item, property: 'oci' });
        // A planned production written but unreadable is already par/valor-invalido (or a syntax error).
        if (prevista.usada === undefined && !prevista.declaradaInvalida)
            report(accept, RegrasPar.producaoPrevistaAusente, [], ancora);
        if (prevista.declarada && prevista.calculada && !prevista.declarada.equals(prevista.calculada)) {
            report(
                accept,
                RegrasPar.producaoPrevistaDivergente,
                [formatMoney(prevista.declarada), formatMoney(prevista.calculada)],
                { node: producaoPrevistaDo(par)!, property: 'valor' }
            );
        }
    }

    /**
     * An amount in R$ that does not read (more than two decimals, malformed); one on a line with a syntax error
     * already has its error.
     */
    private valor(node: Alocacao | ProducaoPrevista, accept: ValidationAcceptor): void {
        if (node.valor === undefined || valorQuebrado(node, 'valor')) return;
        if (valorEmReais(node) === undefined)
            report(accept, RegrasPar.valorInvalido, [node.valor], { node, property: 'valor' });
    }
}
