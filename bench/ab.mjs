#!/usr/bin/env node
/**
 * A/B of two builds of our language server on the benchmark's catalogue: sessions of each, interleaved (A, B, A, B…)
 * so that both see the same windows of a shared machine, each opening every file and waiting for all diagnostics
 * (bench/lsp.mjs, as `npm run bench` does). Prints, for each, the median and the minimum of didOpen → all diagnostics
 * and, with --cold, of process start → all diagnostics and of the server's CPU until then; and the peak RSS.
 *
 *   node bench/ab.mjs --a /tmp/before/out --b out [--ocis 2000] [--pairs 5] [--cold]
 *                     [--a-node "OPTIONS"] [--b-node "OPTIONS"] [-- --extra-node-option]
 *
 * --a and --b name `out/` folders (copy `out/` after `npm run bundle` on each side); each server starts from its
 * out/server/start.cjs with Node's options of server/src/launch-argv.json, then the side's own --a-node / --b-node
 * options (space-separated; a later V8 option wins, so one side can undo a launch option), then whatever follows
 * `--` (on both). A Node option A/B on one bundle: `--a out --b out --a-node
 * "--max-inlined-bytecode-size-cumulative=920"` (V8's default on A, launch-argv.json's 200 on B).
 * Each side has its own cache folder (<work>/cache-ab-a, -b), seeded with the benchmark cache's SIGTAP snapshots and
 * zip stamps: the V8 code cache (language/src/io/code-cache.ts) keeps one file per bundle name, and V8 refuses a cache
 * made under other options, so two sides sharing one folder would replace each other's and compile from scratch in
 * every session. One uncounted session per side first writes its code cache, as a user's first run does.
 * The catalogue comes from a previous `npm run bench` ($BENCH_WORK or <tmp>/oci-bench/<n>). Writes only the two cache
 * folders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_WORK, benchEnv, flagReader, SERVER_NODE_ARGV } from './common.mjs';
import { median, runSession } from './lsp.mjs';

const dashDash = process.argv.indexOf('--');
const argv = process.argv.slice(2, dashDash < 0 ? undefined : dashDash);
const extra = dashDash < 0 ? [] : process.argv.slice(dashDash + 1);
const flag = flagReader(argv);
const WORK = BENCH_WORK;
const OCIS = Number(flag('--ocis', '2000'));
const PAIRS = Number(flag('--pairs', '5'));
const COLD = argv.includes('--cold');
const sides = { A: flag('--a'), B: flag('--b') };
const sideOptions = {
    A: (flag('--a-node') ?? '').split(/\s+/).filter(Boolean),
    B: (flag('--b-node') ?? '').split(/\s+/).filter(Boolean)
};
if (!sides.A || !sides.B) {
    process.stderr.write('ab: --a e --b (pastas out/ de cada lado) são obrigatórios\n');
    process.exit(2);
}
const dir = path.join(WORK, String(OCIS));
if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    process.stderr.write(`ab: ${dir} não existe; rode antes "npm run bench" (ou BENCH_SIZES=${OCIS})\n`);
    process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const benchCache = benchEnv(WORK).OCI_CACHE_DIR;

/** A side's own cache folder, emptied and seeded with the files (not the folders) of the benchmark's cache. */
function sideEnv(side) {
    const cache = path.join(WORK, `cache-ab-${side.toLowerCase()}`);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    if (fs.existsSync(benchCache))
        for (const entry of fs.readdirSync(benchCache, { withFileTypes: true }))
            if (entry.isFile()) fs.copyFileSync(path.join(benchCache, entry.name), path.join(cache, entry.name));
    return { ...benchEnv(WORK), OCI_CACHE_DIR: cache };
}
const envs = { A: sideEnv('A'), B: sideEnv('B') };

/** One session of `side`. */
function session(side) {
    const entry = path.resolve(sides[side], 'server/start.cjs');
    return runSession({
        kind: 'ours',
        command: [process.execPath, ...SERVER_NODE_ARGV, ...sideOptions[side], ...extra, entry, '--stdio'],
        env: envs[side],
        dir: path.join(dir, 'oci'),
        manifest,
        edits: 0,
        hovers: 0,
        completions: 0,
        openOnly: true,
        cold: COLD
    });
}

for (const side of /** @type {const} */ (['A', 'B'])) {
    await session(side);
    process.stderr.write(`ab: ${side}: sessão de preparo (cache de código), não contada\n`);
}
const results = { A: [], B: [] };
for (let pair = 0; pair < PAIRS; pair++) {
    for (const side of /** @type {const} */ (['A', 'B'])) {
        const r = await session(side);
        results[side].push(r);
        process.stderr.write(`ab: ${side} ${pair + 1}/${PAIRS}: didOpen → diagnósticos ${r.openAllMs.toFixed(0)} ms\n`);
    }
}
const line = (side, label, values) =>
    `${side} ${label}: mediana ${median(values).toFixed(0)}, mínimo ${Math.min(...values).toFixed(0)}`;
for (const side of /** @type {const} */ (['A', 'B'])) {
    const rs = results[side];
    const out = [
        line(
            side,
            'didOpen → todos os diagnósticos (ms)',
            rs.map(r => r.openAllMs)
        )
    ];
    if (COLD) {
        out.push(
            line(
                side,
                'partida → todos os diagnósticos (ms)',
                rs.map(r => r.spawnAllMs)
            )
        );
        out.push(
            line(
                side,
                'CPU do servidor até eles (ms)',
                rs.map(r => r.openCpuMs)
            )
        );
    }
    out.push(
        line(
            side,
            'RSS de pico (MB)',
            rs.map(r => r.rss.peakKb / 1024)
        )
    );
    process.stdout.write(`${out.join('\n')}\n`);
}
