#!/usr/bin/env node
'use strict';
// Entry of the `oci-catalogo` command: runs the bundled CLI (out/cli/main.cjs, built by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'main.cjs');
if (!fs.existsSync(bundle)) {
    process.stderr.write(
        'oci-catalogo: o projeto ainda não foi compilado; rode "npm run build" (ou "npm ci", que compila).\n'
    );
    process.exit(2);
}
// Node >= 22.1 keeps the compiled bundle on disk: every later run starts ~35-70 ms of CPU sooner. In the CLI's cache
// folder, beside the SIGTAP snapshots (language/src/sigtap/cache.ts defaultCacheDir: OCI_CACHE_DIR, else
// $XDG_CACHE_HOME/oci-catalogo, else ~/.cache/oci-catalogo), in node-compile-cache/; NODE_COMPILE_CACHE, when set,
// names the folder instead. Off with OCI_CACHE_DIR=off, like the snapshots. Node checks each entry against the
// source (a hash), so a stale one is never used.
const cacheDir = (() => {
    const given = (process.env.OCI_CACHE_DIR || '').trim();
    if (given) return given.toLowerCase() === 'off' ? undefined : path.resolve(given);
    const xdg = (process.env.XDG_CACHE_HOME || '').trim();
    if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'oci-catalogo');
    try {
        const home = require('node:os').homedir();
        return home ? path.join(home, '.cache', 'oci-catalogo') : undefined;
    } catch {
        return undefined;
    }
})();
if (cacheDir !== undefined) {
    require('node:module').enableCompileCache?.(
        process.env.NODE_COMPILE_CACHE ? undefined : path.join(cacheDir, 'node-compile-cache')
    );
}
// Less inlining in V8's optimizing compiler (cumulative bytecode 920 -> 200): a CLI run lasts seconds, and the
// concurrent TurboFan jobs of the default (~0.7 s of CPU on the helper threads in a build of 2,000 OCIs) compete with
// the main thread on a 2-core machine. bench/README.md ("CLI build"): A/B in three windows.
require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
// The bundle through V8's code cache of earlier runs (language/src/io/code-cache.ts, bundled beside it): Node's compile
// cache keeps its top level only, this one also the functions a run compiles (parser, validation, generators; a build
// of 2,000 OCIs ~4% sooner, bench/README.md), in code-cache/ of the same folder. Without it (an older build), the
// bundle is required as before.
const codeCache = path.join(__dirname, '..', 'out', 'cli', 'code-cache.cjs');
const cli = fs.existsSync(codeCache)
    ? require(codeCache).requireWithCodeCache(bundle, {
          dir: cacheDir === undefined ? undefined : path.join(cacheDir, 'code-cache'),
          name: 'cli'
      })
    : require(bundle);
cli.main(process.argv.slice(2)).then(
    code => {
        process.exitCode = code;
    },
    error => {
        process.stderr.write(`oci-catalogo: erro inesperado: ${error && error.message}\n`);
        process.exitCode = 2;
    }
);
