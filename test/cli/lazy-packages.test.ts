/**
 * The CLI bundle evaluates fflate, yaml, vscode-languageserver(-protocol), node:zlib, node:crypto and
 * node:child_process on first use, not at start (issue 22; scripts/bundle.mjs, LAZY_PACKAGE): `--version` loads none
 * of them, and the commands that need them still work through the getters that stand for them (a configuration file
 * read with yaml, a SIGTAP zip inflated with zlib and its snapshot hashed with crypto, a subset zip written with
 * fflate).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const MAIN = path.join(REPO_ROOT, 'out/cli/main.cjs');
const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

/**
 * Runs the bundle's main() in a child Node and returns its exit code, output and the Node built-ins it loaded of
 * zlib, crypto, child_process (commander and git) and worker_threads (fflate's Node build requires it when it is
 * evaluated, nothing else in the CLI does).
 */
function runBundle(args: string[], cwd: string, cacheDir: string): { code: number; out: string; loaded: string[] } {
    const script = `require(${JSON.stringify(MAIN)}).main(${JSON.stringify(args)}).then(code => {
        const loaded = process.moduleLoadList.filter(n => /^NativeModule (zlib|crypto|worker_threads|child_process)$/.test(n));
        process.stderr.write('\\n@@' + JSON.stringify({ code, loaded: loaded.map(n => n.slice('NativeModule '.length)) }));
    });`;
    // A script file, not -e: Node 22's -e loads crypto itself.
    const file = path.join(cwd, `.run-bundle-${process.pid}.cjs`);
    fs.writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, OCI_CACHE_DIR: cacheDir }
    });
    fs.rmSync(file);
    const marker = r.stderr.lastIndexOf('\n@@');
    expect(marker, r.stderr).toBeGreaterThanOrEqual(0);
    const { code, loaded } = JSON.parse(r.stderr.slice(marker + 3)) as { code: number; loaded: string[] };
    return { code, out: r.stdout, loaded: loaded.sort() };
}

describe('the CLI bundle loads fflate, yaml, the LSP protocol, zlib, crypto and child_process on first use', () => {
    let work: string;

    beforeAll(() => {
        expect(fs.existsSync(MAIN), 'out/cli/main.cjs is missing: run "npm run bundle" first (npm test does)').toBe(
            true
        );
        work = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-lazy-packages-'));
    });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    it('--version loads none of them', () => {
        const r = runBundle(['--version'], work, path.join(work, 'cache-version'));
        expect(r.code).toBe(0);
        expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
        expect(r.loaded).toEqual([]);
    });

    it('yaml, fflate and the LSP protocol stay in CommonJS wrappers that only their getters call', () => {
        const main = fs.readFileSync(MAIN, 'utf8');
        for (const entry of [
            'fflate/lib/node.cjs',
            'yaml/dist/index.js',
            'vscode-languageserver-protocol/lib/common/api.js'
        ]) {
            const wrapper = new RegExp(`var (\\w+) = __commonJS\\(\\{\\n  "[^"]*node_modules/${entry}"`).exec(main);
            expect(wrapper, entry).not.toBeNull();
            const calls = main.split(`${wrapper![1]}()`).length - 1;
            expect(calls, entry).toBe(1);
            expect(main).toContain(`real ??= ${wrapper![1]}()`);
        }
        expect(main).not.toMatch(/^var \w+ = (__toESM\()?require\("(node:)?(zlib|crypto|child_process)"\)/m);
    });

    it('check reads the configuration (yaml) and inflates and hashes the SIGTAP zip (zlib, crypto)', () => {
        const repo = path.join(work, 'repo');
        fs.cpSync(EXAMPLE, repo, { recursive: true });
        fs.writeFileSync(path.join(repo, 'oci-catalogo.yaml'), 'regras:\n  oci/fundamento-ausente: erro\n');
        const r = runBundle(['check', '.', '--format', 'json'], repo, path.join(work, 'cache-check'));
        expect(r.code).toBe(0);
        const report = JSON.parse(r.out);
        expect(report.configuracao).toEqual({
            arquivo: 'oci-catalogo.yaml',
            regras: [{ codigo: 'oci/fundamento-ausente', configurada: 'erro', padrao: 'info' }]
        });
        expect(r.loaded).toEqual(['crypto', 'zlib']);
    });

    it('sigtap-subset writes its zip with fflate', () => {
        const zip = fs.readdirSync(path.join(EXAMPLE, 'sigtap')).find(f => f.endsWith('.zip'))!;
        const out = path.join(work, 'subset.zip');
        const r = runBundle(
            ['sigtap-subset', path.join(EXAMPLE, 'sigtap', zip), '--para', EXAMPLE, '--out', out],
            work,
            path.join(work, 'cache-subset')
        );
        expect(r.code).toBe(0);
        expect(r.loaded).toContain('worker_threads');
        const names = Object.keys(unzipSync(fs.readFileSync(out))).map(n => path.basename(n).toLowerCase());
        expect(names).toContain('tb_procedimento.txt');
    });
});
