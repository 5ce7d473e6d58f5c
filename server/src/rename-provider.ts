/**
 * Rename (F2) of a grupo or tecnologia, refused with a message before any file is touched when
 * the new name would break the catalogue: not an identifier (`consulta especial`), a keyword of
 * the language (`valor`), or the name of another grupo/tecnologia of the workspace. Langium's
 * default renames whatever it is given (issue 19: "consulta especial" saved across 5 files, 43
 * errors).
 */
import { AstUtils, GrammarAST, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
// ResponseError of the connection's own JSON-RPC (vscode-languageserver's): Langium passes an error
// of another copy of the class to the connection as a *result*, which VS Code took as an empty edit.
import {
    ErrorCodes,
    ResponseError,
    type CancellationToken,
    type PrepareRenameParams,
    type Range,
    type RenameParams,
    type WorkspaceEdit
} from 'vscode-languageserver';
import type { CatalogoSettings } from '../../language/src/index.js';
import type { OciLspServices } from './oci-lsp-module.js';
import { t } from './i18n.js';

/** The ID terminal of the grammar (oci.langium). */
const IDENTIFIER = /^[_a-zA-Z]\w*$/;

export class OciRenameProvider extends DefaultRenameProvider {
    private readonly settings: CatalogoSettings;
    private readonly services: OciLspServices;
    private readonly keywords: Set<string>;

    constructor(services: OciLspServices) {
        super(services);
        this.services = services;
        this.settings = services.catalogo.Settings;
        this.keywords = new Set(
            AstUtils.streamAllContents(services.Grammar)
                .filter(GrammarAST.isKeyword)
                .map(k => k.value)
        );
    }

    override async rename(
        document: LangiumDocument,
        params: RenameParams,
        cancelToken?: CancellationToken
    ): Promise<WorkspaceEdit | undefined> {
        const problem = this.problemWith(document, params);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        return super.rename(document, params, cancelToken);
    }

    override prepareRename(
        document: LangiumDocument,
        params: PrepareRenameParams,
        cancelToken?: CancellationToken
    ): Range | undefined {
        const range = super.prepareRename(document, params, cancelToken) as Range | undefined;
        if (!range) throw new ResponseError(ErrorCodes.InvalidRequest, t(this.settings.locale, 'rename.naoRenomeavel'));
        return range;
    }

    /** Why `params.newName` cannot replace the name at the position; undefined when it can. */
    private problemWith(document: LangiumDocument, params: RenameParams): string | undefined {
        const locale = this.settings.locale;
        const name = params.newName;
        if (!IDENTIFIER.test(name)) return t(locale, 'rename.invalido', name);
        if (this.keywords.has(name)) return t(locale, 'rename.palavraChave', name);
        const range = this.renameNodeRange(document, params.position);
        const current = range ? document.textDocument.getText(range) : undefined;
        if (name === current) return undefined;
        const taken = this.services.shared.workspace.IndexManager.allElements().find(
            d => d.name === name && (d.type === 'Grupo' || d.type === 'Tecnologia')
        );
        if (taken) return t(locale, taken.type === 'Grupo' ? 'rename.colisaoGrupo' : 'rename.colisaoTecnologia', name);
        return undefined;
    }
}
