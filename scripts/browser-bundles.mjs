/**
 * The language server for browsers (issue 16): esbuild options shared by the playground
 * (scripts/playground.mjs) and the web extension (scripts/bundle.mjs). The core's Node seam
 * (test/architecture.test.ts NODE_SEAM: node:fs, node:path, node:zlib, node:crypto, node:buffer,
 * node:os) resolves to its browser implementation in server/src/browser/node/; any other Node
 * built-in fails the build, and `checkNoNodeBuiltins` rejects a bundle that still names one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Node built-ins the core may reach, each with its browser implementation. */
export const BROWSER_NODE_SEAM = {
    fs: 'server/src/browser/node/fs.ts',
    path: 'server/src/browser/node/path.ts',
    zlib: 'server/src/browser/node/zlib.ts',
    crypto: 'server/src/browser/node/crypto.ts',
    buffer: 'server/src/browser/node/buffer.ts',
    os: 'server/src/browser/node/os.ts'
};

const NODE_BUILTIN =
    /^(node:)?(assert|async_hooks|buffer|child_process|cluster|console|constants|crypto|dgram|dns|domain|events|fs|fs\/promises|http|http2|https|inspector|module|net|os|path|perf_hooks|process|punycode|querystring|readline|repl|stream|string_decoder|sys|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)$/;

/**
 * esbuild plugin: Node built-ins → the browser seam, or a build error naming the importer. @type
 * {import('esbuild').Plugin}
 */
export const browserNodeSeam = {
    name: 'browser-node-seam',
    setup(build) {
        build.onResolve({ filter: NODE_BUILTIN }, args => {
            const name = args.path.replace(/^node:/, '');
            const impl = BROWSER_NODE_SEAM[name];
            if (impl) return { path: path.join(ROOT, impl) };
            return {
                errors: [
                    {
                        text: `${args.path} (importado por ${path.relative(ROOT, args.importer)}) não tem implementação para o navegador`
                    }
                ]
            };
        });
    }
};

/**
 * Options of a browser bundle of the language server (a Web Worker script). `snapshotDir`: the in-memory folder
 * where the host hands over SIGTAP snapshots (the playground's precomputed one of the example's zip,
 * language/src/sigtap/cache.ts); without it, no snapshots.
 * @param {string} outfile
 * @param {{ minify?: boolean, format?: import('esbuild').Format, snapshotDir?: string }} [options]
 * @returns {import('esbuild').BuildOptions & { metafile: true }}
 */
export function browserServerOptions(outfile, { minify = true, format = 'iife', snapshotDir } = {}) {
    return {
        absWorkingDir: ROOT,
        entryPoints: ['server/src/browser-main.ts'],
        outfile,
        bundle: true,
        format,
        platform: 'browser',
        target: 'es2022',
        // process.env read by the core (SIGTAP snapshot folder, OCI_SIGTAP_EXTERNO).
        define: { 'process.env': JSON.stringify({ OCI_CACHE_DIR: snapshotDir ?? 'off' }) },
        mainFields: ['browser', 'module', 'main'],
        conditions: ['browser'],
        plugins: [browserNodeSeam],
        metafile: true,
        sourcemap: false,
        minify,
        logLevel: 'warning',
        legalComments: 'none'
    };
}

/** The Node built-ins a built bundle still names (inputs of its metafile, or require/import in its text). */
export function nodeBuiltinsIn(file, metafile) {
    const found = new Set();
    for (const input of Object.keys(metafile?.inputs ?? {}))
        if (NODE_BUILTIN.test(input) || input.startsWith('node:')) found.add(input);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(
        /(?:require\(|from\s*|import\()\s*["'](node:[a-z_/]+|fs|path|zlib|crypto|os|child_process|worker_threads)["']/g
    ))
        found.add(m[1]);
    return [...found];
}

export function checkNoNodeBuiltins(file, metafile) {
    const found = nodeBuiltinsIn(file, metafile);
    if (found.length > 0) throw new Error(`${path.relative(ROOT, file)} contém módulos do Node: ${found.join(', ')}`);
}

/** Size of a file, raw and gzipped (bytes). */
export function sizes(file) {
    const bytes = fs.readFileSync(file);
    return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * The web extension (package.json `browser`): out/client/browser-extension.cjs (the client, for
 * the web extension host) and out/server/browser-main.js (the server's worker). Both checked
 * free of Node built-ins. Returns their sizes.
 */
/** @param {typeof import('esbuild')} esbuild @param {{ minify?: boolean, outDir?: string }} [options] */
export async function buildWebExtension(esbuild, { minify = false, outDir = path.join(ROOT, 'out') } = {}) {
    const serverFile = path.join(outDir, 'server/browser-main.js');
    const clientFile = path.join(outDir, 'client/browser-extension.cjs');
    const [server, client] = await Promise.all([
        esbuild.build(browserServerOptions(serverFile, { minify })),
        esbuild.build({
            absWorkingDir: ROOT,
            entryPoints: ['client/src/browser-extension.ts'],
            outfile: clientFile,
            bundle: true,
            format: 'cjs',
            platform: 'browser',
            target: 'es2022',
            external: ['vscode'],
            mainFields: ['browser', 'module', 'main'],
            conditions: ['browser'],
            plugins: [browserNodeSeam],
            metafile: true,
            minify,
            logLevel: 'warning',
            legalComments: 'none'
        })
    ]);
    checkNoNodeBuiltins(serverFile, server.metafile);
    checkNoNodeBuiltins(clientFile, client.metafile);
    // The same client under a second name. The package is "type": "module", so a CommonJS entry must end
    // in .cjs; VS Code 1.100's web extension host (engines ^1.100) fetches `browser` with ".js" appended
    // (browser-extension.cjs.js), newer ones fetch it as named (test/e2e, phase web).
    fs.copyFileSync(clientFile, `${clientFile}.js`);
    return {
        server: sizes(serverFile),
        client: sizes(clientFile),
        serverFile,
        clientFile,
        inputs: Object.keys(server.metafile.inputs)
    };
}
