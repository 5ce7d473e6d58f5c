import {
    Cancellation,
    DefaultDocumentBuilder,
    delayNextTick,
    DocumentState,
    interruptAndCheck,
    URI,
    type BuildOptions,
    type LangiumDocument,
    type LangiumSharedCoreServices
} from 'langium';
import type { Documento } from '../generated/ast.js';

/** A name that can only resolve to a declaration whose text contains it verbatim. */
const PLAIN_IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** The keyword of a catalogue header at the start of a line (the header opens its file). */
const HEADER_IN_TEXT = /^\s*cat[aá]logo\b/m;

/** A SIGTAP code as written in a catalogue (09.01.01.001-4 or 0901010014). */
const CODE_IN_TEXT = /\b\d{2}\.?\d{2}\.?\d{2}\.?\d{3}-?\d\b/g;

/**
 * Besides Langium's reference-based relinking, revalidates a document when a catalogue header
 * changed (its competência and SIGTAP table govern every document below it) and when it
 * carries a diagnostic that depends on other documents (a duplicated OCI code or header) that
 * the change may settle.
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
        // Not linked yet (a workspace being opened: each file's didOpen is an update of its own while the others wait
        // to be parsed): the build links and validates it anyway, and resetting it to ComputedScopes would change
        // nothing — so the checks below, which scan the changed texts, are not run for it.
        if (document.state < DocumentState.ComputedScopes) return false;
        if (this.indexManager.isAffected(document, changedUris)) return true;
        if (this.headerChanged(changedUris)) return true;
        const codes = new Set((document.diagnostics ?? []).map(d => d.code));
        if (codes.has('catalogo/cabecalho-duplicado') || codes.has('catalogo/sem-cabecalho')) return true;
        if (this.sharesOciCode(document, changedUris, codes.has('oci/codigo-duplicado'))) return true;
        return this.mayResolveNow(document, changedUris);
    }

    /** A changed document was a header or now starts one (its competência and table govern the documents below it). */
    private headerChanged(changedUris: Set<string>): boolean {
        if (this.headerChange?.uris === changedUris) return this.headerChange.changed;
        const changed = [...changedUris].some(uri => {
            if (this.headerUris.has(uri)) return true;
            const after = this.textDocuments?.get(uri)?.getText();
            return after !== undefined && HEADER_IN_TEXT.test(after);
        });
        this.headerChange = { uris: changedUris, changed };
        return changed;
    }

    private headerChange: { uris: Set<string>; changed: boolean } | undefined;

    private changedCodes: { uris: Set<string>; codes: Set<string> | undefined } | undefined;

    /**
     * Whether a changed document declared, or now writes, an OCI code of this document: then a
     * duplicated code (art. 6 §2 I) appears or goes away between them. Without the new text of a
     * changed document (a change on disk), only a document already flagged is revalidated.
     */
    private sharesOciCode(document: LangiumDocument, changedUris: Set<string>, flagged: boolean): boolean {
        const changed = this.codesWritten(changedUris);
        if (!changed) return flagged;
        if (changed.size === 0) return false;
        return this.indexManager.allElements('Oci', new Set([document.uri.toString()])).some(d => changed.has(d.name));
    }

    /**
     * The codes the changed documents were parsed from and now hold (computed once per update); undefined without a new
     * text.
     */
    private codesWritten(changedUris: Set<string>): Set<string> | undefined {
        if (this.changedCodes?.uris === changedUris) return this.changedCodes.codes;
        let codes: Set<string> | undefined = new Set<string>();
        for (const uri of changedUris) {
            // The text it was parsed from (its exports are already out of the index) and the new one.
            const before = this.langiumDocuments.getDocument(URI.parse(uri))?.parseResult.value.$cstNode?.root.fullText;
            const after = this.textDocuments?.get(uri)?.getText();
            if (after === undefined) {
                codes = undefined;
                break;
            }
            for (const text of before === undefined ? [after] : [before, after]) {
                for (const match of text.matchAll(CODE_IN_TEXT)) codes.add(match[0].replace(/[.-]/g, ''));
            }
        }
        this.changedCodes = { uris: changedUris, codes };
        return codes;
    }

    /**
     * Langium relinks every document with an unresolved reference after any change. A grupo or
     * tecnologia is named by an identifier written as such in the file that declares it: when the
     * new text of every changed document lacks the name, the change cannot resolve the reference,
     * and the document (often several files with a typo each) is left alone. Anything else — a
     * name that is not a plain identifier (an OCI code in a PAR), a change without a text in the
     * editor (a file saved or deleted on disk) — relinks as Langium does.
     */
    private mayResolveNow(document: LangiumDocument, changedUris: Set<string>): boolean {
        const unresolved = document.references.filter(ref => ref.error !== undefined);
        if (unresolved.length === 0) return false;
        const texts: string[] = [];
        for (const uri of changedUris) {
            const text = this.textDocuments?.get(uri)?.getText();
            if (text === undefined) return true;
            texts.push(text);
        }
        return unresolved.some(
            ref => !PLAIN_IDENTIFIER.test(ref.$refText) || texts.some(text => text.includes(ref.$refText))
        );
    }

    protected override async buildDocuments(
        documents: LangiumDocument[],
        options: BuildOptions,
        cancelToken: Cancellation.CancellationToken
    ): Promise<void> {
        // A build parses its changed files before Langium's first chance to cancel it, and the server dispatches the
        // next message (one per setImmediate, vscode-jsonrpc) only after that: keystrokes that come faster than a parse
        // each parsed the whole file, and the backlog delayed the last one's diagnostics by seconds. Two turns of the
        // event loop (delayNextTick: an I/O poll and the dispatch it schedules) first let a change already received
        // cancel this build; the next build takes its documents over (their build is not completed).
        if (
            cancelToken !== Cancellation.CancellationToken.None &&
            documents.some(d => d.state < DocumentState.Parsed)
        ) {
            for (let turn = 0; turn < 2; turn++) await delayNextTick();
            await interruptAndCheck(cancelToken);
        }
        // Changed documents are reset to `Changed`; relinked ones to `ComputedScopes` (their content, exports and local
        // symbols stand).
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
