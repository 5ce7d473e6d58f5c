/**
 * Cold start of the `oci-catalogo` command (issue 22): on Node >= 22.1 the bundle's compiled code
 * is kept on disk (module.enableCompileCache), so runs after the first skip compiling it — in the CLI's
 * cache folder, the SIGTAP snapshots' (defaultCacheDir), under node-compile-cache/; the
 * OCI_CACHE_DIR=off switch that disables the SIGTAP snapshot disables this too.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeModule from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../language/src/sigtap/cache.js';
import { REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/oci-catalogo.cjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-cold-start-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const supported = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function run(env: NodeJS.ProcessEnv): number {
    const r = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.status ?? -1;
}

function filesUnder(dir: string): number {
    if (!fs.existsSync(dir)) return 0;
    return fs.readdirSync(dir, { recursive: true }).length;
}

describe.skipIf(!supported || !fs.existsSync(path.join(REPO_ROOT, 'out/cli/main.cjs')))(
    'oci-catalogo compile cache',
    () => {
        // NODE_COMPILE_CACHE would turn the cache on by itself, whatever the command does: it is left unset here.
        const env = (tmp: string, extra: NodeJS.ProcessEnv) => {
            fs.mkdirSync(tmp, { recursive: true });
            const { NODE_COMPILE_CACHE: _unset, OCI_CACHE_DIR: _dir, XDG_CACHE_HOME: _xdg, ...rest } = process.env;
            return { ...rest, TMPDIR: tmp, ...extra };
        };

        it('keeps the compiled bundle in the cache folder, beside the SIGTAP snapshots', () => {
            const tmp = path.join(work, 'ligado');
            const cacheDir = path.join(work, 'cache');
            run(env(tmp, { OCI_CACHE_DIR: cacheDir }));
            expect(filesUnder(path.join(cacheDir, 'node-compile-cache'))).toBeGreaterThan(0);
            expect(filesUnder(path.join(tmp, 'node-compile-cache'))).toBe(0);
            // Without OCI_CACHE_DIR, the folder defaultCacheDir gives the snapshots.
            const xdg = path.join(work, 'xdg');
            const defaultEnv = env(path.join(work, 'ligado-xdg'), { XDG_CACHE_HOME: xdg });
            expect(defaultCacheDir(defaultEnv)).toBe(path.join(xdg, 'oci-catalogo'));
            run(defaultEnv);
            expect(filesUnder(path.join(xdg, 'oci-catalogo', 'node-compile-cache'))).toBeGreaterThan(0);
        });

        it('keeps nothing with OCI_CACHE_DIR=off', () => {
            const tmp = path.join(work, 'desligado');
            const xdg = path.join(work, 'xdg-desligado');
            run(env(tmp, { OCI_CACHE_DIR: 'off', XDG_CACHE_HOME: xdg }));
            expect(filesUnder(path.join(tmp, 'node-compile-cache'))).toBe(0);
            expect(filesUnder(xdg)).toBe(0);
        });
    }
);
