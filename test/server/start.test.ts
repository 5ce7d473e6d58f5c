/**
 * The language server's process entry (issue 22): out/server/start.cjs, what the VS Code client forks, turns on
 * Node's compile cache (Node >= 22.1) before it loads out/server/main.cjs, in the folder the client passes (its
 * global storage) or the CLI's cache folder, and starts the same server whatever the folder is.
 */
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { defaultCacheDir } from '../../language/src/sigtap/cache.js';
import { SERVER_CACHE_ENV, SERVER_ENTRY, codeCacheDir, compileCacheDir } from '../../server/src/launch.js';
import { REPO_ROOT } from '../helpers.js';
import { startStdioServer } from './lsp-stdio-harness.js';

const ENTRY = path.join(REPO_ROOT, SERVER_ENTRY);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-server-start-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const supported = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('compileCacheDir', () => {
    it("is the CLI's cache folder (defaultCacheDir) unless the client names one", () => {
        const home = path.join(work, 'home');
        for (const env of [
            { OCI_CACHE_DIR: path.join(work, 'dada') },
            { OCI_CACHE_DIR: ' OFF ' },
            { OCI_CACHE_DIR: 'relativa' },
            { XDG_CACHE_HOME: path.join(work, 'xdg') },
            { XDG_CACHE_HOME: 'relativo', HOME: home },
            { HOME: home }
        ]) {
            const expected = defaultCacheDir(env);
            expect(compileCacheDir(env), JSON.stringify(env)).toBe(
                expected === undefined ? undefined : path.join(expected, 'node-compile-cache')
            );
        }
    });

    it("puts it in the client's folder, unless OCI_CACHE_DIR says otherwise or NODE_COMPILE_CACHE already did", () => {
        const client = path.join(work, 'global-storage');
        const xdg = path.join(work, 'xdg');
        expect(compileCacheDir({ [SERVER_CACHE_ENV]: client, XDG_CACHE_HOME: xdg })).toBe(
            path.join(client, 'node-compile-cache')
        );
        expect(compileCacheDir({ [SERVER_CACHE_ENV]: client, OCI_CACHE_DIR: 'off' })).toBeUndefined();
        expect(compileCacheDir({ [SERVER_CACHE_ENV]: client, OCI_CACHE_DIR: xdg })).toBe(
            path.join(xdg, 'node-compile-cache')
        );
        // A relative folder from the client is not trusted (it would depend on the server's working folder).
        expect(compileCacheDir({ [SERVER_CACHE_ENV]: 'relativa', XDG_CACHE_HOME: xdg })).toBe(
            path.join(xdg, 'oci-catalogo', 'node-compile-cache')
        );
        expect(compileCacheDir({ [SERVER_CACHE_ENV]: client, NODE_COMPILE_CACHE: xdg })).toBeUndefined();
    });
});

describe('codeCacheDir', () => {
    it("is code-cache/ beside the compile cache, kept even where NODE_COMPILE_CACHE moves Node's, none when off", () => {
        const client = path.join(os.tmpdir(), 'storage');
        const xdg = path.join(os.tmpdir(), 'xdg');
        expect(codeCacheDir({ [SERVER_CACHE_ENV]: client })).toBe(path.join(client, 'code-cache'));
        expect(path.dirname(codeCacheDir({ [SERVER_CACHE_ENV]: client })!)).toBe(
            path.dirname(compileCacheDir({ [SERVER_CACHE_ENV]: client })!)
        );
        expect(codeCacheDir({ [SERVER_CACHE_ENV]: client, NODE_COMPILE_CACHE: xdg })).toBe(
            path.join(client, 'code-cache')
        );
        expect(codeCacheDir({ [SERVER_CACHE_ENV]: client, OCI_CACHE_DIR: 'off' })).toBeUndefined();
        expect(codeCacheDir({ OCI_CACHE_DIR: xdg })).toBe(path.join(xdg, 'code-cache'));
    });
});

describe.skipIf(!supported || !fs.existsSync(ENTRY))('out/server/start.cjs', () => {
    const BROKEN = 'catalogo "Partida" versao "t" competencia 2026-01\n\noci 09.01.01.001-9 "Sem fim" {\n';

    /** Starts the server through the entry with `extra` in its environment; returns the diagnostics of one file. */
    async function session(name: string, extra: NodeJS.ProcessEnv): Promise<PublishDiagnosticsParams> {
        const dir = path.join(work, name);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'catalogo.oci'), BROKEN);
        // NODE_COMPILE_CACHE would turn the cache on by itself: left unset, like the cache folders of this machine.
        const { NODE_COMPILE_CACHE: _n, OCI_CACHE_DIR: _o, XDG_CACHE_HOME: _x, ...rest } = process.env;
        const env = { ...rest, XDG_CACHE_HOME: path.join(dir, 'xdg'), ...extra };
        const server = startStdioServer(dir, env, process.execPath, ENTRY);
        try {
            const uri = pathToFileURL(path.join(dir, 'catalogo.oci')).toString();
            let published: PublishDiagnosticsParams | undefined;
            server.connection.onNotification(PublishDiagnosticsNotification.type, params => {
                if (params.uri === uri) published = params;
            });
            server.connection.listen();
            const init = await server.initialize(dir, { textDocument: { publishDiagnostics: {} } });
            expect(init.capabilities.hoverProvider).toBeTruthy();
            return await server.waitFor('the diagnostics of catalogo.oci', () => published);
        } finally {
            await server.stop();
        }
    }

    const filesUnder = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).length : 0);

    it("keeps the compiled bundle in the client's folder and serves the same diagnostics from it", async () => {
        const client = path.join(work, 'global-storage');
        const first = await session('primeira', { [SERVER_CACHE_ENV]: client });
        expect(filesUnder(path.join(client, 'node-compile-cache'))).toBeGreaterThan(0);
        // And V8's code cache of the bundle, functions the session compiled included (language/src/io/code-cache.ts).
        expect(fs.readdirSync(path.join(client, 'code-cache'))).toEqual([
            expect.stringMatching(/^servidor-[0-9a-f]{8}\.v8$/)
        ]);
        expect(filesUnder(path.join(work, 'primeira', 'xdg'))).toBe(0);
        expect(first.diagnostics.filter(d => d.severity === 1).length).toBeGreaterThan(0);
        // The second start compiles nothing the first kept, and answers the same.
        const second = await session('segunda', { [SERVER_CACHE_ENV]: client });
        expect(second.diagnostics).toEqual(first.diagnostics);
    }, 60_000);

    it('starts without a cache where the folder cannot be made, and keeps none with OCI_CACHE_DIR=off', async () => {
        const file = path.join(work, 'um-arquivo');
        fs.writeFileSync(file, '');
        const unwritable = await session('sem-pasta', { [SERVER_CACHE_ENV]: path.join(file, 'storage') });
        expect(unwritable.diagnostics.filter(d => d.severity === 1).length).toBeGreaterThan(0);
        const client = path.join(work, 'desligado');
        await session('desligado-sessao', { [SERVER_CACHE_ENV]: client, OCI_CACHE_DIR: 'off' });
        expect(filesUnder(client)).toBe(0);
        expect(filesUnder(path.join(work, 'desligado-sessao', 'xdg'))).toBe(0);
    }, 60_000);
});
