/**
 * Entry of the OCI language server (bundled to out/server/main.cjs). Started by the VS Code
 * extension over IPC, or by any LSP client with `--stdio`.
 */
import { startLanguageServer } from 'langium/lsp';
import { SourceFileSystem } from '../../language/src/node.js';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createOciLspServices } from './oci-lsp-module.js';
import { installMemoryPolicy } from './memory-policy.js';
import { registerOciRequests } from './requests.js';

const connection = createConnection(ProposedFeatures.all);
// Files not open in the editor are read through the CLI's one decoding (BOM, not-UTF-8 reported).
const { shared, Oci } = createOciLspServices({ connection, ...SourceFileSystem });
registerOciRequests(connection, { shared, Oci });
installMemoryPolicy(shared);
startLanguageServer(shared);
