/**
 * Keeps the server's heap near its live data. A keystroke re-parses only the elements it
 * touched (incremental-parse.ts), but a file saved on disk, a header change or a lexer error is
 * parsed whole (a file of 200 OCIs is ~50,000 CST nodes), and every build revalidates and
 * relinks whole files: a session leaves old documents and validation garbage in the old
 * generation, which V8 lets grow to several times the live data before it collects (a
 * 2,000-OCI workspace with ~90 MB live reached ~590 MB of RSS in the benchmark's session when
 * every edit re-parsed its file). After a build, when the used heap has grown past 1.5× what the last full collection
 * left (and 32 MB above it), the server collects when the user pauses (300 ms without a new
 * build); past 3× it collects right away, on the next turn of the event loop, after the
 * diagnostics are sent. Collecting after every few keystrokes cost the edit latency its p95;
 * this way a collection rarely meets a keystroke. OCI_HEAP_GROWTH, OCI_HEAP_HARD_GROWTH,
 * OCI_HEAP_SLACK_MB and OCI_HEAP_IDLE_MS tune it.
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
    return typeof gc === 'function' ? (gc as () => void) : undefined;
}

export interface MemoryPolicyOptions {
    /** Collect when idle once the used heap exceeds this multiple of the live heap after the last collection. */
    growth?: number;
    /** Collect right after the build (without waiting to be idle) beyond this multiple. */
    hardGrowth?: number;
    /** …in both cases only when at least this many bytes above the live heap. */
    slackBytes?: number;
    /** How long without a new build counts as idle (a pause in typing). */
    idleMs?: number;
    /** The collection to run (tests); Node's exposed `gc` by default. */
    collect?: () => void;
}

export function installMemoryPolicy(
    shared: LangiumSharedCoreServices,
    options: MemoryPolicyOptions = {}
): { collections: () => number } {
    const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
    const growth = options.growth ?? env('OCI_HEAP_GROWTH', 1.5);
    const hardGrowth = options.hardGrowth ?? env('OCI_HEAP_HARD_GROWTH', 3);
    const slack = options.slackBytes ?? env('OCI_HEAP_SLACK_MB', 32) * 1024 * 1024;
    const idleMs = options.idleMs ?? env('OCI_HEAP_IDLE_MS', 300);
    const gc = options.collect ?? exposedCollection();
    let live = getHeapStatistics().used_heap_size;
    let collections = 0;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let immediate = false;
    const collect = () => {
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = undefined;
        immediate = false;
        gc!();
        collections++;
        live = getHeapStatistics().used_heap_size;
    };
    if (gc) {
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            if (idleTimer) clearTimeout(idleTimer);
            idleTimer = undefined;
            const used = getHeapStatistics().used_heap_size;
            if (used - live < slack) return;
            if (used >= live * hardGrowth) {
                // Typing without pause: bound the heap anyway, after the diagnostics went out.
                if (!immediate) setImmediate(collect);
                immediate = true;
            } else if (used >= live * growth) {
                idleTimer = setTimeout(collect, idleMs);
                idleTimer.unref?.();
            }
        });
    }
    return { collections: () => collections };
}
