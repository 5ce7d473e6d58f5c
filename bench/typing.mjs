#!/usr/bin/env node
/**
 * Typing bursts and value-number edits against our server and the peer (yaml-language-server), the two targets of
 * issue 22 that bench/run.mjs does not measure:
 *
 *   1. value edits: N edits each of tM, qt and estimativa (and the same fields in the YAML catalogue) in the middle
 *      file, each edit undone by the next, different OCIs; each edit → that file's next publishDiagnostics. Ours must
 *      then report the rule the new number breaks (tM below tR → oci/tr-gt-tm; qt or estimativa → valor/divergente)
 *      and, after the undo, exactly the diagnostics of before;
 *   2. typing bursts: a new component line typed char by char (with a few typos and their backspaces) inside one
 *      OCI, 200 keystrokes one every 15 ms as incremental didChange; last keystroke → the publishDiagnostics of the
 *      final text (by its version when the server sends one, else the first publish after which the file's
 *      diagnostics stay the same for BENCH_QUIET_MS). Then the file is closed and reopened with the final text, and
 *      after the three bursts a fresh server opens the final catalogue: both must publish the same diagnostics
 *      (code, severity, range, message) as the burst left, for every file.
 *
 *   node bench/typing.mjs [--sizes 50,2000] [--edits 40] [--bursts 3] [--cpu-prof] [--update-readme]
 *   BENCH_SERVER=other/main.cjs node bench/typing.mjs --kinds ours   an A/B of a server bundle (prints, writes nothing)
 *   node bench/typing.mjs --render [--update-readme]     re-render bench/results/typing.json only
 *
 * Catalogues: bench/generate.ts into $BENCH_WORK or <tmp>/oci-bench-typing/<n>/ (as bench/run.mjs, in a folder of
 * their own so a concurrent `npm run bench` does not rewrite them mid-session). --cpu-prof runs our server under
 * `node --cpu-prof` and prints the self time of the burst windows (bench/profile.mjs --analyze).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    benchEnv,
    bundleBenchEntry,
    cpuTicks,
    flagReader,
    machineInfo,
    rewriteReadmeSection,
    SERVER_NODE_ARGV
} from './common.mjs';
import { answerConfiguration, exitOrTimeout, median, peerYamlSettings, percentile, spawnLspServer } from './lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireCjs = createRequire(import.meta.url);
const rpc = requireCjs('vscode-languageserver-protocol/node');

const argv = process.argv.slice(2);
const flag = flagReader(argv);
const has = name => argv.includes(name);
const SIZES = String(flag('--sizes', '50,2000'))
    .split(',')
    .map(Number)
    .filter(n => Number.isInteger(n) && n > 0);
const EDITS = Number(flag('--edits', '40'));
const BURSTS = Number(flag('--bursts', '3'));
const KEYSTROKES = 200;
const KEY_INTERVAL_MS = 15;
const QUIET_MS = Number(process.env.BENCH_QUIET_MS ?? 1500);
const PAUSE_MS = 100;
const CPU_PROF = has('--cpu-prof');
/** --kinds ours: only our server (an A/B of our server; the section needs both). */
const KINDS = String(flag('--kinds', 'ours,peer')).split(',');

const WORK = path.resolve(process.env.BENCH_WORK ?? path.join(os.tmpdir(), 'oci-bench-typing'));
const CACHE = path.join(ROOT, 'node_modules/.cache/oci-bench-typing');
const SIGTAP = path.resolve(
    ROOT,
    flag('--sigtap', '../shared/design/data/sigtap/TabelaUnificada_202601_v2601221740.zip')
);
/** BENCH_SERVER: another bundle of our server (an A/B of a change without rebuilding out/). */
const SERVER = path.resolve(process.env.BENCH_SERVER ?? path.join(ROOT, 'out/server/main.cjs'));
/** Started as the VS Code client starts it: through the entry beside the bundle (compile cache on; server/src/start.ts)
 * when the bundle has one (an older build, for an A/B, may not). */
const SERVER_ENTRY = fs.existsSync(path.join(path.dirname(SERVER), 'start.cjs'))
    ? path.join(path.dirname(SERVER), 'start.cjs')
    : SERVER;
const PEER = path.join(
    path.dirname(requireCjs.resolve('yaml-language-server/package.json')),
    'bin/yaml-language-server'
);
const SCHEMA = path.join(ROOT, 'bench/catalogo.schema.json');
const RESULTS = path.join(ROOT, 'bench/results/typing.json');
/** As bench/run.mjs: the catalogues name the SIGTAP zip in ../shared, outside their folders. */
const ENV = benchEnv(WORK);
const PROFILES = path.join(WORK, 'profiles');

/** The targets of issue 22 this script judges (ms). */
const TARGET_EDIT_P95_MS = 100;
const TARGET_BURST_MS = 150;

const log = text => process.stderr.write(`typing: ${text}\n`);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
/** CLOCK_MONOTONIC in µs: the clock of V8's --cpu-prof timestamps. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

// ── A tiny LSP client ────────────────────────────────────────────────────

/** Spawns a server, initializes it and tracks every publishDiagnostics (uri → [{ at, version, diagnostics }]). */
async function startServer(kind, dir) {
    const ours = kind === 'ours';
    const command = ours
        ? [
              process.execPath,
              ...SERVER_NODE_ARGV,
              ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', PROFILES] : []),
              SERVER_ENTRY,
              '--stdio'
          ]
        : [process.execPath, PEER, '--stdio'];
    const { server, connection, exited, stderr } = spawnLspServer(command, { cwd: dir, env: ENV });
    const publishes = new Map();
    let lastPublishAt = 0;
    connection.onNotification(rpc.PublishDiagnosticsNotification.type, params => {
        const at = performance.now();
        lastPublishAt = at;
        const list = publishes.get(params.uri) ?? [];
        list.push({ at, version: params.version, diagnostics: params.diagnostics });
        publishes.set(params.uri, list);
    });
    const configuration = answerConfiguration(connection, peerYamlSettings(SCHEMA));
    connection.onRequest((/** @type {string} */ _method, /** @type {unknown} */ _params) => null);
    connection.onNotification((/** @type {string} */ _method, /** @type {unknown} */ _params) => {});
    connection.listen();
    const fail = what => new Error(`${kind}: ${what}; stderr: ${stderr().slice(-1500)}`);

    await connection.sendRequest(rpc.InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
            textDocument: {
                synchronization: { dynamicRegistration: false, didSave: false },
                publishDiagnostics: { relatedInformation: true, versionSupport: true }
            },
            workspace: { configuration: true, workspaceFolders: true }
        }
    });
    await connection.sendNotification(rpc.InitializedNotification.type, {});
    if (!ours) {
        const until = performance.now() + 10_000;
        while (!configuration.answered() && performance.now() < until) await sleep(10);
        if (!configuration.answered()) throw fail('the YAML server did not ask for its configuration');
    }
    await sleep(300);

    const versions = new Map();
    const after = (uri, t) => (publishes.get(uri) ?? []).filter(p => p.at > t);
    return {
        kind,
        pid: server.pid,
        publishes,
        fail,
        lastPublishAt: () => lastPublishAt,
        version: uri => versions.get(uri),
        after,
        latest: uri => publishes.get(uri)?.at(-1)?.diagnostics ?? [],
        open(uri, text) {
            versions.set(uri, 1);
            return connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
                textDocument: { uri, languageId: ours ? 'oci' : 'yaml', version: 1, text }
            });
        },
        close(uri) {
            return connection.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        },
        change(uri, contentChanges) {
            const version = versions.get(uri) + 1;
            versions.set(uri, version);
            return connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
                textDocument: { uri, version },
                contentChanges
            });
        },
        /** The first publish for `uri` after `t`. */
        async next(uri, t, timeout = 120_000) {
            const until = performance.now() + timeout;
            for (;;) {
                const [p] = after(uri, t);
                if (p) return p;
                if (performance.now() > until) throw fail(`timed out waiting for the diagnostics of ${uri}`);
                if (server.exitCode !== null) throw fail(`server exited (${server.exitCode})`);
                await sleep(2);
            }
        },
        /** Waits until every uri has a publish after `t` and no publish came for QUIET_MS. */
        async settle(uris, t, timeout = 15 * 60_000) {
            const until = performance.now() + timeout;
            while (!(uris.every(u => after(u, t).length > 0) && performance.now() - lastPublishAt >= QUIET_MS)) {
                if (performance.now() > until) throw fail('timed out waiting for the diagnostics of every file');
                if (server.exitCode !== null) throw fail(`server exited (${server.exitCode})`);
                await sleep(20);
            }
            return lastPublishAt - t;
        },
        async shutdown() {
            await connection.sendRequest(rpc.ShutdownRequest.type);
            await connection.sendNotification(rpc.ExitNotification.type);
            const code = await exitOrTimeout(exited, 10_000);
            if (code === 'timeout') server.kill();
            connection.dispose();
        },
        kill() {
            if (server.exitCode === null && server.signalCode === null) server.kill();
        }
    };
}

// ── Diagnostics ──────────────────────────────────────────────────────────

/** Ours groups some diagnostics for the editor (data.agrupados): the codes a publish stands for. */
const codesOf = diagnostics =>
    diagnostics.flatMap(d => [
        String(d.code),
        ...(Array.isArray(d.data?.agrupados) ? d.data.agrupados.map(a => String(a.code)) : [])
    ]);
const keyOf = d =>
    `${d.code ?? ''}|${d.severity ?? ''}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
const canonical = diagnostics => diagnostics.map(keyOf).sort();
/** The differences between two lists of diagnostics (empty when equal as multisets). */
function diff(a, b) {
    const ka = canonical(a);
    const kb = canonical(b);
    const count = new Map();
    for (const k of ka) count.set(k, (count.get(k) ?? 0) + 1);
    for (const k of kb) count.set(k, (count.get(k) ?? 0) - 1);
    return [...count].filter(([, c]) => c !== 0).map(([k, c]) => `${c > 0 ? 'só antes' : 'só depois'}: ${k}`);
}

// ── Workload ─────────────────────────────────────────────────────────────

/** Text helpers over a document held as lines. */
const lineOf = (text, n) => text.split('\n', n + 1)[n] ?? '';
function applyChange(text, { range, text: insert }) {
    const lines = text.split('\n');
    const offset = p => lines.slice(0, p.line).reduce((s, l) => s + l.length + 1, 0) + p.character;
    return text.slice(0, offset(range.start)) + insert + text.slice(offset(range.end));
}
const rangeAt = (line, character, length) => ({
    start: { line, character },
    end: { line, character: character + length }
});

/**
 * Where the value edits act in one OCI: tM (the line after tR), and the qt and estimativa of its first component.
 * `to` is the new text: tM 1 (below any tR: oci/tr-gt-tm), qt + 1 and estimativa 999,99 (valor/divergente).
 */
function valueSpots(text, anchors, ours) {
    const tmLine = anchors.tR.line + 1;
    const tm = /(tM:? )(\d+)/.exec(lineOf(text, tmLine));
    const spots = [];
    if (tm) spots.push({ field: 'tM', line: tmLine, character: tm.index + tm[1].length, from: tm[2], to: '1' });
    let qtLine = anchors.componente.line;
    let estLine = anchors.componente.line;
    if (!ours) {
        for (qtLine = anchors.componente.line; !/^\s+qt: /.test(lineOf(text, qtLine)); qtLine++);
        for (estLine = qtLine; !/^\s+estimativa: /.test(lineOf(text, estLine)); estLine++);
    }
    const qt = (ours ? / qt (\d+)/ : /qt: (\d+)/).exec(lineOf(text, qtLine));
    if (qt)
        spots.push({
            field: 'qt',
            line: qtLine,
            character: qt.index + qt[0].length - qt[1].length,
            from: qt[1],
            to: String(Number(qt[1]) + 1)
        });
    const est = (ours ? /estimativa R\$ ([\d.,]+)/ : /estimativa: ([\d.]+)/).exec(lineOf(text, estLine));
    if (est) {
        const to = ours ? (est[1] === '999,99' ? '111,11' : '999,99') : est[1] === '999.99' ? '111.11' : '999.99';
        spots.push({
            field: 'estimativa',
            line: estLine,
            character: est.index + est[0].length - est[1].length,
            from: est[1],
            to
        });
    }
    return spots;
}
/** The rule ours must report after each value edit. */
const EXPECTED_CODE = { tM: 'oci/tr-gt-tm', qt: 'valor/divergente', estimativa: 'valor/divergente' };

/**
 * The keystrokes that type a new component line at the end of `line` (ours: `eventual CODE "NOME" qt 1 frequencia
 * 10% estimativa R$ 2,97`; YAML: the same component as a mapping, indented by hand), exactly KEYSTROKES of them:
 * the line's characters plus typos (a wrong letter and its backspace) spread over it.
 */
function keystrokes(text, line, ours, comp) {
    const end = lineOf(text, line).length;
    const typed = ours
        ? `\n  eventual ${comp.codigo} ${JSON.stringify(comp.nome)} qt 1 frequencia 10% estimativa R$ 2,97`
        : `\n      - tipo: eventual\n        codigo: "${comp.codigo}"\n        nome: ${JSON.stringify(comp.nome)}\n        qt: 1\n        frequencia: 10\n        estimativa: 2.97`;
    // The name is cut when the line would leave room for fewer than 3 typos.
    const room = KEYSTROKES - 6 - (typed.length - JSON.stringify(comp.nome).length + 2);
    if (comp.nome.length > room)
        return keystrokes(text, line, ours, { ...comp, nome: comp.nome.slice(0, room).trim() });
    let chars = [...typed];
    const typos = Math.floor((KEYSTROKES - chars.length) / 2);
    const spare = KEYSTROKES - chars.length - 2 * typos; // 0 or 1: one more space at the end of the line
    if (spare) chars = [...chars, ' '];
    const typoAt = new Set(Array.from({ length: typos }, (_, k) => Math.floor(((k + 0.5) * chars.length) / typos)));
    const keys = [];
    let pos = { line, character: end };
    for (let i = 0; i < chars.length; i++) {
        const c = chars[i];
        if (typoAt.has(i) && c !== '\n') {
            keys.push({ range: { start: pos, end: pos }, text: 'x' });
            keys.push({ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' });
        }
        keys.push({ range: { start: pos, end: pos }, text: c });
        pos = c === '\n' ? { line: pos.line + 1, character: 0 } : { line: pos.line, character: pos.character + 1 };
    }
    // A typo skipped at a newline: make the count exact with typos at the end.
    while (keys.length < KEYSTROKES) {
        keys.push({ range: { start: pos, end: pos }, text: 'x' });
        keys.push({ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' });
    }
    return { keys: keys.slice(0, KEYSTROKES), typed: chars.join('') };
}

// ── Generation ───────────────────────────────────────────────────────────

async function catalogue(n) {
    const generator = path.join(CACHE, 'generate.mjs');
    if (!fs.existsSync(generator)) await bundleBenchEntry(ROOT, 'generate', generator);
    const out = path.join(WORK, String(n));
    execFileSync(process.execPath, [generator, '--sigtap', SIGTAP, '--ocis', String(n), '--out', out], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit']
    });
    return { out, manifest: JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) };
}

// ── One server, one size ─────────────────────────────────────────────────

async function measure(kind, dir, manifest) {
    const ours = kind === 'ours';
    const ext = ours ? 'oci' : 'yaml';
    const folder = path.join(dir, ext);
    const names = [manifest.header[ext], ...manifest.files.map(f => f[ext])];
    const uriOf = name => pathToFileURL(path.join(folder, name)).toString();
    const texts = new Map(names.map(n => [uriOf(n), fs.readFileSync(path.join(folder, n), 'utf8')]));
    const uris = [...texts.keys()];
    const middle = Math.floor(manifest.files.length / 2);
    const uri = uriOf(manifest.files[middle][ext]);
    const anchors = ours ? manifest.files[middle].ociAnchors : manifest.files[middle].yamlAnchors;
    const injected = new Set(manifest.errors.filter(e => e.file === middle).map(e => e.oci));
    const clean = anchors.map((a, i) => ({ a, i })).filter(x => !injected.has(x.i));

    const s = await startServer(kind, folder);
    const marks = {};
    try {
        // ── open everything ──
        const t0 = performance.now();
        for (const u of uris) await s.open(u, texts.get(u));
        const openAllMs = await s.settle(uris, t0);
        log(`  ${kind}: ${uris.length} arquivos abertos, diagnósticos em ${openAllMs.toFixed(0)} ms`);

        // ── value edits ──
        const edits = {};
        const wrong = [];
        let text = texts.get(uri);
        let phase = monotonicUs();
        for (const field of ['tM', 'qt', 'estimativa']) {
            const samples = [];
            const targets = Array.from(
                { length: Math.ceil(EDITS / 2) },
                (_, k) => clean[Math.floor((k * clean.length) / Math.ceil(EDITS / 2)) % clean.length].a
            );
            for (let j = 0; j < EDITS; j++) {
                const a = targets[Math.floor(j / 2)];
                const undo = j % 2 === 1;
                // The edit writes `to` over `from`; the undo (next j, same OCI) writes `from` back over `to`.
                const spot = undo ? a.__spot : valueSpots(text, a, ours).find(x => x.field === field);
                if (!spot) throw s.fail(`no ${field} in the OCI at line ${a.first}`);
                const before = s.latest(uri);
                const c = undo
                    ? { range: rangeAt(spot.line, spot.character, spot.to.length), text: spot.from }
                    : { range: rangeAt(spot.line, spot.character, spot.from.length), text: spot.to };
                a.__spot = spot;
                text = applyChange(text, c);
                const sent = performance.now();
                await s.change(uri, [c]);
                const p = await s.next(uri, sent);
                samples.push(p.at - sent);
                const inside = p.diagnostics.filter(d => d.range.start.line >= a.first && d.range.start.line <= a.last);
                if (!undo) {
                    a.__baseline = before;
                    if (ours && !codesOf(inside).includes(EXPECTED_CODE[field]))
                        wrong.push(`${field} ${c.text} (linha ${spot.line + 1}): sem ${EXPECTED_CODE[field]}`);
                } else if (diff(a.__baseline, p.diagnostics).length)
                    wrong.push(`${field} desfeito (linha ${spot.line + 1}): ${diff(a.__baseline, p.diagnostics)[0]}`);
                await sleep(PAUSE_MS);
            }
            edits[field] = samples;
        }
        if (text !== texts.get(uri)) throw s.fail('the value edits did not restore the text');
        marks.edits = [phase, monotonicUs()];

        // ── typing bursts ──
        const comps = [
            ...text.matchAll(
                ours
                    ? /(\d\d\.\d\d\.\d\d\.\d{3}-\d) "([^"]+)"/g
                    : /codigo: "(\d\d\.\d\d\.\d\d\.\d{3}-\d)"\n\s+nome: "([^"]+)"/g
            )
        ];
        const bursts = [];
        for (let b = 0; b < BURSTS; b++) {
            const a = clean[Math.floor(((b + 0.5) * clean.length) / BURSTS)].a;
            const ociText = text
                .split('\n')
                .slice(a.first, a.last + 1)
                .join('\n');
            // A procedure of another OCI of the file that this OCI does not have yet.
            const [, codigo, nome] = comps.find(m => !ociText.includes(m[1]) && m[2].length > 30) ?? comps[0];
            let line = a.componente.line;
            if (!ours) for (line++; !/^\s+estimativa: /.test(lineOf(text, line)); line++);
            const { keys, typed } = keystrokes(text, line, ours, { codigo, nome });
            const typedLines = typed.split('\n').length - 1;
            // Later anchors of this file move down by the typed lines (bursts go top to bottom).
            for (const x of clean) if (x.a.first > a.first) shiftAnchors(x.a, typedLines);
            phase = monotonicUs();
            const startAt = performance.now();
            let lastAt = 0;
            for (let k = 0; k < keys.length; k++) {
                const due = startAt + k * KEY_INTERVAL_MS;
                while (performance.now() < due) await sleep(Math.max(0, Math.min(4, due - performance.now())));
                text = applyChange(text, keys[k]);
                lastAt = performance.now();
                await s.change(uri, [keys[k]]);
            }
            const burstMs = lastAt - startAt;
            const finalVersion = s.version(uri);
            // The publish of the final text: by version when the server sends one, else the first after which the
            // file's diagnostics stay the same until it has been quiet for QUIET_MS.
            const until = performance.now() + 120_000;
            for (;;) {
                const list = s.after(uri, lastAt);
                const last = list.at(-1);
                if (last && (last.version === finalVersion || performance.now() - last.at >= QUIET_MS)) break;
                if (performance.now() > until) throw s.fail('no diagnostics after the burst');
                await sleep(20);
            }
            await s.settle([], lastAt); // let the other files' publishes end too
            marks[`burst${b + 1}`] = [phase, monotonicUs()];
            const list = s.after(uri, lastAt);
            const final = list.at(-1);
            const withVersion = list.find(p => p.version === finalVersion);
            let settledAt = final.at;
            if (!withVersion)
                for (let i = list.length - 1; i >= 0 && !diff(list[i].diagnostics, final.diagnostics).length; i--)
                    settledAt = list[i].at;
            const afterBurst = new Map(uris.map(u => [u, s.latest(u)]));
            // Close and reopen the final text.
            await s.close(uri);
            await sleep(PAUSE_MS);
            const reopened = performance.now();
            texts.set(uri, text);
            await s.open(uri, text);
            await s.next(uri, reopened);
            await s.settle([uri], reopened);
            const reopenDiff = diff(afterBurst.get(uri), s.latest(uri));
            bursts.push({
                keystrokes: keys.length,
                burstMs,
                lastKeyToFirstPublishMs: list[0].at - lastAt,
                lastKeyToFinalMs: (withVersion?.at ?? settledAt) - lastAt,
                byVersion: Boolean(withVersion),
                publishesAfterLastKey: list.length,
                /** Every publish for the file from the first keystroke, ms after it. */
                publishesFromFirstKeyMs: s
                    .after(uri, startAt)
                    .filter(p => p.at <= final.at)
                    .map(p => Math.round(p.at - startAt)),
                diagnostics: final.diagnostics.length,
                codes: [...new Set(codesOf(final.diagnostics))].sort(),
                reopenEqual: reopenDiff.length === 0,
                reopenDiff: reopenDiff.slice(0, 10)
            });
            log(
                `  ${kind}: rajada ${b + 1}: última tecla → diagnósticos finais ${bursts.at(-1).lastKeyToFinalMs.toFixed(0)} ms ` +
                    `(${list.length} publicações; reabrir ${reopenDiff.length ? 'DIFERE' : 'igual'})`
            );
            if (reopenDiff.length) log(`    ${reopenDiff.slice(0, 5).join('\n    ')}`);
        }
        const sessionEnd = new Map(uris.map(u => [u, s.latest(u)]));
        await s.shutdown();

        // ── a fresh server opens the final text ──
        const f = await startServer(kind, folder);
        let freshDiff = [];
        try {
            const t1 = performance.now();
            for (const u of uris) await f.open(u, texts.get(u));
            await f.settle(uris, t1);
            freshDiff = uris.flatMap(u => diff(sessionEnd.get(u), f.latest(u)).map(d => `${path.basename(u)} ${d}`));
            await f.shutdown();
        } finally {
            f.kill();
        }
        if (freshDiff.length) log(`  ${kind}: sessão nova DIFERE:\n    ${freshDiff.slice(0, 8).join('\n    ')}`);
        return { openAllMs, edits, wrongEdits: wrong, bursts, freshEqual: freshDiff.length === 0, freshDiff, marks };
    } finally {
        s.kill();
    }
}

/** Moves an OCI's anchors `n` lines down. */
function shiftAnchors(a, n) {
    for (const key of ['codigo', 'tR', 'componente', 'sexo', 'novoItem']) a[key].line += n;
    a.first += n;
    a.last += n;
}

// ── Profile of the burst windows ─────────────────────────────────────────

/** Cuts a .cpuprofile to [fromUs, toUs] and prints its self time with bench/profile.mjs --analyze. */
function profileWindows(before, windows) {
    const file = fs
        .readdirSync(PROFILES)
        .filter(f => f.endsWith('.cpuprofile') && !before.has(f))
        .map(f => path.join(PROFILES, f))
        .sort((x, y) => fs.statSync(x).mtimeMs - fs.statSync(y).mtimeMs)[0];
    if (!file) return undefined;
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    let t = profile.startTime;
    const samples = [];
    const times = [];
    profile.samples.forEach((id, i) => {
        t += profile.timeDeltas[i];
        if (windows.some(([a, b]) => t >= a && t <= b)) {
            samples.push(id);
            times.push(t);
        }
    });
    const cut = {
        ...profile,
        startTime: times[0] ?? profile.startTime,
        endTime: times.at(-1) ?? profile.startTime,
        samples,
        timeDeltas: times.map((x, i) => (i === 0 ? 0 : Math.min(x - times[i - 1], 20_000)))
    };
    const out = file.replace(/\.cpuprofile$/, '.rajadas.cpuprofile');
    fs.writeFileSync(out, JSON.stringify(cut));
    const text = execFileSync(
        process.execPath,
        [path.join(ROOT, 'bench/profile.mjs'), '--analyze', out, '--bundle', SERVER],
        {
            cwd: ROOT,
            encoding: 'utf8'
        }
    );
    return { file: out, text };
}

// ── Report ───────────────────────────────────────────────────────────────

const fmt = v => (v === undefined || Number.isNaN(v) ? '—' : `${Math.round(v).toLocaleString('pt-BR')} ms`);
/** par ÷ nosso, as in the table of bench/run.mjs. */
const ratio = (ours, peer) => (ours && peer ? `${(peer / ours).toFixed(1).replace('.', ',')}×` : '—');
const n = v => v.toLocaleString('pt-BR');

function summarize(r) {
    const stat = list => ({ p50: percentile(list, 50), p95: percentile(list, 95), max: Math.max(...list) });
    const all = Object.values(r.edits).flat();
    return {
        edits: Object.fromEntries([...Object.entries(r.edits).map(([k, v]) => [k, stat(v)]), ['todos', stat(all)]]),
        burstMs: median(r.bursts.map(b => b.lastKeyToFinalMs)),
        burstRunsMs: r.bursts.map(b => b.lastKeyToFinalMs),
        equal: r.bursts.every(b => b.reopenEqual) && r.freshEqual,
        wrongEdits: r.wrongEdits.length
    };
}

function markdown(results) {
    const out = [];
    const m = results.machine;
    const { before, after } = results.load;
    out.push(
        `Última execução: ${results.date.slice(0, 10)}, commit ${m.commit}; ${m.nproc} núcleos, Node ${m.node}, ` +
            `yaml-language-server ${m.yamlLanguageServer}. Edições de número: ${results.edits} de cada campo ` +
            `(tM, qt, estimativa) no arquivo do meio, em OCIs diferentes, cada uma desfeita pela seguinte; tempo até a ` +
            `próxima publicação de diagnósticos do arquivo. Rajada: ${results.keystrokes} teclas, uma a cada ` +
            `${results.keyIntervalMs} ms (uma linha de componente nova digitada com alguns erros e backspaces), ` +
            `didChange incremental; tempo da última tecla até os diagnósticos do texto final (mediana de ` +
            `${results.bursts} rajadas; entre parênteses, cada uma).`,
        '',
        '| OCIs | medida | nosso | par (yaml-language-server) | par ÷ nosso |',
        '|---:|---|---:|---:|---:|'
    );
    const label = { tM: 'tM', qt: 'qt', estimativa: 'estimativa', todos: 'número (tM, qt e estimativa juntos)' };
    for (const r of results.sizes) {
        const o = summarize(r.ours);
        const p = summarize(r.peer);
        for (const field of ['tM', 'qt', 'estimativa', 'todos'])
            out.push(
                `| ${n(r.size)} | edição de ${label[field]} → diagnósticos, p50 / p95 | ` +
                    `${fmt(o.edits[field].p50)} / ${fmt(o.edits[field].p95)} | ` +
                    `${fmt(p.edits[field].p50)} / ${fmt(p.edits[field].p95)} | ${ratio(o.edits[field].p95, p.edits[field].p95)} |`
            );
        const runs = x => x.burstRunsMs.map(v => Math.round(v).toLocaleString('pt-BR')).join(', ');
        out.push(
            `| ${n(r.size)} | rajada: última tecla → diagnósticos do texto final | ${fmt(o.burstMs)} (${runs(o)}) | ` +
                `${fmt(p.burstMs)} (${runs(p)}) | ${ratio(o.burstMs, p.burstMs)} |`,
            `| ${n(r.size)} | diagnósticos após a rajada = fechar e reabrir = servidor novo (todos os arquivos) | ` +
                `${o.equal ? 'iguais' : '**diferentes**'} | ${p.equal ? 'iguais' : '**diferentes**'} | — |`,
            `| ${n(r.size)} | diagnóstico da regra após cada edição (tM < tR: oci/tr-gt-tm; qt, estimativa: ` +
                `valor/divergente) e os de antes após desfazer | ${o.wrongEdits ? `**${o.wrongEdits} falhas**` : 'sim'} | ` +
                `${p.wrongEdits ? `${p.wrongEdits} diferenças após desfazer` : '— (o schema não os expressa)'} | — |`
        );
    }
    const busy = Math.max(before.cpuPct ?? 0, after.cpuPct ?? 0);
    if (busy > 25 || before.loadAverage[0] > m.nproc)
        out.push(
            '',
            `**Atenção:** máquina compartilhada — carga média ${before.loadAverage.join(' / ')} antes e ` +
                `${after.loadAverage.join(' / ')} depois (1, 5 e 15 min; ${m.nproc} núcleos), CPU ocupada por outros processos ` +
                `${before.cpuPct ?? '?'}% antes e ${after.cpuPct ?? '?'}% depois; os tempos absolutos saem piores que ` +
                'numa máquina livre (a razão entre os dois servidores, medidos na mesma janela, sofre menos).'
        );
    const big = results.sizes.find(r => r.size === 2000) ?? results.sizes.at(-1);
    if (big) {
        const o = summarize(big.ours);
        const yes = ok => (ok ? 'sim' : '**não**');
        out.push(
            '',
            '| alvo (issue 22) | medido | ok? |',
            '|---|---|:---:|',
            `| ${n(big.size)} OCIs: edição de número (tM, qt, estimativa) → diagnósticos p95 < ${TARGET_EDIT_P95_MS} ms | ` +
                `${fmt(o.edits.todos.p95)} | ${yes(o.edits.todos.p95 < TARGET_EDIT_P95_MS)} |`,
            `| ${n(big.size)} OCIs: rajada de ${results.keystrokes} teclas → diagnósticos do texto final < ${TARGET_BURST_MS} ms ` +
                `após a última tecla | ${fmt(o.burstMs)} | ${yes(o.burstMs < TARGET_BURST_MS)} |`,
            `| diagnósticos após a rajada iguais aos de abrir o texto final | ${o.equal ? 'iguais' : 'diferentes'} | ${yes(o.equal)} |`
        );
    }
    if (results.profileTop)
        out.push(
            '',
            `Perfil de CPU do nosso servidor nas janelas das rajadas (${n(results.sizes.at(-1).size)} OCIs, \`--cpu-prof\`; ` +
                'tempo próprio, as 12 primeiras funções):',
            '',
            '```',
            ...results.profileTop,
            '```'
        );
    return out.join('\n');
}

// ── Main ─────────────────────────────────────────────────────────────────

async function cpuBusyPct(ms = 2000) {
    const a = cpuTicks();
    await sleep(ms);
    const b = cpuTicks();
    if (!a || !b || b.total === a.total) return undefined;
    return Math.round(100 * (1 - (b.idle - a.idle) / (b.total - a.total)));
}

function update(md) {
    if (rewriteReadmeSection(ROOT, 'typing', md)) log('bench/README.md: seção de digitação reescrita');
    else log('bench/README.md não tem os marcadores <!-- typing:start --> / <!-- typing:end -->; nada reescrito');
}

if (has('--render')) {
    const saved = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
    saved.markdown = markdown(saved);
    fs.writeFileSync(RESULTS, JSON.stringify(saved, null, 2) + '\n');
    process.stdout.write(saved.markdown + '\n');
    if (has('--update-readme')) update(saved.markdown);
    process.exit(0);
}

if (!fs.existsSync(SERVER)) {
    log(`falta o servidor (npm run bundle): ${SERVER}`);
    process.exit(2);
}
fs.mkdirSync(CACHE, { recursive: true });
fs.mkdirSync(PROFILES, { recursive: true });
const started = Date.now();
const before = { loadAverage: os.loadavg().map(l => Number(l.toFixed(2))), cpuPct: await cpuBusyPct() };
const results = {
    date: new Date().toISOString(),
    machine: {
        ...machineInfo(ROOT),
        yamlLanguageServer: requireCjs('yaml-language-server/package.json').version
    },
    server: SERVER,
    cpuProf: CPU_PROF,
    edits: EDITS,
    bursts: BURSTS,
    keystrokes: KEYSTROKES,
    keyIntervalMs: KEY_INTERVAL_MS,
    quietMs: QUIET_MS,
    sizes: []
};
let profile;
for (const size of SIZES) {
    const { out, manifest } = await catalogue(size);
    log(`${n(size)} OCIs (${out})`);
    const profilesBefore = new Set(fs.readdirSync(PROFILES));
    const ours = KINDS.includes('ours') ? await measure('ours', out, manifest) : undefined;
    if (ours && CPU_PROF && size === SIZES.at(-1)) {
        await sleep(1000); // the profile is written at exit
        profile = profileWindows(
            profilesBefore,
            Object.entries(ours.marks)
                .filter(([k]) => k.startsWith('burst'))
                .map(([, w]) => w)
        );
        if (profile) process.stdout.write(`perfil das rajadas (${profile.file}):\n${profile.text}\n`);
    }
    const peer = KINDS.includes('peer') ? await measure('peer', out, manifest) : undefined;
    results.sizes.push({ size, files: manifest.files.length + 1, ours, peer });
}
results.load = {
    before,
    after: { loadAverage: os.loadavg().map(l => Number(l.toFixed(2))), cpuPct: await cpuBusyPct() }
};
results.elapsedS = Math.round((Date.now() - started) / 1000);
if (profile) {
    results.profileText = profile.text;
    const lines = profile.text.split('\n');
    const from = lines.findIndex(l => l.startsWith('-- tempo próprio'));
    results.profileTop = [lines.find(l => l.startsWith('==')), ...lines.slice(from + 1, from + 13)];
}
if (KINDS.length < 2) {
    // A partial run (an A/B) prints its figures and leaves bench/results/typing.json alone.
    for (const r of results.sizes)
        for (const k of KINDS)
            process.stdout.write(`${k} ${r.size}: ${JSON.stringify({ ...summarize(r[k]), bursts: r[k].bursts })}\n`);
    process.exit(0);
}
results.markdown = markdown(results);
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(results.markdown + '\n');
if (has('--update-readme')) update(results.markdown);
