/**
 * The PAR's minimum content (Portaria GM/MS nº 3.492/2024, art. 9 I-VIII) and the adhesion's documents
 * (art. 8 I-III): each missing item is reported with its inciso, on the plan's name. Also: repeated
 * items, empty texts, UF, validity period and dates.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isAbrangenciaPar,
    isAprovacaoCib,
    isExecucaoPar,
    isAprovacaoSaes,
    isCompromisso,
    isCronograma,
    isDiagnostico,
    isElenco,
    isPrioridade,
    isProblema,
    isProducaoPrevista,
    isRedeAtencao,
    isTermoAdesao,
    isTerritorio,
    isUfPar,
    isVigenciaPar,
    type Par,
    type UfPar,
    type VigenciaPar
} from '../../generated/ast.js';
import { report, reportRepeated } from '../../validation/report.js';
import { chaveData, parseDate } from '../datas.js';
import { UFS } from '../municipios.js';
import {
    aprovacaoCibDo,
    elencoDo,
    etapasDo,
    filasDo,
    itens,
    metasDa,
    municipiosDo,
    responsabilidadesDo
} from '../par-consultas.js';
import { RegrasPar } from '../rules.js';

/** Items that may appear only once, with the keyword that writes them. */
const UNICOS: Array<[(n: unknown) => boolean, string]> = [
    [isUfPar, 'uf'],
    [isAbrangenciaPar, 'abrangencia'],
    [isVigenciaPar, 'vigencia'],
    [isTerritorio, 'territorio'],
    [isDiagnostico, 'diagnostico'],
    [isRedeAtencao, 'rede'],
    [isElenco, 'elenco'],
    [isCronograma, 'cronograma'],
    [isCompromisso, 'compromisso'],
    [isAprovacaoCib, 'cib'],
    [isAprovacaoSaes, 'aprovacao saes'],
    [isTermoAdesao, 'termo_adesao'],
    [isProducaoPrevista, 'producao prevista'],
    [isExecucaoPar, 'execucao']
];

const vazio = (t: string | undefined) => typeof t !== 'string' || t.trim() === '';

export class ParConteudoValidator {
    checkPar(par: Par, accept: ValidationAcceptor): void {
        const ancora = { node: par as AstNode, property: 'nome' };
        reportRepeated(accept, RegrasPar.itemRepetido, par.itens ?? [], UNICOS);

        if (!itens(par, isUfPar).length) report(accept, RegrasPar.ufAusente, [], ancora);
        if (!itens(par, isAbrangenciaPar).length) report(accept, RegrasPar.abrangenciaAusente, [], ancora);
        if (!itens(par, isVigenciaPar).length) report(accept, RegrasPar.vigenciaAusente, [], ancora);

        // Art. 9 I
        if (municipiosDo(par).length === 0) {
            const territorio = itens(par, isTerritorio)[0];
            report(accept, RegrasPar.territorioAusente, [], territorio ? { node: territorio } : ancora);
        }
        this.texto(accept, itens(par, isDiagnostico), 'diagnostico', () =>
            report(accept, RegrasPar.diagnosticoAusente, [], ancora)
        );
        // Art. 9 II
        this.texto(accept, itens(par, isRedeAtencao), 'rede', () => report(accept, RegrasPar.redeAusente, [], ancora));
        const problemas = itens(par, isProblema);
        const prioridades = itens(par, isPrioridade);
        for (const p of [...problemas, ...prioridades]) {
            if (vazio(p.texto))
                report(accept, RegrasPar.textoVazio, [isProblema(p) ? 'problema' : 'prioridade'], {
                    node: p,
                    property: 'texto'
                });
        }
        const semProblema = !problemas.some(p => !vazio(p.texto));
        const semPrioridade = !prioridades.some(p => !vazio(p.texto));
        if (semProblema || semPrioridade) {
            const falta =
                semProblema && semPrioridade
                    ? 'os principais problemas e as prioridades'
                    : semProblema
                      ? 'os principais problemas'
                      : 'as prioridades';
            report(accept, RegrasPar.problemasAusentes, [falta], ancora);
        }
        // Art. 9 III-VI
        if (elencoDo(par).length === 0) {
            const elenco = itens(par, isElenco)[0];
            report(accept, RegrasPar.elencoAusente, [], elenco ? { node: elenco } : ancora);
        }
        const filas = filasDo(par);
        if (filas.length === 0) report(accept, RegrasPar.filasAusentes, [], ancora);
        if (!filas.some(f => metasDa(f).length > 0)) report(accept, RegrasPar.metasAusentes, [], ancora);
        if (etapasDo(par).length === 0) {
            const cronograma = itens(par, isCronograma)[0];
            report(accept, RegrasPar.cronogramaAusente, [], cronograma ? { node: cronograma } : ancora);
        }
        // Art. 9 VII-VIII
        this.texto(accept, itens(par, isCompromisso), 'compromisso', () =>
            report(accept, RegrasPar.compromissoAusente, [], ancora)
        );
        if (responsabilidadesDo(par).length === 0) report(accept, RegrasPar.responsabilidadesAusentes, [], ancora);
        // Art. 8 I e III
        const cib = aprovacaoCibDo(par);
        if (!cib) report(accept, RegrasPar.cibAusente, [], ancora);
        else if (vazio(cib.resolucao))
            report(accept, RegrasPar.textoVazio, [cib.orgao], { node: cib, property: 'resolucao' });
        const termo = itens(par, isTermoAdesao)[0];
        if (!termo) report(accept, RegrasPar.termoAdesaoAusente, [], ancora);
        else if (vazio(termo.texto))
            report(accept, RegrasPar.textoVazio, ['termo_adesao'], { node: termo, property: 'texto' });
    }

    /** A text item of the minimum content: missing (calls `ausente`) or empty. */
    private texto(
        accept: ValidationAcceptor,
        nos: Array<AstNode & { texto?: string }>,
        nome: string,
        ausente: () => void
    ): void {
        if (nos.length === 0) {
            ausente();
            return;
        }
        for (const n of nos) {
            if (vazio(n.texto)) report(accept, RegrasPar.textoVazio, [nome], { node: n, property: 'texto' });
        }
    }

    checkUf(uf: UfPar, accept: ValidationAcceptor): void {
        if (uf.sigla && !UFS.has(uf.sigla))
            report(accept, RegrasPar.ufInvalida, [uf.sigla], { node: uf, property: 'sigla' });
    }

    checkVigencia(v: VigenciaPar, accept: ValidationAcceptor): void {
        const inicio = parseDate(v.inicio);
        const fim = parseDate(v.fim);
        if (v.inicio && !inicio) report(accept, RegrasPar.dataInvalida, [v.inicio], { node: v, property: 'inicio' });
        if (v.fim && !fim) report(accept, RegrasPar.dataInvalida, [v.fim], { node: v, property: 'fim' });
        if (inicio && fim && chaveData(inicio) > chaveData(fim))
            report(accept, RegrasPar.vigenciaInvertida, [v.inicio, v.fim], { node: v });
    }
}
