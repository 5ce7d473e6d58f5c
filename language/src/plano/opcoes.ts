/**
 * Options of the PAR and SE checks that the user chooses: on the command line (`--estrito`) and in the
 * editor (setting `oci.plano.estrito`).
 */
import type { Rule } from '../validation/rules.js';

export class OpcoesPlano {
    /**
     * Strict mode: the gaps of art. 15 §1 (exactly 500,000 inhabitants; 100,000 or fewer), which are
     * warnings — the text gives no band, and the plan is not wrong for it —, become errors, for the flows
     * (CI, publication) that must stop at them (issue 13, item 11).
     */
    estrito = false;
}

/** The rule with the mode's severity: a warning that strict mode hardens becomes an error in it. */
export function comSeveridade<A extends unknown[]>(regra: Rule<A>, opcoes: OpcoesPlano | undefined): Rule<A> {
    return opcoes?.estrito && regra.severity === 'warning' ? { ...regra, severity: 'error' } : regra;
}
