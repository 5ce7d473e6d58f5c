/**
 * Nothing accumulates across documents: a language server that opens, edits and closes documents
 * for days must release each closed document — its AST, CST, text and diagnostics — with every
 * cache and pending task that refers to it. Here a few hundred fuzz cases, each under a file name
 * of its own (so that a cache keyed by URI would grow too), go through everything fuzz-core's
 * `exercise` does (build, value engine, JSON generator, formatter and every LSP provider), each
 * case's documents being deleted by the next one; then, after the event loop has turned and the
 * garbage collector has run, no document of a finished case may still be alive (WeakRef).
 *
 * This is what once made the 100,000-case fuzz run die with "JS heap out of memory": the cases
 * never let the event loop turn, so the timer the completion provider sets after each build never
 * ran and kept that build's documents (≈ 115 KB a case) — see `yieldToEventLoop` in fuzz-core.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { DocumentState, type LangiumDocument } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';
import { bySize } from '../tier.js';
import {
    exercise,
    fuzzInputArb,
    loadCorpus,
    materialize,
    openCapturedHarness,
    yieldToEventLoop,
    type Case,
    type Harness
} from './fuzz-core.js';

const CASES = bySize('MEMORY_CASES', 80, 300);

/** The garbage collector, without starting node with --expose-gc. */
function collector(): () => void {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
}

let h: Harness;
let close: () => Promise<void>;
beforeAll(() => {
    ({ h, close } = openCapturedHarness(REPO_ROOT));
});
afterAll(() => close());

/** The case with its target under a name of its own: `caso-17.oci`. */
function renamed(c: Case, i: number): Case {
    const target = `caso-${i}.oci`;
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(c.files)) files[name === c.target ? target : name] = text;
    return { ...c, files, target };
}

describe('memory: finished documents are released', () => {
    it(`${CASES} fuzz cases, each under its own file name, leave no document alive`, async () => {
        const gc = collector();
        const corpus = loadCorpus(REPO_ROOT);
        const inputs = fc.sample(fuzzInputArb(corpus), { numRuns: CASES, seed: 20260101 });
        const refs: Array<{ case: number; ref: WeakRef<LangiumDocument> }> = [];
        let current = -1;
        const seen = new WeakSet<LangiumDocument>();
        h.services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            for (const d of documents) {
                if (seen.has(d)) continue;
                seen.add(d);
                refs.push({ case: current, ref: new WeakRef(d) });
            }
        });
        const aliveBefore = (k: number) =>
            refs
                .filter(r => r.case < k && r.ref.deref() !== undefined)
                .map(r => `caso ${r.case}: ${r.ref.deref()!.uri.path}`);
        for (const [i, input] of inputs.entries()) {
            current = i;
            await exercise(h, renamed(materialize(corpus, input), i));
            if (i % 50 === 49) {
                // Now, between two cases, without awaiting anything: only the last cases may
                // still be referenced (by a timer that the next turns of the event loop will run).
                gc();
                const alive = aliveBefore(i - 20);
                expect(
                    alive.slice(0, 10),
                    `após o caso ${i}: ${alive.length} documento(s) de casos anteriores ainda vivos`
                ).toEqual([]);
            }
        }
        const last = current;
        // Pending timers (a completion index warm-up after the last build) run, then the collector.
        for (let turn = 0; turn < 3; turn++) {
            await yieldToEventLoop();
            await new Promise(resolve => setTimeout(resolve, 5));
        }
        gc();
        await yieldToEventLoop();
        gc();

        expect(refs.filter(r => r.case !== last).length).toBeGreaterThan(CASES);
        const alive = aliveBefore(last);
        expect(alive.slice(0, 10), `${alive.length} documento(s) de casos terminados ainda vivos`).toEqual([]);
        expect(h.services.shared.workspace.LangiumDocuments.all.count()).toBeLessThanOrEqual(
            Object.keys(materialize(corpus, inputs[last]).files).length
        );
    }, 240_000);
});
