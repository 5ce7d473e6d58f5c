/**
 * Entry of the OCI language server in a browser (bundled to a Web Worker: the playground's
 * out/playground/server-worker.js and the web extension's out/server/browser-main.js). The same
 * services as the desktop server (oci-lsp-module.ts) over Langium's browser connection; files
 * live in memory (browser/memory-files.ts), handed over by the host as bytes (oci/arquivos), and
 * the core's Node seam (SIGTAP zip, paths, hashes) runs on its browser implementation
 * (browser/node/*.ts, chosen at bundle time by scripts/playground.mjs).
 */
import { URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import {
    BrowserMessageReader,
    BrowserMessageWriter,
    createConnection,
    FileChangeType,
    ResponseError
} from 'vscode-languageserver/browser';
import { ArquivosNotification, PRECISA_DESKTOP, type ArquivosParams } from './browser-protocol.js';
import { MemoryFileSystem } from './browser/memory-file-system.js';
import { decodeBase64 } from './browser/base64.js';
import { deleteMemoryFile, writeMemoryFile } from './browser/memory-files.js';
import { createOciLspServices } from './oci-lsp-module.js';
import { ComposicaoValorRequest, GenerateCatalogoRequest, type ComposicaoValorParams } from './protocol.js';
import { composicaoValor } from './requests.js';
import { installIdleReferenceIndexing } from './idle-reference-index.js';

/** The worker's global scope (typed here without the DOM library, which the Node-typed project leaves out). */
declare const self: unknown;
const scope = self as ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
const { shared, Oci } = createOciLspServices({ connection, ...MemoryFileSystem });
installIdleReferenceIndexing(shared);

connection.onRequest(ComposicaoValorRequest, (params: ComposicaoValorParams) =>
    composicaoValor({ shared, Oci }, params)
);
connection.onRequest(GenerateCatalogoRequest, () => new ResponseError(1, PRECISA_DESKTOP));

connection.onNotification(ArquivosNotification, (params: ArquivosParams) => {
    const changes: Array<{ uri: string; type: FileChangeType }> = [];
    for (const arquivo of params.arquivos) {
        writeMemoryFile(arquivo.caminho, arquivo.bytes ?? decodeBase64(arquivo.base64 ?? ''));
        changes.push({ uri: arquivo.uri ?? URI.file(arquivo.caminho).toString(), type: FileChangeType.Changed });
    }
    for (const removido of params.removidos ?? []) {
        const uri = removido.includes('://') ? URI.parse(removido) : URI.file(removido);
        deleteMemoryFile(uri.path);
        changes.push({ uri: uri.toString(), type: FileChangeType.Deleted });
    }
    // As a change on disk would: documents re-read, a new zip revalidates every catalogue (document-update-handler.ts).
    if (changes.length > 0) shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles?.({ changes });
});

startLanguageServer(shared);
