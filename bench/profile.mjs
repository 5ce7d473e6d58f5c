#!/usr/bin/env node
/**
 * Where our language server (or CLI) spends its time: runs one benchmark session with the
 * server under `node --cpu-prof` and prints, per phase of the session (startup: spawn → first
 * didOpen; diagnostics: first didOpen → last publish, the span of the full-diagnostics figure;
 * open: diagnostics plus the quiet wait after them; edit, hover, completionEnum,
 * completionNewLine, completionByName), the functions with the most self time and the most
 * inclusive time, mapped back to the source module of the bundle.
 *
 *   node bench/profile.mjs [--ocis 2000] [--phase edit] [--top 25] [--variant oci|oci-limpo]
 *   node bench/profile.mjs --cli check|build [--ocis 10000]
 *   node bench/profile.mjs --heap [--ocis 2000]     (V8's collections in a cold open, and what stays alive)
 *   node bench/profile.mjs --analyze FILE.cpuprofile [--bundle out/cli/main.cjs]
 *
 * The catalogue comes from a previous `npm run bench` ($BENCH_WORK or <tmp>/oci-bench/<n>);
 * the .cpuprofile files stay in <tmp>/oci-bench/profiles (open them in Chrome DevTools or
 * VS Code for the flame graph).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_WORK, benchEnv, flagReader, SERVER_NODE_ARGV } from './common.mjs';
import { runSession } from './lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = BENCH_WORK;
const PROFILES = path.join(WORK, 'profiles');
const argv = process.argv.slice(2);
const flag = flagReader(argv);
const OCIS = Number(flag('--ocis', '2000'));
const TOP = Number(flag('--top', '25'));
const ONLY = flag('--phase');
/** oci (with the deliberate errors, as in the benchmark) or oci-limpo (the clean catalogue). */
const VARIANT = flag('--variant', 'oci');
/** The bench's environment and caches: a profile sees the warm SIGTAP snapshot and compile cache its runs see. */
const ENV = benchEnv(WORK);

/** Bundle line → source module, from esbuild's `// path/to/module.ts` markers (unminified bundles). */
function moduleMap(bundle) {
    const lines = fs.readFileSync(bundle, 'utf8').split('\n');
    const starts = [];
    lines.forEach((line, i) => {
        const m = /^\/\/ ((?:node_modules|language|server|cli|client)\/\S+\.[cm]?[jt]s)$/.exec(line);
        if (m) starts.push([i, m[1].replace(/^node_modules\//, '')]);
    });
    return line => {
        let lo = 0,
            hi = starts.length - 1,
            found = '?';
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            if (starts[mid][0] <= line) {
                found = starts[mid][1];
                lo = mid + 1;
            } else hi = mid - 1;
        }
        return found;
    };
}

/** Self and inclusive time per function over the samples inside [fromUs, toUs]. */
export function analyze(profile, bundle, fromUs = -Infinity, toUs = Infinity) {
    const moduleOf = bundle ? moduleMap(bundle) : () => '';
    const byId = new Map(profile.nodes.map(n => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = id => {
        const f = byId.get(id).callFrame;
        const where = f.url.endsWith(path.basename(bundle ?? '\0'))
            ? moduleOf(f.lineNumber)
            : f.url.replace(/^.*node_modules\//, '') || '(native)';
        return `${f.functionName || '(anonymous)'}  ${where}:${f.lineNumber + 1}`;
    };
    const self = new Map();
    const inclusive = new Map();
    const modules = new Map();
    let t = profile.startTime;
    let total = 0;
    for (let i = 0; i < profile.samples.length; i++) {
        t += profile.timeDeltas[i];
        if (t < fromUs || t > toUs) continue;
        const delta = profile.timeDeltas[i + 1] ?? 0;
        const id = profile.samples[i];
        const key = keyOf(id);
        if (/^\((idle|program|garbage collector)\)/.test(key)) {
            if (key.startsWith('(garbage'))
                self.set('(garbage collector)', (self.get('(garbage collector)') ?? 0) + delta);
            if (!key.startsWith('(idle')) total += delta;
            continue;
        }
        total += delta;
        self.set(key, (self.get(key) ?? 0) + delta);
        const mod = key.split('  ')[1]?.replace(/:\d+$/, '') ?? '?';
        modules.set(mod, (modules.get(mod) ?? 0) + delta);
        const seen = new Set();
        for (let n = id; n !== undefined; n = parent.get(n)) {
            const k = keyOf(n);
            if (seen.has(k)) continue;
            seen.add(k);
            inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
        }
    }
    const top = (map, count) =>
        [...map]
            .sort((a, b) => b[1] - a[1])
            .slice(0, count)
            .map(([k, us]) => ({ fn: k, ms: us / 1000, pct: total ? (100 * us) / total : 0 }));
    return {
        busyMs: total / 1000,
        self: top(self, TOP),
        inclusive: top(inclusive, TOP * 2),
        modules: top(modules, 15)
    };
}

function print(title, a) {
    const line = r => `  ${r.ms.toFixed(0).padStart(7)} ms ${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`;
    process.stdout.write(
        `\n== ${title}: ${a.busyMs.toFixed(0)} ms de CPU ==\n-- tempo próprio --\n${a.self.map(line).join('\n')}\n`
    );
    process.stdout.write(
        `-- tempo inclusivo --\n${a.inclusive
            .filter(r => !/^\(root\)|^\(anonymous\)  \(native\)/.test(r.fn))
            .map(line)
            .join('\n')}\n`
    );
    process.stdout.write(`-- por módulo (próprio) --\n${a.modules.map(line).join('\n')}\n`);
}

function newestProfile(dir, before) {
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.cpuprofile') && !before.has(f));
    if (files.length === 0) throw new Error(`nenhum .cpuprofile novo em ${dir}`);
    return path.join(dir, files.sort().at(-1));
}

fs.mkdirSync(PROFILES, { recursive: true });
const dir = path.join(WORK, String(OCIS));
if (flag('--analyze')) {
    const file = flag('--analyze');
    print(
        path.basename(file),
        analyze(JSON.parse(fs.readFileSync(file, 'utf8')), flag('--bundle', path.join(ROOT, 'out/server/main.cjs')))
    );
} else if (argv.includes('--heap')) {
    await heapReport();
} else if (flag('--cli')) {
    const command = flag('--cli');
    const before = new Set(fs.readdirSync(PROFILES));
    const args = command === 'build' ? ['build', 'oci-limpo', '--out', path.join(dir, 'saida')] : ['check', 'oci'];
    const started = performance.now();
    spawnSync(
        process.execPath,
        ['--cpu-prof', '--cpu-prof-dir', PROFILES, path.join(ROOT, 'bin/oci-catalogo.cjs'), ...args],
        { cwd: dir, env: ENV, stdio: ['ignore', 'ignore', 'inherit'] }
    );
    process.stdout.write(
        `CLI ${command} ${OCIS} OCIs: ${(performance.now() - started).toFixed(0)} ms (com o profiler)\n`
    );
    const file = newestProfile(PROFILES, before);
    print(
        `CLI ${command} (${file})`,
        analyze(JSON.parse(fs.readFileSync(file, 'utf8')), path.join(ROOT, 'out/cli/main.cjs'))
    );
} else {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
        process.stderr.write(`profile: ${dir} não existe; rode antes "npm run bench" (ou --sizes ${OCIS})\n`);
        process.exit(2);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const before = new Set(fs.readdirSync(PROFILES));
    const server = path.join(ROOT, 'out/server/main.cjs');
    const result = await runSession({
        kind: 'ours',
        command: [process.execPath, ...SERVER_NODE_ARGV, '--cpu-prof', '--cpu-prof-dir', PROFILES, server, '--stdio'],
        env: ENV,
        dir: path.join(dir, VARIANT),
        manifest,
        edits: 40,
        hovers: 40,
        completions: 40
    });
    await new Promise(r => setTimeout(r, 1000)); // the profile is written at exit
    const file = newestProfile(PROFILES, before);
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    process.stdout.write(`perfil: ${file}\n`);
    const p = (s, q) => [...s].sort((a, b) => a - b)[Math.ceil(q * s.length) - 1]?.toFixed(1);
    process.stdout.write(`arquivos rediagnosticados por edição: ${result.editFilesPublished.join(',')}\n`);
    process.stdout.write(
        `diagnósticos completos ${result.openAllMs.toFixed(0)} ms; edição p50 ${p(result.editMs, 0.5)} p95 ${p(result.editMs, 0.95)}; ` +
            `completion enum p95 ${p(result.completionEnumMs, 0.95)}, linha nova p95 ${p(result.completionMs, 0.95)}, por nome p95 ${p(result.completionByNameMs, 0.95)}; hover p95 ${p(result.hoverMs, 0.95)}\n`
    );
    for (const [phase, [from, to]] of Object.entries(result.marks)) {
        if (ONLY && phase !== ONLY) continue;
        print(`${phase} (${((to - from) / 1000).toFixed(0)} ms de relógio)`, analyze(profile, server, from, to));
    }
}

/**
 * `--heap`: one cold session that opens the catalogue (didOpen of every file → all diagnostics) and exits, with
 * bench/heap-report.cjs preloaded: V8's collections during the session, and what is alive at its end by constructor
 * (self size) and, for strings, by size and by most repeated text.
 */
async function heapReport() {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const report = path.join(PROFILES, `heap-${process.pid}.json`);
    const snapshot = path.join(PROFILES, `heap-${process.pid}.heapsnapshot`);
    const result = await runSession({
        kind: 'ours',
        command: [
            process.execPath,
            ...SERVER_NODE_ARGV,
            '--require',
            path.join(ROOT, 'bench/heap-report.cjs'),
            path.join(ROOT, 'out/server/start.cjs'),
            '--stdio'
        ],
        env: { ...ENV, BENCH_HEAP_FILE: report, BENCH_HEAP_SNAPSHOT: snapshot },
        dir: path.join(dir, VARIANT),
        manifest,
        edits: 0,
        openOnly: true,
        cold: true,
        exitWaitMs: 120_000
    });
    for (let i = 0; i < 100 && !fs.existsSync(report); i++) await new Promise(r => setTimeout(r, 100));
    const gc = JSON.parse(fs.readFileSync(report, 'utf8'));
    const out = [
        `${OCIS} OCIs, sessão a frio: didOpen → diagnósticos ${result.openAllMs.toFixed(0)} ms; coletas do V8 na sessão: ` +
            Object.entries(gc)
                .map(([k, v]) => `${k} ${v.count} (${v.ms.toFixed(0)} ms)`)
                .join(', ')
    ];
    const heap = JSON.parse(fs.readFileSync(snapshot, 'utf8'));
    const meta = heap.snapshot.meta;
    const width = meta.node_fields.length;
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map(f => meta.node_fields.indexOf(f));
    const types = meta.node_types[0];
    const byName = new Map();
    const strings = new Map();
    let total = 0;
    for (let i = 0; i < heap.nodes.length; i += width) {
        const type = types[heap.nodes[i + typeAt]];
        const size = heap.nodes[i + sizeAt];
        const name = heap.strings[heap.nodes[i + nameAt]];
        total += size;
        const key = type === 'object' ? name : `(${type})`;
        const n = byName.get(key) ?? { count: 0, bytes: 0 };
        n.count++;
        n.bytes += size;
        byName.set(key, n);
        if (type === 'string' && size < 4096) {
            const s = strings.get(name) ?? { count: 0, bytes: 0 };
            s.count++;
            s.bytes += size;
            strings.set(name, s);
        }
    }
    const mb = b => (b / 1e6).toFixed(2).padStart(7);
    out.push(`heap vivo no fim da sessão: ${(total / 1e6).toFixed(1)} MB (${snapshot})`, '-- por construtor --');
    for (const [k, v] of [...byName].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, TOP))
        out.push(`${mb(v.bytes)} MB ${String(v.count).padStart(8)}  ${k}`);
    out.push('-- textos repetidos (menos de 4 KB) --');
    for (const [k, v] of [...strings]
        .filter(([, v]) => v.count > 1)
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .slice(0, 15))
        out.push(`${mb(v.bytes)} MB ${String(v.count).padStart(8)}  ${JSON.stringify(k.slice(0, 60))}`);
    process.stdout.write(out.join('\n') + '\n');
}
