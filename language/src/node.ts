/**
 * The Node host's part of the core's API: reading sources from disk through the one decoding
 * (Langium's Node file system underneath). The desktop language server and the CLI import it; the
 * browser build of the server never does (it reads files the host hands over: docs/browser.md).
 */
export { SourceFileSystem, readSourceFile } from './workspace/source-file-system.js';
