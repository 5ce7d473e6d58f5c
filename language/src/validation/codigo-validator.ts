/** Procedure codes: check digit (Portaria GM/MS 3.492/2024 art. 6 §2 I-II). */
import type { ValidationAcceptor } from 'langium';
import type { MembroGrupo, Oci, ProcedimentoRef } from '../generated/ast.js';
import { checkDigit, normalizeCodigo, withCorrectCheckDigit } from '../sigtap/codigo.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class CodigoValidator {
    checkOci(node: Oci, accept: ValidationAcceptor): void {
        this.checkDigit(node, node.codigo, accept);
    }

    checkProcedimentoRef(node: ProcedimentoRef, accept: ValidationAcceptor): void {
        this.checkDigit(node, node.codigo, accept);
    }

    checkMembroGrupo(node: MembroGrupo, accept: ValidationAcceptor): void {
        this.checkDigit(node, node.codigo, accept);
    }

    private checkDigit(
        node: Oci | ProcedimentoRef | MembroGrupo,
        written: string | undefined,
        accept: ValidationAcceptor
    ): void {
        if (!written) return;
        const codigo = normalizeCodigo(written);
        if (!codigo) return;
        const expected = checkDigit(codigo);
        if (expected !== Number(codigo[9])) {
            report(accept, Rules.codigoDigito, [written, expected], {
                node,
                property: 'codigo',
                data: { corrigido: withCorrectCheckDigit(written) }
            });
        }
    }
}
