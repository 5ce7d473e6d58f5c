/**
 * The V8 code cache the CLI and the language server load their bundles through (language/src/io/code-cache.ts,
 * bundled to out/cli/code-cache.cjs): a run leaves a cache that later runs use, and a cache is never used for another
 * bundle, nor when damaged or made under other V8 flags — the bundle then loads from source and the cache is remade.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const LOADER = path.join(REPO_ROOT, 'out/cli/code-cache.cjs');

/** A bundle whose answer depends on code only a call compiles (lazily): what a stale cache would get wrong. */
function bundleText(answer: string): string {
    const body = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
    return `'use strict';\n${body}\nexports.answer = function () { let s = 0; for (let i = 0; i < 200; i++) s = eval('f' + i)(s); return '${answer}:' + s; };\nexports.dir = __dirname; exports.req = typeof require('node:path').join;\n`;
}

let work: string;

function run(bundle: string, cacheDir: string | undefined, nodeOptions: string[] = []): string {
    const script = `const { requireWithCodeCache } = require(${JSON.stringify(LOADER)});
        const m = requireWithCodeCache(${JSON.stringify(bundle)}, { dir: ${JSON.stringify(cacheDir)}, name: 'teste' });
        process.stdout.write(m.answer() + ' ' + m.dir + ' ' + m.req);`;
    const file = path.join(work, `run-${process.pid}.cjs`);
    fs.writeFileSync(file, script);
    const r = spawnSync(process.execPath, [...nodeOptions, file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.v8')) : []);

/** A folder `name` of the work folder with a bundle answering `answer`: its folder, bundle and cache folder. */
function fixture(name: string, answer: string): { dir: string; bundle: string; cache: string } {
    const dir = path.join(work, name);
    fs.mkdirSync(dir, { recursive: true });
    const bundle = path.join(dir, 'main.cjs');
    fs.writeFileSync(bundle, bundleText(answer));
    return { dir, bundle, cache: path.join(dir, 'cache') };
}

describe.skipIf(!fs.existsSync(LOADER))('requireWithCodeCache', () => {
    beforeAll(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-code-cache-'));
    });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    it('leaves a cache named after the bundle, which the next run uses and keeps', () => {
        const { dir, bundle, cache } = fixture('a', 'um');
        const expected = `um:19900 ${dir} function`;
        expect(run(bundle, cache)).toBe(expected);
        const [file] = cacheFiles(cache);
        expect(file).toMatch(/^teste-[0-9a-f]{8}\.v8$/);
        const made = fs.readFileSync(path.join(cache, file!));
        expect(run(bundle, cache)).toBe(expected);
        // Nothing more was compiled: the file is the same one.
        expect(fs.readFileSync(path.join(cache, file!))).toEqual(made);
    });

    it('never serves a cache to another bundle of the same length, and drops the old one', () => {
        const { dir, bundle, cache } = fixture('b', 'um');
        run(bundle, cache);
        const [before] = cacheFiles(cache);
        fs.writeFileSync(bundle, bundleText('do')); // same length, other code
        expect(run(bundle, cache)).toBe(`do:19900 ${dir} function`);
        const after = cacheFiles(cache);
        expect(after).toHaveLength(1);
        expect(after[0]).not.toBe(before);
    });

    it('ignores a damaged cache and one made under other V8 flags, and remakes it', () => {
        const { dir, bundle, cache } = fixture('c', 'um');
        run(bundle, cache);
        const file = path.join(cache, cacheFiles(cache)[0]!);
        const good = fs.readFileSync(file);
        const damaged = Buffer.from(good);
        damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
        fs.writeFileSync(file, damaged);
        expect(run(bundle, cache)).toBe(`um:19900 ${dir} function`);
        expect(fs.readFileSync(file).equals(damaged)).toBe(false);
        const truncated = good.subarray(0, 40);
        fs.writeFileSync(file, truncated);
        expect(run(bundle, cache)).toBe(`um:19900 ${dir} function`);
        expect(fs.readFileSync(file).length).toBeGreaterThan(truncated.length);
        // Other flags: V8 refuses the data, the bundle compiles from source and the cache is remade for these flags.
        const before = fs.readFileSync(file);
        expect(run(bundle, cache, ['--max-inlined-bytecode-size-cumulative=123'])).toBe(`um:19900 ${dir} function`);
        expect(fs.readFileSync(file).equals(before)).toBe(false);
    });

    it('reads an ASCII bundle and one with UTF-8 text the same as require does', () => {
        // Read as Latin-1 only when ASCII: UTF-8 bytes read as Latin-1 would turn "ação" into "aÃ§Ã£o".
        const { dir, bundle, cache } = fixture('e', 'ação');
        expect(run(bundle, cache)).toBe(`ação:19900 ${dir} function`);
        expect(run(bundle, cache)).toBe(`ação:19900 ${dir} function`);
    });

    it('loads the bundle the same without a folder, or where the folder cannot be made', () => {
        const { dir, bundle } = fixture('d', 'um');
        expect(run(bundle, undefined)).toBe(`um:19900 ${dir} function`);
        const blocker = path.join(dir, 'arquivo');
        fs.writeFileSync(blocker, '');
        expect(run(bundle, path.join(blocker, 'cache'))).toBe(`um:19900 ${dir} function`);
        expect(fs.readdirSync(dir).sort()).toEqual(['arquivo', 'main.cjs']);
    });

    it('is how bin/oci-catalogo.cjs loads the CLI: a run leaves the CLI cache in code-cache/ of its cache folder', () => {
        const cache = path.join(work, 'cli-cache');
        const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/oci-catalogo.cjs'), '--version'], {
            encoding: 'utf8',
            env: { ...process.env, OCI_CACHE_DIR: cache }
        });
        expect(r.status, r.stderr).toBe(0);
        expect(cacheFiles(path.join(cache, 'code-cache'))).toEqual([expect.stringMatching(/^cli-[0-9a-f]{8}\.v8$/)]);
    });
});
