/**
 * Rebuilds the workspace when a SIGTAP zip changes: the zip is no Langium document, so the
 * default handler ignores it, yet every document under a catalogue header depends on it (the
 * shared SIGTAP cache re-reads a file whose size or modification time changed).
 */
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams } from 'vscode-languageserver';

export class OciDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly services: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.services = services;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        super.didChangeWatchedFiles(params);
        if (params.changes.some(c => c.uri.toLowerCase().endsWith('.zip'))) {
            const all = this.services.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
            if (all.length > 0) this.fireDocumentUpdate(all, []);
        }
    }
}
