#!/usr/bin/env node
/**
 * The playground's size and speed (issue 16): builds out/playground/ (minified), serves it on
 * 127.0.0.1 and opens it RUNS times in headless Debian Chromium; reports the worker bundle's size
 * (raw and gzip) and the time from navigation to the first diagnostics of the example
 * (body[data-primeiros-diagnosticos-ms], set when the first markers are set on a model) and to the whole example's
 * diagnostics; writes them, with the machine's load before and after, to bench/results/playground-latest.json.
 * bench/playground-trace.mjs compares builds and shows each thread's steps and CPU.
 *
 *   node bench/playground.mjs [RUNS=5]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const { buildPlayground, servePlayground } = await import(path.join(ROOT, 'scripts/playground.mjs'));
const report = await buildPlayground();
const loadBefore = os.loadavg().map(x => Number(x.toFixed(2)));
const server = await servePlayground(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS
});
const first = [],
    all = [];
for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    await page.waitForSelector('body[data-primeiros-diagnosticos-ms]', { timeout: 60_000 });
    first.push(Number(await page.locator('body').getAttribute('data-primeiros-diagnosticos-ms')));
    // Every .oci file of the example has published its diagnostics.
    await page.waitForFunction(
        () =>
            document.querySelectorAll('#arquivos li').length >= 7 &&
            document.querySelector('#contagem')?.getAttribute('data-total') !== null
    );
    all.push(await page.evaluate(() => performance.now()));
    await page.close();
}
await browser.close();
server.close();
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = n => (n / 1048576).toFixed(2);
const w = report['server-worker.js'];
const commit = (() => {
    try {
        const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
        const dirty = execFileSync(
            'git',
            ['status', '--porcelain', '--', 'playground', 'server', 'language', 'scripts'],
            {
                cwd: ROOT,
                encoding: 'utf8'
            }
        ).trim();
        return dirty ? `${head} (com alterações locais)` : head;
    } catch {
        return undefined;
    }
})();
const result = {
    date: new Date().toISOString(),
    machine: {
        nproc: os.availableParallelism(),
        chromium: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim(),
        commit,
        loadAverageBefore: loadBefore,
        loadAverageAfter: os.loadavg().map(x => Number(x.toFixed(2)))
    },
    workerBytes: w.bytes,
    workerGzip: w.gzip,
    pageBytes: report['main.js'].bytes,
    pageGzip: report['main.js'].gzip,
    firstDiagnosticsMs: first.map(Math.round),
    medianFirstDiagnosticsMs: Math.round(median(first)),
    pageReadyMs: all.map(Math.round)
};
console.log(JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(ROOT, 'bench/results/playground-latest.json'), JSON.stringify(result, null, 2) + '\n');
console.log(
    `worker ${mib(w.bytes)} MiB (${mib(w.gzip)} MiB gzip); first diagnostics median ${Math.round(median(first))} ms over ${runs} loads`
);
