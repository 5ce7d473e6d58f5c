/**
 * The PAR's chronology (Portaria GM/MS nº 3.492/2024, arts. 8 III, 11, 15 §2 I and 21): no date
 * before the portaria's publication, the CIB's resolution no later than the SAES's approval, and the
 * acts of adhesion and approval not dated in the future (../cronologia.ts, which the 1st parcela's summary also uses).
 */
import type { ValidationAcceptor } from 'langium';
import type { Par } from '../../generated/ast.js';
import { report } from '../../validation/report.js';
import { cronologiaDoPar } from '../cronologia.js';
import { formatDate } from '../datas.js';
import { RegrasPar } from '../rules.js';

export class ParCronologiaValidator {
    checkPar(par: Par, accept: ValidationAcceptor): void {
        for (const a of cronologiaDoPar(par)) {
            if (a.tipo === 'antes-da-portaria') {
                report(accept, RegrasPar.dataAntesDaPortaria, [maiuscula(a.data.descricao), formatDate(a.data.data)], {
                    node: a.data.node,
                    property: a.data.property
                });
            } else if (a.tipo === 'futura') {
                report(accept, RegrasPar.dataFutura, [maiuscula(a.data.descricao), formatDate(a.data.data)], {
                    node: a.data.node,
                    property: a.data.property
                });
            } else {
                report(accept, RegrasPar.cibDepoisDaSaes, [formatDate(a.cib.data), formatDate(a.saes.data)], {
                    node: a.cib.node,
                    property: a.cib.property
                });
            }
        }
    }
}

function maiuscula(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
