/**
 * Workspace symbols (Ctrl+T): OCIs by code (with or without punctuation) and by name, grupos and
 * tecnologias by name and by description, accent-insensitive; everything else (the plan
 * languages' symbols) as Langium indexes it.
 */
import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { DefaultWorkspaceSymbolProvider, type LangiumSharedServices } from 'langium/lsp';
import {
    SymbolKind,
    type CancellationToken,
    type WorkspaceSymbol,
    type WorkspaceSymbolParams
} from 'vscode-languageserver';
import { isGrupo, isOci, isTecnologia, type Documento } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import { foldText } from './procedure-search.js';

/** Most symbols answered at once (VS Code re-asks as the query grows). */
export const MAX_SYMBOLS = 500;

export class OciWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    private readonly documents: LangiumSharedCoreServices['workspace']['LangiumDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
    }

    override async getSymbols(
        params: WorkspaceSymbolParams,
        cancelToken?: CancellationToken
    ): Promise<WorkspaceSymbol[]> {
        const matches = matcher(params.query);
        const own: WorkspaceSymbol[] = [];
        for (const document of this.documents.all) {
            if (document.state < DocumentState.Parsed || !isOciDocument(document)) continue;
            const root = document.parseResult.value as Documento;
            for (const elemento of root.elementos ?? []) {
                const cst = elemento.$cstNode;
                if (!cst || own.length >= MAX_SYMBOLS) continue;
                const location = { uri: document.uri.toString(), range: cst.range };
                if (isOci(elemento)) {
                    const codigo = normalizeCodigo(elemento.codigo) ?? '';
                    if (matches(`${elemento.nome ?? ''}`, codigo)) {
                        own.push({
                            name: `${formatCodigo(codigo) || elemento.codigo} ${elemento.nome ?? ''}`.trim(),
                            kind: SymbolKind.Module,
                            containerName: 'OCI',
                            location
                        });
                    }
                } else if (isGrupo(elemento) || isTecnologia(elemento)) {
                    if (matches(`${elemento.name} ${elemento.descricao ?? ''}`)) {
                        own.push({
                            name: elemento.name,
                            kind: isGrupo(elemento) ? SymbolKind.Enum : SymbolKind.Variable,
                            containerName: elemento.descricao ?? (isGrupo(elemento) ? 'grupo' : 'tecnologia'),
                            location
                        });
                    }
                }
            }
        }
        // The plan languages' symbols, as Langium indexes them (the OCI language's are above).
        const others = (await super.getSymbols(params, cancelToken)).filter(s => !/\.oci$/i.test(s.location.uri));
        return [...own, ...others];
    }
}

function isOciDocument(document: LangiumDocument): boolean {
    return /\.oci$/i.test(document.uri.path) || document.textDocument.languageId === 'oci';
}

/**
 * A query matches a text when each of its words occurs in it (accents and case ignored), or — for
 * a query of digits and punctuation — when its digits occur in the code's digits.
 */
function matcher(query: string): (text: string, codigo?: string) => boolean {
    const digits = /^[\d.\-\s]+$/.test(query.trim()) ? query.replace(/\D/g, '') : '';
    const words = foldText(query)
        .split(/[^A-Z0-9_]+/)
        .filter(Boolean);
    return (text, codigo) => {
        if (digits && codigo) return codigo.includes(digits);
        if (words.length === 0) return true;
        const folded = foldText(text);
        return words.every(w => folded.includes(w));
    };
}
