#!/usr/bin/env node
/**
 * What a second thread could give the open of a large workspace, measured before building it: the benchmark's
 * catalogue of N OCIs (header + ~200 OCIs a file) is cut in two halves, each the header plus half of the files, and
 * in interleaved rounds (so that every figure sees the same windows of a shared machine) we time, didOpen of every
 * file → all diagnostics, as `npm run bench` does:
 *
 *  - `inteiro`: our server on the whole catalogue (the benchmark's figure);
 *  - `metade sozinha`: our server on one half, nothing else running — the best a perfect split could reach on a
 *    machine with a core to spare;
 *  - `metades juntas`: two servers, one per half, opening at the same time — a perfect split on this machine (no
 *    exchange between the halves, no duplicated work: better than any real worker could do), where V8's own helper
 *    threads (concurrent marking, parallel scavenges, TurboFan jobs) already use the second core;
 *  - `par`: the peer (yaml-language-server) on the whole catalogue, for the ratio the issue's target is about.
 *
 *   node bench/split.mjs [--ocis 2000] [--rounds 4]
 *
 * The catalogue comes from a previous `npm run bench` ($BENCH_WORK or <tmp>/oci-bench/<n>); the halves are written
 * beside it (<n>-metade-a, <n>-metade-b). Results: bench/results/split.json.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_WORK, benchEnv, flagReader, machineInfo, SERVER_NODE_ARGV } from './common.mjs';
import { median, runSession } from './lsp.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = BENCH_WORK;
const flag = flagReader(process.argv.slice(2));
const OCIS = Number(flag('--ocis', '2000'));
const ROUNDS = Number(flag('--rounds', '4'));
const SERVER_ENTRY = path.join(ROOT, 'out/server/start.cjs');
const PEER = path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'bin/yaml-language-server');
const SCHEMA = path.join(ROOT, 'bench/catalogo.schema.json');
const ENV = benchEnv(WORK);

const whole = path.join(WORK, String(OCIS));
if (!fs.existsSync(path.join(whole, 'manifest.json'))) {
    process.stderr.write(`split: ${whole} não existe; rode antes "npm run bench" (ou BENCH_SIZES=${OCIS})\n`);
    process.exit(2);
}
if (!fs.existsSync(SERVER_ENTRY)) {
    process.stderr.write('split: out/server/start.cjs não existe; rode antes "npm run bundle"\n');
    process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(whole, 'manifest.json'), 'utf8'));

/** Writes the half of the catalogue made of the files [from, to), with the header; returns its folder and manifest. */
function half(name, from, to) {
    const dir = path.join(WORK, `${OCIS}-${name}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'oci'), { recursive: true });
    const files = manifest.files.slice(from, to);
    for (const f of [manifest.header.oci, ...files.map(f => f.oci)]) {
        fs.copyFileSync(path.join(whole, 'oci', f), path.join(dir, 'oci', f));
    }
    const errors = manifest.errors.filter(e => e.file >= from && e.file < to).map(e => ({ ...e, file: e.file - from }));
    const m = { ...manifest, ocis: files.reduce((n, f) => n + f.ocis, 0), files, errors };
    return { dir, manifest: m };
}
const middle = Math.ceil(manifest.files.length / 2);
const halves = [half('metade-a', 0, middle), half('metade-b', middle, manifest.files.length)];

/** One session of didOpen → all diagnostics (the benchmark's warm session: didOpen 300 ms after `initialized`). */
const open = (kind, dir, m) =>
    runSession({
        kind,
        command:
            kind === 'ours'
                ? [process.execPath, ...SERVER_NODE_ARGV, SERVER_ENTRY, '--stdio']
                : [process.execPath, PEER, '--stdio'],
        env: ENV,
        dir: path.join(dir, kind === 'ours' ? 'oci' : 'yaml'),
        manifest: m,
        schemaPath: SCHEMA,
        edits: 0,
        hovers: 0,
        completions: 0,
        openOnly: true
    }).then(r => r.openAllMs);

const samples = { inteiro: [], metadeSozinha: [], metadesJuntas: [], par: [] };
for (let round = 1; round <= ROUNDS; round++) {
    samples.inteiro.push(await open('ours', whole, manifest));
    samples.metadeSozinha.push(await open('ours', halves[0].dir, halves[0].manifest));
    const both = await Promise.all(halves.map(h => open('ours', h.dir, h.manifest)));
    samples.metadesJuntas.push(Math.max(...both));
    samples.par.push(await open('peer', whole, manifest));
    const last = k => samples[k].at(-1).toFixed(0);
    process.stderr.write(
        `split ${round}/${ROUNDS}: inteiro ${last('inteiro')} ms, metade sozinha ${last('metadeSozinha')} ms, ` +
            `metades juntas ${last('metadesJuntas')} ms (a mais lenta), par ${last('par')} ms\n`
    );
}

const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const results = {
    date: new Date().toISOString(),
    machine: machineInfo(ROOT),
    ocis: OCIS,
    halves: halves.map(h => h.manifest.ocis),
    samplesMs: samples,
    medianMs: med,
    /** Peer ÷ ours: the whole catalogue, and the two perfect splits. */
    ratioToPeer: {
        inteiro: med.par / med.inteiro,
        metadeSozinha: med.par / med.metadeSozinha,
        metadesJuntas: med.par / med.metadesJuntas
    }
};
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/split.json'), JSON.stringify(results, null, 2) + '\n');
const x = r => `${r.toFixed(1).replace('.', ',')}×`;
process.stdout.write(
    `${OCIS} OCIs, didOpen → todos os diagnósticos (mediana de ${ROUNDS}):\n` +
        `  inteiro          ${med.inteiro.toFixed(0)} ms  (par ÷ nosso ${x(results.ratioToPeer.inteiro)})\n` +
        `  metade sozinha   ${med.metadeSozinha.toFixed(0)} ms  (${x(results.ratioToPeer.metadeSozinha)})\n` +
        `  metades juntas   ${med.metadesJuntas.toFixed(0)} ms  (${x(results.ratioToPeer.metadesJuntas)})\n` +
        `  par              ${med.par.toFixed(0)} ms\n` +
        'bench/results/split.json\n'
);
