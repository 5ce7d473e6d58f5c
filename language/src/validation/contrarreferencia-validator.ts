/** Referência e contrarreferência, transition to primary care (Portaria GM/MS 3.492/2024 art. 5 §2). */
import type { ValidationAcceptor } from 'langium';
import type { Oci } from '../generated/ast.js';
import { contrarreferenciaOf } from '../oci-queries.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class ContrarreferenciaValidator {
    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const contrarreferencia = contrarreferenciaOf(node);
        if (!contrarreferencia) {
            report(accept, Rules.contrarreferenciaAusente, [], { node, property: 'codigo' });
        } else if (contrarreferencia.destino !== 'aps') {
            report(accept, Rules.contrarreferenciaDestino, [contrarreferencia.destino], {
                node: contrarreferencia,
                property: 'destino'
            });
        }
    }
}
