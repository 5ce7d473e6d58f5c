#!/usr/bin/env node
/**
 * Builds the playground (issue 16) into out/playground/: a static page with Monaco and the OCI
 * language server in a Web Worker, plus the example catalogue (examples/pmae and its SIGTAP
 * subset zip) as the page's own files.
 *
 *   node scripts/playground.mjs            build out/playground/
 *   node scripts/playground.mjs --serve    build, then serve it on http://127.0.0.1:PORT/ (PORT env, default 8040)
 *   node scripts/playground.mjs --dev      without minification
 *
 *   out/playground/server-worker.js   the language server (browser-main.ts; no Node built-in: checked)
 *   out/playground/server-start.js    the worker's script, which loads server-worker.js (playground/server-start.ts)
 *   out/playground/editor.worker.js   Monaco's own worker
 *   out/playground/boot.js            the page's first script (playground/boot.ts): starts the worker, hands it the
 *                                     example before main.js (Monaco, 3.5 MiB, an ES module) runs
 *   out/playground/main.js, main.css  the page (playground/main.ts), Monaco's fonts next to them
 *   out/playground/exemplo/           examples/pmae with manifest.json
 *   out/playground/cache/             the SIGTAP snapshot of the example's zip (language/src/sigtap/cache.ts, as the
 *                                     desktop keeps them): the worker rebuilds the table from it instead of the zip
 *   out/playground/bundle-report.json sizes (raw and gzip) of the scripts
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { ROOT, browserServerOptions, checkNoNodeBuiltins, sizes } from './browser-bundles.mjs';

const args = new Set(process.argv.slice(2));
const minify = !args.has('--dev');
export const OUT = path.join(ROOT, 'out/playground');
/** Where the worker finds SIGTAP snapshots in its memory (the boot script puts the example's there). */
const SNAPSHOT_DIR = '/sigtap-cache';

export async function buildPlayground() {
    const started = Date.now();
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    const serverFile = path.join(OUT, 'server-worker.js');
    /**
     * The page's scripts (the editor's worker, the boot script, the server's worker script): browser IIFEs in OUT.
     * main.js (Monaco) is an ES module instead: Chromium evaluates Monaco's modules as one module with about 30% less
     * main-thread CPU than as one IIFE (bench/README.md), and a module script runs deferred, after boot.js.
     */
    const page = {
        absWorkingDir: ROOT,
        outdir: OUT,
        bundle: true,
        format: /** @type {const} */ ('iife'),
        platform: /** @type {const} */ ('browser'),
        target: 'es2022',
        minify,
        logLevel: /** @type {const} */ ('warning'),
        legalComments: /** @type {const} */ ('none')
    };
    const [server] = await Promise.all([
        // The server as plain top-level code (ESM format: browser-main.ts exports nothing, so no import or export is
        // left), which server-start.js loads with importScripts as a classic script. As an IIFE, V8 parsed the 1.3 MB
        // twice (pre-parsed with the script, parsed again when the arrow function ran): ~30% more worker CPU (bench/
        // README.md). Its top-level names become the worker's globals; minified, none is a worker global's name.
        esbuild.build({
            ...browserServerOptions(serverFile, { minify, format: 'esm', snapshotDir: SNAPSHOT_DIR }),
            banner: { js: '"use strict";' }
        }),
        esbuild.build({ ...page, entryPoints: { 'editor.worker': 'monaco-editor/editor/editor.worker.js' } }),
        esbuild.build({
            ...page,
            entryPoints: { boot: 'playground/boot.ts', 'server-start': 'playground/server-start.ts' }
        }),
        esbuild.build({
            ...page,
            format: 'esm',
            entryPoints: { main: 'playground/main.ts' },
            loader: { '.ttf': 'file' }
        })
    ]);
    checkNoNodeBuiltins(serverFile, server.metafile);
    for (const f of ['index.html', 'style.css']) fs.copyFileSync(path.join(ROOT, 'playground', f), path.join(OUT, f));
    // The example, as the page's own files (the zip is the committed SIGTAP subset).
    const example = path.join(ROOT, 'examples/pmae');
    const arquivos = [];
    const copy = rel => {
        const from = path.join(example, rel);
        if (fs.statSync(from).isDirectory())
            return fs
                .readdirSync(from)
                .sort()
                .forEach(n => copy(path.posix.join(rel, n)));
        if (!/\.(oci|zip|yaml)$/.test(rel)) return;
        fs.mkdirSync(path.dirname(path.join(OUT, 'exemplo', rel)), { recursive: true });
        fs.copyFileSync(from, path.join(OUT, 'exemplo', rel));
        arquivos.push(rel);
    };
    for (const n of fs.readdirSync(example).sort()) copy(n);
    const snapshots = await writeSnapshots(
        arquivos.filter(rel => rel.endsWith('.zip')).map(rel => path.join(OUT, 'exemplo', rel)),
        path.join(OUT, 'cache')
    );
    fs.writeFileSync(
        path.join(OUT, 'exemplo/manifest.json'),
        JSON.stringify({ arquivos, snapshots: { pasta: SNAPSHOT_DIR, arquivos: snapshots } }, null, 2) + '\n'
    );
    const report = Object.fromEntries(
        ['server-worker.js', 'editor.worker.js', 'boot.js', 'main.js', 'main.css'].map(f => [
            f,
            sizes(path.join(OUT, f))
        ])
    );
    fs.writeFileSync(path.join(OUT, 'bundle-report.json'), JSON.stringify(report, null, 2) + '\n');
    const kib = n => `${(n / 1024).toFixed(0)} KiB`;
    process.stdout.write(
        `playground: out/playground/ em ${Date.now() - started} ms; servidor ${kib(report['server-worker.js'].bytes)} (${kib(report['server-worker.js'].gzip)} gzip), página ${kib(report['main.js'].bytes)}\n`
    );
    return report;
}

/**
 * The SIGTAP snapshots of `zips` in `dir`, written by the core's own cache (SigtapCache with that snapshot folder,
 * bundled for Node on the fly): the same file, name and integrity header the desktop and the CLI keep.
 */
async function writeSnapshots(zips, dir) {
    const helper = path.join(ROOT, 'node_modules/.cache/playground-sigtap-cache.mjs');
    await esbuild.build({
        stdin: {
            contents: "export { SigtapCache } from './language/src/sigtap/cache.ts';",
            resolveDir: ROOT,
            loader: 'ts'
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outfile: helper,
        logLevel: 'warning'
    });
    const { SigtapCache } = await import(`${helper}?${Date.now()}`);
    const cache = new SigtapCache(undefined, { snapshotDir: dir });
    for (const zip of zips) cache.get(zip);
    const written = fs.existsSync(dir) ? fs.readdirSync(dir).filter(n => n.endsWith('.snap')) : [];
    if (written.length < zips.length) throw new Error(`snapshot SIGTAP não gravado em ${dir}`);
    return written.sort();
}

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.ttf': 'font/ttf',
    '.zip': 'application/zip',
    '.oci': 'text/plain; charset=utf-8',
    '.yaml': 'text/plain; charset=utf-8',
    '.snap': 'application/octet-stream'
};

/**
 * A static server of out/playground/ on 127.0.0.1 (only GET of files below it). Resolves to the server once listening.
 */
export function servePlayground(port = 0) {
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
        const file = path.resolve(OUT, rel);
        if (
            (req.method !== 'GET' && req.method !== 'HEAD') ||
            !file.startsWith(OUT + path.sep) ||
            !fs.existsSync(file) ||
            !fs.statSync(file).isFile()
        ) {
            res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('não encontrado');
            return;
        }
        res.writeHead(200, {
            'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store'
        });
        if (req.method === 'HEAD') res.end();
        else fs.createReadStream(file).pipe(res);
    });
    return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'scripts/playground.mjs')) {
    try {
        await buildPlayground();
    } catch (error) {
        process.stderr.write(`playground: ${error?.message ?? error}\n`);
        process.exit(1);
    }
    if (args.has('--serve')) {
        const server = await servePlayground(Number(process.env.PORT ?? 8040));
        process.stdout.write(`playground: http://127.0.0.1:${server.address().port}/ (Ctrl+C para parar)\n`);
    }
}
