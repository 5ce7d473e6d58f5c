#!/usr/bin/env node
/**
 * The playground's critical path, thread by thread (issue 16): opens one or more built playground folders
 * (out/playground/ as scripts/playground.mjs writes it) alternately in the same headless Chromium, each load under a
 * Chromium trace, and reports per load the time from navigation to the first diagnostics (the page's
 * body[data-primeiros-diagnosticos-ms], as bench/playground.mjs) and, until that moment, the thread CPU (`tdur` of
 * the top-level tasks) of the page's main thread and of the language server's worker, and the steps of each thread
 * (script compile/evaluate, network, the page's own performance marks). Folders alternate (A B A B …) so that a
 * shared machine's load falls on both alike.
 *
 *   node bench/playground-trace.mjs RUNS DIR_A [DIR_B …] [--steps] [--json FILE]
 *
 * --steps prints every load's step list (the first load of each folder otherwise); --json writes the raw figures.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

const argv = process.argv.slice(2);
const flag = name => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = argv.splice(i, 2);
    return value ?? '';
};
const allSteps = argv.includes('--steps');
if (allSteps) argv.splice(argv.indexOf('--steps'), 1);
const profile = argv.includes('--profile');
if (profile) argv.splice(argv.indexOf('--profile'), 1);
const jsonOut = flag('--json');
/** --trace DIR: every load's raw Chromium trace as DIR/<folder>-<n>.json (for chrome://tracing or DevTools). */
const traceDir = flag('--trace');
const runs = Number(argv.shift() ?? 5);
const dirs = argv.map(d => path.resolve(d));
if (dirs.length === 0 || !Number.isFinite(runs)) {
    process.stderr.write('uso: node bench/playground-trace.mjs RUNS DIR_A [DIR_B …] [--steps] [--json FILE]\n');
    process.exit(2);
}

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json'
};
/** One static server per folder (no-store, as scripts/playground.mjs serves it). */
function serve(dir) {
    const server = http.createServer((req, res) => {
        const rel =
            decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
        const file = path.resolve(dir, rel);
        if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, {
            'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store'
        });
        fs.createReadStream(file).pipe(res);
    });
    return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const CATEGORIES = [
    'toplevel',
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'v8',
    'v8.execute',
    'blink.user_timing',
    'loading',
    'netlog',
    ...(profile ? ['disabled-by-default-v8.cpu_profiler'] : [])
];

/**
 * --profile: V8's sampled CPU profile of each thread (ProfileChunk events), as self milliseconds per function
 * (`name url:line`) until `end`, the 25 heaviest.
 */
function hotFunctions(events, key, t0, end) {
    // A Profile event names the profiled thread; its chunks (same pid and id) may come from another thread.
    const byId = new Map();
    for (const e of events) {
        if (e.name === 'Profile' && `${e.pid}:${e.tid}` === key)
            byId.set(`${e.pid}:${e.id}`, { start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
        if (e.name === 'ProfileChunk') {
            const p = byId.get(`${e.pid}:${e.id}`);
            if (!p) continue;
            const c = e.args.data.cpuProfile ?? {};
            for (const n of c.nodes ?? []) p.nodes.set(n.id, n);
            p.samples.push(...(c.samples ?? []));
            p.deltas.push(...(e.args.data.timeDeltas ?? []));
        }
    }
    const self = new Map();
    for (const p of byId.values()) {
        let t = p.start;
        for (let i = 0; i < p.samples.length; i++) {
            t += p.deltas[i] ?? 0;
            const next = p.deltas[i + 1] ?? 0;
            if (t < t0 || t > end) continue;
            const n = p.nodes.get(p.samples[i]);
            const f = n?.callFrame ?? {};
            const name = `${f.functionName || '(anon)'} ${String(f.url ?? '')
                .split('/')
                .pop()}:${f.lineNumber ?? ''}`;
            self.set(name, (self.get(name) ?? 0) + next / 1000);
        }
    }
    return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
}

/** The figures of one traced load. */
function analyse(events, firstMs, origin) {
    const threads = new Map();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
    const nav = events
        .filter(e => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(origin))
        .sort((a, b) => a.ts - b.ts)[0];
    if (!nav) throw new Error('navigationStart não encontrado no trace');
    const pid = nav.pid;
    const t0 = nav.ts;
    const end = t0 + firstMs * 1000;
    const main = `${pid}:${nav.tid}`;
    const worker = [...threads].find(([k, v]) => k.startsWith(`${pid}:`) && /DedicatedWorker/.test(v))?.[0];
    const on = key => events.filter(e => `${e.pid}:${e.tid}` === key && e.ts >= t0 && e.ts <= end);
    /** Sum of thread time of non-nested RunTask events (clipped at `end` by proportion of wall). */
    const cpu = key => {
        let total = 0,
            until = 0;
        for (const e of on(key)
            .filter(e => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
            .sort((a, b) => a.ts - b.ts)) {
            if (e.ts < until) continue;
            until = e.ts + (e.dur ?? 0);
            const share = e.dur > 0 ? Math.min(1, (end - e.ts) / e.dur) : 1;
            total += (e.tdur ?? e.dur ?? 0) * share;
        }
        return total / 1000;
    };
    const ms = ts => Math.round((ts - t0) / 1000);
    const steps = [];
    const urlOf = e => {
        const u = e.args?.data?.url ?? e.args?.fileName ?? e.args?.data?.fileName ?? '';
        return String(u).replace(origin + '/', '');
    };
    for (const [key, label] of [
        [main, 'main'],
        [worker, 'worker']
    ]) {
        if (!key) continue;
        for (const e of on(key)) {
            if (
                e.ph === 'X' &&
                (e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule')
            )
                steps.push({
                    thread: label,
                    at: ms(e.ts),
                    dur: Math.round(e.dur / 1000),
                    cpu: Math.round((e.tdur ?? 0) / 1000),
                    what: `${e.name} ${urlOf(e)}`
                });
            else if (e.ph === 'X' && e.name === 'FunctionCall' && e.dur > 20_000)
                steps.push({
                    thread: label,
                    at: ms(e.ts),
                    dur: Math.round(e.dur / 1000),
                    cpu: Math.round((e.tdur ?? 0) / 1000),
                    what: `FunctionCall ${e.args?.data?.functionName ?? ''} ${urlOf(e)}`
                });
            else if (
                e.ph === 'X' &&
                [
                    'Layout',
                    'UpdateLayoutTree',
                    'Paint',
                    'ParseHTML',
                    'MajorGC',
                    'MinorGC',
                    'V8.GC_MC_BACKGROUND'
                ].includes(e.name) &&
                e.dur > 10_000
            )
                steps.push({
                    thread: label,
                    at: ms(e.ts),
                    dur: Math.round(e.dur / 1000),
                    cpu: Math.round((e.tdur ?? 0) / 1000),
                    what: e.name
                });
            else if (
                (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b') &&
                e.cat?.includes('blink.user_timing') &&
                String(e.name).startsWith('oci:')
            )
                steps.push({ thread: label, at: ms(e.ts), dur: 0, cpu: 0, what: `mark ${e.name}` });
        }
    }
    for (const e of events)
        if (e.pid === pid && e.name === 'ResourceFinish' && e.ts >= t0 && e.ts <= end) {
            const send = events.find(
                s => s.name === 'ResourceSendRequest' && s.args?.data?.requestId === e.args?.data?.requestId
            );
            const url = send ? urlOf(send) : '?';
            steps.push({
                thread: 'net',
                at: send ? ms(send.ts) : -1,
                dur: send ? Math.round((e.ts - send.ts) / 1000) : 0,
                cpu: 0,
                what: `fetch ${url} ${e.args?.data?.encodedDataLength ?? ''}B`
            });
        }
    steps.sort((a, b) => a.at - b.at);
    const hot = profile
        ? { main: hotFunctions(events, main, t0, end), worker: worker ? hotFunctions(events, worker, t0, end) : [] }
        : undefined;
    return {
        hot,
        firstMs,
        mainCpu: Math.round(cpu(main)),
        workerCpu: worker ? Math.round(cpu(worker)) : NaN,
        steps
    };
}

const servers = await Promise.all(dirs.map(serve));
const origins = servers.map(s => `http://127.0.0.1:${s.address().port}`);
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const results = dirs.map(() => []);
for (let i = 0; i < runs; i++)
    for (let d = 0; d < dirs.length; d++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await browser.startTracing(page, { categories: CATEGORIES });
        await page.goto(`${origins[d]}/index.html`);
        await page.waitForSelector('body[data-primeiros-diagnosticos-ms]', { timeout: 120_000 });
        const firstMs = Number(await page.locator('body').getAttribute('data-primeiros-diagnosticos-ms'));
        await page.waitForTimeout(200);
        const raw = await browser.stopTracing();
        if (traceDir) fs.writeFileSync(path.join(traceDir, `${path.basename(dirs[d])}-${i + 1}.json`), raw);
        const trace = JSON.parse(raw.toString('utf8'));
        await page.close();
        const r = analyse(trace.traceEvents ?? trace, firstMs, origins[d]);
        results[d].push(r);
        process.stdout.write(
            `${path.basename(dirs[d])} #${i + 1}: primeiros diagnósticos ${firstMs} ms, CPU main ${r.mainCpu} ms, worker ${r.workerCpu} ms\n`
        );
        if (allSteps || i === 0)
            for (const s of r.steps)
                process.stdout.write(
                    `   ${String(s.at).padStart(5)} ms  ${s.thread.padEnd(6)} ${String(s.dur).padStart(5)} ms (cpu ${String(s.cpu).padStart(4)})  ${s.what}\n`
                );
        for (const [thread, list] of Object.entries(r.hot ?? {}))
            for (const [name, ms] of list)
                process.stdout.write(`   perfil ${thread.padEnd(6)} ${ms.toFixed(0).padStart(5)} ms  ${name}\n`);
    }
await browser.close();
for (const s of servers) s.close();
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = xs => Math.min(...xs);
const summary = dirs.map((d, i) => {
    const rs = results[i];
    const pick = k => rs.map(r => r[k]);
    return {
        dir: d,
        firstMs: pick('firstMs'),
        medianFirstMs: median(pick('firstMs')),
        minFirstMs: min(pick('firstMs')),
        medianMainCpu: median(pick('mainCpu')),
        medianWorkerCpu: median(pick('workerCpu'))
    };
});
for (const s of summary)
    process.stdout.write(
        `${s.dir}: primeiros diagnósticos mediana ${s.medianFirstMs} ms (mín ${s.minFirstMs}), CPU mediana main ${s.medianMainCpu} ms, worker ${s.medianWorkerCpu} ms [${s.firstMs.join(', ')}]\n`
    );
if (jsonOut)
    fs.writeFileSync(
        jsonOut,
        JSON.stringify(
            {
                summary,
                loads: results.map(rs =>
                    rs.map(r => ({ firstMs: r.firstMs, mainCpu: r.mainCpu, workerCpu: r.workerCpu }))
                )
            },
            null,
            2
        )
    );
