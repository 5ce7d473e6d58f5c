/** Code lens over each OCI: computed value and difference from the declared `valor`; tR and tM. */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isOci, type Documento } from '../../language/src/generated/ast.js';
import type { OciAddedServices } from '../../language/src/oci-module.js';
import type { CatalogoContextProvider } from '../../language/src/workspace/catalogo-context.js';
import { lensTitles } from './value-text.js';

/** Lenses carry an empty command: they inform, clicking does nothing. */
export const NO_OP_COMMAND = '';

export class OciCodeLensProvider implements CodeLensProvider {
    private readonly catalogo: CatalogoContextProvider;

    constructor(services: LangiumServices & OciAddedServices) {
        this.catalogo = services.catalogo.Context;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const root = document.parseResult.value as Documento;
        const table = this.catalogo.forDocument(document).table;
        const lenses: CodeLens[] = [];
        for (const oci of (root.elementos ?? []).filter(isOci)) {
            const cst = oci.$cstNode;
            if (!cst) continue;
            const start = cst.range.start;
            const range = { start, end: { line: start.line, character: start.character + 3 } };
            const titles = lensTitles(oci, table);
            lenses.push({ range, command: { title: titles.valor, command: NO_OP_COMMAND } });
            lenses.push({ range, command: { title: titles.tempos, command: NO_OP_COMMAND } });
        }
        return lenses;
    }
}
