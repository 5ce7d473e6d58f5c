/**
 * Which catalogue header a document belongs to, and the SIGTAP competência that header names.
 * A header (`catalogo …`) applies to its own file and to every `.oci` file in its folder and
 * below; the nearest header wins. The SIGTAP table is loaded through the shared loader, so a
 * competência is read once per process whatever the number of documents.
 */
import * as path from 'node:path';
import { URI, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments } from 'langium';
import { isDocumento, type Catalogo, type Documento } from '../generated/ast.js';
import type { SigtapTable } from '../sigtap/types.js';
import type { OciServices } from '../oci-module.js';
import type { CatalogoSettings } from './settings.js';
import { sigtapForaDoWorkspace, type SigtapForaDoWorkspace } from './sigtap-path.js';

export interface SigtapLoadProblem {
    code: string;
    message: string;
}

/** Loads a SIGTAP zip by absolute path; throws an error carrying `code` and a Portuguese message. */
export type SigtapLoader = (absolutePath: string) => SigtapTable;

export interface CatalogoContext {
    /** The header that governs the document, if any. */
    header?: Catalogo;
    headerDocument?: LangiumDocument<Documento>;
    /** Competência written in the header, normalized to AAAAMM. */
    competencia?: string;
    /** Absolute path of the SIGTAP zip named by the header. */
    sigtapPath?: string;
    table?: SigtapTable;
    sigtapProblem?: SigtapLoadProblem;
    /** Set when the header's zip lies outside the workspace roots: it is then not read at all. */
    sigtapFora?: SigtapForaDoWorkspace;
}

export class CatalogoContextProvider {
    private readonly documents: LangiumDocuments;
    private readonly cache: WorkspaceCache<string, CatalogoContext>;
    private readonly catalogues: WorkspaceCache<string, string>;
    private readonly loader: () => SigtapLoader;
    private readonly settings: () => CatalogoSettings;

    constructor(services: OciServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(services.shared);
        this.catalogues = new WorkspaceCache(services.shared);
        this.loader = () => services.catalogo.SigtapLoader;
        this.settings = () => services.catalogo.Settings;
    }

    forDocument(document: LangiumDocument): CatalogoContext {
        const key = document.uri.toString();
        return this.cache.get(key, () => this.compute(document));
    }

    /**
     * The catalogue a document belongs to, as the URI of the header that governs it ('' when
     * none does). A repository may hold several catalogues (folders with their own header, side
     * by side or nested): names and OCI codes are resolved and compared within one catalogue.
     */
    catalogueOf(document: LangiumDocument): string {
        return this.catalogues.get(
            document.uri.toString(),
            () => this.findHeaderDocument(document)?.uri.toString() ?? ''
        );
    }

    /** Documents with a header, sorted by URI. */
    headerDocuments(): Array<LangiumDocument<Documento>> {
        return this.documents.all
            .filter(doc => isDocumento(doc.parseResult.value) && doc.parseResult.value.cabecalho !== undefined)
            .map(doc => doc as LangiumDocument<Documento>)
            .toArray()
            .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    }

    /** The header document that governs `document`: the nearest one in its folder or above. */
    findHeaderDocument(document: LangiumDocument): LangiumDocument<Documento> | undefined {
        // Only catalogue files (.oci) have a header; PAR and SE documents share the workspace.
        if (!isDocumento(document.parseResult.value)) return undefined;
        const own = document.parseResult.value.cabecalho;
        if (own) return document as LangiumDocument<Documento>;
        const dir = UriUtils.dirname(document.uri).toString();
        let best: LangiumDocument<Documento> | undefined;
        let bestLength = -1;
        for (const candidate of this.headerDocuments()) {
            const candidateDir = UriUtils.dirname(candidate.uri).toString();
            const isAncestor =
                dir === candidateDir || dir.startsWith(candidateDir.endsWith('/') ? candidateDir : candidateDir + '/');
            if (isAncestor && candidateDir.length > bestLength) {
                best = candidate;
                bestLength = candidateDir.length;
            }
        }
        return best;
    }

    private compute(document: LangiumDocument): CatalogoContext {
        const headerDocument = this.findHeaderDocument(document);
        const header = headerDocument?.parseResult.value.cabecalho;
        if (!headerDocument || !header) return {};
        const context: CatalogoContext = { header, headerDocument };
        if (header.competencia) context.competencia = header.competencia.replace('-', '');
        const settings = this.settings();
        const override = settings.sigtapOverride;
        if (header.sigtap !== undefined || override) {
            const sigtapPath = override ?? resolveSigtapPath(headerDocument.uri, header.sigtap!);
            context.sigtapPath = sigtapPath;
            // The path a catalogue writes must stay in the workspace (an override comes from the user, not the
            // catalogue).
            const fora = override ? undefined : sigtapForaDoWorkspace(sigtapPath, settings);
            if (fora) {
                context.sigtapFora = fora;
                return context;
            }
            try {
                const table = this.loader()(sigtapPath);
                // Reads the lazy tables now (validation would, on the first OCI): their failure is
                // the header's one diagnostic, not an exception inside a validator.
                const firstOci = table.ociCodigos()[0];
                if (firstOci !== undefined) table.oci(firstOci);
                context.table = table;
            } catch (error) {
                context.sigtapProblem = toProblem(error);
            }
        }
        return context;
    }
}

/** Resolves the header's `sigtap` path relative to the header file's folder. */
export function resolveSigtapPath(headerUri: URI, written: string): string {
    const headerDir = path.dirname(headerUri.fsPath);
    return path.resolve(headerDir, written);
}

function toProblem(error: unknown): SigtapLoadProblem {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (error instanceof Error && typeof code === 'string' && code.startsWith('sigtap/')) {
        return { code, message: error.message };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'sigtap/erro-de-leitura', message: `erro ao ler o arquivo: ${message}` };
}
