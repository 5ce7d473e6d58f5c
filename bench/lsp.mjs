/**
 * One benchmark session against a language server over stdio LSP, the way an editor talks to
 * it (vscode-languageserver-protocol/node, as test/server/lsp-stdio.test.ts does):
 *
 *   1. initialize (no workspace folder: both servers see exactly the files the client opens),
 *      answer workspace/configuration (the YAML server pulls its schema mapping from there);
 *   2. didOpen every file of the catalogue → time until every file has diagnostics and the
 *      server has been quiet for a while (the figure is the arrival of the last publish);
 *   3. didChange one OCI (tR 21 → 99 and back, incremental edits) → time to that file's next
 *      publishDiagnostics, over N edits of different OCIs;
 *   4. hover over procedure codes and OCI codes of different OCIs;
 *   5. completion of an enumerated value (the public's sex: ambos / feminino / masculino) in
 *      both, and on a new line (ours: a new OCI item; YAML: inside a component's mapping,
 *      where the schema still has properties to offer);
 *   6. (ours only) completion of a procedure code by name (`eventual ultrass|`);
 *   7. peak RSS (VmHWM of /proc/<pid>/status), shutdown, exit.
 *
 * A cold session (`cold`, with `openOnly`) is what a user waits for when the editor starts with the
 * files open: didOpen of every file right after `initialized` (no pause, no wait for the peer's
 * configuration request), timed from the spawn of the process (spawnAllMs) as well as from the
 * first didOpen (openAllMs), with the server's CPU time (user + system, /proc/<pid>/stat) when
 * the last diagnostics arrived — so work moved from didOpen into startup can never look like a gain.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const requireCjs = createRequire(import.meta.url);
const rpc = requireCjs('vscode-languageserver-protocol/node');

const QUIET_MS = Number(process.env.BENCH_QUIET_MS ?? 1500);
const PAUSE_MS = 100;

export function percentile(samples, p) {
    if (samples.length === 0) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples) {
    if (samples.length === 0) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
/** CLOCK_MONOTONIC in µs: the clock of V8's --cpu-prof timestamps, so phases can cut a server profile. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** USER_HZ: 100 on every Linux the benchmark runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;
/** CPU time (user + system) of a process so far, in ms (/proc/<pid>/stat); NaN off Linux. */
function readCpuMs(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
    } catch {
        return NaN;
    }
}
function readStatus(pid) {
    try {
        const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = key => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
        return { hwmKb: kb('VmHWM'), rssKb: kb('VmRSS') };
    } catch {
        return { hwmKb: NaN, rssKb: NaN };
    }
}

/**
 * The peer's settings: yaml-language-server with the catalogue's JSON Schema on every `*.yaml`, validation,
 * hover and completion on, and no schema store or formatting.
 * @param {string | undefined} schemaPath
 */
export function peerYamlSettings(schemaPath) {
    return {
        schemas: schemaPath ? { [pathToFileURL(schemaPath).toString()]: ['*.yaml'] } : {},
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        maxItemsComputed: 100000
    };
}

/**
 * A language server over stdio with its protocol connection (not listening yet): `stderr()` is the last 4,000
 * characters it wrote there, `exited` its exit code.
 * @param {string[]} command
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv }} o
 */
export function spawnLspServer(command, o) {
    let stderr = '';
    const server = spawn(command[0] ?? '', command.slice(1), {
        cwd: o.cwd,
        env: o.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe']
    });
    server.stderr.on('data', chunk => {
        stderr = (stderr + String(chunk)).slice(-4000);
    });
    /** @type {Promise<number | null>} */
    const exited = new Promise(resolve => server.once('exit', code => resolve(code)));
    const connection = rpc.createProtocolConnection(
        new rpc.StreamMessageReader(server.stdout),
        new rpc.StreamMessageWriter(server.stdin)
    );
    return { server, connection, exited, stderr: () => stderr };
}

/**
 * The server's exit code, or 'timeout' after `ms`. The timer is cleared when the server exits first: a pending one
 * kept the harness alive for the whole wait (profile.mjs --heap sat 2 minutes after its server had exited).
 * @param {Promise<number | null>} exited
 * @param {number} ms
 * @returns {Promise<number | null | 'timeout'>}
 */
export async function exitOrTimeout(exited, ms) {
    let timer;
    try {
        return await Promise.race([exited, new Promise(resolve => (timer = setTimeout(() => resolve('timeout'), ms)))]);
    } finally {
        clearTimeout(timer);
    }
}

/**
 * Answers workspace/configuration as an editor with only the peer's settings would: `yamlSettings` for the
 * section "yaml", `{}` for another section, null without one. `answered()` says whether the server asked.
 * @param {any} connection
 * @param {object} yamlSettings
 */
export function answerConfiguration(connection, yamlSettings) {
    let answered = false;
    connection.onRequest(
        rpc.ConfigurationRequest.type,
        (/** @type {{ items: Array<{ section?: string }> }} */ params) => {
            answered = true;
            return params.items.map(item => (item.section === 'yaml' ? yamlSettings : item.section ? {} : null));
        }
    );
    return { answered: () => answered };
}

/**
 * @param {object} o
 * @param {'ours'|'peer'} o.kind
 * @param {string[]} o.command  executable and arguments of the server
 * @param {string} o.dir        folder of the catalogue (oci/ or yaml/)
 * @param {object} [o.env]      environment of the server process
 * @param {object} o.manifest   from bench/generate.ts
 * @param {string} [o.schemaPath]  JSON Schema for the YAML server
 * @param {number} o.edits
 * @param {number} [o.hovers]
 * @param {number} [o.completions]
 * @param {boolean} [o.openOnly]  stop after step 2 (repeated runs of the full-diagnostics figure)
 * @param {boolean} [o.cold]  didOpen right after `initialized`; adds spawnAllMs and the server's CPU (see above)
 * @param {number} [o.exitWaitMs]  how long the server may take to exit after `exit` before it is killed (default 5 s;
 *   profile.mjs --heap gives it the time to write its heap snapshot)
 */
export async function runSession(o) {
    const ours = o.kind === 'ours';
    const ext = ours ? 'oci' : 'yaml';
    const languageId = ours ? 'oci' : 'yaml';
    const fileNames = [o.manifest.header[ext], ...o.manifest.files.map(f => f[ext])];
    const uriOf = name => pathToFileURL(path.join(o.dir, name)).toString();
    const texts = new Map(fileNames.map(n => [uriOf(n), fs.readFileSync(path.join(o.dir, n), 'utf8')]));
    const uris = [...texts.keys()];

    const yamlSettings = peerYamlSettings(o.schemaPath);

    const spawnedAt = performance.now();
    const { server, connection, exited, stderr } = spawnLspServer(o.command, { cwd: o.dir, env: o.env });

    /** uri → list of { at, diagnostics } */
    const publishes = new Map();
    let lastPublishAt = 0;
    /** Cold sessions: the server's CPU when the last diagnostics arrived (work after them is not waited for). */
    let lastPublishCpuMs = NaN;
    const listeners = new Set();
    connection.onNotification(rpc.PublishDiagnosticsNotification.type, params => {
        const at = performance.now();
        lastPublishAt = at;
        if (o.cold) lastPublishCpuMs = readCpuMs(server.pid);
        const list = publishes.get(params.uri) ?? [];
        list.push({ at, diagnostics: params.diagnostics });
        publishes.set(params.uri, list);
        for (const l of [...listeners]) l(params.uri, at);
    });
    const configuration = answerConfiguration(connection, yamlSettings);
    connection.onRequest((/** @type {string} */ method, /** @type {unknown} */ _params) => {
        if (method === 'workspace/configuration') return [];
        return null;
    });
    connection.onNotification((/** @type {string} */ _method, /** @type {unknown} */ _params) => {});
    connection.listen();

    async function shutdown() {
        await connection.sendRequest(rpc.ShutdownRequest.type);
        await connection.sendNotification(rpc.ExitNotification.type);
        const code = await exitOrTimeout(exited, o.exitWaitMs ?? 5000);
        if (code === 'timeout') server.kill();
        connection.dispose();
        return code;
    }
    const fail = what => new Error(`${o.kind}: ${what}; stderr: ${stderr().slice(-1500)}`);
    const nextPublish = (uri, after, timeout = 120_000) =>
        new Promise((resolve, reject) => {
            const existing = (publishes.get(uri) ?? []).find(p => p.at > after);
            if (existing) return resolve(existing);
            const timer = setTimeout(() => {
                listeners.delete(l);
                reject(fail(`timed out waiting for diagnostics of ${uri}`));
            }, timeout);
            const l = (u, at) => {
                if (u !== uri || at <= after) return;
                clearTimeout(timer);
                listeners.delete(l);
                resolve(publishes.get(uri).at(-1));
            };
            listeners.add(l);
        });

    // The server never outlives the session, even when a phase fails or times out.
    try {
        return await session();
    } finally {
        if (server.exitCode === null && server.signalCode === null) server.kill();
    }

    async function session() {
        const init = await connection.sendRequest(rpc.InitializeRequest.type, {
            processId: process.pid,
            rootUri: null,
            workspaceFolders: null,
            capabilities: {
                textDocument: {
                    synchronization: { dynamicRegistration: false, didSave: false },
                    publishDiagnostics: { relatedInformation: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: {
                        completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }
                    }
                },
                workspace: {
                    configuration: true,
                    workspaceFolders: true,
                    didChangeConfiguration: { dynamicRegistration: false }
                }
            }
        });
        if (!init.capabilities.hoverProvider || !init.capabilities.completionProvider)
            throw fail('server lacks hover or completion');
        await connection.sendNotification(rpc.InitializedNotification.type, {});
        if (!ours && !o.cold) {
            // The YAML server pulls its settings (the schema mapping) right after `initialized`.
            const until = performance.now() + 10_000;
            while (!configuration.answered() && performance.now() < until) await sleep(10);
            if (!configuration.answered()) throw fail('the YAML server did not ask for its configuration');
        }
        if (!o.cold) await sleep(300);
        const startupRss = readStatus(server.pid);

        // ── 2. didOpen everything → all diagnostics ──────────────────────────
        const marks = {};
        const mark = (name, from) => {
            marks[name] = [from, monotonicUs()];
        };
        let phaseStart = monotonicUs();
        const versions = new Map(uris.map(u => [u, 1]));
        const t0 = performance.now();
        for (const uri of uris) {
            await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
                textDocument: { uri, languageId, version: 1, text: texts.get(uri) }
            });
        }
        const allPublished = () => uris.every(u => (publishes.get(u) ?? []).some(p => p.at > t0));
        const deadline = t0 + 15 * 60_000;
        while (!(allPublished() && performance.now() - lastPublishAt >= QUIET_MS)) {
            if (performance.now() > deadline) throw fail('timed out waiting for the diagnostics of every file');
            if (server.exitCode !== null) throw fail(`server exited (${server.exitCode})`);
            await sleep(20);
        }
        const openAllMs = lastPublishAt - t0;
        const spawnAllMs = lastPublishAt - spawnedAt;
        const openCpuMs = lastPublishCpuMs;
        /** publishDiagnostics received while opening (one per file when nothing is validated twice). */
        const openPublishes = uris.reduce((sum, u) => sum + (publishes.get(u) ?? []).filter(p => p.at > t0).length, 0);
        // For profile.mjs: the process's start-up (spawn → first didOpen) and the span the full-diagnostics figure
        // measures (first didOpen → last publish), on the clock of the other marks.
        marks.startup = [phaseStart - Math.round((t0 - spawnedAt) * 1000), phaseStart];
        marks.diagnostics = [phaseStart, phaseStart + Math.round((lastPublishAt - t0) * 1000)];
        mark('open', phaseStart);
        const firstAllMs = Math.max(...uris.map(u => publishes.get(u).find(p => p.at > t0).at)) - t0;
        const latest = uri => publishes.get(uri).at(-1).diagnostics;
        const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
        for (const uri of uris)
            for (const d of latest(uri)) bySeverity[['', 'error', 'warning', 'info', 'hint'][d.severity ?? 1]]++;

        // Which deliberate errors did the server catch (an error — or, for valor-divergente, a warning — inside the
        // OCI)?
        const detection = o.manifest.errors.map(e => {
            const uri = uriOf(o.manifest.files[e.file][ext]);
            const [first, last] = ours ? e.ociLines : e.yamlLines;
            const inside = latest(uri).filter(
                d => d.range.start.line >= first && d.range.start.line <= last && (d.severity ?? 1) <= 2
            );
            const caught = ours ? inside.some(d => e.codes.includes(String(d.code))) : inside.length > 0;
            return {
                kind: e.kind,
                schema: e.schema,
                caught,
                found: inside.map(d => String(ours ? d.code : d.message).slice(0, 120))
            };
        });
        const openRss = readStatus(server.pid);
        if (o.openOnly) {
            await shutdown();
            return {
                kind: o.kind,
                marks,
                files: uris.length,
                openAllMs,
                // Only a cold session has them (undefined is left out of the results file).
                spawnAllMs: o.cold ? spawnAllMs : undefined,
                openCpuMs: o.cold ? openCpuMs : undefined,
                firstAllMs,
                openPublishes,
                diagnostics: bySeverity,
                detection,
                rss: { startupKb: startupRss.rssKb, afterOpenKb: openRss.rssKb, peakKb: openRss.hwmKb }
            };
        }

        // ── 3. edits ─────────────────────────────────────────────────────────
        const middle = Math.floor(o.manifest.files.length / 2);
        const target = o.manifest.files[middle];
        const targetUri = uriOf(target[ext]);
        const anchors = ours ? target.ociAnchors : target.yamlAnchors;
        const injectedHere = new Set(o.manifest.errors.filter(e => e.file === middle).map(e => e.oci));
        const clean = anchors.map((a, i) => ({ a, i })).filter(x => !injectedHere.has(x.i));
        const spread = count =>
            Array.from({ length: count }, (_, k) => clean[Math.floor((k * clean.length) / count) % clean.length].a);

        const change = async changes => {
            const version = versions.get(targetUri) + 1;
            versions.set(targetUri, version);
            await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
                textDocument: { uri: targetUri, version },
                contentChanges: changes
            });
        };
        const editSamples = [];
        const editPublished = [];
        phaseStart = monotonicUs();
        const editTargets = spread(Math.ceil(o.edits / 2));
        for (let j = 0; j < o.edits; j++) {
            const a = editTargets[Math.floor(j / 2)].tR;
            const lines = texts.get(targetUri).split('\n', a.line + 1);
            const original = lines[a.line].slice(a.character, a.character + a.length);
            const text = j % 2 === 0 ? '99' : original;
            const range = {
                start: { line: a.line, character: a.character },
                end: { line: a.line, character: a.character + a.length }
            };
            const sent = performance.now();
            await change([{ range, text }]);
            const p = await nextPublish(targetUri, sent);
            editSamples.push(p.at - sent);
            await sleep(PAUSE_MS);
            // Files re-validated by this edit (ours publishes every file its build touched).
            editPublished.push(uris.filter(u => (publishes.get(u) ?? []).some(x => x.at > sent)).length);
        }
        if (o.edits % 2 === 1) throw new Error('edits must be even (each edit is undone by the next)');
        mark('edit', phaseStart);

        // ── 4. hovers ────────────────────────────────────────────────────────
        const hoverSamples = [];
        let hoverEmpty = 0;
        phaseStart = monotonicUs();
        const hoverTargets = spread(Math.ceil(o.hovers / 2));
        for (let j = 0; j < o.hovers; j++) {
            const a = hoverTargets[Math.floor(j / 2)];
            const at = j % 2 === 0 ? a.componente : a.codigo;
            const started = performance.now();
            const hover = await connection.sendRequest(rpc.HoverRequest.type, {
                textDocument: { uri: targetUri },
                position: { line: at.line, character: at.character + 2 }
            });
            hoverSamples.push(performance.now() - started);
            if (!hover) hoverEmpty++;
        }

        const itemsOf = result => (Array.isArray(result) ? result : (result?.items ?? []));
        const complete = async (position, samples, check) => {
            const started = performance.now();
            const result = await connection.sendRequest(rpc.CompletionRequest.type, {
                textDocument: { uri: targetUri },
                position
            });
            samples.push(performance.now() - started);
            const items = itemsOf(result);
            return { count: items.length, ok: check(items) };
        };

        mark('hover', phaseStart);

        // ── 5a. completion of an enumerated value (the public's sex) ─────────
        const enumSamples = [];
        let enumOk = 0;
        const sexoTargets = spread(10).map(a => a.sexo);
        phaseStart = monotonicUs();
        for (let j = 0; j < o.completions; j++) {
            const r = await complete(sexoTargets[j % sexoTargets.length], enumSamples, items =>
                items.some(i => i.label === 'feminino' || i.insertText === 'feminino')
            );
            if (r.ok) enumOk++;
        }

        mark('completionEnum', phaseStart);

        // ── 5b. completion on a new line inside 10 OCIs ──────────────────────
        const completionTargets = spread(10)
            .map(a => a.novoItem)
            .sort((x, y) => x.line - y.line);
        const insertSent = performance.now();
        await change(
            [...completionTargets].reverse().map(n => ({
                range: { start: { line: n.line, character: 0 }, end: { line: n.line, character: 0 } },
                text: `${n.indent}\n`
            }))
        );
        await nextPublish(targetUri, insertSent);
        await sleep(PAUSE_MS);
        const positions = completionTargets.map((n, i) => ({ line: n.line + i, character: n.indent.length }));
        const completionSamples = [];
        let completionItems = 0;
        phaseStart = monotonicUs();
        for (let j = 0; j < o.completions; j++) {
            const r = await complete(positions[j % positions.length], completionSamples, () => true);
            completionItems += r.count;
        }

        mark('completionNewLine', phaseStart);

        // ── 6. ours: completion of a procedure code by name ──────────────────
        const byNameSamples = [];
        let byNameFound = false;
        if (ours) {
            const p0 = positions[0];
            const typed = 'eventual ultrass';
            const sent = performance.now();
            await change([{ range: { start: p0, end: p0 }, text: typed }]);
            await nextPublish(targetUri, sent);
            await sleep(PAUSE_MS);
            const position = { line: p0.line, character: p0.character + typed.length };
            phaseStart = monotonicUs();
            for (let j = 0; j < Math.max(20, Math.floor(o.completions / 2)); j++) {
                const r = await complete(position, byNameSamples, items =>
                    items.some(i => /ULTRASSONOGRAFIA/i.test(i.label))
                );
                if (r.ok) byNameFound = true;
            }
            mark('completionByName', phaseStart);
        }

        // ── 7. memory, shutdown ──────────────────────────────────────────────
        const endRss = readStatus(server.pid);
        const code = await shutdown();

        return {
            kind: o.kind,
            marks,
            files: uris.length,
            openAllMs,
            openPublishes,
            firstAllMs,
            diagnostics: bySeverity,
            detection,
            editMs: editSamples,
            /** Files that received diagnostics after each edit (the edited one included). */
            editFilesPublished: editPublished,
            hoverMs: hoverSamples,
            hoverEmpty,
            completionMs: completionSamples,
            completionItemsPerRequest: completionItems / Math.max(1, o.completions),
            completionEnumMs: enumSamples,
            completionEnumOk: enumOk,
            completionByNameMs: byNameSamples,
            completionByNameFound: byNameFound,
            rss: { startupKb: startupRss.rssKb, afterOpenKb: openRss.rssKb, endKb: endRss.rssKb, peakKb: endRss.hwmKb },
            exitCode: code
        };
    }
}
