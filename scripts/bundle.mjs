#!/usr/bin/env node
/**
 * Bundles the language server, the VS Code extension and the CLI with esbuild into CommonJS
 * files that run on Node 20 and later (VS Code 1.100's extension host runs Node 20):
 *   server/src/main.ts      → out/server/main.cjs
 *   server/src/start.ts     → out/server/start.cjs   (the process's entry: compile cache on, then main.cjs)
 *   client/src/extension.ts → out/client/extension.cjs   (`vscode` stays external)
 *   cli/src/main.ts         → out/cli/main.cjs
 *   docx (npm package)      → out/cli/docx.cjs  (loaded by main.cjs only for `anexo`)
 * Langium's parser library (chevrotain) calls Object.groupBy, which Node 20 lacks: every bundle
 * starts with a small polyfill. An entry whose source file does not exist is skipped (stderr note).
 *
 *   node scripts/bundle.mjs [--watch] [--minify]
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiOnly } from './ascii-bundle.mjs';
import { buildWebExtension } from './browser-bundles.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const minify = args.has('--minify');

const ENTRIES = [
    { name: 'servidor de linguagem', entry: 'server/src/main.ts', out: 'out/server/main.cjs', ascii: true },
    // The server process's entry (what the client forks): turns on Node's compile cache, then requires main.cjs
    // beside it — the cache has to be on before the bundle is compiled (server/src/start.ts).
    { name: 'entrada do servidor', entry: 'server/src/start.ts', out: 'out/server/start.cjs' },
    { name: 'extensão VS Code', entry: 'client/src/extension.ts', out: 'out/client/extension.cjs' },
    { name: 'CLI', entry: 'cli/src/main.ts', out: 'out/cli/main.cjs', lazyDocx: true, lazyPackages: true, ascii: true },
    // What bin/oci-catalogo.cjs loads the CLI bundle through: V8's code cache of earlier runs (dependency-free).
    { name: 'cache de código da CLI', entry: 'language/src/io/code-cache.ts', out: 'out/cli/code-cache.cjs' },
    // The `docx` library (~0.6 MB) only the annex needs (language/src/export/anexo-docx.ts imports it on first use): a
    // file of its own beside the CLI, so `check`/`build` start without reading and compiling it (~70 ms of CPU). The
    // vsix ships both files (.vscodeignore), the extension having no node_modules.
    { name: 'docx da CLI', entry: 'docx', out: 'out/cli/docx.cjs', module: true }
];

/** In the CLI bundle, `import('docx')` becomes require('./docx.cjs'): the file beside main.cjs. */
const LAZY_DOCX = {
    name: 'lazy-docx',
    setup(build) {
        build.onResolve({ filter: /^docx$/ }, () => ({ path: './docx.cjs', external: true }));
    }
};

/**
 * Packages the CLI bundle evaluates on first use, not at start (issue 22). esbuild puts an ES module's top level in the
 * bundle's (fflate builds its inflate tables there, ~10-15 ms) and requires a CommonJS package where it is imported
 * (yaml: ~100 modules, for a configuration file most runs do not have); Node loads a built-in where it is required
 * (zlib ~5 ms, only to inflate a SIGTAP zip; crypto ~7 ms, when a SIGTAP table is read; child_process ~5 ms, for
 * git and commander's external subcommands). Langium's LSP protocol (~10 ms, with vscode-jsonrpc) waits for the first
 * cancellation token: `check` and `build` still load it, `--version` and `--help` no longer. Here each import becomes a
 * small CommonJS module whose exports are getters that require the package the first time one is read; the package
 * itself is bundled as usual (esbuild wraps a require()d module and evaluates it on the first call). The getters cover
 * every export the package has, read from it here. test/cli/lazy-packages.test.ts checks the bundle.
 */
const LAZY_PACKAGES = [
    'fflate',
    'yaml',
    'node:zlib',
    'node:crypto',
    'vscode-languageserver-protocol',
    'node:child_process'
];
const LAZY_PACKAGE = {
    name: 'lazy-package',
    setup(build) {
        const filter = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
        build.onResolve({ filter }, args =>
            args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' }
        );
        build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, args => {
            const names = Object.keys(createRequire(path.join(ROOT, 'package.json'))(args.path)).filter(
                n => n !== 'default' && n !== '__esModule'
            );
            const getters = names.map(
                n =>
                    `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`
            );
            const contents = [
                `let real;`,
                `function load() { return (real ??= require(${JSON.stringify(args.path)})); }`,
                ...getters
            ].join('\n');
            return { contents, loader: 'js', resolveDir: ROOT };
        });
    }
};

/** Object.groupBy / Map.groupBy (ES2024) for Node < 21, as the spec defines them. */
const POLYFILL = `/* Object.groupBy / Map.groupBy for Node 20 (chevrotain needs them) */
(function () {
  if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', { configurable: true, writable: true, value: function groupBy(items, callback) {
      var result = Object.create(null), index = 0;
      for (var item of items) { var key = callback(item, index++); if (typeof key !== 'symbol') key = String(key);
        if (Object.prototype.hasOwnProperty.call(result, key)) result[key].push(item); else result[key] = [item]; }
      return result;
    } });
  }
  if (typeof Map.groupBy !== 'function') {
    Object.defineProperty(Map, 'groupBy', { configurable: true, writable: true, value: function groupBy(items, callback) {
      var result = new Map(), index = 0;
      for (var item of items) { var key = callback(item, index++); var group = result.get(key);
        if (group) group.push(item); else result.set(key, [item]); }
      return result;
    } });
  }
})();`;

const present = ENTRIES.filter(e => {
    if (e.module || fs.existsSync(path.join(ROOT, e.entry))) return true;
    process.stderr.write(`bundle: ${e.entry} não existe; ${e.out} (${e.name}) não será gerado.\n`);
    return false;
});

/** @returns {import('esbuild').BuildOptions} */
const options = e => ({
    absWorkingDir: ROOT,
    entryPoints: [e.entry],
    outfile: e.out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    minify,
    // DuckDB (the production audit) is a native module: it stays in node_modules and is loaded on
    // first use (import()), so `check`/`build` and the language server never load it.
    external: ['vscode', '@duckdb/node-api'],
    // …and that import() becomes require(): CommonJS resolution also looks in NODE_PATH, which is
    // how the VS Code extension (packaged without node_modules) lends the CLI the DuckDB of the
    // catalogue repository ("OCI: Auditar produção", client/src/auditoria.ts). @duckdb/node-api is CommonJS.
    supported: { 'dynamic-import': false },
    banner: { js: POLYFILL },
    plugins: [...(e.lazyDocx ? [LAZY_DOCX] : []), ...(e.lazyPackages ? [LAZY_PACKAGE] : [])],
    logLevel: 'warning',
    legalComments: 'none'
});

const started = Date.now();
if (watch) {
    for (const e of present) {
        const ctx = await esbuild.context(options(e));
        await ctx.watch();
        process.stderr.write(`bundle: observando ${e.entry} → ${e.out}\n`);
    }
} else {
    const results = await Promise.allSettled(present.map(e => esbuild.build(options(e))));
    let failed = false;
    results.forEach((r, i) => {
        const e = present[i];
        if (r.status === 'fulfilled') {
            // The server's and the CLI's bundles in ASCII: V8 then holds their source at one byte per character
            // (scripts/ascii-bundle.mjs). On the ~60 lines it escapes, the source map's columns after an escape are
            // off by the escape's length (comments and regex literals only).
            if (e.ascii) {
                const file = path.join(ROOT, e.out);
                const text = fs.readFileSync(file, 'utf8');
                const ascii = asciiOnly(text, e.out);
                if (ascii !== text) fs.writeFileSync(file, ascii);
            }
            const size = fs.statSync(path.join(ROOT, e.out)).size;
            process.stdout.write(`bundle: ${e.out} (${(size / 1024).toFixed(0)} KiB)\n`);
        } else {
            failed = true;
            process.stderr.write(`bundle: falhou ${e.entry}: ${r.reason?.message ?? r.reason}\n`);
        }
    });
    // The web extension (package.json `browser`; scripts/browser-bundles.mjs): client and server worker, no Node
    // built-in.
    try {
        const web = await buildWebExtension(esbuild, { minify });
        process.stdout.write(
            `bundle: out/server/browser-main.js (${(web.server.bytes / 1024).toFixed(0)} KiB), out/client/browser-extension.cjs (navegador)\n`
        );
    } catch (error) {
        failed = true;
        process.stderr.write(`bundle: falhou a extensão web: ${error?.message ?? error}\n`);
    }
    process.stdout.write(`bundle: ${present.length} pacote(s) em ${Date.now() - started} ms\n`);
    if (failed) process.exitCode = 1;
}
