/**
 * One fuzzing worker thread (bundled by fuzz.test.ts with esbuild, so it runs outside vitest):
 * runs `runs` cases in fast-check batches of `batchSize`, each batch with its own seed, through
 * `exercise`, with the services created once. Before each case it posts the case, so that the
 * parent can save the input of a case that hangs; at the end it posts its figures.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import {
    captureConsoleError,
    createHarness,
    exercise,
    fuzzInputArb,
    loadCorpus,
    materialize,
    type Case
} from './fuzz-core.js';

export interface WorkerData {
    repoRoot: string;
    runs: number;
    batchSize: number;
    /** Seed of this worker's first batch; batch b uses seed + b. */
    seed: number;
    boundMs: number;
}

export interface WorkerFigures {
    documents: number;
    bytes: number;
    published: number;
    formatted: number;
    withErrors: number;
    diagnostics: number;
    maxMs: number;
    maxBytes: number;
    /** Used JS heap of the worker after a full garbage collection, in MB: after its first batch and after its last. */
    heapMb: { first: number; last: number };
    /** Histogram of per-case times: ≤1, ≤2, ≤4 … ms. */
    histogram: Record<string, number>;
    stages: Record<string, number>;
    seconds: number;
}

export type WorkerMessage =
    | { type: 'case'; case: Case }
    | { type: 'progress'; figures: WorkerFigures }
    | { type: 'failure'; seed: number; path?: string; case?: Case; error: string }
    | { type: 'figures'; figures: WorkerFigures };

const data = workerData as WorkerData;

/** A full garbage collection (the worker is not started with --expose-gc). */
const collect = (() => {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
})();
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

/** Figures of a worker that has run nothing yet. */
function emptyFigures(): WorkerFigures {
    return {
        documents: 0,
        bytes: 0,
        published: 0,
        formatted: 0,
        withErrors: 0,
        diagnostics: 0,
        maxMs: 0,
        maxBytes: 0,
        heapMb: { first: 0, last: 0 },
        histogram: {},
        stages: {},
        seconds: 0
    };
}

async function run(): Promise<void> {
    const corpus = loadCorpus(data.repoRoot);
    const h = createHarness(data.repoRoot, { boundMs: data.boundMs });
    captureConsoleError(h);
    let current: Case | undefined;
    process.on('unhandledRejection', error => {
        post({
            type: 'failure',
            seed: -1,
            case: current,
            error: `unhandled rejection: ${(error as Error)?.stack ?? String(error)}`
        });
    });
    const figures = emptyFigures();
    const started = performance.now();
    const arb = fuzzInputArb(corpus);
    for (let done = 0, batch = 0; done < data.runs; batch++) {
        const numRuns = Math.min(data.batchSize, data.runs - done);
        const seed = (data.seed + batch) | 0;
        const details = await fc.check(
            fc.asyncProperty(arb, async input => {
                current = materialize(corpus, input);
                post({ type: 'case', case: current });
                const r = await exercise(h, current);
                figures.documents++;
                figures.bytes += r.bytes;
                figures.maxBytes = Math.max(figures.maxBytes, r.bytes);
                figures.diagnostics += r.diagnostics;
                if (r.published) figures.published++;
                if (r.formatted) figures.formatted++;
                if (r.errors > 0) figures.withErrors++;
                figures.maxMs = Math.max(figures.maxMs, r.ms);
                const bucket = `≤${2 ** Math.max(0, Math.ceil(Math.log2(Math.max(r.ms, 1))))} ms`;
                figures.histogram[bucket] = (figures.histogram[bucket] ?? 0) + 1;
                for (const [k, v] of Object.entries(r.stages)) figures.stages[k] = (figures.stages[k] ?? 0) + v;
                if (figures.documents % 250 === 0) {
                    post({ type: 'progress', figures: { ...figures, seconds: (performance.now() - started) / 1000 } });
                }
            }),
            { numRuns, seed }
        );
        if (details.failed) {
            const counterexample = details.counterexample?.[0];
            post({
                type: 'failure',
                seed,
                path: details.counterexamplePath ?? undefined,
                case: counterexample ? materialize(corpus, counterexample) : undefined,
                error: String((details.errorInstance as Error)?.message ?? details.errorInstance)
            });
        }
        done += numRuns;
        // What stays after a full collection must not grow from batch to batch.
        collect();
        const heap = Math.round(getHeapStatistics().used_heap_size / 1e6);
        if (batch === 0) figures.heapMb.first = heap;
        figures.heapMb.last = heap;
    }
    figures.seconds = (performance.now() - started) / 1000;
    post({ type: 'figures', figures });
}

run().catch(error => {
    post({ type: 'failure', seed: -1, error: `worker crashed: ${(error as Error)?.stack ?? String(error)}` });
    post({ type: 'figures', figures: emptyFigures() });
});
