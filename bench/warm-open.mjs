#!/usr/bin/env node
/**
 * How much of the open of a large catalogue is a fresh process warming up: bench/warm-open.ts builds the benchmark's
 * catalogue (parse, index, scopes, link, reference index, validation; no LSP, no JSON-RPC) several times in one
 * process, with new services and documents each time, under the language server's Node options
 * (server/src/launch-argv.json). The first build pays what every server start pays — compiling the code it runs and
 * V8's tiering up to optimized code —, the later ones only the work. Repeated in PROCESSES fresh processes; prints
 * the median of each build by phase and writes bench/results/warm-open.json.
 *
 *   node bench/warm-open.mjs [--ocis 2000] [--runs 5] [--processes 5] [-- --extra-node-option]
 *
 * The catalogue comes from a previous `npm run bench` ($BENCH_WORK or <tmp>/oci-bench/<n>).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_WORK, benchEnv, bundleBenchEntry, flagReader, machineInfo, SERVER_NODE_ARGV } from './common.mjs';
import { median } from './lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const flag = flagReader(dash >= 0 ? argv.slice(0, dash) : argv);
const extra = dash >= 0 ? argv.slice(dash + 1) : [];
const OCIS = Number(flag('--ocis', '2000'));
const RUNS = Number(flag('--runs', '5'));
const PROCESSES = Number(flag('--processes', '5'));
const catalogue = path.join(BENCH_WORK, String(OCIS), 'oci');
if (!fs.existsSync(catalogue)) {
    process.stderr.write(`warm-open: ${catalogue} não existe; rode antes "npm run bench" (ou BENCH_SIZES=${OCIS})\n`);
    process.exit(2);
}

const cache = path.join(ROOT, 'node_modules/.cache/oci-warm-open');
fs.mkdirSync(cache, { recursive: true });
const entry = path.join(cache, 'warm-open.mjs');
await bundleBenchEntry(ROOT, 'warm-open', entry);

/** builds[run - 1] = the builds of that number, one per process. */
const builds = Array.from({ length: RUNS }, () => []);
for (let p = 1; p <= PROCESSES; p++) {
    const r = spawnSync(process.execPath, [...SERVER_NODE_ARGV, ...extra, entry, catalogue, String(RUNS)], {
        cwd: ROOT,
        env: benchEnv(BENCH_WORK),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit']
    });
    if (r.status !== 0) {
        process.stderr.write(`warm-open: o processo ${p} saiu com ${r.status}\n`);
        process.exit(1);
    }
    for (const line of r.stdout.trim().split('\n')) {
        const build = JSON.parse(line);
        builds[build.run - 1].push(build);
    }
}

const phaseNames = Object.keys(builds[0][0].phases);
const rows = builds.map((list, i) => ({
    build: i + 1,
    totalMs: median(list.map(b => b.totalMs)),
    phases: Object.fromEntries(phaseNames.map(n => [n, median(list.map(b => b.phases[n]))])),
    diagnostics: [...new Set(list.map(b => b.diagnostics))]
}));
const ms = x => `${Math.round(x)} ms`;
process.stdout.write(
    `${OCIS} OCIs, ${PROCESSES} processos, mediana de cada construção (${phaseNames.join(' / ')}):\n` +
        rows
            .map(
                r =>
                    `  ${r.build}ª: ${ms(r.totalMs)} (${phaseNames.map(n => Math.round(r.phases[n])).join(' / ')}); ` +
                    `diagnósticos ${r.diagnostics.join(', ')}`
            )
            .join('\n') +
        '\n'
);
const out = path.join(ROOT, 'bench/results/warm-open.json');
fs.writeFileSync(
    out,
    JSON.stringify(
        {
            date: new Date().toISOString(),
            machine: machineInfo(ROOT),
            ocis: OCIS,
            nodeOptions: [...SERVER_NODE_ARGV, ...extra],
            processes: PROCESSES,
            rows
        },
        null,
        2
    ) + '\n'
);
process.stdout.write(`warm-open: ${path.relative(ROOT, out)}\n`);
