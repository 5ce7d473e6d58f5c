import { AstUtils, type LangiumDocument } from 'langium';
import type { Documento } from '../generated/ast.js';
import { isMembroGrupo, isOci, isProcedimentoRef } from '../generated/ast.js';
import { normalizeCodigo } from '../sigtap/codigo.js';

/** Every SIGTAP code a set of catalogue documents names: OCIs, components, group members, conclusions. */
export function collectProcedureCodes(documents: Array<LangiumDocument<Documento>>): Set<string> {
    const codes = new Set<string>();
    for (const doc of documents) {
        for (const node of AstUtils.streamAllContents(doc.parseResult.value)) {
            const written = isOci(node) || isProcedimentoRef(node) || isMembroGrupo(node) ? node.codigo : undefined;
            const codigo = written ? normalizeCodigo(written) : undefined;
            if (codigo) codes.add(codigo);
        }
    }
    return codes;
}
