import { DefaultDocumentBuilder, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Documento } from '../generated/ast.js';

/** Diagnostic codes whose truth depends on other documents of the workspace. */
const WORKSPACE_CODES = new Set(['oci/codigo-duplicado', 'catalogo/cabecalho-duplicado', 'catalogo/sem-cabecalho']);

/**
 * Besides Langium's reference-based relinking, revalidates a document when a catalogue header
 * changed (its competência and SIGTAP table govern every document below it) and when it
 * carries a diagnostic that depends on other documents (e.g. a duplicated OCI code).
 */
export class OciDocumentBuilder extends DefaultDocumentBuilder {
    private readonly headerUris = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(1 /* Parsed */, document => this.trackHeader(document));
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
}
