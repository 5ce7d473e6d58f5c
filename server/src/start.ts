/**
 * Entry of the language server process (bundled to out/server/start.cjs; the VS Code client forks it, and any LSP
 * client may start it with `--stdio`): turns on Node's compile cache (Node >= 22.1; in VS Code's own Node 20 it is
 * absent and nothing happens), then loads the server bundle beside it, out/server/main.cjs. The cache must be on
 * before the bundle is read: once the bundle's own code runs, it has been compiled. With the cache, a start after
 * the first skips compiling the 2.6 MB bundle (bench/README.md, "Partida a frio do servidor"). Node checks each
 * entry against the source, so a stale one is never used; a folder that cannot be written only means no cache.
 */
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { requireWithCodeCache } from '../../language/src/io/code-cache.js';
import { codeCacheDir, compileCacheDir } from './launch.js';

const dir = compileCacheDir(process.env);
const enable = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
if (dir !== undefined && enable) {
    try {
        enable(dir);
    } catch {
        // Best effort: the server starts the same without the cache.
    }
}
// The bundle itself through V8's code cache of earlier starts (language/src/io/code-cache.ts): Node's compile cache
// above keeps the top level only; this one also the functions an open of a workspace compiles.
requireWithCodeCache(path.join(__dirname, 'main.cjs'), { dir: codeCacheDir(process.env), name: 'servidor' });
