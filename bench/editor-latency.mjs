#!/usr/bin/env node
/**
 * Editor latency of the language server (not a timed test): completion and hover round trips
 * as VS Code makes them, over stdio LSP, against the bundled server (out/server/main.cjs) with
 * the FULL SIGTAP 2026-01 table (4,962 procedures).
 *
 *   npm run bundle && npx node bench/editor-latency.mjs [--n=120] [--json]
 *
 * A temporary workspace gets the example's files (examples/pmae/*.oci, 34 OCIs in 7 files); the
 * header's `sigtap` points at ../shared/design/data/sigtap/TabelaUnificada_202601_v2601221740.zip
 * by absolute path (outside the workspace, so the server runs with OCI_SIGTAP_EXTERNO=1). The
 * client initializes with the workspace folder, waits for the diagnostics of every file (the
 * start-up figure: process start → last file's first publishDiagnostics, SIGTAP read included),
 * opens oncologia.oci with four probe lines typed into four OCIs, then sends, one at a time:
 *   completion — a code by name (`eventual mamog|`), by code prefix (`eventual 02.04.03|`),
 *                by name again (`obrigatorio ultrass|`), and an empty item line (keywords);
 *   hover      — on component procedure codes (SIGTAP row), on OCI codes (value breakdown),
 *                on CIDs (name and association).
 * Each kind rotates over its positions; after 5 warm-up requests of each kind, N requests in
 * all per request type (default 120; at least 50) are timed with performance.now() around
 * sendRequest. Every answer is checked (a wrong or empty answer aborts: fast nothing is no
 * result). Prints p50/p95/max per kind and over all, in milliseconds.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchEnv, SERVER_NODE_ARGV } from './common.mjs';

const requireCjs = createRequire(import.meta.url);
const rpc = requireCjs('vscode-languageserver-protocol/node');

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(REPO, 'out', 'server', 'main.cjs');
const EXAMPLE = path.join(REPO, 'examples', 'pmae');
const SIGTAP = path.resolve(REPO, '../shared/design/data/sigtap/TabelaUnificada_202601_v2601221740.zip');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
    const hit = args.find(a => a.startsWith(`--${name}=`));
    return hit ? hit.slice(name.length + 3) : fallback;
};
const N = Math.max(50, Number(arg('n', 120)));
const JSON_OUT = args.includes('--json');
const WARMUP = 5;

function fail(message) {
    process.stderr.write(`editor-latency: ${message}\n`);
    process.exit(1);
}
if (!fs.existsSync(SERVER)) fail(`${path.relative(REPO, SERVER)} not found: run "npm run bundle" first`);
if (!fs.existsSync(SIGTAP)) fail(`${SIGTAP} not found (the shared/ folder beside the repository)`);

const percentile = (samples, p) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
};

// ------------------------------------------------------------------------------------------------
// the workspace
const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-editor-latency-')));
const files = fs
    .readdirSync(EXAMPLE)
    .filter(f => f.endsWith('.oci'))
    .sort();
for (const f of files) {
    let text = fs.readFileSync(path.join(EXAMPLE, f), 'utf8');
    if (f === 'catalogo.oci') {
        text = text.replace(/^(\s*sigtap\s+)"[^"]*"/m, (_, lead) => `${lead}${JSON.stringify(SIGTAP)}`);
        if (!text.includes(SIGTAP)) fail('could not point the header of catalogo.oci at the full SIGTAP zip');
    }
    fs.writeFileSync(path.join(ws, f), text);
}
const uriOf = f => pathToFileURL(path.join(ws, f)).toString();

// ------------------------------------------------------------------------------------------------
// the server
const started = performance.now();
// As the VS Code client starts it (server/src/launch-argv.json; the entry that turns on the compile
// cache before it loads the bundle, server/src/start.ts).
const server = spawn(process.execPath, [...SERVER_NODE_ARGV, path.join(path.dirname(SERVER), 'start.cjs'), '--stdio'], {
    cwd: ws,
    env: benchEnv(),
    stdio: ['pipe', 'pipe', 'pipe']
});
let stderr = '';
server.stderr.on('data', chunk => {
    stderr += String(chunk);
});
const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin)
);
const published = new Map();
const publishTimes = new Map();
connection.onNotification(rpc.PublishDiagnosticsNotification.type, params => {
    published.set(params.uri, params);
    if (!publishTimes.has(params.uri)) publishTimes.set(params.uri, performance.now());
});
connection.listen();

function cleanup() {
    try {
        connection.dispose();
    } catch {
        /* gone */
    }
    if (server.exitCode === null) server.kill();
    fs.rmSync(ws, { recursive: true, force: true });
}

async function waitFor(what, probe, timeout = 120_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${stderr.slice(-400)}`);
        await new Promise(r => setTimeout(r, 10));
    }
}

try {
    await connection.sendRequest(rpc.InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(ws).toString(),
        workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'pmae' }],
        initializationOptions: { locale: 'pt-br' },
        capabilities: {
            textDocument: {
                publishDiagnostics: {},
                hover: { contentFormat: ['markdown'] },
                completion: { completionItem: { snippetSupport: true } }
            },
            workspace: { workspaceFolders: true }
        }
    });
    await connection.sendNotification(rpc.InitializedNotification.type, {});
    await waitFor('the diagnostics of every file', () => files.every(f => published.has(uriOf(f))));
    const startup = Math.max(...files.map(f => publishTimes.get(uriOf(f)))) - started;
    const errors = [...published.values()].flatMap(p => p.diagnostics).filter(d => d.severity === 1);
    if (errors.length > 0)
        throw new Error(
            `the example has errors: ${errors
                .slice(0, 3)
                .map(d => d.message)
                .join(' / ')}`
        );

    // ---- the opened document, with one probe line typed into each of four OCIs
    const target = 'oncologia.oci';
    const original = fs.readFileSync(path.join(ws, target), 'utf8');
    const probes = [
        { kind: 'completion: code by name (`eventual mamog`)', line: '  eventual mamog', expect: /MAMOGRAFIA/ },
        { kind: 'completion: code prefix (`eventual 02.04.03`)', line: '  eventual 02.04.03', expect: /^02\.04\.03\./ },
        { kind: 'completion: code by name (`obrigatorio ultrass`)', line: '  obrigatorio ultrass', expect: /ULTRASS/ },
        { kind: 'completion: keywords (empty item line)', line: '  ', expect: /^(obrigatorio|eventual|conclusao)$/ }
    ];
    const lines = original.split('\n');
    const tmLines = lines.map((l, i) => (/^\s*tM\s/.test(l) ? i : -1)).filter(i => i >= 0);
    if (tmLines.length < probes.length) throw new Error(`${target} has fewer than ${probes.length} OCIs`);
    // Insert from the bottom up so the earlier line numbers stay valid.
    const at = probes.map((p, i) => ({ ...p, after: tmLines[i], position: undefined }));
    for (const p of [...at].reverse()) lines.splice(p.after + 1, 0, p.line);
    const text = lines.join('\n');
    const textLines = text.split('\n');
    for (const p of at) {
        p.position = { line: textLines.indexOf(p.line, p.after), character: p.line.length };
        if (p.position.line < 0) throw new Error(`probe line not found: ${p.line}`);
    }
    const uri = uriOf(target);
    const before = published.get(uri);
    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'oci', version: 1, text }
    });
    await waitFor(`the diagnostics of the edited ${target}`, () => published.get(uri) !== before);

    // ---- hover positions, from the text
    const hoverProbes = [];
    const collect = (kind, regex, group, delta, expect) => {
        const positions = [];
        textLines.forEach((l, line) => {
            const m = regex.exec(l);
            if (m) positions.push({ line, character: m.index + m[0].indexOf(m[group]) + delta });
        });
        if (positions.length === 0) throw new Error(`no position for ${kind}`);
        hoverProbes.push({ kind, positions, expect });
    };
    collect(
        'hover: procedure code (SIGTAP row)',
        /^\s*(?:obrigatorio|eventual)\s+(\d{2}\.\d{2}\.\d{2}\.\d{3}-\d)/,
        1,
        4,
        // The row's ambulatory value: a component without `estimativa` is estimated at VL_SA (OCIs are APAC).
        /Valor ambulatorial \(VL_SA\)/
    );
    collect('hover: OCI code (value breakdown)', /^oci\s+(\d{2}\.\d{2}\.\d{2}\.\d{3}-\d)/, 1, 3, /Total calculado/);
    collect('hover: CID', /^\s*cid\s+([A-Z]\d{2}(?:\.\d)?)/, 1, 1, /\*\*CID /);

    // ---- measurements
    const results = [];
    async function measure(kinds, total, send, check) {
        const per = Math.ceil(total / kinds.length);
        const all = [];
        for (const k of kinds) {
            const samples = [];
            for (let i = 0; i < WARMUP + per; i++) {
                const t0 = performance.now();
                const answer = await send(k, i);
                const elapsed = performance.now() - t0;
                const problem = check(k, answer);
                if (problem) throw new Error(`${k.kind}: ${problem}`);
                if (i >= WARMUP) samples.push(elapsed);
            }
            results.push(row(k.kind, samples));
            all.push(...samples);
        }
        return all;
    }
    const row = (kind, samples) => ({
        kind,
        n: samples.length,
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
        max: Math.max(...samples),
        mean: samples.reduce((a, b) => a + b, 0) / samples.length
    });

    const completionAll = await measure(
        at,
        N,
        p => connection.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: p.position }),
        (p, answer) => {
            const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
            const texts = items.map(i => `${i.label}`);
            return items.length === 0
                ? 'no items'
                : texts.some(t => p.expect.test(t))
                  ? undefined
                  : `no item matches ${p.expect} (${texts.slice(0, 5).join(' / ')})`;
        }
    );
    results.push(row('completion: all', completionAll));
    const hoverAll = await measure(
        hoverProbes,
        N,
        (h, i) =>
            connection.sendRequest(rpc.HoverRequest.type, {
                textDocument: { uri },
                position: h.positions[i % h.positions.length]
            }),
        (h, answer) =>
            answer && h.expect.test(answer.contents?.value ?? '')
                ? undefined
                : `unexpected hover: ${JSON.stringify(answer)?.slice(0, 200)}`
    );
    results.push(row('hover: all', hoverAll));

    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);

    const summary = {
        server: path.relative(REPO, SERVER),
        node: process.version,
        sigtap: path.basename(SIGTAP),
        workspace: `examples/pmae (${files.length} files)`,
        startupMs: startup,
        results
    };
    if (JSON_OUT) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    } else {
        const f = v => v.toFixed(1).padStart(7);
        const out = [];
        out.push(
            `editor latency — ${summary.server} on Node ${summary.node}; SIGTAP ${summary.sigtap} (full); ${summary.workspace}`
        );
        out.push(
            `start-up (spawn → diagnostics of every file, SIGTAP read included): ${(startup / 1000).toFixed(2)} s`
        );
        out.push('');
        const width = Math.max(...results.map(r => r.kind.length));
        out.push(`${'request'.padEnd(width)}      n  p50 ms  p95 ms  max ms`);
        for (const r of results)
            out.push(`${r.kind.padEnd(width)}  ${String(r.n).padStart(5)} ${f(r.p50)} ${f(r.p95)} ${f(r.max)}`);
        process.stdout.write(out.join('\n') + '\n');
    }
} catch (error) {
    cleanup();
    fail(error?.stack ?? String(error));
}
cleanup();
