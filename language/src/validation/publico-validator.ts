/** The OCI's public: a well-formed age range (Portaria GM/MS 3.492/2024 art. 6 §2 II). */
import type { ValidationAcceptor } from 'langium';
import type { Publico } from '../generated/ast.js';
import { ageRangeMonths } from '../publico.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class PublicoValidator {
    checkPublico(node: Publico, accept: ValidationAcceptor): void {
        if (!node.idade) return;
        const range = ageRangeMonths(node.idade);
        if ('error' in range) report(accept, Rules.idadeInvalida, [range.error], { node, property: 'idade' });
    }
}
