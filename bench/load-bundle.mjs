#!/usr/bin/env node
/**
 * What loading the language server's bundle costs, step by step, in fresh Node processes started with the server's
 * options (server/src/launch-argv.json): reading out/server/main.cjs as UTF-8 against reading its bytes, checking
 * they are ASCII and decoding them as Latin-1 (what language/src/io/code-cache.ts does); the CRC-32 over the text
 * against over the bytes; compiling it with V8's code cache of the benchmarks' cache folder (<work>/cache/code-cache,
 * left by an earlier `npm run bench`), and running its top level. Medians of --runs processes (default 7), in ms.
 *
 *   node bench/load-bundle.mjs [--runs 7]
 *
 * The figures of bench/README.md ("Rodada de 2026-12-07") on reading the bundle and on its top level come from here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv, flagReader, SERVER_NODE_ARGV } from './common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'out/server/main.cjs');
const RUNS = Number(flagReader(process.argv.slice(2))('--runs', '7'));
const ENV = benchEnv();
const CACHE_DIR = path.join(ENV.OCI_CACHE_DIR, 'code-cache');

/** One process: each step's time, as JSON on stderr (the bundle's own stdout is the LSP connection). */
const PROBE = `
const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module'), path = require('node:path');
const zlib = require('node:zlib'), { isAscii } = require('node:buffer');
const file = ${JSON.stringify(BUNDLE)};
const t = [performance.now()];
const asText = fs.readFileSync(file, 'utf8'); t.push(performance.now());
zlib.crc32(asText); t.push(performance.now());
const bytes = fs.readFileSync(file); const ascii = isAscii(bytes); const source = ascii ? bytes.toString('latin1') : asText;
t.push(performance.now());
const key = zlib.crc32(bytes).toString(16).padStart(8, '0'); t.push(performance.now());
let data; try { data = fs.readFileSync(path.join(${JSON.stringify(CACHE_DIR)}, 'servidor-' + key + '.v8')).subarray(12); } catch {}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: data }); t.push(performance.now());
const m = new Module(file); m.filename = file; m.paths = Module._nodeModulePaths(path.dirname(file));
script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
t.push(performance.now());
const d = i => t[i + 1] - t[i];
process.stderr.write('@@' + JSON.stringify({ boot: t[0], readUtf8: d(0), crcText: d(1), readBytesLatin1: d(2), crcBytes: d(3),
    compile: d(4), cache: data ? (script.cachedDataRejected ? 'recusado' : 'usado') : 'ausente', topLevel: d(5), ascii }));
setTimeout(() => process.exit(0), 10);
`;

// A script file (the server reads --stdio from the arguments after it), in the benchmarks' work folder.
const probeFile = path.join(ENV.OCI_CACHE_DIR, '..', `load-bundle-${process.pid}.cjs`);
fs.mkdirSync(path.dirname(probeFile), { recursive: true });
fs.writeFileSync(probeFile, PROBE);
const rows = [];
for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [...SERVER_NODE_ARGV, probeFile, '--stdio'], {
        env: ENV,
        encoding: 'utf8',
        input: ''
    });
    const at = r.stderr.lastIndexOf('@@');
    if (at < 0) throw new Error(`load-bundle: the probe failed: ${r.stderr.slice(-1500)}`);
    rows.push(JSON.parse(r.stderr.slice(at + 2)));
}
fs.rmSync(probeFile, { force: true });
const median = values => values.slice().sort((a, b) => a - b)[values.length >> 1];
const out = {};
for (const key of ['boot', 'readUtf8', 'crcText', 'readBytesLatin1', 'crcBytes', 'compile', 'topLevel'])
    out[key] = Number(median(rows.map(r => r[key])).toFixed(1));
out.cache = [...new Set(rows.map(r => r.cache))].join('/');
out.ascii = rows.every(r => r.ascii);
console.log(`${path.relative(ROOT, BUNDLE)} (${(fs.statSync(BUNDLE).size / 1024).toFixed(0)} KiB), ${RUNS} processos:`);
console.log(
    `  partida do Node até o script ${out.boot} ms; ler em UTF-8 ${out.readUtf8} ms + CRC-32 do texto ${out.crcText} ms` +
        ` × ler os bytes, conferir ASCII (${out.ascii ? 'sim' : 'não'}) e decodificar em Latin-1 ${out.readBytesLatin1} ms` +
        ` + CRC-32 dos bytes ${out.crcBytes} ms`
);
console.log(
    `  compilar com o cache de código (${out.cache}) ${out.compile} ms; nível de cima do pacote ${out.topLevel} ms`
);
