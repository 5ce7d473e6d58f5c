/**
 * What the benchmarks (and the scripts that run the same pieces) share: the machine they ran on, the CPU counters
 * of /proc/stat, the rewrite of a README section between markers, `--name value` flags and the bundling of a
 * TypeScript entry of bench/.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The benchmarks' work folder (catalogues, caches, profiles): $BENCH_WORK, else <tmp>/oci-bench. */
export const BENCH_WORK = path.resolve(process.env.BENCH_WORK ?? path.join(os.tmpdir(), 'oci-bench'));

/**
 * The environment of every process a benchmark starts: the catalogues name the SIGTAP zip by absolute path, outside
 * their folders (OCI_SIGTAP_EXTERNO), and the SIGTAP snapshots and Node's compile cache live in `work`/cache — warm
 * from the second run on, as a user's are, and never the user's own ~/.cache/oci-catalogo.
 */
export function benchEnv(work = BENCH_WORK) {
    return { ...process.env, OCI_SIGTAP_EXTERNO: '1', OCI_CACHE_DIR: path.join(work, 'cache') };
}

/** The machine and the checkout a run measured (commit marked when the tree has local changes). */
export function machineInfo(root) {
    let commit = '?';
    try {
        commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
        const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
            cwd: root,
            encoding: 'utf8'
        }).trim();
        if (dirty) commit += ' (com alterações locais)';
    } catch {
        /* not a git checkout */
    }
    return {
        nproc: os.availableParallelism(),
        cpu: os.cpus()[0]?.model?.trim() ?? '?',
        ramGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        os: `${os.type()} ${os.release()}`,
        commit,
        loadAverage: os.loadavg().map(l => Number(l.toFixed(2)))
    };
}

/** The machine's CPU counters since boot, in USER_HZ ticks (/proc/stat); undefined off Linux. */
export function cpuTicks() {
    try {
        const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
        const idle = f[3] + (f[4] ?? 0); // idle + iowait
        const total = f.reduce((a, b) => a + b, 0);
        return { idle, total, busy: total - idle };
    } catch {
        return undefined;
    }
}

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in bench/README.md; false when the markers
 * are missing.
 */
export function rewriteReadmeSection(root, name, md) {
    const readme = path.join(root, 'bench', 'README.md');
    const text = fs.readFileSync(readme, 'utf8');
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) return false;
    fs.writeFileSync(readme, text.slice(0, a + start.length) + '\n' + md + '\n' + text.slice(b));
    return true;
}

/** `flag(name, fallback)`: the value after `name` in `argv` (`--registros 1000`), or `fallback`. */
export function flagReader(argv) {
    return (name, fallback) => {
        const i = argv.indexOf(name);
        return i >= 0 ? argv[i + 1] : fallback;
    };
}

/**
 * Bundles `bench/<name>.ts` into one ES module at `outfile` for this Node: packages stay external (DuckDB's native
 * binding), and `require` is defined for the CommonJS code the bundle carries. An ES module resolves its packages
 * from its own folder (NODE_PATH does not apply to ESM imports): write `outfile` inside `root` (the bench's
 * out/ or node_modules/.cache), not in a temp folder.
 *
 * @param {string} root the repository
 * @param {string} name the entry, `bench/<name>.ts`
 * @param {string} outfile where the bundle goes
 */
export async function bundleBenchEntry(root, name, outfile) {
    const esbuild = await import('esbuild');
    await esbuild.build({
        absWorkingDir: root,
        entryPoints: [`bench/${name}.ts`],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        target: 'node20',
        logLevel: 'warning',
        nodePaths: [path.join(root, 'node_modules')],
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }
    });
}

/**
 * Node's options for our language server, as the VS Code client starts it (server/src/launch-argv.json, which
 * server/src/launch.ts reads too): `--expose-gc` for its memory policy, the young generation's bound.
 */
export const SERVER_NODE_ARGV = JSON.parse(
    fs.readFileSync(fileURLToPath(new URL('../server/src/launch-argv.json', import.meta.url)), 'utf8')
);
