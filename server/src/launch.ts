/**
 * How the language server process is started (shared by the VS Code client, the server's entry and the benchmarks):
 * - Node's options are in server/src/launch-argv.json (the benchmarks read the same file):
 *   - `--expose-gc` gives the server's memory policy (memory-policy.ts) Node's full collection;
 *   - `--max-semi-space-size=8`: a young generation of at most 2 × 8 MB (V8's default lets it grow to 2 × 16 MB).
 *     The trees a parse builds survive anyway, so a larger one only copies them in bigger batches: at 2,000 OCIs,
 *     5 interleaved cold sessions, server CPU to the last diagnostic median 1,910 → 1,840 ms and peak RSS
 *     171 → 156 MB; at 50 OCIs no difference (bench/README.md);
 *   - `--no-lazy-feedback-allocation`: V8 gives a function its feedback vector at its first call instead of after
 *     several, so the validation code that runs once per node of a just-opened catalogue leaves the interpreter
 *     sooner: at 50 OCIs, didOpen → all diagnostics median 94/85 → 82/82 ms (two windows of 6 interleaved sessions),
 *     at 2,000 OCIs 920/1,026 → 891/864 ms; the same start-up CPU and peak RSS (bench/README.md);
 *   - `--max-inlined-bytecode-size-cumulative=200` (V8's default 920), as the CLI has it (bin/oci-catalogo.cjs): less
 *     inlining in TurboFan, so its concurrent jobs take less of the second core while a workspace opens. At 2,000
 *     OCIs, cold sessions interleaved in three rounds: didOpen → all diagnostics medians ~850-1,000 → ~770-880 ms,
 *     server CPU to the last diagnostic -10%, peak RSS -8 MB; at 50 OCIs no difference; edit, completion and
 *     hover latencies unchanged (bench/README.md);
 * - the client forks SERVER_ENTRY (out/server/start.cjs, server/src/start.ts), which turns on Node's compile cache
 *   (Node >= 22.1) before it loads the server bundle (out/server/main.cjs), in the folder compileCacheDir gives.
 * Dependency-free (Node's path and os only), so the client bundle imports it without the server.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import launchArgv from './launch-argv.json' with { type: 'json' };

export const SERVER_EXEC_ARGV: readonly string[] = launchArgv;

/** The module the client forks, relative to the extension's folder: the entry that loads out/server/main.cjs. */
export const SERVER_ENTRY = 'out/server/start.cjs';

/** Environment variable by which the client names a folder of its own (VS Code's global storage) for the cache. */
export const SERVER_CACHE_ENV = 'OCI_SERVER_CACHE_DIR';

/**
 * The folder of the server's compile cache, or undefined for none:
 * - NODE_COMPILE_CACHE set: Node turned the cache on by itself, in that folder (nothing to do);
 * - OCI_CACHE_DIR: `off` turns it off (as it does the SIGTAP snapshots), a folder puts it there;
 * - else the folder the client passes (SERVER_CACHE_ENV), else the CLI's and the SIGTAP snapshots' folder
 *   (language/src/sigtap/cache.ts defaultCacheDir: $XDG_CACHE_HOME/oci-catalogo, else ~/.cache/oci-catalogo);
 * always in its node-compile-cache/ subfolder. The policy is defaultCacheDir's (test/server/start.test.ts compares
 * them), written here again because the client may not import the core.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
    if (env.NODE_COMPILE_CACHE?.trim()) return undefined;
    const base = cacheBase(env);
    return base === undefined ? undefined : join(base, 'node-compile-cache');
}

/**
 * The folder of the server bundle's V8 code cache (language/src/io/code-cache.ts), or undefined for none: the
 * code-cache/ subfolder of compileCacheDir's folder (OCI_CACHE_DIR=off turns both off), whatever NODE_COMPILE_CACHE
 * says.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
    const base = cacheBase(env);
    return base === undefined ? undefined : join(base, 'code-cache');
}

/** The caches' folder: OCI_CACHE_DIR (`off`: none), else the client's, else the CLI's (see compileCacheDir). */
function cacheBase(env: NodeJS.ProcessEnv): string | undefined {
    const given = env.OCI_CACHE_DIR?.trim();
    if (given) return given.toLowerCase() === 'off' ? undefined : resolve(given);
    const client = env[SERVER_CACHE_ENV]?.trim();
    if (client && isAbsolute(client)) return client;
    const xdg = env.XDG_CACHE_HOME?.trim();
    if (xdg && isAbsolute(xdg)) return join(xdg, 'oci-catalogo');
    try {
        const home = homedir();
        return home ? join(home, '.cache', 'oci-catalogo') : undefined;
    } catch {
        return undefined;
    }
}
