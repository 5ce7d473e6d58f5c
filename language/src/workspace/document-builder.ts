import {
    DefaultDocumentBuilder, DocumentState,
    type BuildOptions, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices
} from 'langium';
import type { Documento } from '../generated/ast.js';

/** Diagnostic codes whose truth depends on other documents of the workspace. */
const WORKSPACE_CODES = new Set(['oci/codigo-duplicado', 'catalogo/cabecalho-duplicado', 'catalogo/sem-cabecalho']);

/**
 * Besides Langium's reference-based relinking, revalidates a document when a catalogue header
 * changed (its competência and SIGTAP table govern every document below it) and when it
 * carries a diagnostic that depends on other documents (e.g. a duplicated OCI code).
 *
 * An edit is built in two stages: first the documents that changed, up to their diagnostics,
 * then the ones only relinked because of them. The file being typed in gets its diagnostics
 * after the cost of that file alone, not of every file that references it or that carries an
 * unresolved reference; a new keystroke cancels the second stage, which the next build resumes.
 */
export class OciDocumentBuilder extends DefaultDocumentBuilder {
    private readonly headerUris = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Parsed, document => this.trackHeader(document));
    }

    private trackHeader(document: LangiumDocument): void {
        const key = document.uri.toString();
        if ((document.parseResult.value as Documento).cabecalho) this.headerUris.add(key);
        else this.headerUris.delete(key);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) return true;
        for (const uri of changedUris) {
            if (this.headerUris.has(uri)) return true;
        }
        return (document.diagnostics ?? []).some(d => typeof d.code === 'string' && WORKSPACE_CODES.has(d.code));
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        // Changed documents are reset to `Changed`; relinked ones to `ComputedScopes` (their content, exports and local symbols stand).
        const changed = documents.filter(d => d.state < DocumentState.IndexedContent);
        if (changed.length === 0 || changed.length === documents.length) {
            return super.buildDocuments(documents, options, cancelToken);
        }
        await super.buildDocuments(changed, options, cancelToken);
        const rest = documents.filter(d => !changed.includes(d));
        // The workspace is not validated yet: requests on a relinked document wait for it.
        this.currentState = Math.min(...rest.map(d => d.state)) as DocumentState;
        await super.buildDocuments(rest, options, cancelToken);
    }
}
