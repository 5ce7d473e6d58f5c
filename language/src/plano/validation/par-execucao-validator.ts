/**
 * The PAR's executed production and the second parcela's condition (Portaria GM/MS nº 3.492/2024, art. 15
 * §2 II): an `execucao "…"` file that could not be used (outside the workspace, not found, unreadable,
 * invalid JSON) is a warning on its line; once read, the condition — met or not, with the percentages —
 * is an information on the same line. On the command line, `--execucao` replaces the PAR's file
 * (../execucao-par.ts).
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import type { Par } from '../../generated/ast.js';
import { formatMoney, type Money } from '../../money.js';
import { report } from '../../validation/report.js';
import type { ExecucaoDoPar } from '../execucao-par.js';
import { condicaoSegundaParcela } from '../incentivo-par.js';
import { producaoExecutada, producaoPrevista, type ProducaoExecutada } from '../par-consultas.js';
import { RegrasPar } from '../rules.js';
import { percentual } from '../resumo.js';

export class ParExecucaoValidator {
    constructor(private readonly fonte: ExecucaoDoPar) {}

    checkPar(par: Par, accept: ValidationAcceptor): void {
        const f = this.fonte.doPar(par);
        if (!f) return;
        const ancora: { node: AstNode; property?: string } = f.item
            ? { node: f.item }
            : { node: par, property: 'nome' };
        if (!f.execucao) {
            // Only the PAR's file has a problem as a value: the command line's one, unreadable, is a usage error.
            report(accept, RegrasPar.execucaoIndisponivel, [f.arquivo, f.problema ?? 'sem dados'], ancora);
            return;
        }
        const prevista = producaoPrevista(par).usada;
        // Without planned production, incentivo/producao-prevista-ausente already says the condition cannot be checked.
        if (prevista === undefined) return;
        const origem = f.origem === 'linha-de-comando' ? `segundo ${f.arquivo} (--execucao)` : `segundo ${f.arquivo}`;
        report(
            accept,
            RegrasPar.segundaParcela,
            [situacao(prevista, producaoExecutada(par, f.execucao), origem)],
            ancora
        );
    }
}

/** "condição cumprida — executados R$ … de R$ … previstos (52,27%) …", as the summary shows it. */
export function situacao(prevista: Money, executada: ProducaoExecutada, origem: string): string {
    const fora = executada.foraDoElenco.length
        ? `; OCI da auditoria fora do elenco não contam: ${executada.foraDoElenco.join(', ')}`
        : '';
    if (executada.valor === undefined) {
        const semValor = executada.ocis.filter(o => o.concluidas > 0 && o.valor === undefined).map(o => o.codigo);
        return `produção executada indeterminada — OCI concluídas sem valor determinável no rol: ${semValor.join(', ')} (${origem}${fora})`;
    }
    const c = condicaoSegundaParcela(prevista, executada.valor, executada.maximo);
    const pct = c.percentual ? percentual(c.percentual) : '—';
    const base = executada.maximo
        ? `executados entre ${formatMoney(executada.valor)} e ${formatMoney(executada.maximo)} (OCI concluídas adequadamente, art. 16 I) de ${formatMoney(prevista)} previstos (50% = ${formatMoney(c.limiar)})`
        : `executados ${formatMoney(executada.valor)} de ${formatMoney(prevista)} previstos (${pct}; 50% = ${formatMoney(c.limiar)})`;
    if (c.indeterminada)
        return `condição indeterminada — ${base}; a auditoria não diz quantas OCI foram concluídas adequadamente, ${origem}${fora}`;
    return c.cumprida
        ? `condição cumprida — ${base}, ${origem}${fora}`
        : `condição não cumprida — ${base}; faltam ${formatMoney(c.falta!)}, ${origem}${fora}`;
}
