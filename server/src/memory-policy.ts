/**
 * Keeps the server's heap near its live data. Every edit re-parses a whole file (a file of 200
 * OCIs is ~50,000 CST nodes), so a session of typing leaves tens of megabytes of old documents
 * per keystroke in the old generation; V8 lets that grow to several times the live data before
 * it collects (a 2,000-OCI workspace with ~90 MB live reached 640 MB of RSS in the benchmark's session; 340 MB with this policy). After a build, when the
 * used heap has grown past a multiple of what the last full collection left (and some MB above
 * it; 1.5× and 32 MB by default, OCI_HEAP_GROWTH and OCI_HEAP_SLACK_MB to tune), the server collects once, on the next turn of the event loop: after the diagnostics are
 * sent, so the cost (tens of milliseconds) does not delay them.
 */
import { getHeapStatistics } from 'node:v8';
import { DocumentState, type LangiumSharedCoreServices } from 'langium';

/**
 * Node's full collection, present when the server runs with `--expose-gc` (SERVER_EXEC_ARGV in
 * launch.ts: the VS Code client starts it so; other LSP clients may add the flag). Without it the
 * policy does nothing and V8 decides alone. (No `vm` trick to reach it: no module of the server
 * evaluates code.)
 */
function exposedCollection(): (() => void) | undefined {
    const gc = (globalThis as { gc?: unknown }).gc;
    return typeof gc === 'function' ? gc as () => void : undefined;
}

export interface MemoryPolicyOptions {
    /** Collect when the used heap exceeds this multiple of the live heap after the last collection. */
    growth?: number;
    /** …and is at least this many bytes above it. */
    slackBytes?: number;
    /** The collection to run (tests); Node's exposed `gc` by default. */
    collect?: () => void;
}

export function installMemoryPolicy(shared: LangiumSharedCoreServices, options: MemoryPolicyOptions = {}): { collections: () => number } {
    const growth = options.growth ?? Number(process.env.OCI_HEAP_GROWTH ?? 1.5);
    const slack = options.slackBytes ?? Number(process.env.OCI_HEAP_SLACK_MB ?? 32) * 1024 * 1024;
    const gc = options.collect ?? exposedCollection();
    let live = getHeapStatistics().used_heap_size;
    let collections = 0;
    let scheduled = false;
    if (gc) {
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            if (scheduled) return;
            const used = getHeapStatistics().used_heap_size;
            if (used < live * growth || used - live < slack) return;
            scheduled = true;
            setImmediate(() => {
                scheduled = false;
                gc();
                collections++;
                live = getHeapStatistics().used_heap_size;
            });
        });
    }
    return { collections: () => collections };
}
