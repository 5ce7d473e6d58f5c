/**
 * How the language server process is started (shared by the VS Code client and the benchmarks):
 * `--expose-gc` gives the server's memory policy (memory-policy.ts) Node's full collection.
 * Dependency-free, so the client bundle imports it without the server.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--expose-gc'];
