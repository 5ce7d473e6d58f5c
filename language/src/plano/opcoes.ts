/**
 * Opções da verificação dos PAR e das SE que o usuário escolhe: na linha de comando (`--estrito`)
 * e no editor (configuração `oci.plano.estrito`).
 */
import type { Rule } from '../validation/rules.js';

export class OpcoesPlano {
    /**
     * Modo estrito: as lacunas do art. 15 §1 (exatamente 500.000 habitantes; 100.000 ou menos), que
     * são avisos — o texto não dá faixa, e o plano não está errado por isso —, passam a erros, para
     * os fluxos (CI, publicação) que precisam parar nelas (issue 13, item 11).
     */
    estrito = false;
}

/** A regra com a severidade do modo: um aviso "estritável" vira erro no modo estrito. */
export function comSeveridade<A extends unknown[]>(regra: Rule<A>, opcoes: OpcoesPlano | undefined): Rule<A> {
    return opcoes?.estrito && regra.severity === 'warning' ? { ...regra, severity: 'error' } : regra;
}
