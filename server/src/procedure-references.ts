/**
 * References and highlights of a procedure code: every place the same procedure is written —
 * OCI components, conclusions, grupo members — in every .oci file of the workspace (codes are
 * not cross-references in the grammar, so Langium's defaults find nothing for them).
 */
import { AstUtils, GrammarUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultDocumentHighlightProvider, DefaultReferencesProvider, type LangiumServices } from 'langium/lsp';
import {
    DocumentHighlightKind,
    type CancellationToken,
    type DocumentHighlight,
    type DocumentHighlightParams,
    type Location,
    type Position,
    type ReferenceParams
} from 'vscode-languageserver';
import { isMembroGrupo, isOci, isProcedimentoRef } from '../../language/src/index.js';
import { normalizeCodigo } from '../../language/src/index.js';

/** The procedure code (10 digits) written at `position`, if the cursor is on one. */
export function procedureCodeAt(document: LangiumDocument, position: Position): string | undefined {
    const offset = document.textDocument.offsetAt(position);
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        if (!(isProcedimentoRef(node) || isMembroGrupo(node) || isOci(node))) continue;
        const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'codigo');
        if (cst && cst.offset <= offset && offset <= cst.end) return normalizeCodigo(node.codigo);
    }
    return undefined;
}

/** Where `codigo` is written in `document` (including an OCI's own code). */
export function codeLocations(document: LangiumDocument, codigo: string): Location[] {
    const out: Location[] = [];
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        if (!(isProcedimentoRef(node) || isMembroGrupo(node) || isOci(node))) continue;
        if (normalizeCodigo(node.codigo) !== codigo) continue;
        const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'codigo');
        if (cst) out.push({ uri: document.uri.toString(), range: cst.range });
    }
    return out;
}

export class OciReferencesProvider extends DefaultReferencesProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async findReferences(
        document: LangiumDocument,
        params: ReferenceParams,
        cancelToken?: CancellationToken
    ): Promise<Location[]> {
        const codigo = procedureCodeAt(document, params.position);
        if (!codigo) return super.findReferences(document, params, cancelToken);
        return this.documents.all
            .filter(d => /\.oci$/i.test(d.uri.path))
            .toArray()
            .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()))
            .flatMap(d => codeLocations(d, codigo));
    }
}

export class OciDocumentHighlightProvider extends DefaultDocumentHighlightProvider {
    override async getDocumentHighlight(
        document: LangiumDocument,
        params: DocumentHighlightParams,
        cancelToken?: CancellationToken
    ): Promise<DocumentHighlight[] | undefined> {
        const codigo = procedureCodeAt(document, params.position);
        if (!codigo) return super.getDocumentHighlight(document, params, cancelToken);
        return codeLocations(document, codigo).map(l => ({ range: l.range, kind: DocumentHighlightKind.Read }));
    }
}
