/**
 * Never crashes, never hangs: mutated catalogues (examples/pmae and test/helpers' MAMA with
 * tokens deleted, duplicated, swapped or replaced, truncated anywhere, odd Unicode inserted,
 * CR/LF/CRLF mixed, blocks repeated dozens of times, numbers made huge) go through parse, link,
 * validate with the SIGTAP subset, the value engine, the JSON generator, the formatter (format →
 * same tokens → idempotent) and every LSP provider — see fuzz-core.ts. Each case must finish
 * within FUZZ_BOUND_MS (2 s of CPU time of its thread, so that a busy machine does not fail it;
 * a case over the bound is run once more before it counts) and log nothing on console.error; a workspace without errors
 * must
 * publish a schema-valid catalogue whose money re-adds exactly.
 *
 * The cases run in worker threads (one per core, at most 2 by default), in fast-check batches of
 * FUZZ_BATCH cases, each batch with its own seed. A watchdog terminates a worker that spends more
 * than FUZZ_HANG_MS (5 min, wall clock) on one case and reports it as a hang with its input.
 *
 *   npm test                     # fast tier: 3,000 cases
 *   npm run test:soak            # soak tier: 100,000 cases (CI runs both)
 *   FUZZ_RUNS=1000000 FUZZ_WORKERS=8 npx vitest run test/robustness/fuzz.test.ts   # nightly
 *   FUZZ_SEED=123 …                                                   # replay a reported seed
 *
 * A failing case is written to out/fuzz/ (JSON: the files, the target, the LSP positions);
 * copy it to test/fixtures/crashers/ (crashers.test.ts replays every file there) and fix the bug.
 * The figures of the run go to out/fuzz/figures.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';
import { bySize } from '../tier.js';
import type { Case } from './fuzz-core.js';
import type { WorkerData, WorkerFigures, WorkerMessage } from './fuzz-worker.js';

const RUNS = bySize('FUZZ_RUNS', 1_000, 100_000);
const WORKERS = Math.max(1, Number(process.env.FUZZ_WORKERS ?? Math.min(2, os.availableParallelism())));
const BATCH = Number(process.env.FUZZ_BATCH ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 30));
const BOUND_MS = Number(process.env.FUZZ_BOUND_MS ?? 2_000);
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 300_000);
/** Most the used heap of a worker may grow, after a full GC, from its first batch to its last. */
const HEAP_GROWTH_MB = Number(process.env.FUZZ_HEAP_GROWTH_MB ?? 64);
const OUT = path.join(REPO_ROOT, 'out/fuzz');

async function bundleWorker(): Promise<string> {
    const outfile = path.join(REPO_ROOT, 'node_modules/.cache/oci-robustness/fuzz-worker.mjs');
    await esbuild.build({
        entryPoints: [path.join(REPO_ROOT, 'test/robustness/fuzz-worker.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        sourcemap: 'inline',
        outfile,
        logLevel: 'error'
    });
    return outfile;
}

interface Failure {
    seed: number;
    error: string;
    file?: string;
}

function saveCase(c: Case | undefined, seed: number, error: string): string | undefined {
    if (!c) return undefined;
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `crasher-${seed}-${Date.now().toString(36)}.json`);
    fs.writeFileSync(
        file,
        JSON.stringify({ descricao: error.split('\n')[0].slice(0, 300), seed, ...c }, null, 2) + '\n'
    );
    return path.relative(REPO_ROOT, file);
}

function runWorker(script: string, data: WorkerData, failures: Failure[]): Promise<WorkerFigures | undefined> {
    return new Promise(resolve => {
        const worker = new Worker(script, { workerData: data });
        let current: Case | undefined;
        let since = Date.now();
        let figures: WorkerFigures | undefined;
        const watchdog = setInterval(() => {
            if (Date.now() - since > HANG_MS) {
                clearInterval(watchdog);
                failures.push({
                    seed: data.seed,
                    error: `hang: one case ran more than ${HANG_MS} ms`,
                    file: saveCase(current, data.seed, 'hang')
                });
                void worker.terminate();
            }
        }, 1_000);
        worker.on('message', (message: WorkerMessage) => {
            if (message.type === 'case') {
                current = message.case;
                since = Date.now();
            } else if (message.type === 'failure') {
                failures.push({
                    seed: message.seed,
                    error: message.error,
                    file: saveCase(message.case, message.seed, message.error)
                });
            } else if (message.type === 'progress') {
                figures = message.figures; // kept should the worker be terminated
            } else if (message.type === 'figures') {
                figures = message.figures;
                void worker.terminate();
            }
        });
        worker.on('error', error => {
            failures.push({
                seed: data.seed,
                error: `worker error: ${error.stack ?? error.message}`,
                file: saveCase(current, data.seed, error.message)
            });
        });
        worker.on('exit', () => {
            clearInterval(watchdog);
            resolve(figures);
        });
    });
}

function merge(all: WorkerFigures[]): WorkerFigures & { workers: number; heapGrowthMb: number } {
    const sum = (f: (w: WorkerFigures) => number) => all.reduce((n, w) => n + f(w), 0);
    const add = (pick: (w: WorkerFigures) => Record<string, number>) => {
        const out: Record<string, number> = {};
        for (const w of all) for (const [k, v] of Object.entries(pick(w))) out[k] = (out[k] ?? 0) + v;
        return out;
    };
    return {
        workers: all.length,
        documents: sum(w => w.documents),
        bytes: sum(w => w.bytes),
        published: sum(w => w.published),
        formatted: sum(w => w.formatted),
        withErrors: sum(w => w.withErrors),
        diagnostics: sum(w => w.diagnostics),
        maxMs: Math.max(0, ...all.map(w => w.maxMs)),
        maxBytes: Math.max(0, ...all.map(w => w.maxBytes)),
        heapMb: {
            first: Math.max(0, ...all.map(w => w.heapMb.first)),
            last: Math.max(0, ...all.map(w => w.heapMb.last))
        },
        heapGrowthMb: Math.max(0, ...all.map(w => w.heapMb.last - w.heapMb.first)),
        histogram: add(w => w.histogram),
        stages: add(w => w.stages),
        seconds: Math.max(0, ...all.map(w => w.seconds))
    };
}

describe('fuzzing: mutated catalogues never crash, hang or publish a wrong catalogue', () => {
    it(
        `${RUNS} cases in ${WORKERS} worker(s), batches of ${BATCH}, seed ${SEED}`,
        async () => {
            const script = await bundleWorker();
            const failures: Failure[] = [];
            const share = Math.ceil(RUNS / WORKERS);
            const results = await Promise.all(
                Array.from({ length: WORKERS }, (_, i) =>
                    runWorker(
                        script,
                        {
                            repoRoot: REPO_ROOT,
                            runs: Math.min(share, RUNS - i * share),
                            batchSize: BATCH,
                            seed: SEED + i * 100_003,
                            boundMs: BOUND_MS
                        },
                        failures
                    )
                )
            );
            const figures = merge(results.filter((r): r is WorkerFigures => r !== undefined));
            fs.mkdirSync(OUT, { recursive: true });
            const report = {
                seed: SEED,
                runs: RUNS,
                batch: BATCH,
                boundMs: BOUND_MS,
                ...figures,
                stages: Object.fromEntries(Object.entries(figures.stages).map(([k, v]) => [k, Math.round(v)])),
                documentsPerSecond: Math.round(figures.documents / Math.max(figures.seconds, 0.001)),
                failures
            };
            fs.writeFileSync(path.join(OUT, 'figures.json'), JSON.stringify(report, null, 2) + '\n');
            console.log(
                `fuzz: ${figures.documents} documentos em ${figures.seconds.toFixed(0)} s (${report.documentsPerSecond}/s, ${WORKERS} worker(s)); ` +
                    `${figures.published} publicáveis, ${figures.formatted} formatados, ${figures.withErrors} com erro; pior caso ${figures.maxMs.toFixed(0)} ms; ` +
                    `heap após GC ${figures.heapMb.first} MB no 1º lote, ${figures.heapMb.last} MB no último; ` +
                    `${failures.length} falha(s)`
            );
            expect(
                failures.map(f => `seed ${f.seed}: ${f.error.slice(0, 1500)}${f.file ? `\n  → ${f.file}` : ''}`)
            ).toEqual([]);
            expect(figures.documents).toBeGreaterThanOrEqual(RUNS);
            expect(figures.maxMs).toBeLessThanOrEqual(BOUND_MS);
            // Nothing accumulates from case to case (a leak of ~100 KB a case once killed the workers).
            expect(figures.heapGrowthMb, 'heap growth after GC, MB').toBeLessThan(HEAP_GROWTH_MB);
            // The mutations must leave a fair share of documents valid, formatted and publishable.
            expect(figures.published).toBeGreaterThan(RUNS * 0.02);
            expect(figures.formatted).toBeGreaterThan(RUNS * 0.02);
        },
        Math.max(600_000, RUNS * 30)
    );
});
