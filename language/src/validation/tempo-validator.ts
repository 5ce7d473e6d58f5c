/** tR and tM (Portaria GM/MS 3.492/2024 art. 6 §2 III-IV; art. 14 §2 III). */
import type { ValidationAcceptor } from 'langium';
import type { Oci } from '../generated/ast.js';
import { tmOf, trOf } from '../oci-queries.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class TempoValidator {
    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const tr = trOf(node);
        const tm = tmOf(node);
        if (!tr) report(accept, Rules.trAusente, [], { node, property: 'codigo' });
        if (!tm) report(accept, Rules.tmAusente, [], { node, property: 'codigo' });
        if (tr && tr.dias <= 0) report(accept, Rules.tempoNaoPositivo, ['tR'], { node: tr, property: 'dias' });
        if (tm && tm.dias <= 0) report(accept, Rules.tempoNaoPositivo, ['tM'], { node: tm, property: 'dias' });
        if (tr && tm && tr.dias > 0 && tm.dias > 0 && tr.dias > tm.dias) {
            report(accept, Rules.trMaiorQueTm, [tr.dias, tm.dias], { node: tr, property: 'dias' });
        }
    }
}
