/**
 * Cold start of the `oci-catalogo` command (issue 22): on Node >= 22.1 the bundle's compiled code
 * is kept on disk (module.enableCompileCache), so runs after the first skip compiling it; the
 * OCI_CACHE_DIR=off switch that disables the SIGTAP snapshot disables this too.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeModule from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
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
        // Node's own default folder for the cache is <TMPDIR>/node-compile-cache (NODE_COMPILE_CACHE
        // would turn the cache on by itself, whatever the command does: it is left unset here).
        const env = (tmp: string, cacheDir: string) => {
            fs.mkdirSync(tmp, { recursive: true });
            const { NODE_COMPILE_CACHE: _unset, ...rest } = process.env;
            return { ...rest, TMPDIR: tmp, OCI_CACHE_DIR: cacheDir };
        };

        it('keeps the compiled bundle in the system temporary folder', () => {
            const tmp = path.join(work, 'ligado');
            run(env(tmp, path.join(work, 'cache')));
            expect(filesUnder(path.join(tmp, 'node-compile-cache'))).toBeGreaterThan(0);
        });

        it('keeps nothing with OCI_CACHE_DIR=off', () => {
            const tmp = path.join(work, 'desligado');
            run(env(tmp, 'off'));
            expect(filesUnder(path.join(tmp, 'node-compile-cache'))).toBe(0);
        });
    }
);
