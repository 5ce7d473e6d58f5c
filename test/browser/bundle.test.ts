/**
 * One core, two hosts (issue 16): the browser bundles of the language server and of the web
 * extension contain no Node built-in (the core's Node seam resolves to server/src/browser/node/),
 * a Node built-in without a browser implementation fails the build, and the browser
 * implementations give what Node gives: the SIGTAP zip read from bytes by the same reader
 * (table, hash, errors), POSIX paths, SHA-256, Latin-1 text.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SigtapCache } from '../../language/src/sigtap/cache.js';
import { loadSigtapZip } from '../../language/src/sigtap/reader.js';
import { Buffer as BrowserBuffer } from '../../server/src/browser/node/buffer.js';
import { createHash as browserHash } from '../../server/src/browser/node/crypto.js';
import * as browserPath from '../../server/src/browser/node/path.js';
import { REPO_ROOT } from '../helpers.js';

interface WebExtensionBuild {
    serverFile: string;
    clientFile: string;
    inputs: string[];
    server: { gzip: number };
}
interface BrowserBundles {
    ROOT: string;
    browserNodeSeam: esbuild.Plugin;
    nodeBuiltinsIn: (file: string, metafile?: esbuild.Metafile) => string[];
    buildWebExtension: (e: typeof esbuild, o: { outDir: string }) => Promise<WebExtensionBuild>;
}
const bundles = (await import(path.join(REPO_ROOT, 'scripts/browser-bundles.mjs'))) as BrowserBundles;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-browser-bundle-'));
const SUBSET_ZIP = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('browser bundles', () => {
    it("the web extension's server worker and client hold no Node built-in; the seam is the browser one", async () => {
        const built = await bundles.buildWebExtension(esbuild, { outDir: tmp });
        expect(bundles.nodeBuiltinsIn(built.serverFile)).toEqual([]);
        expect(bundles.nodeBuiltinsIn(built.clientFile)).toEqual([]);
        for (const seam of ['fs', 'path', 'zlib', 'crypto', 'buffer'])
            expect(built.inputs).toContain(`server/src/browser/node/${seam}.ts`);
        expect(built.inputs.some(i => i.startsWith('node:') || i.includes('langium/lib/node'))).toBe(false);
        // Issue 16 target: the worker under 3 MB gzipped.
        expect(built.server.gzip).toBeLessThan(3 * 1024 * 1024);
    }, 60_000);

    it('fails the build on a Node built-in without a browser implementation, and the text check finds a leftover one', async () => {
        const planted = esbuild.build({
            stdin: {
                contents: "import { spawn } from 'node:child_process'; console.log(spawn);",
                resolveDir: REPO_ROOT,
                sourcefile: 'planted.ts',
                loader: 'ts'
            },
            bundle: true,
            write: false,
            platform: 'browser',
            plugins: [bundles.browserNodeSeam],
            logLevel: 'silent'
        });
        await expect(planted).rejects.toThrow(
            /node:child_process \(importado por planted\.ts\) não tem implementação para o navegador/
        );
        const leftover = path.join(tmp, 'leftover.js');
        fs.writeFileSync(leftover, 'var fs = require("node:fs");\n');
        expect(bundles.nodeBuiltinsIn(leftover)).toEqual(['node:fs']);
    });
});

/**
 * `exports` (lines of a module) bundled for the browser as the web server is (the Node seam on
 * server/src/browser/node/) into tmp/`name`.mjs; asserts no Node built-in is left, and loads it here.
 */
async function browserModule(name: string, exports: string[]): Promise<unknown> {
    const entry = path.join(tmp, `${name}-entry.ts`);
    fs.writeFileSync(entry, exports.join('\n') + '\n');
    const outfile = path.join(tmp, `${name}.mjs`);
    const result = await esbuild.build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        metafile: true,
        absWorkingDir: REPO_ROOT,
        plugins: [bundles.browserNodeSeam],
        define: { 'process.env': '{}' },
        logLevel: 'silent'
    });
    expect(bundles.nodeBuiltinsIn(outfile, result.metafile)).toEqual([]);
    return import(outfile);
}

/** The SIGTAP reader bundled for the browser, loaded here. */
async function browserReader(): Promise<{ loadSigtapZip: typeof loadSigtapZip }> {
    return (await browserModule('reader-browser', [
        `export { loadSigtapZip } from ${JSON.stringify(path.join(REPO_ROOT, 'language/src/sigtap/reader.ts'))};`
    ])) as { loadSigtapZip: typeof loadSigtapZip };
}

describe('SIGTAP zip from bytes in the browser build', () => {
    it('reads the same table as on Node (hash, competência, procedures, values, OCI view)', async () => {
        const { loadSigtapZip: loadInBrowser } = await browserReader();
        const bytes = new Uint8Array(fs.readFileSync(SUBSET_ZIP));
        const node = loadSigtapZip(bytes, 'TabelaUnificada_202601_subset.zip');
        const browser = loadInBrowser(bytes, 'TabelaUnificada_202601_subset.zip');
        expect(browser.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(browser.competencia).toBe('202601');
        expect(browser.procedimentos.size).toBe(node.procedimentos.size);
        expect(browser.procedimentos.size).toBeGreaterThan(50);
        expect([...browser.procedimentos.entries()]).toEqual([...node.procedimentos.entries()]);
        expect(browser.ociCodigos()).toEqual(node.ociCodigos());
        for (const codigo of node.ociCodigos()) expect(browser.oci(codigo)).toEqual(node.oci(codigo));
    }, 60_000);

    it('reports a truncated zip and a corrupted entry with the same error as on Node', async () => {
        const { loadSigtapZip: loadInBrowser } = await browserReader();
        const good = new Uint8Array(fs.readFileSync(SUBSET_ZIP));
        const truncated = good.slice(0, Math.floor(good.length / 2));
        // One byte flipped inside the data of tb_procedimento.txt (after its 30-byte local header, name and extra
        // field).
        const corrupted = good.slice();
        const view = new DataView(corrupted.buffer);
        const local = Buffer.from(good).indexOf('tb_procedimento.txt') - 30;
        expect(view.getUint32(local, true)).toBe(0x04034b50);
        const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        corrupted[dataStart + 40] ^= 0xff;
        for (const [name, bytes] of [
            ['truncado', truncated],
            ['corrompido', corrupted]
        ] as const) {
            const codeOf = (load: typeof loadSigtapZip) => {
                try {
                    load(bytes, `${name}.zip`);
                    return 'lido';
                } catch (error) {
                    return (error as { code?: string }).code;
                }
            };
            const onNode = codeOf(loadSigtapZip);
            expect(onNode, name).toMatch(/^sigtap\//);
            expect(codeOf(loadInBrowser), name).toBe(onNode);
        }
    }, 60_000);
});

describe("SIGTAP snapshot in the browser build (the playground serves the example's)", () => {
    it('a snapshot handed over in memory replaces reading the zip, checked as on the desktop', async () => {
        const browser = (await browserModule('cache-browser', [
            `export { SigtapCache } from ${JSON.stringify(path.join(REPO_ROOT, 'language/src/sigtap/cache.ts'))};`,
            `export { writeMemoryFile } from ${JSON.stringify(path.join(REPO_ROOT, 'server/src/browser/memory-files.ts'))};`
        ])) as {
            SigtapCache: typeof SigtapCache;
            writeMemoryFile: (p: string, bytes: Uint8Array) => void;
        };
        // The desktop's snapshot of the example's zip, then one whose payload names a procedure differently (header
        // and hashes made consistent; a name of the same length, so that the sections' offsets stay): only a table
        // rebuilt from the snapshot can show that name.
        const dir = path.join(tmp, 'snapshots');
        const node = new SigtapCache(undefined, { snapshotDir: dir }).get(SUBSET_ZIP);
        const [name] = fs.readdirSync(dir);
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        const newline = text.indexOf('\n');
        const payload = Buffer.from(text.slice(newline + 1).replace('"ELETROCARDIOGRAMA"', '"eletrocardiograma"'));
        const header = {
            ...JSON.parse(text.slice(0, newline)),
            crc32: crc32(payload),
            bytes: payload.length
        };
        browser.writeMemoryFile('/pmae/sigtap/subset.zip', new Uint8Array(fs.readFileSync(SUBSET_ZIP)));
        browser.writeMemoryFile(`/sigtap-cache/${name}`, new Uint8Array(fs.readFileSync(path.join(dir, name))));
        const fromSnapshot = new browser.SigtapCache(undefined, { snapshotDir: '/sigtap-cache' }).get(
            '/pmae/sigtap/subset.zip'
        );
        expect([...fromSnapshot.procedimentos.entries()]).toEqual([...node.procedimentos.entries()]);
        browser.writeMemoryFile(
            `/sigtap-cache/${name}`,
            new Uint8Array(Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), payload]))
        );
        const tampered = new browser.SigtapCache(undefined, { snapshotDir: '/sigtap-cache' }).get(
            '/pmae/sigtap/subset.zip'
        );
        expect(tampered.procedimentos.get('0211020036')?.nome).toBe('eletrocardiograma');
    }, 60_000);
});

describe('browser implementations of the Node seam', () => {
    it('paths: as node:path.posix', () => {
        const cases = [
            '/a/b/../c',
            'a/./b',
            '/',
            '',
            '.',
            '..',
            '/pmae/sigtap/x.zip',
            'a//b/',
            '/a/b/',
            '../x/../../y'
        ];
        for (const p of cases) {
            expect(browserPath.normalize(p), p).toBe(path.posix.normalize(p));
            expect(browserPath.dirname(p), p).toBe(path.posix.dirname(p));
            expect(browserPath.basename(p), p).toBe(path.posix.basename(p));
            expect(browserPath.extname(p), p).toBe(path.posix.extname(p));
            expect(browserPath.isAbsolute(p), p).toBe(path.posix.isAbsolute(p));
        }
        const pairs: Array<[string, string]> = [
            ['/pmae', 'sigtap/x.zip'],
            ['/pmae/a', '../b'],
            ['/pmae', '/abs/z'],
            ['/', '']
        ];
        for (const [a, b] of pairs) {
            expect(browserPath.resolve(a, b), `${a} ${b}`).toBe(path.posix.resolve(a, b));
            expect(browserPath.join(a, b), `${a} ${b}`).toBe(path.posix.join(a, b));
            expect(browserPath.relative(a, b.startsWith('/') ? b : `/x/${b}`)).toBe(
                path.posix.relative(a, b.startsWith('/') ? b : `/x/${b}`)
            );
        }
    });

    it('SHA-256: as node:crypto, across block boundaries', () => {
        for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 1 << 20]) {
            const data = Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);
            expect(browserHash('sha256').update(data).digest('hex'), String(size)).toBe(
                createHash('sha256').update(data).digest('hex')
            );
        }
    });

    it("Latin-1 text: every byte as Node's Buffer decodes it, from a view with an offset", () => {
        const all = Uint8Array.from({ length: 256 }, (_, i) => i);
        const backing = new Uint8Array(300);
        backing.set(all, 20);
        const view = BrowserBuffer.from(backing.buffer, 20, 256);
        expect(view.toString('latin1', 0, 256)).toBe(Buffer.from(all).toString('latin1'));
        expect(view.toString('latin1', 65, 70)).toBe('ABCDE');
        expect(view.indexOf(10, 0)).toBe(10);
    });
});
