/**
 * Code lens over each OCI: computed value and difference from the declared `valor`; tR and tM;
 * the APAC window when the SIGTAP table gives the OCI attribute 054 (./apac-text.ts).
 * Lenses inform; clicking does nothing — except the value lens when the client says it has the
 * command that shows the value breakdown (VS Code's extension sends
 * `initializationOptions.comandos: ["oci.mostrarComposicao"]`): then it opens that panel.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isOci, type Documento } from '../../language/src/index.js';
import type { OciAddedServices } from '../../language/src/index.js';
import { formatCodigo } from '../../language/src/index.js';
import type { CatalogoContextProvider } from '../../language/src/index.js';
import type { CatalogoSettings } from '../../language/src/index.js';
import { apacLensTitle } from './apac-text.js';
import { lensTitles } from './value-text.js';

/** Lenses carry an empty command: they inform, clicking does nothing. */
export const NO_OP_COMMAND = '';
/** The client command that shows an OCI's value breakdown (arguments: `{ uri, codigo }`). */
export const SHOW_BREAKDOWN_COMMAND = 'oci.mostrarComposicao';

export class OciCodeLensProvider implements CodeLensProvider {
    private readonly catalogo: CatalogoContextProvider;
    private readonly settings: CatalogoSettings;
    private showBreakdown = false;

    constructor(services: LangiumServices & OciAddedServices) {
        this.catalogo = services.catalogo.Context;
        this.settings = services.catalogo.Settings;
        services.shared.lsp.LanguageServer.onInitialize(params => {
            const comandos = (params.initializationOptions as { comandos?: unknown } | undefined)?.comandos;
            this.showBreakdown = Array.isArray(comandos) && comandos.includes(SHOW_BREAKDOWN_COMMAND);
        });
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
            const titles = lensTitles(oci, table, this.settings.locale);
            const valor = this.showBreakdown
                ? {
                      title: titles.valor,
                      command: SHOW_BREAKDOWN_COMMAND,
                      arguments: [{ uri: document.uri.toString(), codigo: formatCodigo(oci.codigo) }]
                  }
                : { title: titles.valor, command: NO_OP_COMMAND };
            lenses.push({ range, command: valor });
            lenses.push({ range, command: { title: titles.tempos, command: NO_OP_COMMAND } });
            const apac = apacLensTitle(oci, table, this.settings.locale);
            if (apac) lenses.push({ range, command: { title: apac, command: NO_OP_COMMAND } });
        }
        return lenses;
    }
}
