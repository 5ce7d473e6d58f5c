/**
 * Entry of the OCI language server (bundled to out/server/main.cjs). Started by the VS Code
 * extension over IPC, or by any LSP client with `--stdio`.
 */
import { startLanguageServer } from 'langium/lsp';
import { DocumentState } from 'langium';
import { SAVE_CODE_CACHES } from '../../language/src/io/code-cache.js';
import { SourceFileSystem } from '../../language/src/node.js';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createOciLspServices } from './oci-lsp-module.js';
import { installIdleReferenceIndexing } from './idle-reference-index.js';
import { installMemoryPolicy } from './memory-policy.js';
import { registerOciRequests } from './requests.js';

const connection = createConnection(ProposedFeatures.all);
// Files not open in the editor are read through the CLI's one decoding (BOM, not-UTF-8 reported).
const { shared, Oci } = createOciLspServices({ connection, ...SourceFileSystem });
registerOciRequests(connection, { shared, Oci });
installMemoryPolicy(shared);
installIdleReferenceIndexing(shared);
// V8's code cache of this bundle (start.ts) is remade at exit; a server the editor kills never exits, so it is also
// remade once, 2 s after the first workspace build, when it holds the functions of an open (io/code-cache.ts).
const saveCodeCaches = (globalThis as Record<symbol, unknown>)[SAVE_CODE_CACHES];
if (typeof saveCodeCaches === 'function') {
    const once = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        once.dispose();
        setTimeout(saveCodeCaches as () => void, 2000).unref();
    });
}
startLanguageServer(shared);
