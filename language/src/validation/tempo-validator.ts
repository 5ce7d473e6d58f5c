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
        if (tr?.pendente)
            report(accept, Rules.aPreencher, ['tR (tempo recomendado)'], { node: tr, data: { campo: 'tR' } });
        if (tm?.pendente) report(accept, Rules.aPreencher, ['tM (tempo máximo)'], { node: tm, data: { campo: 'tM' } });
        const trDias = tr?.dias;
        const tmDias = tm?.dias;
        if (tr && trDias !== undefined && trDias <= 0)
            report(accept, Rules.tempoNaoPositivo, ['tR'], { node: tr, property: 'dias' });
        if (tm && tmDias !== undefined && tmDias <= 0)
            report(accept, Rules.tempoNaoPositivo, ['tM'], { node: tm, property: 'dias' });
        if (tr && trDias !== undefined && tmDias !== undefined && trDias > 0 && tmDias > 0 && trDias > tmDias) {
            report(accept, Rules.trMaiorQueTm, [trDias, tmDias], { node: tr, property: 'dias' });
        }
    }
}
