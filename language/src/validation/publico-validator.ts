/** The OCI's public: a well-formed age range (Portaria GM/MS 3.492/2024 art. 6 §2 II). */
import type { ValidationAcceptor } from 'langium';
import type { Publico } from '../generated/ast.js';
import type { AstNode } from 'langium';
import { ageRangeMonths, formatMonths } from '../publico.js';
import { report } from './report.js';
import { Rules } from './rules.js';

/** The text of a node as written, blanks collapsed ("10 anos a 140 anos"). */
function textOf(node: AstNode): string {
    return (node.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
}

export class PublicoValidator {
    checkPublico(node: Publico, accept: ValidationAcceptor): void {
        if (!node.idade) return;
        const range = ageRangeMonths(node.idade);
        // The range as written is read from the CST only for a message (most ranges have none).
        const faixa = () => textOf(node.idade!);
        if ('error' in range) report(accept, Rules.idadeInvalida, [range.error], { node, property: 'idade' });
        else if ('acimaDoTeto' in range)
            report(accept, Rules.idadeAcimaDoTeto, [textOf(range.acimaDoTeto), faixa()], { node, property: 'idade' });
        else if ('mesesDemais' in range)
            report(accept, Rules.idadeMesesDemais, [textOf(range.mesesDemais), faixa()], { node, property: 'idade' });
        else if (range.maximoSemLimite !== undefined)
            report(accept, Rules.idadeMaximaSemLimite, [formatMonths(range.maximoSemLimite), faixa()], {
                node,
                property: 'idade'
            });
    }
}
