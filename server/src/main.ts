/**
 * Entry of the OCI language server (bundled to out/server/main.cjs). Started by the VS Code
 * extension over IPC, or by any LSP client with `--stdio`.
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createOciLspServices } from './oci-lsp-module.js';
import { installMemoryPolicy } from './memory-policy.js';
import { registerOciRequests } from './requests.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Oci } = createOciLspServices({ connection, ...NodeFileSystem });
registerOciRequests(connection, { shared, Oci });
installMemoryPolicy(shared);
startLanguageServer(shared);
